package keys

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/klauspost/compress/gzip"
)

// fixture builds a JSON Lines sample whose answer is known by construction.
type fixture struct {
	name       string
	records    func(r *rand.Rand, i int) string
	n          int
	candidates []string
	partitions []int
	want       map[string]Verdict // candidate → verdict
	wantReason map[string]string  // candidate → substring of a reason
	wantFirst  string             // the recommended candidate
}

func uuid(r *rand.Rand) string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", r.Uint32(), r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint32()&0xffff, r.Uint64()&0xffffffffffff)
}

func fixtures() []fixture {
	return []fixture{
		{
			// 30% of all records share one customer: on 12 partitions its
			// partition alone carries 30% > 1/12.
			name: "single dominant key",
			records: func(r *rand.Rand, i int) string {
				c := fmt.Sprintf("c-%d", r.IntN(5000))
				if r.Float64() < 0.3 {
					c = "c-whale"
				}
				return fmt.Sprintf(`{"customer":{"id":%q},"order":%q}`, c, uuid(r))
			},
			n: 20000, candidates: []string{"customer.id", "order"}, partitions: []int{12},
			want:       map[string]Verdict{"customer.id": Bad, "order": Good},
			wantReason: map[string]string{"customer.id": `hot key "c-whale"`},
			wantFirst:  "order",
		},
		{
			// 12 values on 48 partitions: at least 36 partitions idle.
			name: "12-value key on 48 partitions",
			records: func(r *rand.Rand, i int) string {
				return fmt.Sprintf(`{"region":"r%d","id":%q}`, r.IntN(12), uuid(r))
			},
			n: 20000, candidates: []string{"region", "id"}, partitions: []int{48},
			want:       map[string]Verdict{"region": Bad, "id": Good},
			wantReason: map[string]string{"region": "at least 36 partitions stay idle"},
			wantFirst:  "id",
		},
		{
			name: "uniform UUID key",
			records: func(r *rand.Rand, i int) string {
				return fmt.Sprintf(`{"id":%q}`, uuid(r))
			},
			n: 50000, candidates: []string{"id"}, partitions: []int{12, 24, 30},
			want:      map[string]Verdict{"id": Good},
			wantFirst: "id",
		},
		{
			// tenant alone is skewed (one tenant has 40% of traffic); the
			// composite with the device spreads it.
			name: "composite key fixes a skewed field",
			records: func(r *rand.Rand, i int) string {
				t := fmt.Sprintf("t%d", r.IntN(50))
				if r.Float64() < 0.4 {
					t = "t-big"
				}
				return fmt.Sprintf(`{"tenant_id":%q,"device":"d%d"}`, t, r.IntN(2000))
			},
			n: 30000, candidates: []string{"tenant_id", "tenant_id+device"}, partitions: []int{12},
			want:       map[string]Verdict{"tenant_id": Bad, "tenant_id+device": Good},
			wantReason: map[string]string{"tenant_id": "hot key"},
			wantFirst:  "tenant_id+device",
		},
	}
}

func TestKnownByConstruction(t *testing.T) {
	t.Parallel()
	for _, tt := range fixtures() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(1, 2))
			var b strings.Builder
			for i := range tt.n {
				b.WriteString(tt.records(r, i))
				b.WriteByte('\n')
			}
			res, err := Analyze(t.Context(), strings.NewReader(b.String()), "fixture.jsonl",
				Candidates(tt.candidates...), Partitions(tt.partitions...))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Candidates[0].Name; got != tt.wantFirst {
				t.Errorf("recommended = %s, want %s", got, tt.wantFirst)
			}
			for _, c := range res.Candidates {
				if c.Verdict != tt.want[c.Name] {
					t.Errorf("verdict(%s) = %s, want %s; reasons %q", c.Name, c.Verdict, tt.want[c.Name], c.Reasons)
				}
				if s := tt.wantReason[c.Name]; s != "" && !strings.Contains(strings.Join(c.Reasons, "\n"), s) {
					t.Errorf("reasons(%s) = %q, want one containing %q", c.Name, c.Reasons, s)
				}
			}
		})
	}
}

func TestLinesAndEmptyKeys(t *testing.T) {
	t.Parallel()
	in := "a\nb\r\n\nc\na\n"
	res, err := Analyze(t.Context(), strings.NewReader(in), "keys.txt", Partitions(3, 6))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Candidates[0]
	if c.Keyed.Records != 4 || c.Empty.Records != 1 || c.Distinct.Count != 3 || !c.Distinct.Exact {
		t.Errorf("keyed %d empty %d distinct %v, want 4 1 3 exact", c.Keyed.Records, c.Empty.Records, c.Distinct)
	}
	if c.Empty.Partitions[0] != DefaultPartitioner().Partition(nil, 3) {
		t.Errorf("empty key partition = %d, want murmur2(\"\") placement", c.Empty.Partitions[0])
	}
	var sum int64
	for _, n := range c.Layouts[0].Records {
		sum += n
	}
	if sum != 4 {
		t.Errorf("layout records = %d, want 4", sum)
	}
}

func TestWhatIfAndCompare(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	for i := range 20000 {
		fmt.Fprintf(&b, "key-%d\n", i)
	}
	sarama, _ := LookupPartitioner("sarama")
	res, err := Analyze(t.Context(), &b, "keys.txt", Partitions(12, 24, 13), Compare(DefaultPartitioner(), sarama))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Candidates[0]
	// Doubling N: a key stays iff its hash mod 24 < 12, about half; going
	// 12→13 keeps about 1/13 of keys.
	tests := []struct {
		name      string
		got, want float64
	}{
		{"keys moved 12→24", c.WhatIf[0].KeysMoved, 0.5},
		{"traffic moved 12→24", c.WhatIf[0].TrafficMoved, 0.5},
		{"keys moved 12→13", c.WhatIf[1].KeysMoved, 12.0 / 13},
		{"keys differ java vs sarama, 12", c.Compare[0].KeysDiffer, 11.0 / 12},
	}
	for _, tt := range tests {
		if d := tt.got - tt.want; d > 0.02 || d < -0.02 {
			t.Errorf("%s = %.3f, want %.3f ± 0.02", tt.name, tt.got, tt.want)
		}
	}
}

func TestMalformed(t *testing.T) {
	t.Parallel()
	in := `{"k":"a"}
{"k":
{"k":"b"}
not json
`
	_, err := Analyze(t.Context(), strings.NewReader(in), "s.jsonl", Candidates("k"))
	if err == nil || !strings.Contains(err.Error(), "s.jsonl: 2 of 4 records malformed") || !strings.Contains(err.Error(), "line 2, 4") {
		t.Errorf("Analyze error = %v, want one naming s.jsonl and lines 2, 4", err)
	}
	res, err := Analyze(t.Context(), strings.NewReader(in), "s.jsonl", Candidates("k"), MaxBad(0.5))
	if err != nil {
		t.Fatal(err)
	}
	if res.Bad != 2 || len(res.BadLines) != 2 {
		t.Errorf("bad = %d %v, want 2 [2 4]", res.Bad, res.BadLines)
	}
}

func TestCSV(t *testing.T) {
	t.Parallel()
	in := "tenant,region,bytes\nt1,eu,10\nt2,us,30\nt1,us,\n"
	res, err := Analyze(t.Context(), strings.NewReader(in), "s.csv", Candidates("tenant+region"), WeightField("bytes"), MaxBad(0.5))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Candidates[0]
	if c.Keyed.Weight != 40 || res.Bad != 1 || res.BadLines[0] != 4 {
		t.Errorf("weight %v bad %d %v, want 40, 1 [4]", c.Keyed.Weight, res.Bad, res.BadLines)
	}
	if c.TopKeys[0].Key != "t2|us" {
		t.Errorf("top key = %q, want t2|us", c.TopKeys[0].Key)
	}
}

func TestDistinctEstimate(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	const n = 200000
	for i := range n {
		fmt.Fprintf(&b, "k%d\n", i)
	}
	res, err := Analyze(t.Context(), &b, "k.txt", DistinctLimit(1<<14), Partitions(12, 24))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Candidates[0]
	if c.Distinct.Exact || c.Distinct.Method != "hyperloglog" {
		t.Fatalf("distinct = %+v, want an estimate", c.Distinct)
	}
	if rel := c.Distinct.Count/n - 1; rel > 4*hllStdErr || rel < -4*hllStdErr {
		t.Errorf("distinct estimate %v, want %d within 4 standard errors", c.Distinct.Count, n)
	}
	if d := c.WhatIf[0].KeysMoved - 0.5; d > 0.03 || d < -0.03 {
		t.Errorf("sampled keys moved = %.3f, want 0.5 ± 0.03", c.WhatIf[0].KeysMoved)
	}
}

func TestWilson(t *testing.T) {
	t.Parallel()
	// Reference values: Wilson score interval, z = 1.96 (Newcombe 1998,
	// table I: 81/263 → 0.2553–0.3662).
	lo, hi := Wilson(81, 263)
	if d := lo - 0.2553; d > 5e-4 || d < -5e-4 {
		t.Errorf("Wilson(81, 263) lo = %.4f, want 0.2553", lo)
	}
	if d := hi - 0.3662; d > 5e-4 || d < -5e-4 {
		t.Errorf("Wilson(81, 263) hi = %.4f, want 0.3662", hi)
	}
}

func TestUniformBaseline(t *testing.T) {
	t.Parallel()
	// CV of multinomial counts ≈ sqrt((N-1)/n).
	u := UniformBaseline(120000, 12)
	if want := 0.00957; u.CV < want*0.9 || u.CV > want*1.1 {
		t.Errorf("UniformBaseline(120000, 12).CV = %.5f, want ≈ %.5f", u.CV, want)
	}
	if !(u.MaxMean > 1 && u.MaxMeanP95 >= u.MaxMean && u.MaxMeanP95 < 1.05) {
		t.Errorf("UniformBaseline(120000, 12) = %+v, want 1 < max/mean ≤ p95 < 1.05", u)
	}
}

// TestAbsentCandidate: a candidate that no record yields is an error naming
// it and the record count, not an empty "bad" analysis.
func TestAbsentCandidate(t *testing.T) {
	t.Parallel()
	in := `{"k":"a","n":null}
{"k":"b"}
{"k":"","n":null}
`
	tests := []struct {
		name  string
		cands []string
		want  string // error substring; "" for success
	}{
		{"missing field", []string{"k", "nosuch"}, `s.jsonl: candidate key "nosuch" is missing or null in all 3 records read`},
		{"null everywhere", []string{"n"}, `candidate key "n" is missing or null`},
		{"composite with an absent part", []string{"k+nosuch", "n"}, `candidate keys "k+nosuch", "n" are missing or null in all 3 records read`},
		{"empty keys count as present", []string{"k"}, ""},
	}
	for _, tt := range tests {
		_, err := Analyze(t.Context(), strings.NewReader(in), "s.jsonl", Candidates(tt.cands...))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: Analyze error %v, want none", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: Analyze error = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := Analyze(t.Context(), strings.NewReader("\n\n"), "e.jsonl", Candidates("k")); err == nil || !strings.Contains(err.Error(), "e.jsonl: no records read") {
		t.Errorf("empty input: Analyze error = %v, want no records read", err)
	}
	if _, err := Analyze(t.Context(), strings.NewReader("k,v\n"), "h.csv", Candidates("k")); err == nil || !strings.Contains(err.Error(), "h.csv: no records read") {
		t.Errorf("header-only CSV: Analyze error = %v, want no records read", err)
	}
}

// TestSniffFormat: with FormatAuto and no telling extension, the format is
// read from the content (stdin, gzip'd stdin, a .txt file).
func TestSniffFormat(t *testing.T) {
	t.Parallel()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("k,v\r\na,1\r\nb,2\r\n"))
	_ = zw.Close()
	tests := []struct {
		name, in, input string
		cands           []string
		want            Format
	}{
		{"csv on stdin", "k,v\na,1\nb,2\n", "<stdin>", []string{"k"}, FormatCSV},
		{"gzip csv on stdin", gz.String(), "<stdin>", []string{"k"}, FormatCSV},
		{"csv in .txt", "v,\"k\"\na,1\nb,2\n", "s.txt", []string{"k"}, FormatCSV},
		{"csv, composite key", "\ntenant,region\nt,eu\n", "<stdin>", []string{"tenant+region"}, FormatCSV},
		{"single-column csv", "k\na\nb\n", "<stdin>", []string{"k"}, FormatCSV},
		{"jsonl on stdin", "\n {\"k\":\"a\"}\n", "<stdin>", []string{"k"}, FormatJSONL},
		{"lines", "a,b\nc\n", "<stdin>", nil, FormatLines},
	}
	for _, tt := range tests {
		res, err := Analyze(t.Context(), strings.NewReader(tt.in), tt.input, Candidates(tt.cands...))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if res.Format != tt.want {
			t.Errorf("%s: format %s, want %s", tt.name, res.Format, tt.want)
		}
	}
	// A first line that names no --key column is not taken for CSV.
	_, err := Analyze(t.Context(), strings.NewReader("x,v\na,1\n"), "<stdin>", Candidates("k"))
	if err == nil || !strings.Contains(err.Error(), "--key needs JSON Lines or CSV input") {
		t.Errorf("no key column: Analyze error = %v, want --key needs JSON Lines or CSV input", err)
	}
	// --input-format still forces the format.
	res, err := Analyze(t.Context(), strings.NewReader("k,v\na,1\n"), "<stdin>", InputFormat(FormatLines))
	if err != nil || res.Format != FormatLines || res.Records != 2 {
		t.Errorf("forced lines: %v, %+v", err, res)
	}
}

// TestByteOrderMark: a leading UTF-8 BOM is stripped whatever the format.
func TestByteOrderMark(t *testing.T) {
	t.Parallel()
	const bom = "\ufeff"
	tests := []struct {
		name, in, input string
		cands           []string
		want            Format
	}{
		{"quoted csv header", bom + "\"k\",v\na,1\nb,2\n", "s.csv", []string{"k"}, FormatCSV},
		{"csv on stdin", bom + "k,v\na,1\nb,2\n", "<stdin>", []string{"k"}, FormatCSV},
		{"jsonl", bom + "{\"k\":\"a\"}\n{\"k\":\"b\"}\n", "s.jsonl", []string{"k"}, FormatJSONL},
		{"jsonl on stdin", bom + "{\"k\":\"a\"}\n{\"k\":\"b\"}\n", "<stdin>", []string{"k"}, FormatJSONL},
		{"lines", bom + "a\nb\n", "s.txt", nil, FormatLines},
	}
	for _, tt := range tests {
		res, err := Analyze(t.Context(), strings.NewReader(tt.in), tt.input, Candidates(tt.cands...), TopKeys(5))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if res.Format != tt.want || res.Records != 2 || res.Bad != 0 {
			t.Errorf("%s: format %s, %d records, %d bad; want %s, 2, 0", tt.name, res.Format, res.Records, res.Bad, tt.want)
			continue
		}
		for _, k := range res.Candidates[0].TopKeys {
			if k.Key != "a" && k.Key != "b" {
				t.Errorf("%s: key %q, want a or b", tt.name, k.Key)
			}
		}
	}
}

// TestBinaryInput: NUL bytes in the first block fail detection with an error
// naming the input; forcing lines still reads it.
func TestBinaryInput(t *testing.T) {
	t.Parallel()
	in := "\x7fELF\x02\x01\x01\x00\x00\x00\nabc\n"
	_, err := Analyze(t.Context(), strings.NewReader(in), "a.out", Candidates())
	if err == nil || !strings.Contains(err.Error(), "a.out: binary input") {
		t.Errorf("Analyze error = %v, want a.out: binary input", err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(in))
	_ = zw.Close()
	_, err = Analyze(t.Context(), &gz, "a.gz", Candidates())
	if err == nil || !strings.Contains(err.Error(), "a.gz: binary input") {
		t.Errorf("gzip: Analyze error = %v, want a.gz: binary input", err)
	}
	if _, err := Analyze(t.Context(), strings.NewReader(in), "a.out", InputFormat(FormatLines)); err != nil {
		t.Errorf("forced lines: %v", err)
	}
}

// TestReadError: an error from the first read is reported, not taken for an
// empty raw-lines input.
func TestReadError(t *testing.T) {
	t.Parallel()
	_, err := Analyze(t.Context(), iotest.ErrReader(errors.New("is a directory")), "d", Candidates("k"))
	if err == nil || !strings.Contains(err.Error(), "d: is a directory") {
		t.Errorf("Analyze error = %v, want d: is a directory", err)
	}
}

// TestHeavyHittersBound checks the documented Misra-Gries guarantee through
// Analyze: with HeavyHitters(k), a key heavier than W/(k+1) is reported, and
// its reported weight is within MaxError ≤ W/(2(k+1)) of the truth.
func TestHeavyHittersBound(t *testing.T) {
	t.Parallel()
	const k = 4
	var in strings.Builder
	r := rand.New(rand.NewPCG(1, 2))
	truth := map[string]float64{}
	for i := range 20000 {
		key := fmt.Sprintf("u%d", i)
		if r.IntN(4) == 0 {
			key = "heavy"
		}
		truth[key]++
		fmt.Fprintf(&in, "%s\n", key)
	}
	res, err := Analyze(t.Context(), strings.NewReader(in.String()), "s.txt", HeavyHitters(k), TopKeys(2*k))
	if err != nil {
		t.Fatal(err)
	}
	c := res.Candidates[0]
	bound := c.Keyed.Weight / (k + 1)
	if c.TopKeys[0].Key != "heavy" {
		t.Fatalf("top key %q, want heavy (weight %v > W/(k+1) = %v)", c.TopKeys[0].Key, truth["heavy"], bound)
	}
	for _, ks := range c.TopKeys {
		if ks.MaxError > bound/2 {
			t.Errorf("%s: MaxError %v > W/(2(k+1)) = %v", ks.Key, ks.MaxError, bound/2)
		}
		if d := ks.Weight - truth[ks.Key]; d > ks.MaxError || d < -ks.MaxError {
			t.Errorf("%s: weight %v, true %v, beyond ±%v", ks.Key, ks.Weight, truth[ks.Key], ks.MaxError)
		}
	}
}
