package main

import (
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

// repo reads one commit of apache/kafka from a bare git directory.
type repo struct {
	gitDir string
	commit string
	files  map[string]string // FQCN of a top-level type -> path
	cache  map[string]*class // FQCN -> class
}

func openRepo(gitDirs []string, commit string) (*repo, error) {
	for _, d := range gitDirs {
		if exec.Command("git", "--git-dir="+d, "cat-file", "-e", commit+"^{commit}").Run() != nil {
			continue
		}
		out, err := exec.Command("git", "--git-dir="+d, "ls-tree", "-r", "--name-only", commit).Output()
		if err != nil {
			return nil, fmt.Errorf("ls-tree %s in %s: %w", commit, d, err)
		}
		r := &repo{gitDir: d, commit: commit, files: map[string]string{}, cache: map[string]*class{}}
		for _, p := range strings.Split(string(out), "\n") {
			i := strings.Index(p, "/src/main/java/")
			if i < 0 || !strings.HasSuffix(p, ".java") {
				continue
			}
			fq := strings.ReplaceAll(strings.TrimSuffix(p[i+len("/src/main/java/"):], ".java"), "/", ".")
			if _, dup := r.files[fq]; !dup {
				r.files[fq] = p
			}
		}
		return r, nil
	}
	return nil, fmt.Errorf("commit %s is in none of %s", commit, strings.Join(gitDirs, ", "))
}

func (r *repo) read(path string) (string, error) {
	out, err := exec.Command("git", "--git-dir="+r.gitDir, "show", r.commit+":"+path).Output()
	if err != nil {
		return "", fmt.Errorf("git show %s:%s: %w", r.commit, path, err)
	}
	return string(out), nil
}

// class is one Java type declaration: a top-level file or a nested type
// inside one.
type class struct {
	r       *repo
	fqcn    string
	simple  string
	pkg     string
	path    string // repository path of the file that declares it
	src     string // comment-free source of the declaration (whole file for top-level)
	file    *class // top-level class of the same file (itself when top-level)
	isEnum  bool
	super   string // simple or qualified name in the extends clause
	imports map[string]string
	statics map[string]string // statically imported member -> declaring FQCN
	consts  map[string]*constDecl
	enums   map[string][]token // enum constant -> argument tokens (nil when none)
	body    int                // offset just past the declaration's '{'
}

type constDecl struct {
	name       string
	toks       []token
	deprecated bool
	depth      int
}

// errNotFound is wrapped by the errors for a type or class that is not in
// the repository, so superClass can tell a JDK or third-party superclass
// from a real failure. Its text keeps the messages as they were.
var errNotFound = errors.New("not found")

var (
	reImport       = regexp.MustCompile(`(?m)^import\s+(static\s+)?([\w.]+)(\.\*)?\s*;`)
	rePackage      = regexp.MustCompile(`(?m)^package\s+([\w.]+)\s*;`)
	reConst        = regexp.MustCompile(`\b((?:(?:public|private|protected|static|final)\s+)+)([\w.]+(?:\s*<[^;=(){}]*>)?(?:\[\])?)\s+(\w+)\s*=`)
	reExtends      = regexp.MustCompile(`\bextends\s+([\w.]+)`)
	reMethodReturn = regexp.MustCompile(`return\s+([^;]+);`)
)

// load returns the class named fqcn, reading its file on first use.
func (r *repo) load(fqcn string) (*class, error) {
	if c, ok := r.cache[fqcn]; ok {
		return c, nil
	}
	if path, ok := r.files[fqcn]; ok {
		raw, err := r.read(path)
		if err != nil {
			return nil, err
		}
		c := &class{r: r, fqcn: fqcn, path: path, src: stripComments(raw)}
		c.file = c
		c.simple = fqcn[strings.LastIndex(fqcn, ".")+1:]
		if m := rePackage.FindStringSubmatch(c.src); m != nil {
			c.pkg = m[1]
		}
		c.imports, c.statics = map[string]string{}, map[string]string{}
		for _, m := range reImport.FindAllStringSubmatch(c.src, -1) {
			if m[3] != "" {
				continue
			}
			i := strings.LastIndex(m[2], ".")
			if m[1] != "" {
				c.statics[m[2][i+1:]] = m[2][:i]
			} else {
				c.imports[m[2][i+1:]] = m[2]
			}
		}
		if err := c.scan(c.simple); err != nil {
			return nil, err
		}
		r.cache[fqcn] = c
		return c, nil
	}
	i := strings.LastIndex(fqcn, ".")
	if i < 0 {
		return nil, fmt.Errorf("class %s %w", fqcn, errNotFound)
	}
	outer, err := r.load(fqcn[:i])
	if err != nil {
		return nil, err
	}
	return outer.nested(fqcn[i+1:])
}

// nested returns the type named name declared directly or indirectly inside c.
func (c *class) nested(name string) (*class, error) {
	fq := c.fqcn + "." + name
	if n, ok := c.r.cache[fq]; ok {
		return n, nil
	}
	re := regexp.MustCompile(`\b(class|enum|interface|record)\s+` + name + `\b[^{;]*\{`)
	loc := re.FindStringIndex(c.src)
	if loc == nil {
		return nil, fmt.Errorf("type %s %w in %s", name, errNotFound, c.path)
	}
	end := matchClose(c.src, loc[1]-1)
	if end < 0 {
		return nil, fmt.Errorf("unbalanced braces for %s in %s", name, c.path)
	}
	n := &class{r: c.r, fqcn: fq, simple: name, pkg: c.pkg, path: c.path, src: c.src[loc[0]:end], file: c.file,
		imports: c.file.imports, statics: c.file.statics}
	if err := n.scan(name); err != nil {
		return nil, err
	}
	c.r.cache[fq] = n
	return n, nil
}

// hasNested reports whether c's file declares a type named name.
func (c *class) hasNested(name string) bool {
	return regexp.MustCompile(`\b(class|enum|interface|record)\s+` + name + `\b`).MatchString(c.src)
}

// scan records the constants, superclass and enum constants of c.
func (c *class) scan(simple string) error {
	decl := regexp.MustCompile(`\b(class|enum|interface|record)\s+` + simple + `\b([^{;]*)\{`).FindStringSubmatchIndex(c.src)
	if decl == nil {
		return fmt.Errorf("declaration of %s not found in %s", simple, c.path)
	}
	c.isEnum = c.src[decl[2]:decl[3]] == "enum"
	if m := reExtends.FindStringSubmatch(c.src[decl[4]:decl[5]]); m != nil {
		c.super = m[1]
	}
	bodyStart := decl[1]
	c.body = bodyStart
	c.consts = map[string]*constDecl{}
	for _, m := range reConst.FindAllStringSubmatchIndex(c.src, -1) {
		if m[0] < bodyStart || !strings.Contains(c.src[m[2]:m[3]], "static") && !strings.Contains(c.src[m[2]:m[3]], "final") {
			continue
		}
		name := c.src[m[6]:m[7]]
		end := exprEnd(c.src, m[1])
		if end < 0 {
			continue
		}
		toks, err := tokenize(c.src[m[1]:end])
		if err != nil {
			continue
		}
		d := depthAt(c.src, bodyStart, m[0])
		prev := strings.LastIndexAny(c.src[:m[0]], ";}{")
		dep := strings.Contains(c.src[prev+1:m[0]], "@Deprecated")
		if old, ok := c.consts[name]; ok && old.depth <= d {
			continue
		}
		c.consts[name] = &constDecl{name: name, toks: toks[:len(toks)-1], deprecated: dep, depth: d}
	}
	if c.isEnum {
		c.enums = map[string][]token{}
		body := c.src[bodyStart:]
		end := len(body)
		depth := 0
	scanEnd:
		for i := 0; i < len(body); i++ {
			switch body[i] {
			case '"':
				for i++; i < len(body) && body[i] != '"'; i++ {
					if body[i] == '\\' {
						i++
					}
				}
			case '(', '{', '[':
				depth++
			case ')', ']':
				depth--
			case '}':
				if depth == 0 {
					end = i
					break scanEnd
				}
				depth--
			case ';':
				if depth == 0 {
					end = i
					break scanEnd
				}
			}
		}
		toks, err := tokenize(body[:end])
		if err != nil {
			return err
		}
		for _, part := range splitArgs(toks[:len(toks)-1]) {
			for len(part) > 0 && part[0].kind == tOp && part[0].text == "@" { // annotations
				part = part[2:]
				if len(part) > 0 && part[0].text == "(" {
					for len(part) > 0 && part[0].text != ")" {
						part = part[1:]
					}
					part = part[1:]
				}
			}
			if len(part) == 0 || part[0].kind != tIdent {
				continue
			}
			var args []token
			if len(part) > 1 && part[1].text == "(" {
				d := 0
				for j, t := range part[1:] {
					if t.text == "(" {
						d++
					} else if t.text == ")" {
						d--
						if d == 0 {
							args = part[2 : j+1]
							break
						}
					}
				}
				if args == nil {
					args = []token{}
				}
			}
			c.enums[part[0].text] = args
		}
	}
	return nil
}

// exprEnd returns the offset of the ';' that ends the expression starting at
// from, at bracket depth 0.
func exprEnd(src string, from int) int {
	depth := 0
	for i := from; i < len(src); i++ {
		switch src[i] {
		case '"', '\'':
			if strings.HasPrefix(src[i:], `"""`) {
				e := strings.Index(src[i+3:], `"""`)
				if e < 0 {
					return -1
				}
				i += 3 + e + 2
				continue
			}
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
			if depth < 0 {
				return -1
			}
		case ';':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func depthAt(src string, from, to int) int {
	d := 0
	for i := from; i < to && i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '{':
			d++
		case '}':
			d--
		}
	}
	return d
}

// resolveType resolves a (possibly dotted) type name used inside c.
func (c *class) resolveType(parts []string) (*class, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("empty type name")
	}
	first := parts[0]
	var base *class
	var err error
	switch {
	case first == c.simple:
		base = c
	case c.file.simple == first:
		base = c.file
	case c.file.hasNested(first) && c.file.simple != first:
		base, err = c.file.nested(first)
	case c.imports[first] != "":
		base, err = c.r.load(c.imports[first])
	case c.statics[first] != "":
		base, err = c.r.load(c.statics[first] + "." + first)
	case c.r.files[c.pkg+"."+first] != "":
		base, err = c.r.load(c.pkg + "." + first)
	case !isUpperIdent(first):
		// fully qualified: a.b.C.D
		for i := 1; i < len(parts); i++ {
			fq := strings.Join(parts[:i+1], ".")
			if _, ok := c.r.files[fq]; ok {
				base, err = c.r.load(fq)
				parts = parts[i:]
				break
			}
		}
		if base == nil && err == nil {
			return nil, fmt.Errorf("type %s %w", strings.Join(parts, "."), errNotFound)
		}
	default:
		// a type nested in a superclass
		for s := c; s != nil && err == nil; s, err = s.superClass() {
			if s.hasNested(first) {
				base, err = s.nested(first)
				break
			}
		}
		if base == nil && err == nil {
			return nil, fmt.Errorf("type %s %w from %s", first, errNotFound, c.fqcn)
		}
	}
	if err != nil {
		return nil, err
	}
	for _, p := range parts[1:] {
		if base, err = base.nested(p); err != nil {
			return nil, err
		}
	}
	return base, nil
}

// superClass returns c's superclass when it is part of the repository.
func (c *class) superClass() (*class, error) {
	if c.super == "" {
		return nil, nil
	}
	s, err := c.resolveType(strings.Split(c.super, "."))
	if errors.Is(err, errNotFound) {
		return nil, nil // a JDK or third-party superclass
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// binaryName is the name Class.getName() returns: nested types joined by '$'.
func (c *class) binaryName() string {
	if c.file == c {
		return c.fqcn
	}
	return c.file.fqcn + strings.ReplaceAll(strings.TrimPrefix(c.fqcn, c.file.fqcn), ".", "$")
}

// lookupConst finds the constant name as seen from c: its own constants,
// its superclasses', and static imports.
func (c *class) lookupConst(name string) (*class, *constDecl, error) {
	if o, d, err := c.lookupOwn(name); o != nil || err != nil {
		return o, d, err
	}
	if owner, ok := c.statics[name]; ok {
		oc, err := c.r.load(owner)
		if err != nil {
			return nil, nil, err
		}
		if o, d, err := oc.lookupOwn(name); o != nil || err != nil {
			return o, d, err
		}
	}
	return nil, nil, fmt.Errorf("constant %s not found from %s", name, c.fqcn)
}

// lookupOwn finds a constant declared by c, its superclasses or (for a
// nested type) its enclosing file's top-level class.
func (c *class) lookupOwn(name string) (*class, *constDecl, error) {
	seen := map[*class]bool{}
	for s := c; s != nil && !seen[s]; {
		seen[s] = true
		if d, ok := s.consts[name]; ok {
			return s, d, nil
		}
		next, err := s.superClass()
		if err != nil {
			return nil, nil, err
		}
		s = next
	}
	if c.file != c {
		if d, ok := c.file.consts[name]; ok {
			return c.file, d, nil
		}
	}
	return nil, nil, nil
}

// methodReturn returns the expression of the first return statement of the
// no-argument method name declared in c, or "".
func (c *class) methodReturn(name string) string {
	var loc []int
	for _, l := range regexp.MustCompile(`\b`+name+`\s*\(\s*\)\s*\{`).FindAllStringIndex(c.src, -1) {
		if l[0] > c.body && depthAt(c.src, c.body, l[0]) == 0 {
			loc = l
			break
		}
	}
	if loc == nil {
		return ""
	}
	end := matchClose(c.src, loc[1]-1)
	if end < 0 {
		return ""
	}
	m := reMethodReturn.FindStringSubmatch(c.src[loc[1]:end])
	if m == nil {
		return ""
	}
	return strings.Join(strings.Fields(m[1]), "")
}

// ctorParamFor returns the index of the constructor parameter assigned to
// field f, or -1.
func (c *class) ctorParamFor(f string) int {
	loc := regexp.MustCompile(`\b` + c.simple + `\s*\(([^)]*)\)\s*\{`).FindStringSubmatchIndex(c.src)
	if loc == nil {
		return -1
	}
	params := strings.Split(c.src[loc[2]:loc[3]], ",")
	end := matchClose(c.src, loc[1]-1)
	if end < 0 {
		return -1
	}
	m := regexp.MustCompile(`(?:this\.)?\b` + f + `\s*=\s*(\w+)\s*;`).FindStringSubmatch(c.src[loc[1]:end])
	if m == nil {
		return -1
	}
	for i, p := range params {
		fs := strings.Fields(p)
		if len(fs) > 0 && fs[len(fs)-1] == m[1] {
			return i
		}
	}
	return -1
}
