package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
)

func known(name string) bool { return name == "KL101" || name == "unknown-key" || name == "KL302" }

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, toml, want string
	}{
		{"unknown setting", "client-version = \"3.7\"\nfail-onn = \"error\"\n", ".kafkalint.toml:2: unknown setting \"fail-onn\""},
		{"bad severity", "fail-on = \"fatal\"\n", ".kafkalint.toml:1:"},
		{"bad version", "client-version = \"2.8\"\n", "version 2.8: kafkalint knows"},
		{"bad role", "[[files]]\nglob = \"*.properties\"\nrole = \"consumr\"\n", "role \"consumr\""},
		{"unknown rule", "disable = [\"KL999\"]\n", ".kafkalint.toml:1: disable names unknown rule \"KL999\""},
		{"no glob", "[[files]]\nrole = \"consumer\"\n", "a [[files]] section needs a glob"},
		{"bad duration", "[[files]]\nglob = \"*\"\nprocessing-time = \"fast\"\n", "want a positive duration"},
		{"syntax", "client-version = \n", ".kafkalint.toml:1:"},
		{"unquoted version", "client-version = 3.7\n", `.kafkalint.toml:1: version 3.7: write it as a quoted string, such as "3.7"`},
		{"type mismatch", "[broker]\ngroup-min-session-timeout-ms = \"6000\"\n", ".kafkalint.toml:2: broker.group-min-session-timeout-ms: incompatible types"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse(".kafkalint.toml", []byte(tt.toml), known)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) = %v, want an error containing %q", tt.toml, err, tt.want)
			}
		})
	}
}

func TestFor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	data := `client-version = "3.7"
disable = ["KL302"]
[severity]
KL101 = "warning"
[broker]
group-min-session-timeout-ms = 3000
[[files]]
glob = "orders/**/*.properties"
role = "consumer+producer"
processing-time = "750ms"
[[files]]
glob = "orders/legacy/*.properties"
client-version = "3.0"
`
	p := filepath.Join(dir, FileName)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := ReadFile(p, known)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file    string
		version catalog.Version
		role    analyzer.Role
		proc    time.Duration
	}{
		{"orders/a/consumer.properties", catalog.Version{Major: 3, Minor: 7}, analyzer.Consumer | analyzer.Producer, 750 * time.Millisecond},
		{"orders/legacy/p.properties", catalog.Version{Major: 3, Minor: 0}, analyzer.Consumer | analyzer.Producer, 750 * time.Millisecond},
		{"payments/p.properties", catalog.Version{Major: 3, Minor: 7}, 0, 0},
	}
	for _, tt := range tests {
		fs := s.For(filepath.Join(dir, tt.file))
		if fs.Version != tt.version || fs.Role != tt.role || fs.ProcessingTime != tt.proc {
			t.Errorf("For(%s) = version %v role %v processing %v, want %v %v %v", tt.file, fs.Version, fs.Role, fs.ProcessingTime, tt.version, tt.role, tt.proc)
		}
		if fs.Broker.GroupMinSessionTimeout != 3*time.Second || fs.Broker.GroupMaxSessionTimeout != 30*time.Minute {
			t.Errorf("For(%s) broker = %+v, want min 3s and the default max", tt.file, fs.Broker)
		}
		if fs.Severity["KL101"] != analyzer.Warning || len(fs.Disabled) != 1 {
			t.Errorf("For(%s) severity/disable = %v %v", tt.file, fs.Severity, fs.Disabled)
		}
	}
}

// TestResolverWalksUp: the nearest settings file applies, and the walk
// stops at the repository root.
func TestResolverWalksUp(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	mustWrite := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(filepath.Join(root, FileName), "client-version = \"4.0\"\n") // above the repository: never read
	repo := filepath.Join(root, "repo")
	mustWrite(filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	mustWrite(filepath.Join(repo, "svc", FileName), "client-version = \"3.5\"\n")
	r, err := NewResolver("", known)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file string
		want catalog.Version
	}{
		{filepath.Join(repo, "svc", "deep", "c.properties"), catalog.Version{Major: 3, Minor: 5}},
		{filepath.Join(repo, "other", "c.properties"), catalog.Version{}},
	}
	for _, tt := range tests {
		fs, err := r.For(tt.file)
		if err != nil || fs.Version != tt.want {
			t.Errorf("For(%s) = %v, %v; want version %v", tt.file, fs.Version, err, tt.want)
		}
	}
}
