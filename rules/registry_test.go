package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/settings"
)

var (
	idPattern   = regexp.MustCompile(`^KL[1-6][0-9]{2}$`)
	namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

func TestRegistry(t *testing.T) {
	t.Parallel()
	ids, names := map[string]bool{}, map[string]bool{}
	for _, fam := range Families() {
		for _, r := range fam.Rules {
			if !idPattern.MatchString(r.ID) {
				t.Errorf("%s: ID does not match %s", r.ID, idPattern)
			}
			if r.ID[2] != fam.Digit {
				t.Errorf("%s: declared in family KL%cxx", r.ID, fam.Digit)
			}
			if ids[r.ID] || names[r.Name] {
				t.Errorf("%s %s: duplicate ID or name", r.ID, r.Name)
			}
			ids[r.ID], names[r.Name] = true, true
			if !namePattern.MatchString(r.Name) {
				t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
			}
			if r.Severity < analyzer.Info || r.Severity > analyzer.Error || r.Scope == 0 || r.Check == nil || r.Since == "" {
				t.Errorf("%s: severity, scope, check and since are required", r.ID)
			}
			d := r.Doc
			if d.Title == "" || len([]rune(d.Title)) > 60 || strings.HasSuffix(d.Title, ".") || unicode.IsUpper([]rune(d.Title)[0]) {
				t.Errorf("%s: title %q: want one lower-case line of at most 60 characters without a final period", r.ID, d.Title)
			}
			if !strings.HasSuffix(d.Fix, ".") || !unicode.IsUpper([]rune(d.Fix)[0]) {
				t.Errorf("%s: fix %q: want an imperative sentence ending with a period", r.ID, d.Fix)
			}
			if d.Why == "" || d.Bad == "" || d.Good == "" {
				t.Errorf("%s: why, bad and good are required", r.ID)
			}
		}
	}
	for _, r := range All() {
		if got, ok := Lookup(r.Name); !ok || got != r {
			t.Errorf("Lookup(%q) = %v, %v; want %s", r.Name, got, ok, r.ID)
		}
	}
}

// TestDocExamples lints every rule's Bad and Good snippets through the real
// engine: Bad must trigger the rule, Good must not (the actionlint
// check-checks idea, so docs cannot drift from code).
func TestDocExamples(t *testing.T) {
	t.Parallel()
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			for _, ex := range []struct {
				name, text string
				want       bool
			}{{"bad", r.Doc.Bad, true}, {"good", r.Doc.Good, false}} {
				got := lintSnippet(t, r, ex.text)
				if got != ex.want {
					t.Errorf("%s example: rule fired = %v, want %v\n%s", ex.name, got, ex.want, ex.text)
				}
			}
		})
	}
}

func lintSnippet(t *testing.T, r *analyzer.Rule, text string) bool {
	t.Helper()
	dir := t.TempDir()
	name := "example.properties"
	if r.Doc.Settings != "" {
		if err := os.WriteFile(filepath.Join(dir, settings.FileName), []byte(r.Doc.Settings), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, part := range snippetFiles(name, text) {
		p := filepath.Join(dir, part.name)
		if err := os.WriteFile(p, []byte(part.text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	res0, err := settings.NewResolver("", Known)
	if err != nil {
		t.Fatal(err)
	}
	res := analyzer.Lint(t.Context(), paths, analyzer.Options{Rules: All(), Meta: Meta(), Settings: res0.For})
	for _, e := range res.Errors {
		t.Errorf("%v", e)
	}
	for _, f := range res.Findings {
		if f.Rule == r {
			return true
		}
	}
	return false
}

// snippetFiles splits a doc example into files. A group rule's example
// needs several member configs: a line "# file: NAME" starts a new file
// (it is a comment, so the rendered snippet stays valid .properties). Text
// without such a line is one file named name.
func snippetFiles(name, text string) []struct{ name, text string } {
	var out []struct{ name, text string }
	for _, line := range strings.SplitAfter(text, "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "# file: "); ok {
			out = append(out, struct{ name, text string }{n, ""})
			continue
		}
		if len(out) == 0 {
			out = append(out, struct{ name, text string }{name, ""})
		}
		out[len(out)-1].text += line
	}
	return out
}
