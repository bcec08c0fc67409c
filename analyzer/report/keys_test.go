package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer/keys"
)

// The -update flag may be registered by another test file of this package.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool { return flag.Lookup("update").Value.(flag.Getter).Get().(bool) }

// keysResult analyses the README's example sample with every feature on.
func keysResult(t *testing.T) *keys.Result {
	t.Helper()
	f, err := os.Open("../../testdata/keys/orders.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sarama, _ := keys.LookupPartitioner("sarama")
	r, err := keys.Analyze(t.Context(), f, "orders.jsonl",
		keys.Candidates("customer.id", "tenant_id+region", "order_id"), keys.Partitions(12, 24),
		keys.WeightField("bytes"), keys.Compare(keys.DefaultPartitioner(), sarama), keys.TopKeys(3))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestKeysGolden(t *testing.T) {
	r := keysResult(t)
	tests := []struct {
		name   string
		render func(*bytes.Buffer) error
	}{
		{"keys.txt", func(b *bytes.Buffer) error { return KeysText(b, r, KeysOptions{ToolVersion: "test"}) }},
		{"keys.color.txt", func(b *bytes.Buffer) error { return KeysText(b, r, KeysOptions{Color: true, ToolVersion: "test"}) }},
		{"keys.json", func(b *bytes.Buffer) error { return KeysJSON(b, r, KeysOptions{ToolVersion: "test"}) }},
		{"keys.html", func(b *bytes.Buffer) error { return KeysHTML(b, r, KeysOptions{ToolVersion: "test"}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(&b); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "keys", tt.name)
			if updating() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run: go test ./analyzer/report -run TestKeysGolden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden; if the change is intended, run: go test ./analyzer/report -run TestKeysGolden -update\ngot:\n%s", tt.name, b.String())
			}
		})
	}
}

func TestKeysBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cells float64
		want  string
	}{
		{0, ""}, {1, "█"}, {1.5, "█▌"}, {0.125, "▏"}, {2.9, "██▉"},
	}
	for _, tt := range tests {
		if got := keysBar(tt.cells); got != tt.want {
			t.Errorf("keysBar(%v) = %q, want %q", tt.cells, got, tt.want)
		}
	}
}
