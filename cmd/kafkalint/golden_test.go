package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/report"
	"github.com/kafkalint/kafkalint/analyzer/settings"
	"github.com/kafkalint/kafkalint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files (testdata/golden/out.*, cmd/kafkalint/testdata/*.golden)")

// updateCmd is printed when a golden file differs.
const updateCmd = "go test ./cmd/kafkalint -update"

// fakeSecret is the distinctive fake password in testdata/golden/input; no
// output format may contain it.
const fakeSecret = "Tr0ub4dor"

// TestGolden renders the one shared input set, testdata/golden/input, in
// every format and compares with testdata/golden/out.<format> byte for
// byte, plus out.text-color with colour forced on. The input is linted by
// the real engine with every rule, as kafkalint lint does; it covers every
// severity, a related position, a column after a multi-byte character, a
// redacted secret, a suppression, a skipped file and an input error.
//
// The test lives here rather than in analyzer/report because it needs
// package rules, which nothing under analyzer/ may import (STYLE,
// "Packages and import direction"). The reporters' own unit tests stay in
// analyzer/report.
func TestGolden(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	res := lintGoldenInput(t)
	in := reportInput(res)
	input, err := os.ReadFile(filepath.Join("testdata", "golden", "input", "orders-consumer.properties"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(input, []byte(fakeSecret)) {
		t.Fatalf("golden input no longer holds the fake secret %q, so the leak check below cannot fail", fakeSecret)
	}
	type golden struct {
		name  string
		color bool
		fn    func(*bytes.Buffer, report.Input, report.Options) error
	}
	var cases []golden
	for _, f := range formats {
		render := f.render
		cases = append(cases, golden{f.name, false, func(b *bytes.Buffer, in report.Input, o report.Options) error { return render(b, in, o) }})
	}
	cases = append(cases, golden{"text-color", true, func(b *bytes.Buffer, in report.Input, o report.Options) error { return report.Text(b, in, o) }})
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			opts := report.Options{ToolVersion: "test", Color: tt.color, Rules: rules.All(), DocsURL: docsURL}
			if err := tt.fn(&buf, in, opts); err != nil {
				t.Fatalf("render %s: %v", tt.name, err)
			}
			if strings.Contains(buf.String(), fakeSecret) {
				t.Errorf("--format %s leaks the secret %q", tt.name, fakeSecret)
			}
			compareGolden(t, filepath.Join("testdata", "golden", "out."+tt.name), buf.Bytes())
		})
	}
}

// lintGoldenInput lints testdata/golden/input as kafkalint lint does with
// no flags (run from the repository root).
func lintGoldenInput(t *testing.T) analyzer.Result {
	t.Helper()
	resolver, err := settings.NewResolver("", rules.Known)
	if err != nil {
		t.Fatal(err)
	}
	return analyzer.Lint(t.Context(), []string{filepath.Join("testdata", "golden", "input")},
		lintOptions(resolver, catalog.Version{}, nil, nil, nil, 0))
}

// compareGolden compares got with the file at path, or rewrites the file
// under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; create it with: %s", err, updateCmd)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (first difference at line %d); regenerate with: %s\ngot:\n%s", path, firstDiffLine(got, want), updateCmd, got)
	}
}

func firstDiffLine(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}
