package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// value is the result of evaluating a constant Java expression: nil (null),
// noDefault, bool, intVal, float64, string, listVal, classVal, enumVal or
// durationVal.
type value interface{}

type (
	noDefault struct{}
	intVal    struct {
		n    int64
		long bool
	}
	listVal  []value
	classVal struct{ c *class }
	enumVal  struct {
		c    *class
		name string
	}
	durationVal struct{ ms int64 }
)

// evaluator evaluates expressions in the scope of a class.
type evaluator struct {
	r *repo
	// deprecated is set when a name resolved through a @Deprecated constant.
	deprecated bool
}

func (e *evaluator) evalTokens(c *class, toks []token) (value, error) {
	n, err := parseExpr(toks)
	if err != nil {
		return nil, err
	}
	return e.eval(c, n)
}

func (e *evaluator) eval(c *class, n node) (value, error) {
	if v, ok, err := e.handValue(c, n); ok || err != nil {
		return v, err
	}
	switch n := n.(type) {
	case litNode:
		return n.v, nil
	case nameNode:
		return e.name(c, n.parts)
	case classNode:
		t, err := c.resolveType(n.parts)
		if err != nil {
			return nil, err
		}
		return classVal{t}, nil
	case castNode:
		v, err := e.eval(c, n.x)
		if err != nil {
			return nil, err
		}
		switch n.typ {
		case "int", "short", "byte":
			if f, ok := v.(float64); ok {
				return intVal{int64(f), false}, nil
			}
			if i, ok := v.(intVal); ok {
				return intVal{i.n, false}, nil
			}
		case "long":
			if i, ok := v.(intVal); ok {
				return intVal{i.n, true}, nil
			}
		case "double", "float":
			if i, ok := v.(intVal); ok {
				return float64(i.n), nil
			}
		}
		return v, nil
	case unaryNode:
		v, err := e.eval(c, n.x)
		if err != nil {
			return nil, err
		}
		switch x := v.(type) {
		case intVal:
			if n.op == "-" {
				return intVal{-x.n, x.long}, nil
			}
			return x, nil
		case float64:
			if n.op == "-" {
				return -x, nil
			}
			return x, nil
		case bool:
			if n.op == "!" {
				return !x, nil
			}
		}
		return nil, fmt.Errorf("unary %s on %T", n.op, v)
	case binaryNode:
		l, err := e.eval(c, n.l)
		if err != nil {
			return nil, err
		}
		r, err := e.eval(c, n.r)
		if err != nil {
			return nil, err
		}
		return binary(n.op, l, r)
	case callNode:
		return e.call(c, n)
	case selNode:
		recv, err := e.eval(c, n.recv)
		if err != nil {
			return nil, err
		}
		return e.member(recv, n.name, nil)
	case newNode:
		if n.array {
			var out listVal
			for _, a := range n.args {
				v, err := e.eval(c, a)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			return out, nil
		}
		return nil, fmt.Errorf("cannot evaluate new %s", n.typ)
	}
	return nil, fmt.Errorf("cannot evaluate %s", render(n))
}

func binary(op string, l, r value) (value, error) {
	if op == "+" {
		_, ls := l.(string)
		_, rs := r.(string)
		if ls || rs {
			return javaString(l) + javaString(r), nil
		}
	}
	li, lok := l.(intVal)
	ri, rok := r.(intVal)
	if lok && rok {
		long := li.long || ri.long
		var n int64
		switch op {
		case "+":
			n = li.n + ri.n
		case "-":
			n = li.n - ri.n
		case "*":
			n = li.n * ri.n
		case "/":
			if ri.n == 0 {
				return nil, fmt.Errorf("division by zero")
			}
			n = li.n / ri.n
		case "%":
			n = li.n % ri.n
		default:
			return nil, fmt.Errorf("operator %s on integers", op)
		}
		if !long {
			n = int64(int32(n)) // Java int arithmetic wraps
		}
		return intVal{n, long}, nil
	}
	lf, lok := toFloat(l)
	rf, rok := toFloat(r)
	if lok && rok {
		switch op {
		case "+":
			return lf + rf, nil
		case "-":
			return lf - rf, nil
		case "*":
			return lf * rf, nil
		case "/":
			return lf / rf, nil
		}
	}
	return nil, fmt.Errorf("operator %s on %T and %T", op, l, r)
}

func toFloat(v value) (float64, bool) {
	switch x := v.(type) {
	case intVal:
		return float64(x.n), true
	case float64:
		return x, true
	}
	return 0, false
}

// javaString renders v as Java's String.valueOf would.
func javaString(v value) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case intVal:
		return strconv.FormatInt(x.n, 10)
	case float64:
		return javaDouble(x)
	case classVal:
		return "class " + x.c.binaryName()
	case enumVal:
		return x.name
	case listVal:
		s := make([]string, len(x))
		for i, e := range x {
			s[i] = javaString(e)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// javaDouble formats like Double.toString for the values Kafka uses.
func javaDouble(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e7 {
		return strconv.FormatFloat(f, 'f', 1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// name resolves a dotted name: a constant, Class.CONSTANT, Enum.CONSTANT or
// one of those followed by field accesses.
func (e *evaluator) name(c *class, parts []string) (value, error) {
	switch strings.Join(parts, ".") {
	case "Integer.MAX_VALUE":
		return intVal{math.MaxInt32, false}, nil
	case "Integer.MIN_VALUE":
		return intVal{math.MinInt32, false}, nil
	case "Long.MAX_VALUE":
		return intVal{math.MaxInt64, true}, nil
	case "Long.MIN_VALUE":
		return intVal{math.MinInt64, true}, nil
	case "Short.MAX_VALUE":
		return intVal{math.MaxInt16, false}, nil
	case "Double.MAX_VALUE":
		return math.MaxFloat64, nil
	// java.util.zip.Deflater constants (JDK), used by GzipCompression.
	case "Deflater.DEFAULT_COMPRESSION":
		return intVal{-1, false}, nil
	case "Deflater.BEST_SPEED":
		return intVal{1, false}, nil
	case "Deflater.BEST_COMPRESSION":
		return intVal{9, false}, nil
	case "File.separator":
		return "/", nil
	case "Locale.ROOT", "Locale.ENGLISH", "Locale.US":
		return "", nil // only ever an argument of toLowerCase/toUpperCase
	case "ConfigDef.NO_DEFAULT_VALUE", "NO_DEFAULT_VALUE":
		return noDefault{}, nil
	}
	if len(parts) == 1 {
		if c.isEnum {
			if _, ok := c.enums[parts[0]]; ok {
				return enumVal{c, parts[0]}, nil
			}
		}
		if owner, ok := c.statics[parts[0]]; ok {
			if t, err := c.r.load(owner); err == nil && t.isEnum {
				if _, ok := t.enums[parts[0]]; ok {
					return enumVal{t, parts[0]}, nil
				}
			}
		}
		owner, d, err := c.lookupConst(parts[0])
		if err != nil {
			return nil, err
		}
		return e.constant(owner, d)
	}
	// the longest prefix that names a type
	for k := len(parts) - 1; k >= 1; k-- {
		t, err := c.resolveType(parts[:k])
		if err != nil {
			continue
		}
		var v value
		rest := parts[k:]
		if _, ok := t.enums[rest[0]]; ok && t.isEnum {
			v = enumVal{t, rest[0]}
		} else {
			owner, d, err := t.lookupConst(rest[0])
			if err != nil {
				return nil, err
			}
			if v, err = e.constant(owner, d); err != nil {
				return nil, err
			}
		}
		for _, f := range rest[1:] {
			if v, err = e.member(v, f, nil); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	// a constant of c followed by field accesses
	owner, d, err := c.lookupConst(parts[0])
	if err != nil {
		return nil, fmt.Errorf("name %s: %w", strings.Join(parts, "."), err)
	}
	v, err := e.constant(owner, d)
	if err != nil {
		return nil, err
	}
	for _, f := range parts[1:] {
		if v, err = e.member(v, f, nil); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (e *evaluator) constant(owner *class, d *constDecl) (value, error) {
	if d.deprecated {
		e.deprecated = true
	}
	v, err := e.evalTokens(owner, d.toks)
	if err != nil {
		return nil, fmt.Errorf("%s.%s: %w", owner.simple, d.name, err)
	}
	return v, nil
}

func (e *evaluator) evalArgs(c *class, args []node) ([]value, error) {
	out := make([]value, len(args))
	for i, a := range args {
		v, err := e.eval(c, a)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (e *evaluator) call(c *class, n callNode) (value, error) {
	if owner, ok := c.statics[n.name]; ok && n.recv == nil {
		n.recv = nameNode{[]string{owner[strings.LastIndex(owner, ".")+1:]}}
	}
	if recv, ok := n.recv.(nameNode); ok {
		switch strings.Join(recv.parts, ".") + "." + n.name {
		case "Arrays.asList", "List.of", "Set.of", "Utils.mkList", "Utils.mkSet", "Collections.singletonList", "Collections.singleton",
			"Collections.emptyList", "Collections.emptySet", "Stream.of":
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, err
			}
			return flatten(args), nil
		case "String.join":
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, fmt.Errorf("evaluating String.join: %w", err)
			}
			if len(args) < 1 {
				return nil, fmt.Errorf("calling String.join with %d arguments", len(args))
			}
			var s []string
			for _, a := range flatten(args[1:]) {
				s = append(s, javaString(a))
			}
			return strings.Join(s, javaString(args[0])), nil
		case "Utils.join":
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, fmt.Errorf("evaluating Utils.join: %w", err)
			}
			if len(args) != 2 {
				return nil, fmt.Errorf("calling Utils.join with %d arguments", len(args))
			}
			var s []string
			for _, a := range flatten(args[:1]) {
				s = append(s, javaString(a))
			}
			return strings.Join(s, javaString(args[1])), nil
		case "Utils.enumOptions":
			// Utils.enumOptions maps each constant through toString
			// (clients/src/main/java/org/apache/kafka/common/utils/Utils.java).
			if len(n.args) != 1 {
				return nil, fmt.Errorf("enumOptions arity")
			}
			cl, ok := n.args[0].(classNode)
			if !ok {
				return nil, fmt.Errorf("enumOptions of %s", render(n.args[0]))
			}
			t, err := c.resolveType(cl.parts)
			if err != nil {
				return nil, err
			}
			return e.enumValues(t, "toString")
		case "Math.toIntExact":
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, fmt.Errorf("evaluating Math.toIntExact: %w", err)
			}
			if len(args) != 1 {
				return nil, fmt.Errorf("calling Math.toIntExact with %d arguments", len(args))
			}
			if i, ok := args[0].(intVal); ok {
				return intVal{i.n, false}, nil
			}
			return nil, fmt.Errorf("Math.toIntExact of %T", args[0])
		case "String.valueOf", "Integer.toString", "Long.toString", "Short.toString", "Double.toString", "Boolean.toString":
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", n.name, err)
			}
			if len(args) != 1 {
				return nil, fmt.Errorf("%s: %d arguments", n.name, len(args))
			}
			return javaString(args[0]), nil
		}
		if len(recv.parts) == 2 && recv.parts[0] == "TimeUnit" && n.name == "toMillis" || len(recv.parts) == 1 && recv.parts[0] == "Duration" {
			args, err := e.evalArgs(c, n.args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", render(n), err)
			}
			if len(args) != 1 {
				return nil, fmt.Errorf("%s: %d arguments", render(n), len(args))
			}
			i, ok := args[0].(intVal)
			if !ok {
				return nil, fmt.Errorf("%s of %T", render(n), args[0])
			}
			unit := n.name
			if recv.parts[0] == "TimeUnit" {
				unit = recv.parts[1]
			}
			ms, ok := map[string]int64{"MILLISECONDS": 1, "SECONDS": 1000, "MINUTES": 60000, "HOURS": 3600000, "DAYS": 86400000,
				"ofMillis": 1, "ofSeconds": 1000, "ofMinutes": 60000, "ofHours": 3600000, "ofDays": 86400000}[unit]
			if !ok {
				return nil, fmt.Errorf("time unit %s", unit)
			}
			if recv.parts[0] == "TimeUnit" {
				return intVal{i.n * ms, true}, nil
			}
			return durationVal{i.n * ms}, nil
		}
	}
	if n.recv == nil {
		return nil, fmt.Errorf("cannot evaluate call %s", render(n))
	}
	recv, err := e.eval(c, n.recv)
	if err != nil {
		return nil, err
	}
	args, err := e.evalArgs(c, n.args)
	if err != nil {
		return nil, err
	}
	return e.member(recv, n.name, args)
}

func flatten(vs []value) listVal {
	out := listVal{}
	for _, v := range vs {
		if l, ok := v.(listVal); ok {
			out = append(out, flatten(l)...)
		} else {
			out = append(out, v)
		}
	}
	return out
}

// member evaluates recv.name (args == nil for a field access).
func (e *evaluator) member(recv value, name string, args []value) (value, error) {
	switch x := recv.(type) {
	case string:
		switch name {
		case "toLowerCase":
			return strings.ToLower(x), nil
		case "toUpperCase":
			return strings.ToUpper(x), nil
		case "trim", "toString", "intern":
			return strings.TrimSpace(x), nil
		}
	case classVal:
		switch name {
		case "getName", "getCanonicalName", "getTypeName":
			return x.c.binaryName(), nil
		case "getSimpleName":
			return x.c.simple, nil
		}
	case durationVal:
		if name == "toMillis" {
			return intVal{x.ms, true}, nil
		}
	case intVal:
		if name == "toString" {
			return javaString(x), nil
		}
	case enumVal:
		if args == nil { // a field access
			return e.enumField(x, name)
		}
		return e.enumMember(x, name)
	}
	return nil, fmt.Errorf("cannot evaluate %T.%s", recv, name)
}

func (e *evaluator) enumValues(t *class, method string) (listVal, error) {
	if !t.isEnum {
		return nil, fmt.Errorf("%s is not an enum", t.fqcn)
	}
	// enum constants in declaration order
	var out listVal
	for _, name := range enumOrder(t) {
		v, err := e.enumMember(enumVal{t, name}, method)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func enumOrder(t *class) []string {
	type pos struct {
		name string
		at   int
	}
	var ps []pos
	for name := range t.enums {
		at := strings.Index(t.src, name)
		for at >= 0 && (at > 0 && isIdentByte(t.src[at-1]) || at+len(name) < len(t.src) && isIdentByte(t.src[at+len(name)])) {
			next := strings.Index(t.src[at+1:], name)
			if next < 0 {
				at = -1
				break
			}
			at += 1 + next
		}
		ps = append(ps, pos{name, at})
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].at < ps[j-1].at; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.name
	}
	return out
}

// enumMember evaluates a no-argument method or a field of an enum constant
// by reading the enum's source: name() is the constant's name; toString()
// without an override is too; otherwise the method's return expression is
// either name()/super.toString() (optionally lower-cased) or a field that
// the constructor assigns from one of its parameters.
func (e *evaluator) enumField(x enumVal, field string) (value, error) {
	i := x.c.ctorParamFor(field)
	args := splitArgs(x.c.enums[x.name])
	if i < 0 || i >= len(args) {
		return nil, fmt.Errorf("enum %s.%s: field %s not found", x.c.simple, x.name, field)
	}
	return e.evalTokens(x.c, args[i])
}

func (e *evaluator) enumMember(x enumVal, name string) (value, error) {
	if name == "name" && x.c.methodReturn("name") == "" {
		return x.name, nil
	}
	ret := x.c.methodReturn(name)
	var field string
	switch {
	case ret == "" && name == "toString":
		return x.name, nil
	case ret == "":
		return nil, fmt.Errorf("enum %s: method %s not found", x.c.simple, name)
	case ret == "name()" || ret == "super.toString()" || ret == "this.name()":
		return x.name, nil
	case strings.HasPrefix(ret, "name().toLowerCase(") || strings.HasPrefix(ret, "super.toString().toLowerCase(") ||
		strings.HasPrefix(ret, "this.name().toLowerCase("):
		return strings.ToLower(x.name), nil
	case strings.HasPrefix(ret, "name().toUpperCase(") || strings.HasPrefix(ret, "super.toString().toUpperCase("):
		return strings.ToUpper(x.name), nil
	default:
		field = strings.TrimPrefix(ret, "this.")
		if !isIdent(field) {
			return nil, fmt.Errorf("enum %s.%s: cannot evaluate %q", x.c.simple, name, ret)
		}
	}
	return e.enumField(x, field)
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

// render prints n back as compact Java, for error messages and hand-table keys.
func render(n node) string {
	switch n := n.(type) {
	case litNode:
		if s, ok := n.v.(string); ok {
			return strconv.Quote(s)
		}
		return javaString(n.v)
	case nameNode:
		return strings.Join(n.parts, ".")
	case classNode:
		return strings.Join(n.parts, ".") + ".class"
	case callNode:
		var b strings.Builder
		if n.recv != nil {
			b.WriteString(render(n.recv) + ".")
		}
		b.WriteString(n.name + "(")
		for i, a := range n.args {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(render(a))
		}
		return b.String() + ")"
	case selNode:
		return render(n.recv) + "." + n.name
	case newNode:
		var s []string
		for _, a := range n.args {
			s = append(s, render(a))
		}
		if n.array {
			return "new " + n.typ + "[]{" + strings.Join(s, ",") + "}"
		}
		return "new " + n.typ + "(" + strings.Join(s, ",") + ")"
	case binaryNode:
		return render(n.l) + n.op + render(n.r)
	case unaryNode:
		return n.op + render(n.x)
	case castNode:
		return "(" + n.typ + ")" + render(n.x)
	case lambdaNode:
		return "<lambda>"
	case condNode:
		return render(n.c) + "?" + render(n.a) + ":" + render(n.b)
	}
	return fmt.Sprintf("%T", n)
}
