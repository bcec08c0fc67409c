package analyzer_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
	"github.com/kafkalint/kafkalint/rules"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func lint(t *testing.T, paths ...string) analyzer.Result {
	t.Helper()
	return analyzer.Lint(t.Context(), paths, analyzer.Options{Rules: rules.All(), Meta: rules.Meta()})
}

// TestBadInputDoesNotStopTheRun: each bad file is one error naming it, and
// the good file beside it is still linted.
func TestBadInputDoesNotStopTheRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "good.properties", "bootstrap.servers=kafka-1:9092\nmax.poll.interval=1\ngroup.id=g\n")
	write(t, dir, "binary.properties", "acks=all\x00\x00")
	write(t, dir, "latin1.properties", "acks=all\nclient.id=caf\xe9\n")
	write(t, dir, "escape.properties", "acks=all\nkey\\u00zz=1\n")
	res := lint(t, dir)
	if len(res.Files) != 1 || !strings.HasSuffix(res.Files[0].Path, "good.properties") {
		t.Fatalf("linted files = %d, want only good.properties", len(res.Files))
	}
	if len(res.Findings) == 0 {
		t.Errorf("no findings on good.properties, want its unknown key reported")
	}
	want := map[string]string{"binary.properties": "binary file", "latin1.properties": ":2:14: invalid UTF-8", "escape.properties": ":2:4: invalid \\u escape"}
	if len(res.Errors) != len(want) {
		t.Fatalf("errors = %v, want %d", res.Errors, len(want))
	}
	for _, err := range res.Errors {
		var pe *load.PosError
		if !errors.As(err, &pe) {
			t.Errorf("error %v is not a *load.PosError", err)
			continue
		}
		frag, ok := want[filepath.Base(pe.Path)]
		if !ok || !strings.Contains(err.Error(), frag) {
			t.Errorf("error %q, want it to name the file and contain %q", err, frag)
		}
	}
}

// TestNoFloods: files found by walking that hold no Kafka key are skipped
// without a word; the same file named explicitly gets one KL409 note.
func TestNoFloods(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	log4j := write(t, dir, "log4j.properties", "log4j.rootLogger=INFO, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n")
	write(t, dir, "i18n/messages.properties", "greeting=Hello\nfarewell=Goodbye\n")
	write(t, dir, "producer.properties", "bootstrap.servers=kafka-1:9092\nacks=all\n")
	res := lint(t, dir)
	if res.Skipped != 2 || len(res.Files) != 1 {
		t.Errorf("walk: skipped %d, linted %d; want 2 skipped, 1 linted", res.Skipped, len(res.Files))
	}
	for _, f := range res.Findings {
		if !strings.HasSuffix(f.Path, "producer.properties") {
			t.Errorf("walk: finding on a skipped file: %s %s", f.Path, f.Message)
		}
	}
	res = lint(t, log4j)
	if len(res.Findings) != 1 || res.Findings[0].Rule != rules.NotKafkaConfig {
		t.Errorf("named log4j.properties: findings = %v, want one KL409", res.Findings)
	}
}

func TestWalkSkipsAndLoops(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "app/consumer.properties", "group.id=g\nbootstrap.servers=b:9092\n")
	write(t, dir, ".git/config.properties", "acks=all\n")
	write(t, dir, "vendor/x/producer.properties", "acks=all\n")
	write(t, dir, "node_modules/y/producer.properties", "acks=all\n")
	if err := os.Symlink(dir, filepath.Join(dir, "app", "loop")); err != nil {
		t.Fatal(err)
	}
	targets, errs := load.Walk([]string{dir}, nil)
	if len(targets) != 1 || !strings.HasSuffix(targets[0].Path, filepath.Join("app", "consumer.properties")) {
		t.Errorf("targets = %v, want only app/consumer.properties", targets)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "symlink loop") || !strings.Contains(errs[0].Error(), "loop") {
		t.Errorf("errors = %v, want one symlink loop error naming app/loop", errs)
	}
	_, errs = load.Walk([]string{filepath.Join(dir, "missing.properties")}, nil)
	if len(errs) != 1 || strings.Count(errs[0].Error(), "missing.properties") != 1 {
		t.Errorf("missing path: errors = %v, want one naming it once", errs)
	}
	// The same file through a directory symlink, or named twice, is one
	// target: group rules must not see it as its own twin.
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(filepath.Join(dir, "app"), alias); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "app", "consumer.properties")
	targets, _ = load.Walk([]string{filepath.Join(dir, "app"), alias, real, dir + "/app/./consumer.properties"}, nil)
	if len(targets) != 1 {
		t.Errorf("the same file four ways: targets = %v, want one", targets)
	}
}

// TestSuppressions covers the directive forms through the real engine.
func TestSuppressions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := write(t, dir, "c.properties", `bootstrap.servers=kafka-1:9092
group.id=g
# kafkalint:ignore KL401 -- read by our interceptor
audit.topic=a
# kafkalint:ignore unknown-key -- by name
audit.level=1
audit.other=2
`)
	res := lint(t, p)
	var unknown []int
	for _, f := range res.Findings {
		if f.Rule == rules.UnknownKey {
			unknown = append(unknown, f.Pos.Line)
		}
	}
	if len(unknown) != 1 || unknown[0] != 7 {
		t.Errorf("KL401 lines = %v, want [7] (lines 4 and 6 suppressed)", unknown)
	}
	if len(res.Suppressed) != 2 {
		t.Errorf("suppressed = %d, want 2", len(res.Suppressed))
	}
}
