package analyzer_test

import (
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
	"github.com/kafkalint/kafkalint/internal/benchgen"
	"github.com/kafkalint/kafkalint/rules"
)

var (
	benchOnce sync.Once
	benchDir  string
)

// benchCorpus writes 10,000 generated configs of ~25 keys once per test
// binary, from a fixed seed.
func benchCorpus(b *testing.B) string {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kafkalint-bench")
		if err != nil {
			b.Fatal(err)
		}
		if err := benchgen.WriteCorpus(dir, 10000); err != nil {
			b.Fatal(err)
		}
		benchDir = dir
	})
	return benchDir
}

// BenchmarkParseOnly reads and parses the 10,000 files with the same
// walker, bounded pool and loader Lint uses, and nothing else: the bound
// BenchmarkLint is compared with.
func BenchmarkParseOnly(b *testing.B) {
	dir := benchCorpus(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		targets, _ := load.Walk([]string{dir}, nil)
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		for _, t := range targets {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				if _, err := load.ReadFile(t.Path, load.Properties); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
		n += len(targets)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkLint lints the same 10,000 files with every rule.
func BenchmarkLint(b *testing.B) {
	dir := benchCorpus(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		res := analyzer.Lint(b.Context(), []string{dir}, analyzer.Options{Rules: rules.All(), Meta: rules.Meta()})
		if len(res.Errors) > 0 || len(res.Files) != 10000 {
			b.Fatalf("linted %d files, errors %v", len(res.Files), res.Errors)
		}
		n += len(res.Files)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "files/s")
}
