package baseline

import (
	"bytes"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

var (
	unknownKey = &analyzer.Rule{ID: "KL401", Name: "unknown-key"}
	unused     = &analyzer.Rule{ID: "KL407", Name: "unused-suppression"}
)

func finding(r *analyzer.Rule, path string, line int, key, msg string) analyzer.Finding {
	return analyzer.Finding{Rule: r, Path: path, Pos: load.Pos{Line: line, Col: 1}, Key: key, Message: msg}
}

// roundTrip writes b and reads it back, as a later run would.
func roundTrip(t *testing.T, b *Baseline) *Baseline {
	t.Helper()
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatalf("Read(Write(b)) = %v", err)
	}
	return got
}

func TestFilter(t *testing.T) {
	t.Parallel()
	before := []analyzer.Finding{
		finding(unknownKey, "conf/consumer.properties", 3, "max.poll.interval", "max.poll.interval is not a consumer key in Kafka 4.2"),
		finding(unused, "conf/consumer.properties", 7, "", "ignore directive for KL402 suppresses nothing"),
	}
	tests := []struct {
		name      string
		after     []analyzer.Finding
		wantFresh []string // keys (or messages for key-less findings) reported
		matched   int
		stale     int
	}{
		{
			name:    "unchanged",
			after:   before,
			matched: 2,
		},
		{
			name: "lines inserted above",
			after: []analyzer.Finding{
				finding(unknownKey, "conf/consumer.properties", 9, "max.poll.interval", "max.poll.interval is not a consumer key in Kafka 4.2"),
				finding(unused, "conf/consumer.properties", 13, "", "ignore directive for KL402 suppresses nothing"),
			},
			matched: 2,
		},
		{
			name: "message changed with the Kafka version",
			after: []analyzer.Finding{
				finding(unknownKey, "./conf/consumer.properties", 3, "max.poll.interval", "max.poll.interval is not a consumer key in Kafka 4.3"),
				before[1],
			},
			matched: 2,
		},
		{
			name: "new finding reported",
			after: append(slices.Clone(before),
				finding(unknownKey, "conf/consumer.properties", 4, "sesion.timeout.ms", "sesion.timeout.ms is not a consumer key")),
			wantFresh: []string{"sesion.timeout.ms"},
			matched:   2,
		},
		{
			name:      "same rule and key in another file is new",
			after:     append(slices.Clone(before), finding(unknownKey, "conf/other.properties", 3, "max.poll.interval", "")),
			wantFresh: []string{"max.poll.interval"},
			matched:   2,
		},
		{
			name: "second key-less finding exceeds the count",
			after: append(slices.Clone(before),
				finding(unused, "conf/consumer.properties", 12, "", "ignore directive for KL403 suppresses nothing")),
			wantFresh: []string{"ignore directive for KL403 suppresses nothing"},
			matched:   2,
		},
		{
			name:    "fixed finding is stale",
			after:   before[1:],
			matched: 1,
			stale:   1,
		},
	}
	b := roundTrip(t, New(before, ""))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fresh, matched, stale := b.Filter(tt.after, "")
			var got []string
			for _, f := range fresh {
				got = append(got, cmpOr(f.Key, f.Message))
			}
			if !slices.Equal(got, tt.wantFresh) || matched != tt.matched || stale != tt.stale {
				t.Errorf("Filter() = %q, %d matched, %d stale, want %q, %d, %d", got, matched, stale, tt.wantFresh, tt.matched, tt.stale)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestNewCountsAndSorts(t *testing.T) {
	t.Parallel()
	b := New([]analyzer.Finding{
		finding(unused, "b.properties", 9, "", "x"),
		finding(unknownKey, "a.properties", 2, "k", "y"),
		finding(unused, "b.properties", 3, "", "z"),
	}, "")
	var got []string
	for _, e := range b.Findings {
		got = append(got, e.Path+" "+e.Rule+" "+e.Key+" "+string(rune('0'+e.Count)))
	}
	want := []string{"a.properties KL401 k 1", "b.properties KL407  2"}
	if !slices.Equal(got, want) {
		t.Errorf("New() entries = %q, want %q", got, want)
	}
}

func TestPath(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "repo")
	outside := filepath.Join(filepath.Dir(root), "repo-other", "a.properties")
	tests := []struct{ in, want string }{
		{"conf/a.properties", "conf/a.properties"},
		{"./conf/../conf/a.properties", "conf/a.properties"},
		{filepath.Join(root, "conf", "a.properties"), "conf/a.properties"},
		{outside, filepath.ToSlash(outside)},
	}
	for _, tt := range tests {
		if got := Path(tt.in, root); got != tt.want {
			t.Errorf("Path(%q, %q) = %q, want %q", tt.in, root, got, tt.want)
		}
	}
}

func TestFingerprintIgnoresLine(t *testing.T) {
	t.Parallel()
	a := finding(unknownKey, "a.properties", 3, "k", "m")
	b := finding(unknownKey, "a.properties", 30, "k", "other message")
	c := finding(unknownKey, "a.properties", 3, "k2", "m")
	if Fingerprint(a, "") != Fingerprint(b, "") {
		t.Errorf("Fingerprint differs between lines 3 and 30 of the same rule, path and key")
	}
	if Fingerprint(a, "") == Fingerprint(c, "") {
		t.Errorf("Fingerprint is the same for keys k and k2")
	}
}

func TestRead(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		wantErr  string
		is       error
	}{
		{"ok", `{"version":1,"tool":"kafkalint","findings":[{"path":"a","rule":"KL401","key":"k","count":1}]}`, "", nil},
		{"future version", `{"version":2,"findings":[]}`, "version 2", ErrVersion},
		{"no version", `{"findings":[]}`, "version 0", ErrVersion},
		{"unknown field", `{"version":1,"findings":[],"extra":true}`, "unknown field", nil},
		{"zero count", `{"version":1,"findings":[{"path":"a","rule":"KL401","count":0}]}`, "count of at least 1", nil},
		{"not json", `version: 1`, "decode baseline", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(strings.NewReader(tt.in))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Read() = %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Read() = %v, want an error containing %q", err, tt.wantErr)
			case tt.is != nil && !errors.Is(err, tt.is):
				t.Errorf("Read() = %v, want errors.Is %v", err, tt.is)
			}
		})
	}
}
