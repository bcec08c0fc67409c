package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/rules"
)

// onlyRules returns a --disable flag that leaves only the named rules on,
// so these tests do not change when a rule family grows.
func onlyRules(keep ...string) string {
	var off []string
	for _, r := range rules.All() {
		if !slices.Contains(keep, r.ID) {
			off = append(off, r.ID)
		}
	}
	return "--disable=" + strings.Join(off, ",")
}

// inDir makes a temporary directory holding files, and changes into it.
func inDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

const (
	cleanConsumer   = "bootstrap.servers=kafka-1:9092\ngroup.id=orders\n"
	warningConsumer = "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nmax.poll.interval=600000\n"         // KL401 warning
	errorConsumer   = "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nauto.offset.reset=smallest\n"       // KL404 error
	infoConsumer    = "bootstrap.servers=kafka-1:9092\n# kafkalint:ignore KL401 -- test\ngroup.id=orders\n" // KL407 info
)

func TestExitCodes(t *testing.T) {
	only := onlyRules("KL401", "KL404", "KL407")
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  int
	}{
		{"clean", map[string]string{"c.properties": cleanConsumer}, []string{"lint", only, "c.properties"}, exitClean},
		{"warning fails at the default threshold", map[string]string{"c.properties": warningConsumer}, []string{"lint", only, "c.properties"}, exitFindings},
		{"warning below --fail-on error", map[string]string{"c.properties": warningConsumer}, []string{"lint", only, "--fail-on", "error", "c.properties"}, exitClean},
		{"error at --fail-on error", map[string]string{"c.properties": errorConsumer}, []string{"lint", only, "--fail-on=error", "c.properties"}, exitFindings},
		{"info below the default threshold", map[string]string{"c.properties": infoConsumer}, []string{"lint", only, "c.properties"}, exitClean},
		{"info at --fail-on info", map[string]string{"c.properties": infoConsumer}, []string{"lint", only, "--fail-on", "info", "c.properties"}, exitFindings},
		{"fail-on from settings", map[string]string{"c.properties": warningConsumer, ".kafkalint.toml": "fail-on = \"error\"\n"}, []string{"lint", only, "c.properties"}, exitClean},
		{"findings in every machine format", map[string]string{"c.properties": errorConsumer}, []string{"lint", only, "--format", "sarif", "c.properties"}, exitFindings},
		{"missing file", nil, []string{"lint", only, "nope.properties"}, exitError},
		{"input error wins over findings", map[string]string{"c.properties": errorConsumer, "bad.properties": "a=\xff\n"}, []string{"lint", only, "c.properties", "bad.properties"}, exitError},
		{"unknown flag", nil, []string{"lint", "--nope"}, exitError},
		{"unknown format", nil, []string{"lint", "--format", "yaml"}, exitError},
		{"bad --fail-on", nil, []string{"lint", "--fail-on", "fatal"}, exitError},
		{"unknown rule", nil, []string{"lint", "--disable", "KL000"}, exitError},
		{"missing baseline", map[string]string{"c.properties": cleanConsumer}, []string{"lint", "--baseline", "nope.json", "c.properties"}, exitError},
		{"no command", nil, nil, exitError},
		{"unknown command", nil, []string{"frobnicate"}, exitError},
		{"help", nil, []string{"help"}, exitClean},
		{"lint -h", nil, []string{"lint", "-h"}, exitClean},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inDir(t, tt.files)
			if code, stdout, stderr := runCmd(t, tt.args...); code != tt.want {
				t.Errorf("kafkalint %s = exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tt.args, " "), code, tt.want, stdout, stderr)
			}
		})
	}
}

// TestHelp compares the help texts with testdata/*.golden; regenerate
// them with go test ./cmd/kafkalint -update.
func TestHelp(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr bool
	}{
		{"usage", []string{"help"}, false},
		{"lint-help", []string{"lint", "-h"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, stderr := runCmd(t, tt.args...)
			got := stdout
			if tt.stderr {
				got = stderr
			}
			compareGolden(t, filepath.Join("testdata", tt.name+".golden"), []byte(got))
		})
	}
}

// TestOutputFile checks that --output writes exactly what standard output
// would get, in every format, and nothing to standard output.
func TestOutputFile(t *testing.T) {
	only := onlyRules("KL401", "KL404", "KL407")
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			dir := inDir(t, map[string]string{"c.properties": errorConsumer})
			code, want, _ := runCmd(t, "lint", only, "--format", f.name, "c.properties")
			out := filepath.Join(dir, "report.out")
			code2, stdout, stderr := runCmd(t, "lint", only, "--format", f.name, "--output", out, "c.properties")
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatalf("--output %s: %v (stderr: %s)", out, err, stderr)
			}
			if string(got) != want || stdout != "" || code != code2 {
				t.Errorf("--output wrote %q, stdout %q, exit %d; want %q, empty stdout, exit %d", got, stdout, code2, want, code)
			}
		})
	}
	t.Run("unwritable", func(t *testing.T) {
		inDir(t, map[string]string{"c.properties": cleanConsumer})
		if code, _, _ := runCmd(t, "lint", "--output", filepath.Join("no", "such", "dir", "r.txt"), "c.properties"); code != exitError {
			t.Errorf("--output into a missing directory = exit %d, want %d", code, exitError)
		}
	})
}

// TestBaseline is the adoption story: record today's findings, edit the
// file above them, and only a new finding is reported.
func TestBaseline(t *testing.T) {
	only := onlyRules("KL401", "KL404")
	dir := inDir(t, map[string]string{"conf/consumer.properties": warningConsumer + "auto.offset.reset=smallest\n"})
	lint := func(args ...string) (int, string) {
		t.Helper()
		code, stdout, stderr := runCmd(t, append([]string{"lint", only}, args...)...)
		return code, stdout + stderr
	}
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "conf", "consumer.properties"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	if code, out := lint("--write-baseline", ".kafkalint-baseline.json", "."); code != exitClean || !strings.Contains(out, "recorded 2 findings") {
		t.Fatalf("--write-baseline = exit %d, want %d with 2 findings recorded:\n%s", code, exitClean, out)
	}
	if code, out := lint("--baseline", ".kafkalint-baseline.json", "."); code != exitClean || !strings.Contains(out, "2 in the baseline") {
		t.Fatalf("--baseline right after writing it = exit %d, want %d with 2 baselined:\n%s", code, exitClean, out)
	}

	// Lines inserted above the old findings: still covered.
	write("# Orders consumer\n\n# owned by the platform team\n\n" + warningConsumer + "auto.offset.reset=smallest\n")
	if code, out := lint("--baseline", ".kafkalint-baseline.json", "."); code != exitClean || strings.Contains(out, "max.poll.interval is") {
		t.Errorf("after inserting lines above = exit %d, want %d and no finding reported:\n%s", code, exitClean, out)
	}

	// A new finding is reported, the old ones stay covered.
	write("# Orders consumer\nsesion.timeout.ms=45000\n" + warningConsumer + "auto.offset.reset=smallest\n")
	code, out := lint("--baseline", ".kafkalint-baseline.json", "--format", "json", ".")
	if code != exitFindings || !strings.Contains(out, `"key": "sesion.timeout.ms"`) || strings.Contains(out, `"key": "max.poll.interval"`) || !strings.Contains(out, `"baselined": 2`) {
		t.Errorf("after adding a new unknown key = exit %d, want %d reporting only sesion.timeout.ms:\n%s", code, exitFindings, out)
	}

	// A fixed finding leaves a stale entry, counted in both summaries.
	write(cleanConsumer + "auto.offset.reset=smallest\n")
	if code, out := lint("--baseline", ".kafkalint-baseline.json", "."); code != exitClean || !strings.Contains(out, "1 stale baseline entry") {
		t.Errorf("after fixing a finding = exit %d, want %d and 1 stale entry:\n%s", code, exitClean, out)
	}
	if _, out := lint("--baseline", ".kafkalint-baseline.json", "--format", "json", "."); !strings.Contains(out, `"stale_baseline": 1`) {
		t.Errorf("JSON summary lacks \"stale_baseline\": 1:\n%s", out)
	}
}

// TestFlagsAfterPaths: flags may follow the paths, and "--" ends them.
func TestFlagsAfterPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "p.properties")
	if err := os.WriteFile(p, []byte("bootstrap.servers=b:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nlinger.ms=5\nacks=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"lint", p}, exitFindings},
		{[]string{"lint", p, "--fail-on", "error"}, exitClean},
		{[]string{"lint", "--", p, "--fail-on"}, exitError}, // "--fail-on" is a path after --
		{[]string{"lint", "--jobs", "-1", p}, exitError},
		{[]string{"lint", "--include", "[", dir}, exitError},
		{[]string{"explain", "-h"}, exitClean},
		{[]string{"explain", "kl101"}, exitClean},
		{[]string{"explain", "KL999"}, exitError},
		{[]string{"init", "-h"}, exitClean},
	}
	for _, tt := range tests {
		var out, errb strings.Builder
		if got := run(t.Context(), tt.args, nil, &out, &errb); got != tt.want {
			t.Errorf("run(%q) = %d, want %d; stderr %s", tt.args, got, tt.want, errb.String())
		}
	}
}
