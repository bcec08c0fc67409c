package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/analyzertest"
)

var (
	wantToken   = regexp.MustCompile(`(?m)^\s*[#!]\s*want\s+(.*)$|#\s*want\s+(.*)$|//\s*want\s+(.*)$`)
	ignoreToken = regexp.MustCompile(`kafkalint:ignore(?:-file)?\s+([^\n]*)`)
)
var ruleRef = regexp.MustCompile(`\bKL[0-9]{3}\b`)

// TestFixtures runs every rule over testdata/rules/<ID>. Each directory
// must expect the rule at least once and hold at least one file with no
// expectation (the negative case). The run includes every rule an
// expectation in the directory names, so a fixture also proves the absence
// of cascades between those rules. Rules named by ignore directives run too,
// so the directives are tested against real findings.
func TestFixtures(t *testing.T) {
	t.Parallel()
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("..", "testdata", "rules", r.ID)
			named, clean := fixtureRules(t, dir)
			if !slices.Contains(named, r.ID) && !slices.Contains(named, r.Name) {
				t.Fatalf("%s: no fixture expects %s (add a file with # want %s)", dir, r.ID, r.ID)
			}
			if clean == 0 {
				t.Errorf("%s: every file expects a finding; add a clean file as the negative case", dir)
			}
			analyzertest.Run(t, dir, optionsFor(named))
		})
	}
}

// optionsFor returns lint options running the named rules.
func optionsFor(named []string) analyzer.Options {
	var opts analyzer.Options
	for _, r := range All() {
		if slices.Contains(named, r.ID) || slices.Contains(named, r.Name) {
			opts.Rules = append(opts.Rules, r)
		}
	}
	m := Meta()
	keep := func(r *analyzer.Rule) *analyzer.Rule {
		if slices.Contains(opts.Rules, r) {
			return r
		}
		return nil
	}
	opts.Meta = analyzer.Meta{UnusedSuppression: keep(m.UnusedSuppression), BadSuppression: keep(m.BadSuppression), NotKafka: keep(m.NotKafka), Unsupported: keep(m.Unsupported)}
	return opts
}

// fixtureRules returns the rules the expectations under dir name and the
// number of files without expectations.
func fixtureRules(t *testing.T, dir string) (named []string, clean int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".kafkalint.toml" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ms := wantToken.FindAllSubmatch(data, -1)
		if len(ms) == 0 {
			clean++
		}
		for _, m := range ignoreToken.FindAllSubmatch(data, -1) {
			for _, id := range ruleRef.FindAll(m[1], -1) {
				named = append(named, string(id))
			}
		}
		for _, m := range ms {
			for _, g := range m[1:] {
				for _, id := range ruleRef.FindAll(g, -1) {
					named = append(named, string(id))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return named, clean
}
