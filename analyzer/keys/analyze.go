package keys

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/klauspost/compress/gzip"
)

// maxBadLines is how many malformed line numbers a Result keeps.
const maxBadLines = 5

// Analyze reads a sample from r (gzip is detected), derives each
// candidate's key per record, and returns the ranked analysis. name labels
// the input in errors and in the Result. Memory stays bounded whatever the
// input size (see the package doc). An error names the input, and the line
// when one is at fault.
func Analyze(ctx context.Context, r io.Reader, name string, opts ...Option) (*Result, error) {
	cfg := defaults()
	for _, o := range opts {
		o.apply(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(r, 1<<20)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	// A UTF-8 byte-order mark (Excel's CSV export writes one) is not part
	// of the first record.
	if bom, _ := br.Peek(len(utf8BOM)); bytes.Equal(bom, utf8BOM) {
		_, _ = br.Discard(len(utf8BOM))
	}
	format := cfg.format
	if format == FormatAuto {
		head, err := br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if i := bytes.IndexByte(head[:min(len(head), binaryLen)], 0); i >= 0 {
			return nil, fmt.Errorf("%s: binary input (a NUL byte at offset %d); want raw lines, JSON Lines or CSV (--input-format lines reads it anyway)", name, i)
		}
		format = detect(name, head, cfg.candidates)
		if format == FormatLines && len(cfg.candidates) > 0 {
			return nil, fmt.Errorf("%s: --key needs JSON Lines or CSV input, and this looks like raw lines (JSON Lines starts with '{'; a CSV header must name a --key column); --input-format forces a format", name)
		}
	}
	if format == FormatLines && len(cfg.candidates) > 0 {
		return nil, fmt.Errorf("%s: --key needs JSON Lines or CSV input; a lines file has one key per line", name)
	}
	if format != FormatLines && len(cfg.candidates) == 0 {
		return nil, fmt.Errorf("%s: %s input needs at least one candidate key (--key)", name, format)
	}
	if format == FormatLines && cfg.weight != "" {
		return nil, fmt.Errorf("%s: --weight needs JSON Lines or CSV input", name)
	}
	a := &analysis{cfg: &cfg, name: name}
	names := cfg.candidates
	if format == FormatLines {
		names = []string{"line"}
	}
	for _, n := range names {
		a.trackers = append(a.trackers, newTracker(&cfg, n))
	}
	switch format {
	case FormatLines:
		err = a.readLines(ctx, br)
	case FormatJSONL:
		err = a.readJSONL(ctx, br)
	case FormatCSV:
		err = a.readCSV(ctx, br)
	}
	if err != nil {
		return nil, err
	}
	if total := a.records + a.bad; a.bad > 0 && float64(a.bad) > cfg.maxBad*float64(total) {
		return nil, fmt.Errorf("%s: %d of %d records malformed (%.2f%%, limit %.2f%%), first at line %s",
			name, a.bad, total, 100*float64(a.bad)/float64(total), 100*cfg.maxBad, joinLines(a.badLines))
	}
	if err := a.checkPresent(format); err != nil {
		return nil, err
	}
	res := &Result{
		Input: name, Format: format, Records: a.records, Bad: a.bad, BadLines: a.badLines,
		Weighted: cfg.weight, Partitioner: cfg.partitioner.Name, Partitions: cfg.partitions,
	}
	if res.BadLines == nil {
		res.BadLines = []int64{}
	}
	if cfg.compare[0] != nil {
		res.Compare = []string{cfg.compare[0].Name, cfg.compare[1].Name}
	}
	for _, t := range a.trackers {
		res.Candidates = append(res.Candidates, t.result())
	}
	rank(res.Candidates)
	return res, nil
}

func joinLines(ls []int64) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = fmt.Sprint(l)
	}
	return strings.Join(s, ", ")
}

// checkPresent fails when a requested candidate key is absent (missing or
// null) from every record: its analysis would be an empty layout judged
// "bad", which reads like a verdict on a key that the sample does not hold.
// One absent candidate fails the run, even if others are fine, because it
// is almost always a misspelt field path.
func (a *analysis) checkPresent(format Format) error {
	if format == FormatLines {
		return nil
	}
	if a.records == 0 {
		return fmt.Errorf("%s: no records read", a.name)
	}
	var absent []string
	for _, t := range a.trackers {
		if t.keyed.Records+t.empty.Records == 0 {
			absent = append(absent, fmt.Sprintf("%q", t.name))
		}
	}
	switch len(absent) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: candidate key %s is missing or null in all %s read", a.name, absent[0], plural(a.records, "record"))
	}
	return fmt.Errorf("%s: candidate keys %s are missing or null in all %s read", a.name, strings.Join(absent, ", "), plural(a.records, "record"))
}

// plural returns "1 record", "2 records".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

const (
	// sniffLen is how much of the input detect looks at.
	sniffLen = 64 << 10
	// binaryLen is the leading block in which a NUL byte marks the input
	// as binary rather than text (as git and grep judge it).
	binaryLen = 8 << 10
)

// detect picks a format from the name's extension (.jsonl, .ndjson, .json,
// .csv, after an optional .gz), else from head, the start of the content:
// JSON Lines when the first non-blank byte is '{', CSV when the first line
// is a CSV header naming a column of a candidate, else raw lines.
func detect(name string, head []byte, candidates []string) Format {
	base := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch filepath.Ext(base) {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return FormatJSONL
	}
	if csvHeader(head, candidates) {
		return FormatCSV
	}
	return FormatLines
}

// csvHeader reports whether the first non-empty line of head parses as a
// CSV record with a field naming a column that a candidate uses.
func csvHeader(head []byte, candidates []string) bool {
	t := bytes.TrimLeft(head, "\r\n")
	if i := bytes.IndexByte(t, '\n'); i >= 0 {
		t = t[:i]
	}
	t = bytes.TrimSuffix(t, []byte("\r"))
	fields, err := csv.NewReader(bytes.NewReader(t)).Read()
	if err != nil {
		return false
	}
	for _, c := range candidates {
		paths, err := parseCandidate(c)
		if err != nil {
			continue
		}
		for _, p := range paths {
			if slices.Contains(fields, strings.Join(p, ".")) {
				return true
			}
		}
	}
	return false
}

// analysis is one Analyze run's mutable state.
type analysis struct {
	cfg      *config
	name     string
	trackers []*tracker
	records  int64
	bad      int64
	badLines []int64
}

func (a *analysis) malformed(line int64) {
	a.bad++
	if len(a.badLines) < maxBadLines {
		a.badLines = append(a.badLines, line)
	}
}

// checkEvery is how many records pass between context checks.
const checkEvery = 1 << 16

// readLine returns the next line without its line end; long lines are
// assembled in buf.
func readLine(br *bufio.Reader, buf []byte) ([]byte, []byte, error) {
	line, err := br.ReadSlice('\n')
	// err == nil, a whole line in the buffer, is by far the common case:
	// testing it first spares it the errors.Is calls below.
	if err != nil && errors.Is(err, bufio.ErrBufferFull) {
		buf = append(buf[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = br.ReadSlice('\n')
			buf = append(buf, line...)
		}
		line = buf
	}
	if err != nil {
		if !errors.Is(err, io.EOF) {
			return nil, buf, err
		}
		if len(line) == 0 {
			return nil, buf, io.EOF
		}
	}
	// Byte tests rather than bytes.TrimSuffix, whose general comparison
	// was a visible share of the per-line cost.
	if n := len(line); n > 0 && line[n-1] == '\n' {
		line = line[:n-1]
	}
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, buf, nil
}

func (a *analysis) readLines(ctx context.Context, br *bufio.Reader) error {
	t := a.trackers[0]
	var buf []byte
	for {
		line, b, err := readLine(br, buf)
		buf = b
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s:%d: read: %w", a.name, a.records+1, err)
		}
		a.records++
		if a.records%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		t.add(line, 1)
	}
}

// composer builds each candidate's key from extracted values.
type composer struct {
	sep   []byte
	parts [][]int // candidate → indexes of its paths in the extractor
	buf   []byte
}

// key returns the candidate's key and whether it is present (non-null).
func (c *composer) key(i int, vals []fieldValue) ([]byte, bool) {
	idx := c.parts[i]
	if len(idx) == 1 {
		v := vals[idx[0]]
		return v.bytes, v.kind == kindString || v.kind == kindRaw
	}
	c.buf = c.buf[:0]
	for j, k := range idx {
		v := vals[k]
		if v.kind != kindString && v.kind != kindRaw {
			return nil, false
		}
		if j > 0 {
			c.buf = append(c.buf, c.sep...)
		}
		c.buf = append(c.buf, v.bytes...)
	}
	return c.buf, true
}

// plan maps candidates (and the weight) to a deduplicated list of paths.
func (a *analysis) plan() (paths [][]string, comp *composer, weightIdx int) {
	seen := map[string]int{}
	idx := func(p []string) int {
		k := strings.Join(p, "\x00")
		if i, ok := seen[k]; ok {
			return i
		}
		seen[k] = len(paths)
		paths = append(paths, p)
		return len(paths) - 1
	}
	comp = &composer{sep: []byte(a.cfg.sep)}
	for _, t := range a.trackers {
		ps, _ := parseCandidate(t.name)
		var is []int
		for _, p := range ps {
			is = append(is, idx(p))
		}
		comp.parts = append(comp.parts, is)
	}
	weightIdx = -1
	if a.cfg.weight != "" {
		weightIdx = idx(strings.Split(a.cfg.weight, "."))
	}
	return paths, comp, weightIdx
}

func (a *analysis) readJSONL(ctx context.Context, br *bufio.Reader) error {
	paths, comp, wi := a.plan()
	ex := newExtractor(paths)
	var buf []byte
	var lineNo int64
	for {
		line, b, err := readLine(br, buf)
		buf = b
		if err != nil && errors.Is(err, io.EOF) {
			return nil
		}
		lineNo++
		if err != nil {
			return fmt.Errorf("%s:%d: read: %w", a.name, lineNo, err)
		}
		if lineNo%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if ex.extract(line) != nil {
			a.malformed(lineNo)
			continue
		}
		w := 1.0
		if wi >= 0 {
			var ok bool
			if w, ok = parseWeight(ex.out[wi]); !ok {
				a.malformed(lineNo)
				continue
			}
		}
		a.records++
		for i, t := range a.trackers {
			if k, ok := comp.key(i, ex.out); ok {
				t.add(k, w)
			} else {
				t.addNull(w)
			}
		}
	}
}

func (a *analysis) readCSV(ctx context.Context, br *bufio.Reader) error {
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return fmt.Errorf("%s: empty CSV, want a header row", a.name)
		}
		return fmt.Errorf("%s: CSV header: %w", a.name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	paths, comp, wi := a.plan()
	colOf := make([]int, len(paths))
	for i, p := range paths {
		n := strings.Join(p, ".")
		c, ok := col[n]
		if !ok {
			return fmt.Errorf("%s:1: no column %q in the CSV header", a.name, n)
		}
		colOf[i] = c
	}
	vals := make([]fieldValue, len(paths))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			a.malformed(int64(pe.StartLine))
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: read: %w", a.name, err)
		}
		line, _ := cr.FieldPos(0)
		if line%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		short := false
		for i, c := range colOf {
			if c >= len(rec) {
				short = true
				break
			}
			vals[i] = fieldValue{kind: kindString, bytes: []byte(rec[c])}
		}
		if short {
			a.malformed(int64(line))
			continue
		}
		w := 1.0
		if wi >= 0 {
			var ok bool
			if w, ok = parseWeight(vals[wi]); !ok {
				a.malformed(int64(line))
				continue
			}
		}
		a.records++
		for i, t := range a.trackers {
			k, _ := comp.key(i, vals)
			t.add(k, w)
		}
	}
}
