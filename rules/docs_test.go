package rules

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer/report"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// TestRulesDoc checks that docs/rules.md is what the rule values render.
func TestRulesDoc(t *testing.T) {
	var groups []report.RuleGroup
	for _, f := range Families() {
		groups = append(groups, report.RuleGroup{Prefix: "KL" + string(f.Digit), Title: f.Title, Rules: f.Rules})
	}
	var buf bytes.Buffer
	if err := report.RuleDocs(&buf, groups, report.DocMarkdown); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("docs/rules.md is stale; regenerate it with: go test ./rules -run TestRulesDoc -update")
	}
}
