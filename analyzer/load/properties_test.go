package load

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/magiconair/properties"
)

func TestParseProperties(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		src     string
		want    []Entry // Key, Value, KeyPos, ValuePos checked
		comment []Comment
	}{
		{
			name: "separators",
			src:  "a=1\nb:2\nc 3\n  d  =  4  \ne\n",
			want: []Entry{
				{Key: "a", Value: "1", KeyPos: Pos{1, 1}, ValuePos: Pos{1, 3}},
				{Key: "b", Value: "2", KeyPos: Pos{2, 1}, ValuePos: Pos{2, 3}},
				{Key: "c", Value: "3", KeyPos: Pos{3, 1}, ValuePos: Pos{3, 3}},
				{Key: "d", Value: "4  ", KeyPos: Pos{4, 3}, ValuePos: Pos{4, 9}},
				{Key: "e", Value: "", KeyPos: Pos{5, 1}, ValuePos: Pos{5, 2}},
			},
		},
		{
			name: "continuation",
			src:  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n    username=\"u\" \\\n    password=\"p\";\nnext=1\n",
			want: []Entry{
				{Key: "sasl.jaas.config", Value: "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";", KeyPos: Pos{1, 1}, ValuePos: Pos{1, 18}},
				{Key: "next", Value: "1", KeyPos: Pos{4, 1}, ValuePos: Pos{4, 6}},
			},
		},
		{
			name: "escapes and code points",
			src:  "k\\u00e9y=v\\tw\nname=café\nafter=1\n\\ lead=x\n",
			want: []Entry{
				{Key: "kéy", Value: "v\tw", KeyPos: Pos{1, 1}, ValuePos: Pos{1, 10}},
				{Key: "name", Value: "café", KeyPos: Pos{2, 1}, ValuePos: Pos{2, 6}},
				{Key: "after", Value: "1", KeyPos: Pos{3, 1}, ValuePos: Pos{3, 7}},
				{Key: " lead", Value: "x", KeyPos: Pos{4, 1}, ValuePos: Pos{4, 8}},
			},
		},
		{
			name: "comments and duplicates",
			src:  "# top\n! bang\n  # indented\nacks=all\nacks=1\n",
			want: []Entry{
				{Key: "acks", Value: "all", KeyPos: Pos{4, 1}, ValuePos: Pos{4, 6}},
				{Key: "acks", Value: "1", KeyPos: Pos{5, 1}, ValuePos: Pos{5, 6}},
			},
			comment: []Comment{{Text: "top", Pos: Pos{1, 1}}, {Text: "bang", Pos: Pos{2, 1}}, {Text: "indented", Pos: Pos{3, 3}}},
		},
		{
			name: "value with hash is not a comment",
			src:  "linger.ms=5 # five\n",
			want: []Entry{{Key: "linger.ms", Value: "5 # five", KeyPos: Pos{1, 1}, ValuePos: Pos{1, 11}}},
		},
		{
			name: "no trailing newline and lone CR",
			src:  "a=1\rb=2",
			want: []Entry{
				{Key: "a", Value: "1", KeyPos: Pos{1, 1}, ValuePos: Pos{1, 3}},
				{Key: "b", Value: "2", KeyPos: Pos{2, 1}, ValuePos: Pos{2, 3}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, err := ParseProperties("x.properties", tt.src)
			if err != nil {
				t.Fatalf("ParseProperties(%q) error: %v", tt.src, err)
			}
			if len(f.Entries) != len(tt.want) {
				t.Fatalf("ParseProperties(%q) = %d entries, want %d: %+v", tt.src, len(f.Entries), len(tt.want), f.Entries)
			}
			for i, w := range tt.want {
				g := f.Entries[i]
				if g.Key != w.Key || g.Value != w.Value || g.KeyPos != w.KeyPos || g.ValuePos != w.ValuePos {
					t.Errorf("entry %d = {%q %q %v %v}, want {%q %q %v %v}", i, g.Key, g.Value, g.KeyPos, g.ValuePos, w.Key, w.Value, w.KeyPos, w.ValuePos)
				}
			}
			if tt.comment != nil && !equalComments(f.Comments, tt.comment) {
				t.Errorf("comments = %+v, want %+v", f.Comments, tt.comment)
			}
		})
	}
}

func equalComments(a, b []Comment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want error  // errors.Is target, or nil to check the message only
		msg  string // substring of the error
	}{
		{"binary", "a=1\x00\x01", ErrBinary, "bad.properties: binary file"},
		{"invalid utf-8", "a=1\nb=\xff\n", ErrInvalidUTF8, "bad.properties:2:3: invalid UTF-8"},
		{"bad unicode escape", "a=1\nkey=\\u12x4\n", nil, "bad.properties:2:5: invalid \\u escape"},
		{"empty key", "a=1\n=value\n", errEmptyKey, "bad.properties:2:1: empty key"},
		{"backslash at eof", "a=1\nb=x\\", nil, "bad.properties:2:4: backslash at end of file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("bad.properties", []byte(tt.data), Properties)
			if err == nil {
				t.Fatalf("Parse(%q) = nil error, want %q", tt.data, tt.msg)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Parse(%q) = %v, want errors.Is %v", tt.data, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse(%q) = %q, want it to contain %q", tt.data, err, tt.msg)
			}
			var pe *PosError
			if !errors.As(err, &pe) || pe.Path != "bad.properties" {
				t.Errorf("Parse(%q) error %T does not name the file", tt.data, err)
			}
		})
	}
}

func TestBOMAndCRLF(t *testing.T) {
	t.Parallel()
	f, err := Parse("w.properties", []byte("\xef\xbb\xbfacks=all\r\nlinger.ms=5\r\n"), Properties)
	if err != nil {
		t.Fatal(err)
	}
	if !f.BOM {
		t.Errorf("BOM = false, want true")
	}
	if got := f.Map(); got["acks"] != "all" || got["linger.ms"] != "5" {
		t.Errorf("Map() = %v, want acks=all linger.ms=5 without CR", got)
	}
	if f.Entries[1].KeyPos != (Pos{2, 1}) {
		t.Errorf("second key at %v, want 2:1", f.Entries[1].KeyPos)
	}
}

// FuzzLoadProperties checks, for any input:
//   - Parse never panics;
//   - every entry and comment position lies inside the input (line within
//     the line count, column within that line's code points + 1);
//   - when Parse succeeds, its key→value map equals the map
//     github.com/magiconair/properties loads from the same (normalised)
//     input, and magiconair accepts it too;
//   - when magiconair accepts valid UTF-8 text without NUL bytes, Parse
//     accepts it too.
//
// Seeds: testdata/fuzz/FuzzLoadProperties (raw files), every .properties
// fixture and example, and the real-world corpus when present; plain
// `go test` runs them all as a differential test.
func FuzzLoadProperties(f *testing.F) {
	for _, dir := range []string{"../../testdata/fuzz/FuzzLoadProperties", "../../testdata/rules", "../../testdata/examples", "../../testdata/golden", "../../../shared/corpus/realworld"} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".properties") || strings.HasSuffix(p, ".conf") || strings.HasSuffix(p, ".config") || strings.Contains(p, "FuzzLoadProperties")) {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
			return nil
		})
	}
	f.Add([]byte("a=1\\\n  b\nc\\u0041=\\\r\n d\n"))
	f.Add([]byte("\xef\xbb\xbf# c\r\nk\\\nv=x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f.properties", data, Properties)
		norm := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
		// magiconair strips one leading byte-order mark itself, as Parse
		// does: hand it the mark back so a second one is kept by both.
		ref, refErr := (&properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}).LoadBytes([]byte("\ufeff" + norm))
		if err != nil {
			if refErr == nil && utf8.ValidString(norm) && !strings.ContainsRune(norm, 0) {
				t.Fatalf("Parse(%q) = %v, but magiconair accepts it", data, err)
			}
			return
		}
		if refErr != nil {
			t.Fatalf("Parse(%q) accepted input magiconair rejects: %v", data, refErr)
		}
		if !maps.Equal(file.Map(), ref.Map()) {
			t.Fatalf("Parse(%q) map = %v, magiconair = %v", data, file.Map(), ref.Map())
		}
		inside := func(p Pos) bool {
			if p.Line < 1 || p.Line > len(file.Lines)+1 {
				return false
			}
			n := 0
			if p.Line <= len(file.Lines) {
				n = utf8.RuneCountInString(file.Lines[p.Line-1])
			}
			return p.Col >= 1 && p.Col <= n+1
		}
		for _, e := range file.Entries {
			if !inside(e.KeyPos) || !inside(e.ValuePos) || !inside(e.KeyEnd) || !inside(e.ValueEnd) {
				t.Fatalf("Parse(%q): entry %q has a position outside the input: %v %v %v %v", data, e.Key, e.KeyPos, e.KeyEnd, e.ValuePos, e.ValueEnd)
			}
		}
		for _, c := range file.Comments {
			if !inside(c.Pos) {
				t.Fatalf("Parse(%q): comment at %v outside the input", data, c.Pos)
			}
		}
	})
}

// TestInvalidUTF8InComments: the Java client reads .properties as
// ISO-8859-1 and skips comments, so GBK comments are linted, not rejected.
func TestInvalidUTF8InComments(t *testing.T) {
	t.Parallel()
	f, err := Parse("gbk.properties", []byte("# \xcf\xfb\xb7\xd1\nacks=all\n"), Properties)
	if err != nil {
		t.Fatalf("Parse = %v, want comment-only invalid UTF-8 accepted", err)
	}
	if f.Map()["acks"] != "all" {
		t.Errorf("Map() = %v, want acks=all", f.Map())
	}
	for _, bad := range []string{
		"# ok\\\n\xcf\xfb=1\n", // a comment line is never continued: the next line is a key
		"!\r\xff\xff\r",        // a lone CR ends the comment line (found by FuzzLoadProperties)
		"a=x\\\n  #\xcf\xfb\n", // a continued value is not a comment, whatever it starts with
	} {
		if _, err := Parse("gbk.properties", []byte(bad), Properties); !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("Parse(%q): err = %v, want ErrInvalidUTF8", bad, err)
		}
	}
}
