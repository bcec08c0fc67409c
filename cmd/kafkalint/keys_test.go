package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

func TestRunKeys(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var dominant strings.Builder
	for i := range 2000 {
		k := "hot"
		if i%2 == 0 {
			k = "k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
		}
		dominant.WriteString(k + "\n")
	}
	dom := write("dominant.txt", dominant.String())
	bad := write("bad.jsonl", "{\"k\":\"a\"}\n{\"k\":\n")
	sample := "../../testdata/keys/orders.jsonl"
	csvTxt := write("export.txt", "\ufeff\"k\",v\r\na,1\r\nb,2\r\n")
	bin := write("blob.bin", "\x00\x01\x02\nabc\n")
	var gzCSV bytes.Buffer
	zw := gzip.NewWriter(&gzCSV)
	_, _ = zw.Write([]byte("k,v\na,1\nb,2\n"))
	_ = zw.Close()
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		stdout   string // substring
		stderr   string // substring
		jsonTopV string // verdict of the top candidate in JSON
	}{
		{name: "readme example", args: []string{"--key", "customer.id", "--key", "order_id", "--color", "never", sample}, code: 0, stdout: "recommendation: order_id"},
		{name: "dominant key gate", args: []string{"--max-key-share", "0.2", dom}, code: 1, stderr: `key "hot" carries 50.0% of traffic, above --max-key-share 0.2`},
		{name: "skew gate", args: []string{"--fail-on-skew", "1.5", dom}, code: 1, stderr: "exceeds --fail-on-skew 1.5"},
		{name: "json from stdin", args: []string{"--format", "json", "-"}, stdin: "a\nb\nc\n", code: 0, stdout: `"version": 1`},
		{name: "absent candidate", args: []string{"--key", "nosuch", sample}, code: 2, stderr: `orders.jsonl: candidate key "nosuch" is missing or null in all 4000 records read`},
		{name: "absent among good candidates", args: []string{"--key", "order_id", "--key", "nosuch", sample}, code: 2, stderr: `candidate key "nosuch" is missing`},
		{name: "csv on stdin", args: []string{"--key", "k", "-"}, stdin: "k,v\na,1\nb,2\n", code: 0, stdout: "<stdin> (csv): 2 records"},
		{name: "gzip csv on stdin", args: []string{"--key", "k", "-"}, stdin: gzCSV.String(), code: 0, stdout: "<stdin> (csv): 2 records"},
		{name: "csv in .txt with BOM", args: []string{"--key", "k", csvTxt}, code: 0, stdout: "export.txt (csv): 2 records"},
		{name: "BOM on jsonl stdin", args: []string{"--key", "k", "-"}, stdin: "\ufeff{\"k\":\"a\"}\n{\"k\":\"b\"}\n", code: 0, stdout: "<stdin> (jsonl): 2 records"},
		{name: "forced lines", args: []string{"--input-format", "lines", "-"}, stdin: "k,v\na,1\n", code: 0, stdout: "<stdin> (lines): 2 records"},
		{name: "binary input", args: []string{bin}, code: 2, stderr: "blob.bin: binary input"},
		{name: "directory", args: []string{"--key", "k", dir}, code: 2, stderr: dir + ": is a directory"},
		{name: "no acceptable candidate", args: []string{"--key", "customer.id", "--color", "never", sample}, code: 0,
			stdout: "recommendation: none: no candidate is acceptable on 12 partitions\n  customer.id is bad: hot key \"cust-acme\" carries 17.8% of traffic"},
		{name: "no acceptable candidate of two", args: []string{"--key", "tenant_id+region", "--key", "customer.id", "--color", "never", sample}, code: 0,
			stdout: "recommendation: none: no candidate is acceptable on 12 partitions\n  the least bad, customer.id, is bad: hot key \"cust-acme\""},
		{name: "json verdict", args: []string{"--format", "json", "--key", "customer.id", sample}, code: 0, jsonTopV: "bad"},
		{name: "malformed names file and line", args: []string{"--key", "k", bad}, code: 2, stderr: "bad.jsonl: 1 of 2 records malformed (50.00%, limit 1.00%), first at line 2"},
		{name: "missing input", args: nil, code: 2, stderr: "no input"},
		{name: "unknown partitioner", args: []string{"--partitioner", "nope", dom}, code: 2, stderr: `unknown partitioner "nope"`},
		{name: "bad partitions", args: []string{"--partitions", "12,x", dom}, code: 2, stderr: `--partitions: "x"`},
		{name: "key on lines file", args: []string{"--key", "a", dom}, code: 2, stderr: "--key needs JSON Lines or CSV"},
		{name: "compare", args: []string{"--compare", "java,sarama", "--partitions", "12", dom}, code: 0, stdout: "compare java vs sarama on 12 partitions"},
		{name: "compare three", args: []string{"--compare", "java,sarama,librdkafka", dom}, code: 2, stderr: `--compare takes exactly two partitioners a,b, got 3 in "java,sarama,librdkafka"`},
		{name: "compare one", args: []string{"--compare", "java", dom}, code: 2, stderr: `--compare takes exactly two partitioners a,b, got 1 in "java"`},
		{name: "colour always", args: []string{"--color", "always", dom}, code: 0, stdout: "\x1b["},
		{name: "bad colour", args: []string{"--color", "sometimes", dom}, code: 2, stderr: "--color"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runKeys(t.Context(), tt.args, noEnv, strings.NewReader(tt.stdin), &out, &errb)
			if code != tt.code {
				t.Errorf("runKeys(%q) = %d, want %d; stderr %s", tt.args, code, tt.code, errb.String())
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("runKeys(%q) stdout = %s, want it to contain %q", tt.args, out.String(), tt.stdout)
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("runKeys(%q) stderr = %s, want it to contain %q", tt.args, errb.String(), tt.stderr)
			}
			if tt.jsonTopV != "" {
				var doc struct {
					Result struct {
						Candidates []struct{ Verdict string } `json:"candidates"`
					} `json:"result"`
				}
				if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
				if v := doc.Result.Candidates[0].Verdict; v != tt.jsonTopV {
					t.Errorf("JSON verdict = %s, want %s", v, tt.jsonTopV)
				}
			}
		})
	}
}

func TestRunKeysHTML(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "r.html")
	var so, se bytes.Buffer
	if code := runKeys(t.Context(), []string{"--key", "tenant_id", "--key", "order_id", "--html", out, "../../testdata/keys/orders.jsonl"}, noEnv, nil, &so, &se); code != 0 {
		t.Fatalf("runKeys = %d: %s", code, se.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"<svg", "tenant_id", "order_id"} {
		if !strings.Contains(s, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	for _, banned := range []string{"<script", "http://", "https://"} {
		if strings.Contains(strings.ReplaceAll(s, `xmlns="http://www.w3.org/2000/svg"`, ""), banned) {
			t.Errorf("HTML report contains %q; it must be self-contained", banned)
		}
	}
}

// TestKeysDocExample checks that the example report in docs/keys.md is what
// the command prints today.
func TestKeysDocExample(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/keys.md")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	args := []string{"--key", "customer.id", "--key", "tenant_id+region", "--key", "order_id", "--top", "3",
		"--compare", "java,librdkafka", "--color", "never", "testdata/keys/orders.jsonl"}
	// The command in the doc runs from the repository root.
	args[len(args)-1] = "../../testdata/keys/orders.jsonl"
	if code := runKeys(t.Context(), args, noEnv, nil, &out, &errb); code != 0 {
		t.Fatalf("runKeys = %d: %s", code, errb.String())
	}
	got := strings.Replace(out.String(), "../../testdata/keys/orders.jsonl", "testdata/keys/orders.jsonl", 1)
	if !strings.Contains(string(doc), got) {
		t.Errorf("docs/keys.md's example report is stale; regenerate it from:\nkafkalint keys %s\ngot:\n%s", strings.Join(args, " "), got)
	}
}

// noEnv is an environment with no variables and no terminal.
var noEnv = environ{getenv: func(string) string { return "" }}

// TestRunKeysSingular: counts of one read "1 record", "1 partition", not
// "1 records".
func TestRunKeysSingular(t *testing.T) {
	t.Parallel()
	html := filepath.Join(t.TempDir(), "r.html")
	var out, errb bytes.Buffer
	args := []string{"--key", "k", "--partitions", "1,2", "--compare", "java,sarama", "--consumers", "1", "--html", html, "-"}
	if code := runKeys(t.Context(), args, noEnv, strings.NewReader("{\"k\":\"a\"}\n"), &out, &errb); code != 0 {
		t.Fatalf("runKeys = %d: %s", code, errb.String())
	}
	page, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(jsonl): 1 record\n", "keyed 1 record (weight 1)", "(risky on 1 partition)", "  1 partition: risky",
		"busiest of 1 consumer:", "what-if 1 → 2 partitions", "compare java vs sarama on 1 partition:",
		"cardinality too low: 1 distinct key for 2 partitions, so at least 1 partition stays idle"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	for _, want := range []string{"1 record.", "<b>1 partition</b>", "busiest of 1 consumer "} {
		if !strings.Contains(string(page), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	if strings.Contains(out.String()+string(page), " 1 records") {
		t.Errorf("report says \"1 records\":\n%s", out.String())
	}
}

// TestRunKeysHeavyNoise: an all-unique key gets one line instead of a list
// of arbitrary keys; when keys are listed with a ± the header explains it.
func TestRunKeysHeavyNoise(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	if code := runKeys(t.Context(), []string{"--key", "order_id", "--color", "never", "../../testdata/keys/orders.jsonl"}, noEnv, nil, &out, &errb); code != 0 {
		t.Fatalf("runKeys = %d: %s", code, errb.String())
	}
	want := "  heaviest keys: none stands out from sampling noise (no key's 95% CI lies above one record's share, 1/4,000 = 0.025%)\n"
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "±") {
		t.Errorf("report lacks %q or lists keys with ±:\n%s", want, out.String())
	}
	// 3,000 distinct keys overflow the 2,048 heavy-key counters, so the
	// hot key's weight carries an error bound.
	var in strings.Builder
	for i := range 4000 {
		if i%4 == 0 {
			in.WriteString("hot\n")
		} else {
			fmt.Fprintf(&in, "k%d\n", i)
		}
	}
	out.Reset()
	if code := runKeys(t.Context(), []string{"--top", "1", "--color", "never", "-"}, noEnv, strings.NewReader(in.String()), &out, &errb); code != 0 {
		t.Fatalf("runKeys = %d: %s", code, errb.String())
	}
	want = "  heaviest keys (share, 95% CI; ± is the weight's error bound from the heavy-key summary):\n    \"hot\""
	if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "±") {
		t.Errorf("report lacks %q:\n%s", want, out.String())
	}
}
