package rules

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// corpusDir is the real-world corpus beside the repository
// (../shared/corpus/realworld from the repository root).
const corpusDir = "../../shared/corpus/realworld"

// TestRealWorldCorpus lints every file of the real-world corpus, each named
// explicitly, with every rule: no panic, and every input error names its
// file. It is skipped when the corpus is absent.
func TestRealWorldCorpus(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s", corpusDir)
	}
	var paths []string
	err := filepath.WalkDir(corpusDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != "SOURCES.tsv" && d.Name() != "README.md" {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	res := analyzer.Lint(t.Context(), paths, analyzer.Options{Rules: All(), Meta: Meta()})
	for _, err := range res.Errors {
		var pe *load.PosError
		if !errors.As(err, &pe) || pe.Path == "" {
			t.Errorf("error does not name its file: %v", err)
		}
	}
	if got := len(res.Files) + len(res.Errors); got != len(paths) {
		t.Errorf("linted %d files and %d errors, want %d files accounted for", len(res.Files), len(res.Errors), len(paths))
	}
	t.Logf("%d files: %d linted, %d input errors, %d findings", len(paths), len(res.Files), len(res.Errors), len(res.Findings))
}
