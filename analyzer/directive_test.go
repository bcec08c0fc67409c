package analyzer

import (
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer/load"
)

var (
	testUnused = &Rule{ID: "KL907", Name: "unused", Severity: Info, Scope: PerFile, Check: func(*Pass) error { return nil }}
	testBad    = &Rule{ID: "KL908", Name: "bad", Severity: Warning, Scope: PerFile, Check: func(*Pass) error { return nil }}
	testKey    = &Rule{ID: "KL901", Name: "every-key", Severity: Warning, Scope: PerFile, Check: func(p *Pass) error {
		for _, e := range p.File.Entries {
			p.Report(Finding{Pos: e.KeyPos, Key: e.Key, Message: "key " + e.Key})
		}
		return nil
	}}
)

// FuzzSuppress checks, for any .properties input the loader accepts:
//   - reading directives and suppressing findings never panics;
//   - every finding, reported or suppressed, lies inside the file;
//   - a directive taken as valid names at least one rule and gives a
//     reason, and an ignore-line directive covers a line of the file;
//   - a finding is either reported or suppressed, never both nor lost.
//
// Seeds: the directive forms of the suppression fixtures.
func FuzzSuppress(f *testing.F) {
	for _, s := range []string{
		"# kafkalint:ignore KL901 -- reason\na=1\n",
		"# kafkalint:ignore KL901,every-key -- r\na=1\nb=2\n",
		"# kafkalint:ignore-file KL901 -- r\na=1\n",
		"# kafkalint:ignore KL901\na=1\n",
		"# kafkalint:ignore -- nothing\na=1\n",
		"# kafkalint:processing-time=750ms\na=1\n",
		"# kafkalint:batch-processing-time=-1s\n",
		"a=1 # kafkalint:ignore KL901 -- trailing\n",
		"# kafkalint:ignore KL999 -- unknown\n# kafkalint:bogus\n",
	} {
		f.Add([]byte(s))
	}
	opts := Options{Rules: []*Rule{testKey}, Meta: Meta{UnusedSuppression: testUnused, BadSuppression: testBad}}
	f.Fuzz(func(t *testing.T, data []byte) {
		lf, err := load.Parse("f.properties", data, load.Properties)
		if err != nil {
			return
		}
		file := newFile(lf, FileSettings{}, true)
		file.parseDirectives()
		for _, d := range file.directives {
			if d.err == "" && (d.kind == ignoreLine || d.kind == ignoreFile) {
				if len(d.rules) == 0 || strings.TrimSpace(d.reason) == "" {
					t.Fatalf("directive at %v accepted without rule or reason: %+v", d.pos, d)
				}
				if d.kind == ignoreLine && d.line > len(lf.Lines)+1 {
					t.Fatalf("directive at %v covers line %d of %d", d.pos, d.line, len(lf.Lines))
				}
			}
		}
		found, suppressed := Run([]*File{file}, opts)
		for _, x := range append(found, suppressed...) {
			if x.Pos.Line < 1 || x.Pos.Line > len(lf.Lines)+1 || x.Pos.Col < 1 {
				t.Fatalf("finding %q at %v outside the file", x.Message, x.Pos)
			}
		}
		keys := 0
		for _, x := range append(found, suppressed...) {
			if x.Rule == testKey {
				keys++
			}
		}
		if keys != len(lf.Entries) {
			t.Fatalf("%d key findings reported or suppressed, want %d", keys, len(lf.Entries))
		}
	})
}
