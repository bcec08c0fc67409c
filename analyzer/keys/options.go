package keys

import (
	"fmt"
	"strings"
)

// Format is the layout of a sample file.
type Format int

const (
	// FormatAuto picks by file extension (.jsonl, .ndjson, .json, .csv,
	// after an optional .gz), then by content: a first non-blank byte '{'
	// is JSON Lines, a first line that is a CSV header naming a column of
	// a candidate is CSV, anything else raw lines. Input with a NUL byte
	// in its first 8 KiB is rejected as binary.
	FormatAuto Format = iota
	// FormatLines is one raw key per line; "\r\n" line ends are accepted.
	FormatLines
	// FormatJSONL is one JSON object per line; candidates are field paths.
	FormatJSONL
	// FormatCSV is RFC 4180 CSV with a header row; candidates are columns.
	FormatCSV
)

var formatNames = []string{"auto", "lines", "jsonl", "csv"}

// String returns the format's flag spelling.
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return formatNames[f]
}

// MarshalText implements encoding.TextMarshaler.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (f *Format) UnmarshalText(b []byte) error {
	for i, n := range formatNames {
		if strings.EqualFold(string(b), n) {
			*f = Format(i)
			return nil
		}
	}
	return fmt.Errorf("unknown input format %q (want auto, lines, jsonl or csv)", b)
}

// Option configures Analyze. Only this package can mint options.
type Option interface{ apply(*config) }

type optFunc func(*config)

func (f optFunc) apply(c *config) { f(c) }

type config struct {
	candidates   []string
	partitions   []int
	partitioner  *Partitioner
	compare      [2]*Partitioner
	consumers    int
	weight       string
	maxBad       float64
	format       Format
	sep          string
	topKeys      int
	distinct     int
	heavy        int
	riskySkew    float64
	badSkew      float64
	keysPerPart  float64
	hotKeyShareN float64
}

func defaults() config {
	return config{
		partitions:   []int{12},
		partitioner:  DefaultPartitioner(),
		maxBad:       0.01,
		sep:          "|",
		topKeys:      10,
		distinct:     1 << 19,
		heavy:        1024,
		riskySkew:    1.25,
		badSkew:      2,
		keysPerPart:  10,
		hotKeyShareN: 0.5,
	}
}

// Candidates sets the candidate keys: a dotted field path ("customer.id"),
// or a composite of paths joined by '+' ("tenant_id+region"). For CSV a path
// is a column name. Mirrors --key. Default: none, which is valid only for a
// raw lines file, where the line is the key.
func Candidates(specs ...string) Option {
	return optFunc(func(c *config) { c.candidates = append([]string(nil), specs...) })
}

// Partitions sets the partition counts to evaluate; the first is the
// topic's current count and the others are what-if targets. Mirrors
// --partitions. Default: 12.
func Partitions(ns ...int) Option {
	return optFunc(func(c *config) { c.partitions = append([]int(nil), ns...) })
}

// UsePartitioner sets the producer's partitioner. Mirrors --partitioner.
// Default: DefaultPartitioner (Java murmur2).
func UsePartitioner(p *Partitioner) Option { return optFunc(func(c *config) { c.partitioner = p }) }

// Compare asks for the share of keys two partitioners place differently.
// Mirrors --compare a,b. Default: no comparison.
func Compare(a, b *Partitioner) Option {
	return optFunc(func(c *config) { c.compare = [2]*Partitioner{a, b} })
}

// Consumers sets the consumer count for the busiest-consumer share. Mirrors
// --consumers. Default: 0, meaning one consumer per partition.
func Consumers(n int) Option { return optFunc(func(c *config) { c.consumers = n }) }

// WeightField names the field (or CSV column) holding each record's weight,
// e.g. bytes or an event count. Mirrors --weight. Default: every record
// weighs 1.
func WeightField(path string) Option { return optFunc(func(c *config) { c.weight = path }) }

// MaxBad sets the fraction of malformed records above which Analyze fails.
// Mirrors --max-bad. Default: 0.01.
func MaxBad(frac float64) Option { return optFunc(func(c *config) { c.maxBad = frac }) }

// InputFormat forces the sample's format. Mirrors --input-format. Default:
// FormatAuto.
func InputFormat(f Format) Option { return optFunc(func(c *config) { c.format = f }) }

// KeySeparator sets the bytes placed between the parts of a composite key,
// which must match what the producer sends. Mirrors --key-sep. Default "|".
func KeySeparator(sep string) Option { return optFunc(func(c *config) { c.sep = sep }) }

// TopKeys sets how many of the heaviest keys are reported. Default: 10.
func TopKeys(n int) Option { return optFunc(func(c *config) { c.topKeys = n }) }

// DistinctLimit sets how many distinct keys are counted exactly per
// candidate before the count becomes an estimate. The hash table has 16
// bytes per slot and grows (doubling at half load) to at most 2·n slots, so
// it costs at most 32·n bytes per candidate: 16 MiB at the default of
// 524,288.
func DistinctLimit(n int) Option { return optFunc(func(c *config) { c.distinct = n }) }

// HeavyHitters sets k for the Misra-Gries heavy-key summary, which holds up
// to 2k counters: every key heavier than W/(k+1) of the total weight W is
// held, and its weight is known to within W/(k+1). Default: 1024 (about 0.1%
// of traffic).
func HeavyHitters(k int) Option { return optFunc(func(c *config) { c.heavy = k }) }

// SkewThresholds sets the max/mean load above which a layout is risky and
// bad, when also beyond hashing noise. Defaults: 1.25 and 2.
func SkewThresholds(risky, bad float64) Option {
	return optFunc(func(c *config) { c.riskySkew, c.badSkew = risky, bad })
}

func (c *config) validate() error {
	if len(c.partitions) == 0 {
		return fmt.Errorf("no partition count")
	}
	if len(c.partitions) > 32 {
		return fmt.Errorf("at most 32 partition counts, got %d", len(c.partitions))
	}
	for _, n := range c.partitions {
		if n < 1 || n > 1<<20 {
			return fmt.Errorf("partition count %d out of range 1..1048576", n)
		}
	}
	if c.partitioner == nil {
		return fmt.Errorf("no partitioner")
	}
	if (c.compare[0] == nil) != (c.compare[1] == nil) {
		return fmt.Errorf("compare needs two partitioners")
	}
	if c.consumers < 0 {
		return fmt.Errorf("consumer count %d < 0", c.consumers)
	}
	if c.maxBad < 0 || c.maxBad > 1 {
		return fmt.Errorf("max bad fraction %g outside 0..1", c.maxBad)
	}
	if c.topKeys < 0 || c.distinct < 16 || c.heavy < 1 {
		return fmt.Errorf("top keys %d, distinct limit %d, heavy hitters %d: out of range", c.topKeys, c.distinct, c.heavy)
	}
	for _, s := range c.candidates {
		if _, err := parseCandidate(s); err != nil {
			return err
		}
	}
	return nil
}

// parseCandidate splits "a.b+c" into paths [[a b] [c]].
func parseCandidate(s string) ([][]string, error) {
	var paths [][]string
	for _, part := range strings.Split(s, "+") {
		if part == "" {
			return nil, fmt.Errorf("candidate key %q: empty part", s)
		}
		segs := strings.Split(part, ".")
		for _, seg := range segs {
			if seg == "" {
				return nil, fmt.Errorf("candidate key %q: empty path segment", s)
			}
		}
		paths = append(paths, segs)
	}
	return paths, nil
}
