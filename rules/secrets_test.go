package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/report"
	"github.com/kafkalint/kafkalint/analyzer/settings"
)

// secretMark matches the distinctive secrets planted in testdata/rules/KL501:
// every one contains "Zq7vN3xw".
var secretMark = regexp.MustCompile(`Zq7vN3xw[A-Za-z0-9-]*`)

// TestSecretsNeverPrinted lints the KL501 fixtures with every rule and
// renders the result in every output format: no planted secret may appear
// in a message, fix or related text.
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "testdata", "rules", "KL501")
	var paths []string
	var secrets []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, secretMark.FindAllString(string(data), -1)...)
		paths = append(paths, p)
	}
	if len(secrets) < 5 {
		t.Fatalf("found %d planted secrets in %s, want at least 5", len(secrets), dir)
	}
	res0, err := settings.NewResolver("", Known)
	if err != nil {
		t.Fatal(err)
	}
	res := analyzer.Lint(t.Context(), paths, analyzer.Options{Rules: All(), Meta: Meta(), Settings: res0.For})
	fired := 0
	for _, f := range res.Findings {
		if f.Rule == PlaintextSecret {
			fired++
		}
	}
	if fired < len(secrets) {
		t.Errorf("KL501 fired %d times over %d planted secrets", fired, len(secrets))
	}
	in := report.Input{Findings: res.Findings, Errors: res.Errors, Files: len(res.Files)}
	for _, format := range []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"text", func(b *bytes.Buffer) error { return report.Text(b, in, report.Options{ToolVersion: "test"}) }},
		{"json", func(b *bytes.Buffer) error { return report.JSON(b, in, report.Options{ToolVersion: "test"}) }},
	} {
		var buf bytes.Buffer
		if err := format.render(&buf); err != nil {
			t.Fatalf("%s: %v", format.name, err)
		}
		for _, s := range secrets {
			if bytes.Contains(buf.Bytes(), []byte(s)) {
				t.Errorf("%s output contains the secret %q", format.name, s)
			}
		}
		if buf.Len() == 0 {
			t.Errorf("%s output is empty", format.name)
		}
	}
}
