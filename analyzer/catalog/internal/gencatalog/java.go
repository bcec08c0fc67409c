package main

// A deliberately small reader for the subset of Java that Kafka's ConfigDef
// definitions use: constant declarations, .define(...) chains and the
// expressions that appear as their arguments. It is a tokenizer plus a
// recursive-descent expression parser; statements are never parsed, only
// located by bracket matching.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tNum
	tStr
	tChar
	tOp
)

type token struct {
	kind tokKind
	text string // identifier, operator, number text or decoded string
	pos  int    // byte offset in the source
}

// stripComments blanks out // and /* */ comments, keeping byte offsets and
// string literals intact.
func stripComments(src string) string {
	b := []byte(src)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '"' || b[i] == '\'':
			q := b[i]
			if q == '"' && strings.HasPrefix(string(b[i:]), `"""`) {
				end := strings.Index(string(b[i+3:]), `"""`)
				if end < 0 {
					return string(b)
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(b) && b[i] != q; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && (b[i] != '*' || i+1 >= len(b) || b[i+1] != '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		}
	}
	return string(b)
}

// tokenize splits comment-free Java source into tokens.
func tokenize(src string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '"' && strings.HasPrefix(src[i:], `"""`):
			end := strings.Index(src[i+3:], `"""`)
			if end < 0 {
				return nil, fmt.Errorf("offset %d: unterminated text block", i)
			}
			toks = append(toks, token{tStr, textBlock(src[i+3 : i+3+end]), i})
			i += 3 + end + 3
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("offset %d: unterminated literal", i)
			}
			s, err := unquoteJava(src[i+1 : j])
			if err != nil {
				return nil, fmt.Errorf("offset %d: %w", i, err)
			}
			k := tStr
			if c == '\'' {
				k = tChar
			}
			toks = append(toks, token{k, s, i})
			i = j + 1
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] == '.' ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E') && !strings.HasPrefix(src[i:], "0x")) {
				j++
			}
			toks = append(toks, token{tNum, src[i:j], i})
			i = j
		case isIdentByte(c) || c >= 0x80:
			j := i
			for j < len(src) && (isIdentByte(src[j]) || src[j] >= 0x80) {
				j++
			}
			toks = append(toks, token{tIdent, src[i:j], i})
			i = j
		default:
			op := string(c)
			for _, o := range []string{"::", "->", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "..."} {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			toks = append(toks, token{tOp, op, i})
			i += len(op)
		}
	}
	return append(toks, token{tEOF, "", len(src)}), nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func textBlock(s string) string {
	lines := strings.Split(strings.TrimPrefix(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func unquoteJava(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("bad escape in %q", s)
		}
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b', 'f':
		case 'u':
			for i+1 < len(s) && s[i+1] == 'u' {
				i++
			}
			if i+4 >= len(s) {
				return "", fmt.Errorf("bad unicode escape in %q", s)
			}
			r, err := strconv.ParseUint(s[i+1:i+5], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad unicode escape in %q", s)
			}
			b.WriteRune(rune(r))
			i += 4
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String(), nil
}

// node is a parsed Java expression.
type node interface{}

type (
	litNode  struct{ v value }
	nameNode struct{ parts []string } // a.b.C
	callNode struct {                 // recv.name(args); recv may be nil
		recv node
		name string
		args []node
	}
	selNode struct { // recv.name where recv is not a plain name
		recv node
		name string
	}
	newNode struct {
		typ   string
		args  []node
		array bool // new String[]{...}
	}
	classNode  struct{ parts []string } // a.b.C.class
	binaryNode struct {
		op   string
		l, r node
	}
	unaryNode struct {
		op string
		x  node
	}
	castNode struct {
		typ string
		x   node
	}
	lambdaNode struct{} // a lambda or method reference: never evaluated
	condNode   struct{ c, a, b node }
)

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}
func (p *parser) isOp(s string) bool { t := p.peek(); return t.kind == tOp && t.text == s }
func (p *parser) expect(s string) error {
	if !p.isOp(s) {
		return fmt.Errorf("want %q, got %q", s, p.peek().text)
	}
	p.next()
	return nil
}

// parseExpr parses a complete expression from tokens.
func parseExpr(toks []token) (node, error) {
	p := &parser{toks: append(toks[:len(toks):len(toks)], token{kind: tEOF})}
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("trailing %q", p.peek().text)
	}
	return n, nil
}

func (p *parser) expr() (node, error) {
	c, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if p.isOp("->") { // lambda with a single bare parameter
		p.next()
		p.skipLambdaBody()
		return lambdaNode{}, nil
	}
	if p.isOp("?") {
		p.next()
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		b, err := p.expr()
		if err != nil {
			return nil, err
		}
		return condNode{c, a, b}, nil
	}
	return c, nil
}

func (p *parser) skipLambdaBody() {
	depth := 0
	for {
		t := p.peek()
		if t.kind == tEOF {
			return
		}
		if t.kind == tOp {
			switch t.text {
			case "(", "{", "[":
				depth++
			case ")", "}", "]":
				if depth == 0 {
					return
				}
				depth--
			case ",":
				if depth == 0 {
					return
				}
			}
		}
		p.next()
	}
}

var precedence = map[string]int{"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}

func (p *parser) binary(min int) (node, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := precedence[t.text]
		if t.kind != tOp || !ok || prec <= min {
			return l, nil
		}
		p.next()
		r, err := p.binary(prec)
		if err != nil {
			return nil, err
		}
		l = binaryNode{t.text, l, r}
	}
}

var primitive = map[string]bool{"int": true, "long": true, "short": true, "double": true, "float": true, "byte": true, "String": true}

func (p *parser) unary() (node, error) {
	t := p.peek()
	if t.kind == tOp && (t.text == "-" || t.text == "+" || t.text == "!") {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return unaryNode{t.text, x}, nil
	}
	// (type) expr
	if t.kind == tOp && t.text == "(" && p.toks[p.i+1].kind == tIdent && primitive[p.toks[p.i+1].text] &&
		p.toks[p.i+2].kind == tOp && p.toks[p.i+2].text == ")" {
		typ := p.toks[p.i+1].text
		p.i += 3
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return castNode{typ, x}, nil
	}
	return p.postfix()
}

func (p *parser) args() ([]node, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	var out []node
	for !p.isOp(")") {
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, a)
		if p.isOp(",") {
			p.next()
		} else if !p.isOp(")") {
			return nil, fmt.Errorf("in arguments: unexpected %q", p.peek().text)
		}
	}
	p.next()
	return out, nil
}

func (p *parser) postfix() (node, error) {
	n, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("::"):
			p.next()
			p.next()
			n = lambdaNode{}
		case p.isOp("."):
			p.next()
			if p.isOp("<") { // explicit type arguments: List.<String>of(...)
				for !p.isOp(">") && p.peek().kind != tEOF {
					p.next()
				}
				p.next()
			}
			id := p.next()
			if id.kind != tIdent {
				return nil, fmt.Errorf("after '.': unexpected %q", id.text)
			}
			if id.text == "class" {
				nn, ok := n.(nameNode)
				if !ok {
					return nil, fmt.Errorf(".class on a non-name")
				}
				n = classNode(nn)
				continue
			}
			if p.isOp("(") {
				a, err := p.args()
				if err != nil {
					return nil, err
				}
				n = callNode{n, id.text, a}
				continue
			}
			if nn, ok := n.(nameNode); ok {
				n = nameNode{append(append([]string(nil), nn.parts...), id.text)}
			} else {
				n = selNode{n, id.text}
			}
		case p.isOp("["):
			return nil, fmt.Errorf("array indexing is not supported")
		default:
			return n, nil
		}
	}
}

func (p *parser) primary() (node, error) {
	t := p.next()
	switch t.kind {
	case tStr:
		return litNode{t.text}, nil
	case tChar:
		return litNode{t.text}, nil
	case tNum:
		v, err := parseNumber(t.text)
		if err != nil {
			return nil, err
		}
		return litNode{v}, nil
	case tIdent:
		switch t.text {
		case "true":
			return litNode{true}, nil
		case "false":
			return litNode{false}, nil
		case "null":
			return litNode{nil}, nil
		case "new":
			var typ []string
			for p.peek().kind == tIdent || p.isOp(".") {
				typ = append(typ, p.next().text)
			}
			if p.isOp("<") { // generics: new ArrayList<>(...)
				depth := 0
				for {
					tt := p.next()
					if tt.text == "<" {
						depth++
					} else if tt.text == ">" {
						depth--
						if depth == 0 {
							break
						}
					} else if tt.kind == tEOF {
						return nil, fmt.Errorf("unterminated generics")
					}
				}
			}
			name := strings.Join(typ, "")
			if p.isOp("[") {
				p.next()
				if err := p.expect("]"); err != nil {
					return nil, err
				}
				if err := p.expect("{"); err != nil {
					return nil, err
				}
				var elems []node
				for !p.isOp("}") {
					e, err := p.expr()
					if err != nil {
						return nil, err
					}
					elems = append(elems, e)
					if p.isOp(",") {
						p.next()
					}
				}
				p.next()
				return newNode{name, elems, true}, nil
			}
			a, err := p.args()
			if err != nil {
				return nil, err
			}
			if p.isOp("{") { // anonymous class body
				return nil, fmt.Errorf("anonymous class %s", name)
			}
			return newNode{name, a, false}, nil
		}
		if p.isOp("(") {
			a, err := p.args()
			if err != nil {
				return nil, err
			}
			return callNode{nil, t.text, a}, nil
		}
		return nameNode{[]string{t.text}}, nil
	case tOp:
		if t.text == "(" {
			// (a, b) -> ... or () -> ...
			save := p.i
			depth := 1
			j := p.i
			for ; j < len(p.toks) && depth > 0; j++ {
				switch p.toks[j].text {
				case "(":
					depth++
				case ")":
					depth--
				}
			}
			if j < len(p.toks) && p.toks[j].text == "->" {
				p.i = j + 1
				p.skipLambdaBody()
				return lambdaNode{}, nil
			}
			p.i = save
			n, err := p.expr()
			if err != nil {
				return nil, err
			}
			return n, p.expect(")")
		}
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

func parseNumber(s string) (value, error) {
	s = strings.ReplaceAll(s, "_", "")
	isLong := strings.HasSuffix(s, "L") || strings.HasSuffix(s, "l")
	s = strings.TrimRight(s, "lL")
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		n, err := strconv.ParseInt(s[2:], 16, 64)
		return intVal{n, isLong}, err
	}
	if strings.ContainsAny(s, ".eEdDfF") {
		f, err := strconv.ParseFloat(strings.TrimRight(s, "dDfF"), 64)
		return f, err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return intVal{n, isLong}, err
}

// matchClose returns the index just past the bracket that closes the one at
// src[open], skipping string and char literals. src has no comments.
func matchClose(src string, open int) int {
	depth := 0
	for i := open; i < len(src); i++ {
		switch src[i] {
		case '"', '\'':
			q := src[i]
			for i++; i < len(src) && src[i] != q; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '(', '{', '[':
			depth++
		case ')', '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// splitArgs splits the token list of an argument list (without the outer
// parentheses) at top-level commas.
func splitArgs(toks []token) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "{", "[":
			depth++
		case ")", "}", "]":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

func isUpperIdent(s string) bool {
	return s != "" && unicode.IsUpper(rune(s[0]))
}
