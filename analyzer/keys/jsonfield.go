package keys

import (
	"bytes"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A JSON Lines record is scanned once by hand rather than decoded with
// encoding/json: decoding every record into a map costs an allocation per
// member and made the 1M records/s goal unreachable. The scanner only
// descends into the members a path names, skips the rest structurally, and
// decodes strings exactly as encoding/json does (escapes, surrogate pairs,
// U+FFFD for invalid UTF-8 and lone surrogates); FuzzExtract checks it
// against encoding/json.

// errJSON is returned for a record that is not a well-formed JSON object.
var errJSON = errors.New("malformed JSON")

// valueKind says what a path resolved to.
type valueKind uint8

const (
	kindMissing valueKind = iota // the path is absent, or crosses a non-object
	kindNull                     // JSON null
	kindString                   // a string; the value is its decoded bytes
	kindRaw                      // a number, true/false, object or array; the value is its JSON text
)

// fieldValue is one extracted value. Its bytes alias the record or the
// extractor's scratch buffer and are valid until the next extract call.
type fieldValue struct {
	kind  valueKind
	bytes []byte
	// span is 1 + the index in extractor.spans of a string decoded into
	// scratch, which may still move as scratch grows; 0 otherwise.
	span int
}

// pathNode is a trie over dotted paths: each level is one object member name.
type pathNode struct {
	name     string
	leaf     int // index into the output, or -1
	children []*pathNode
}

// extractor pulls a fixed set of dotted paths out of JSON objects.
type extractor struct {
	root    pathNode
	out     []fieldValue
	scratch []byte
	spans   [][2]int // decoded strings as spans of scratch, fixed up at the end
}

func newExtractor(paths [][]string) *extractor {
	e := &extractor{root: pathNode{leaf: -1}, out: make([]fieldValue, len(paths))}
	for i, p := range paths {
		n := &e.root
		for _, seg := range p {
			var next *pathNode
			for _, c := range n.children {
				if c.name == seg {
					next = c
				}
			}
			if next == nil {
				next = &pathNode{name: seg, leaf: -1}
				n.children = append(n.children, next)
			}
			n = next
		}
		n.leaf = i
	}
	return e
}

// extract fills e.out for one record.
func (e *extractor) extract(rec []byte) error {
	for i := range e.out {
		e.out[i] = fieldValue{}
	}
	e.scratch = e.scratch[:0]
	e.spans = e.spans[:0]
	i := skipWS(rec, 0)
	if i >= len(rec) || rec[i] != '{' {
		return errJSON
	}
	i, err := e.object(rec, i, &e.root)
	if err != nil {
		return err
	}
	if skipWS(rec, i) != len(rec) {
		return errJSON
	}
	// Strings decoded into scratch were recorded as spans because scratch
	// may have grown (and moved) after they were written.
	for i := range e.out {
		if v := &e.out[i]; v.span > 0 {
			s := e.spans[v.span-1]
			v.bytes = e.scratch[s[0]:s[1]:s[1]]
		}
	}
	return nil
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// object scans the object starting at b[i] == '{' and returns the index after
// its closing brace. node names the members of interest at this level (nil:
// none).
func (e *extractor) object(b []byte, i int, node *pathNode) (int, error) {
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return 0, errJSON
		}
		var child *pathNode
		if node != nil && len(node.children) > 0 {
			start := i
			end, simple, err := scanString(b, i)
			if err != nil {
				return 0, err
			}
			var name []byte
			if simple {
				name = b[start+1 : end-1]
			} else {
				mark := len(e.scratch)
				e.scratch = appendUnquoted(e.scratch, b[start+1:end-1])
				name = e.scratch[mark:]
				e.scratch = e.scratch[:mark]
			}
			for _, c := range node.children {
				if c.name == string(name) {
					child = c
				}
			}
			i = end
		} else {
			end, _, err := scanString(b, i)
			if err != nil {
				return 0, err
			}
			i = end
		}
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			return 0, errJSON
		}
		i = skipWS(b, i+1)
		if i >= len(b) {
			return 0, errJSON
		}
		var err error
		if child == nil {
			i, err = e.skip(b, i)
		} else {
			i, err = e.member(b, i, child)
		}
		if err != nil {
			return 0, err
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return 0, errJSON
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return i + 1, nil
		default:
			return 0, errJSON
		}
	}
}

// member handles a value whose member name is in the path trie.
func (e *extractor) member(b []byte, i int, n *pathNode) (int, error) {
	start := i
	// A later duplicate member wins, as with encoding/json: reset this
	// node and the leaves below it first.
	e.clear(n)
	if b[i] == '{' && len(n.children) > 0 {
		end, err := e.object(b, i, n)
		if err != nil {
			return 0, err
		}
		if n.leaf >= 0 {
			e.out[n.leaf] = fieldValue{kind: kindRaw, bytes: b[start:end]}
		}
		return end, nil
	}
	if n.leaf < 0 {
		return e.skip(b, i)
	}
	if b[i] == '"' {
		end, simple, err := scanString(b, i)
		if err != nil {
			return 0, err
		}
		if simple {
			e.out[n.leaf] = fieldValue{kind: kindString, bytes: b[start+1 : end-1]}
		} else {
			mark := len(e.scratch)
			e.scratch = appendUnquoted(e.scratch, b[start+1:end-1])
			e.spans = append(e.spans, [2]int{mark, len(e.scratch)})
			e.out[n.leaf] = fieldValue{kind: kindString, span: len(e.spans)}
		}
		return end, nil
	}
	end, err := e.skip(b, i)
	if err != nil {
		return 0, err
	}
	if end-start == 4 && string(b[start:end]) == "null" {
		e.out[n.leaf] = fieldValue{kind: kindNull}
	} else {
		e.out[n.leaf] = fieldValue{kind: kindRaw, bytes: b[start:end]}
	}
	return end, nil
}

func (e *extractor) clear(n *pathNode) {
	if n.leaf >= 0 {
		e.out[n.leaf] = fieldValue{}
	}
	for _, c := range n.children {
		e.clear(c)
	}
}

// skip returns the index just past the JSON value at b[i].
func (e *extractor) skip(b []byte, i int) (int, error) {
	switch c := b[i]; {
	case c == '"':
		end, _, err := scanString(b, i)
		return end, err
	case c == '{':
		return e.object(b, i, nil)
	case c == '[':
		i = skipWS(b, i+1)
		if i < len(b) && b[i] == ']' {
			return i + 1, nil
		}
		for {
			if i >= len(b) {
				return 0, errJSON
			}
			var err error
			if i, err = e.skip(b, i); err != nil {
				return 0, err
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return 0, errJSON
			}
			switch b[i] {
			case ',':
				i = skipWS(b, i+1)
			case ']':
				return i + 1, nil
			default:
				return 0, errJSON
			}
		}
	case c == 't':
		return literal(b, i, "true")
	case c == 'f':
		return literal(b, i, "false")
	case c == 'n':
		return literal(b, i, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return scanNumber(b, i)
	}
	return 0, errJSON
}

func literal(b []byte, i int, lit string) (int, error) {
	if !bytes.HasPrefix(b[i:], []byte(lit)) {
		return 0, errJSON
	}
	return i + len(lit), nil
}

// scanNumber follows the JSON number grammar (RFC 8259 section 6).
func scanNumber(b []byte, i int) (int, error) {
	if b[i] == '-' {
		i++
	}
	digits := func() int {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - s
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return 0, errJSON
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return 0, errJSON
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, errJSON
		}
	}
	return i, nil
}

// scanString returns the index after the closing quote of the string at
// b[i] == '"', and whether its body can be used as is (ASCII, no escapes).
func scanString(b []byte, i int) (end int, simple bool, err error) {
	simple = true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			return j + 1, simple, nil
		case c == '\\':
			simple = false
			j++
			if j >= len(b) {
				return 0, false, errJSON
			}
			switch b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(b) {
					return 0, false, errJSON
				}
				for _, h := range b[j+1 : j+5] {
					if unhex(h) < 0 {
						return 0, false, errJSON
					}
				}
				j += 4
			default:
				return 0, false, errJSON
			}
		case c < 0x20:
			return 0, false, errJSON
		case c >= 0x80:
			simple = false
		}
	}
	return 0, false, errJSON
}

func unhex(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

func hex4(b []byte) rune {
	return unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3])
}

// appendUnquoted appends the decoded body of a string that scanString
// accepted, the way encoding/json's unquote does: invalid UTF-8 and unpaired
// surrogates become U+FFFD.
func appendUnquoted(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			switch s[i+1] {
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r := hex4(s[i+2:])
				i += 6
				if utf16.IsSurrogate(r) {
					if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if dec := utf16.DecodeRune(r, hex4(s[i+2:])); dec != utf8.RuneError {
							i += 6
							dst = utf8.AppendRune(dst, dec)
							continue
						}
					}
					r = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, r)
				continue
			default: // '"', '\\', '/'
				dst = append(dst, s[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			} else {
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

// parseWeight reads a weight from an extracted value: a JSON number, or a
// string holding one (as CSV cells are).
func parseWeight(v fieldValue) (float64, bool) {
	if v.kind != kindRaw && v.kind != kindString {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v.bytes), 64)
	if err != nil || f < 0 {
		return 0, false
	}
	return f, true
}
