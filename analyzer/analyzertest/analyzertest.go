// Package analyzertest runs lint rules over fixture directories whose files
// carry their own expectations, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// An expectation is a comment "want RULE" or "want RULE \"regexp\"", where
// RULE is an ID (KL101) or name and the optional Go-quoted regexp must match
// the message; several may follow one "want". A whole-line comment binds
// to the next line that is not itself a "want" comment (a key, or a
// kafkalint directive the engine reports on); a trailing comment (YAML,
// TOML) binds to its own line. "want +N RULE" binds to the comment's own
// line plus N instead ("# want +0 KL409" on line 1 expects a finding about
// the whole file, which sits at line 1). Every finding must consume an expectation on its (file,
// line) and every expectation must be consumed; failures are reported
// sorted.
//
// All files of a directory are linted in one run, each named explicitly, so
// PerGroup and PerProject rules see them all. A .kafkalint.toml in the
// directory applies exactly as in production.
package analyzertest

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
	"github.com/kafkalint/kafkalint/analyzer/settings"
)

// Testing is the part of *testing.T the runner uses.
type Testing interface {
	Helper()
	Errorf(format string, args ...any)
	Context() context.Context
}

type expectation struct {
	path  string
	line  int
	rule  string
	rx    *regexp.Regexp
	met   bool
	token string
}

// Run lints every file under dir (except .kafkalint.toml) with opts and
// checks the findings against the fixtures' expectations. opts.Settings is
// set from dir's .kafkalint.toml when opts leaves it nil. It returns the
// lint result for further checks.
func Run(t Testing, dir string, opts analyzer.Options) analyzer.Result {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() != settings.FileName {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Errorf("%s: %v", dir, err)
		return analyzer.Result{}
	}
	if opts.Settings == nil {
		known := func(name string) bool {
			for _, r := range opts.Rules {
				if r.ID == name || r.Name == name {
					return true
				}
			}
			return strings.HasPrefix(name, "KL")
		}
		res, err := settings.NewResolver("", known)
		if err != nil {
			t.Errorf("%v", err)
			return analyzer.Result{}
		}
		opts.Settings = res.For
	}
	res := analyzer.Lint(t.Context(), paths, opts)
	for _, err := range res.Errors {
		t.Errorf("%v", err)
	}
	var wants []*expectation
	for _, f := range res.Files {
		comments := f.Comments
		if len(f.Entries) == 0 && len(comments) == 0 {
			// A file the engine did not parse (a dialect it does not lint
			// yet): read its whole-line # comments from the raw text.
			comments = rawComments(t, f)
		}
		for _, c := range comments {
			text, ok := strings.CutPrefix(c.Text, "want ")
			if !ok {
				continue
			}
			line := c.Pos.Line
			if off, rest, ok := strings.Cut(text, " "); ok && strings.HasPrefix(off, "+") {
				n, err := strconv.Atoi(off[1:])
				if err != nil {
					t.Errorf("%s:%d: want: bad line offset %q", f.Path, c.Pos.Line, off)
					continue
				}
				line, text = line+n, rest
			} else if !c.Trailing {
				line = nextLine(f, line)
			}
			ws, err := parseWant(f.Path, line, text)
			if err != nil {
				t.Errorf("%s:%d: %v", f.Path, c.Pos.Line, err)
				continue
			}
			wants = append(wants, ws...)
		}
	}
	var problems []string
	for _, x := range res.Findings {
		var hit *expectation
		for _, w := range wants {
			if !w.met && w.path == x.Path && w.line == x.Pos.Line && (w.rule == x.Rule.ID || w.rule == x.Rule.Name) && (w.rx == nil || w.rx.MatchString(x.Message)) {
				hit = w
				break
			}
		}
		if hit == nil {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: unexpected %s: %s", x.Path, x.Pos.Line, x.Pos.Col, x.Rule.ID, x.Message))
			continue
		}
		hit.met = true
	}
	for _, w := range wants {
		if !w.met {
			rx := ""
			if w.rx != nil {
				rx = fmt.Sprintf(" matching %q", w.rx)
			}
			problems = append(problems, fmt.Sprintf("%s:%d: no %s reported%s", w.path, w.line, w.rule, rx))
		}
	}
	slices.SortFunc(problems, func(a, b string) int { return cmp.Compare(a, b) })
	for _, p := range problems {
		t.Errorf("%s", p)
	}
	return res
}

// nextLine returns the first line after line that is not a want comment.
func nextLine(f *analyzer.File, line int) int {
	for next := line + 1; next <= len(f.Lines); next++ {
		t := strings.TrimLeft(f.Lines[next-1], " \t\f")
		if len(t) > 0 && (t[0] == '#' || t[0] == '!') && strings.HasPrefix(strings.TrimSpace(t[1:]), "want ") {
			continue
		}
		return next
	}
	return line + 1
}

var ruleToken = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// parseWant parses `KL201 "rx" KL203`.
func parseWant(path string, line int, text string) ([]*expectation, error) {
	var out []*expectation
	rest := strings.TrimSpace(text)
	for rest != "" {
		if rest[0] == '"' || rest[0] == '`' {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("want: bad quoted regexp in %q: %w", rest, err)
			}
			if len(out) == 0 || out[len(out)-1].rx != nil {
				return nil, fmt.Errorf("want: regexp %s must follow a rule", q)
			}
			s, _ := strconv.Unquote(q)
			rx, err := regexp.Compile(s)
			if err != nil {
				return nil, fmt.Errorf("want: %w", err)
			}
			out[len(out)-1].rx = rx
			rest = strings.TrimSpace(rest[len(q):])
			continue
		}
		tok, after, _ := strings.Cut(rest, " ")
		if !ruleToken.MatchString(tok) {
			return nil, fmt.Errorf("want: %q is not a rule ID or name", tok)
		}
		out = append(out, &expectation{path: path, line: line, rule: tok, token: tok})
		rest = strings.TrimSpace(after)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("want: names no rule")
	}
	return out, nil
}

// rawComments returns the whole-line "#" comments of a file the engine
// did not parse, and fills f.Lines so want comments bind as usual.
func rawComments(t Testing, f *analyzer.File) []load.Comment {
	data, err := os.ReadFile(f.Path)
	if err != nil {
		t.Errorf("%v", err)
		return nil
	}
	var out []load.Comment
	f.Lines = strings.Split(string(data), "\n")
	for i, line := range f.Lines {
		if text, ok := strings.CutPrefix(strings.TrimSpace(line), "#"); ok {
			out = append(out, load.Comment{Text: strings.TrimSpace(text), Pos: load.Pos{Line: i + 1, Col: 1}})
		}
	}
	return out
}
