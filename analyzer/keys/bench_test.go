package keys

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// benchRecords is the size of the in-memory benchmark corpus.
const benchRecords = 1 << 20

// benchCorpus builds a lines file and a JSON Lines file of benchRecords
// records over 100,000 distinct customer ids, from a fixed seed.
func benchCorpus() (lines, jsonl []byte) {
	r := rand.New(rand.NewPCG(12, 12))
	var lb, jb bytes.Buffer
	for i := range benchRecords {
		id := r.IntN(100000)
		fmt.Fprintf(&lb, "customer-%06d\n", id)
		fmt.Fprintf(&jb, `{"event_id":%d,"customer":{"id":"customer-%06d","tier":"gold"},"amount":%d.%02d,"note":"a \"quoted\" note"}`+"\n", i, id, r.IntN(500), r.IntN(100))
	}
	return lb.Bytes(), jb.Bytes()
}

// BenchmarkKeys measures Analyze on one core with N = 12 against the bound
// of merely reading the same bytes line by line (ReadOnly).
func BenchmarkKeys(b *testing.B) {
	lines, jsonl := benchCorpus()
	b.Run("ReadOnly/lines", func(b *testing.B) {
		b.SetBytes(int64(len(lines)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			br := bufio.NewReaderSize(bytes.NewReader(lines), 1<<20)
			var buf []byte
			for {
				line, nb, err := readLine(br, buf)
				buf = nb
				if errors.Is(err, io.EOF) {
					break
				}
				_ = line
				n++
			}
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keys/s")
	})
	b.Run("Lines", func(b *testing.B) {
		b.SetBytes(int64(len(lines)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			if _, err := Analyze(b.Context(), bytes.NewReader(lines), "bench.txt", Partitions(12)); err != nil {
				b.Fatal(err)
			}
			n += benchRecords
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keys/s")
	})
	b.Run("ReadOnly/jsonl", func(b *testing.B) {
		b.SetBytes(int64(len(jsonl)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			br := bufio.NewReaderSize(bytes.NewReader(jsonl), 1<<20)
			var buf []byte
			for {
				_, nb, err := readLine(br, buf)
				buf = nb
				if errors.Is(err, io.EOF) {
					break
				}
				n++
			}
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	})
	b.Run("JSONL", func(b *testing.B) {
		b.SetBytes(int64(len(jsonl)))
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			if _, err := Analyze(b.Context(), bytes.NewReader(jsonl), "bench.jsonl", Candidates("customer.id"), Partitions(12)); err != nil {
				b.Fatal(err)
			}
			n += benchRecords
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "records/s")
	})
}
