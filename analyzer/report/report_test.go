package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// The golden tests of every format over real lint output live in
// cmd/kafkalint (golden_test.go), which may import package rules. These
// tests pin the details the goldens cannot show well.

var testRule = &analyzer.Rule{
	ID: "KL999", Name: "test-rule", Severity: analyzer.Warning,
	Doc: analyzer.Doc{Title: "a rule for tests", Why: "First paragraph.\n\nSecond paragraph.", Fix: "Do it."},
}

func at(line, col int) load.Pos { return load.Pos{Line: line, Col: col} }

func TestGitHubEscaping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    analyzer.Finding
		want string
	}{
		{
			name: "message and properties escaped",
			f: analyzer.Finding{Rule: testRule, Path: "dir,with:odd%name.properties", Pos: at(2, 3), End: at(2, 8), Severity: analyzer.Error,
				Message: "100% of a\r\nb: c, d", Fix: "Fix it."},
			want: "::error file=dir%2Cwith%3Aodd%25name.properties,line=2,endLine=2,col=3,endColumn=7,title=KL999 test-rule::100%25 of a%0D%0Ab: c, d%0Afix: Fix it.\n",
		},
		{
			name: "multi-line range has no columns",
			f:    analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(2, 3), End: at(4, 2), Severity: analyzer.Warning, Message: "m"},
			want: "::warning file=a.properties,line=2,endLine=4,title=KL999 test-rule::m\n",
		},
		{
			name: "endColumn never before col",
			f:    analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(2, 5), End: at(2, 5), Severity: analyzer.Info, Message: "m"},
			want: "::notice file=a.properties,line=2,endLine=2,col=5,endColumn=5,title=KL999 test-rule::m\n",
		},
		{
			name: "no end",
			f:    analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(1, 1), Severity: analyzer.Info, Message: "m"},
			want: "::notice file=a.properties,line=1,col=1,title=KL999 test-rule::m\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			writeAnnotation(&b, tt.f, "")
			if b.String() != tt.want {
				t.Errorf("annotation =\n%q, want\n%q", b.String(), tt.want)
			}
		})
	}
}

func TestGitHubOrderAndOverflow(t *testing.T) {
	t.Parallel()
	var in Input
	for i := range 12 {
		in.Findings = append(in.Findings, analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(i+1, 1), Severity: analyzer.Warning, Message: "w"})
	}
	in.Findings = append(in.Findings, analyzer.Finding{Rule: testRule, Path: "z.properties", Pos: at(1, 1), Severity: analyzer.Error, Message: "e"})
	var buf bytes.Buffer
	if err := GitHub(&buf, in, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if !strings.HasPrefix(lines[0], "::error ") {
		t.Errorf("first annotation = %q, want the error first", lines[0])
	}
	if got := lines[len(lines)-2]; !strings.HasPrefix(got, "::notice title=kafkalint::") || !strings.Contains(got, " 2 findings have none") {
		t.Errorf("overflow notice = %q, want a notice that 2 findings have no annotation", got)
	}
}

func TestCheckstyleIsWellFormed(t *testing.T) {
	t.Parallel()
	in := Input{
		Findings: []analyzer.Finding{{Rule: testRule, Path: `a&b<"c">.properties`, Pos: at(1, 2), Severity: analyzer.Info,
			Message: "quote \" apostrophe ' amp & lt < control \x01 newline\nend", Fix: "Fix."}},
		Errors: []error{&load.PosError{Path: "bad.properties", Err: errors.New("binary file")}},
	}
	var buf bytes.Buffer
	if err := Checkstyle(&buf, in, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc checkstyleDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("Checkstyle output is not XML: %v\n%s", err, buf.Bytes())
	}
	if len(doc.Files) != 2 || doc.Files[0].Name != `a&b<"c">.properties` || doc.Files[1].Name != "bad.properties" {
		t.Fatalf("files = %+v, want a&b<\"c\">.properties then bad.properties", doc.Files)
	}
	e := doc.Files[0].Errors[0]
	if want := "quote \" apostrophe ' amp & lt < control \uFFFD newline\nend\nfix: Fix."; e.Message != want || e.Severity != "info" || e.Source != "kafkalint.KL999" {
		t.Errorf("error = %+v, want message %q, severity info, source kafkalint.KL999", e, want)
	}
	if e := doc.Files[1].Errors[0]; e.Line != 1 || e.Source != "kafkalint.input-error" {
		t.Errorf("input error = %+v, want line 1, source kafkalint.input-error", e)
	}
}

func sarifOf(t *testing.T, in Input, opts Options) sarifLog {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, in, opts); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	return log
}

func TestSARIFFingerprints(t *testing.T) {
	t.Parallel()
	f := func(line int, key, msg string) analyzer.Finding {
		return analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(line, 1), Key: key, Message: msg, Severity: analyzer.Warning}
	}
	fps := func(fs ...analyzer.Finding) []string {
		var out []string
		for _, r := range sarifOf(t, Input{Findings: fs}, Options{}).Runs[0].Results {
			out = append(out, r.PartialFingerprints["kafkalint/v1"])
		}
		return out
	}
	before := fps(f(3, "k", "m"), f(5, "", "x"), f(6, "", "y"))
	after := fps(f(9, "k", "m"), f(11, "", "x"), f(12, "", "y"))
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("fingerprint %d changed when lines were inserted above: %s -> %s", i, before[i], after[i])
		}
	}
	if before[1] == before[2] || !strings.HasSuffix(before[1], ":1") || !strings.HasSuffix(before[2], ":2") {
		t.Errorf("fingerprints of two key-less findings = %s, %s, want the same hash with :1 and :2", before[1], before[2])
	}
}

func TestSARIFPathsAndRules(t *testing.T) {
	t.Parallel()
	root := filepath.Join(t.TempDir(), "repo")
	other := &analyzer.Rule{ID: "KL998", Name: "other", Severity: analyzer.Info, Doc: analyzer.Doc{Title: "other rule"}}
	in := Input{
		Findings: []analyzer.Finding{
			{Rule: testRule, Path: filepath.Join(root, "conf", "my app.properties"), Pos: at(1, 1), Severity: analyzer.Warning, Message: "m"},
			{Rule: other, Path: filepath.Join(filepath.Dir(root), "outside.properties"), Pos: at(2, 1), Severity: analyzer.Info, Message: "m"},
		},
		SuppressedFindings: []analyzer.Finding{
			{Rule: testRule, Path: filepath.Join("conf", "b.properties"), Pos: at(4, 1), Severity: analyzer.Warning, Message: "s"},
		},
	}
	log := sarifOf(t, in, Options{Rules: []*analyzer.Rule{testRule}, SourceRoot: root, DocsURL: "https://example.test/rules.md", ToolVersion: "test"})
	run := log.Runs[0]
	if base := run.OriginalURIBaseIDs[srcRoot].URI; !strings.HasPrefix(base, "file:///") || !strings.HasSuffix(base, "/repo/") {
		t.Errorf("originalUriBaseIds[%%SRCROOT%%] = %q, want a file:/// URI ending in /repo/", base)
	}
	byURI := map[string]sarifResult{}
	for _, r := range run.Results {
		a := r.Locations[0].Physical.Artifact
		byURI[a.URIBaseID+"|"+a.URI] = r
	}
	sup, ok1 := byURI["%SRCROOT%|conf/b.properties"]
	under, ok2 := byURI["%SRCROOT%|conf/my%20app.properties"]
	outside, ok3 := byURI["|"+fileURI(filepath.Join(filepath.Dir(root), "outside.properties"), false)]
	if !ok1 || !ok2 || !ok3 || len(byURI) != 3 {
		t.Fatalf("artifact URIs = %v, want conf/b.properties and conf/my%%20app.properties under %%SRCROOT%% and an absolute file URI", byURI)
	}
	if len(sup.Suppressions) != 1 || sup.Suppressions[0].Kind != "inSource" || len(under.Suppressions) != 0 {
		t.Errorf("suppressions = %+v / %+v, want inSource on the suppressed finding only", sup.Suppressions, under.Suppressions)
	}
	rules := run.Tool.Driver.Rules
	if len(rules) != 2 || rules[1].ID != "KL998" || outside.RuleIndex != 1 {
		t.Fatalf("rules = %d (last %s), result ruleIndex %d: want the finding's rule appended at index 1", len(rules), rules[len(rules)-1].ID, outside.RuleIndex)
	}
	r := rules[0]
	if r.FullDescription.Text != "First paragraph." || r.HelpURI != "https://example.test/rules.md#kl999" || r.DefaultConfig.Level != "warning" || rules[1].DefaultConfig.Level != "note" {
		t.Errorf("rule = %+v, want the first paragraph of Why, a #kl999 helpUri and levels warning/note", r)
	}
	if !strings.HasPrefix(r.Help.Markdown, "# kl999\n") || r.Help.Text == "" {
		t.Errorf("help = %+v, want Markdown from RuleMarkdown and plain text", r.Help)
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", maxDescription+5)
	if got := truncate(long, maxDescription); len([]rune(got)) != maxDescription || !strings.HasSuffix(got, "…") {
		t.Errorf("truncate(%d code points) has %d, want %d ending in …", maxDescription+5, len([]rune(got)), maxDescription)
	}
}

func TestSummaryBaseline(t *testing.T) {
	t.Parallel()
	got := Summary(Input{Files: 2, Baselined: 3, StaleBaseline: 2}, nil)
	want := "0 errors, 0 warnings, 0 info in 2 files; 3 in the baseline; 2 stale baseline entries (fixed: rewrite it with --write-baseline)"
	if got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestGitLabFingerprintsUnique(t *testing.T) {
	t.Parallel()
	f := analyzer.Finding{Rule: testRule, Path: "a.properties", Pos: at(1, 1), Severity: analyzer.Info, Message: "m"}
	g := f
	g.Pos = at(5, 1)
	var buf bytes.Buffer
	if err := GitLab(&buf, Input{Findings: []analyzer.Finding{f, g}}, Options{}); err != nil {
		t.Fatal(err)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 2 || issues[0].Fingerprint == issues[1].Fingerprint || issues[1].Location.Lines.Begin != 5 || issues[0].Severity != "info" {
		t.Errorf("issues = %+v, want two info issues with distinct fingerprints, the second at line 5", issues)
	}
}
