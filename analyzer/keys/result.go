package keys

import (
	"fmt"
	"strings"
)

// Verdict is the advisor's judgement of a candidate; ordered, so a larger
// value is worse.
type Verdict int

// The verdicts, from best to worst.
const (
	Good  Verdict = iota // spreads within noise, plenty of keys, no hot key
	Risky                // usable, with a caveat the reasons name
	Bad                  // a partition will be overloaded or idle
)

var verdictNames = []string{"good", "risky", "bad"}

// String returns "good", "risky" or "bad".
func (v Verdict) String() string {
	if v < 0 || int(v) >= len(verdictNames) {
		return fmt.Sprintf("Verdict(%d)", int(v))
	}
	return verdictNames[v]
}

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Verdict) UnmarshalText(b []byte) error {
	for i, n := range verdictNames {
		if strings.EqualFold(string(b), n) {
			*v = Verdict(i)
			return nil
		}
	}
	return fmt.Errorf("unknown verdict %q", b)
}

// Result is the outcome of Analyze. Candidates are ranked, best first.
type Result struct {
	Input       string      `json:"input"`
	Format      Format      `json:"format"`
	Records     int64       `json:"records"`      // well-formed records read
	Bad         int64       `json:"bad_records"`  // malformed records skipped
	BadLines    []int64     `json:"bad_lines"`    // first few malformed line numbers
	Weighted    string      `json:"weight_field"` // "" when every record weighs 1
	Partitioner string      `json:"partitioner"`
	Partitions  []int       `json:"partitions"`
	Compare     []string    `json:"compare,omitempty"`
	Candidates  []Candidate `json:"candidates"`
}

// Candidate is one candidate key's analysis.
type Candidate struct {
	Name    string    `json:"name"`
	Rank    int       `json:"rank"` // 1 is the recommendation
	Verdict Verdict   `json:"verdict"`
	Reasons []string  `json:"reasons"`
	Keyed   Traffic   `json:"keyed"` // records with a non-empty key
	Null    Traffic   `json:"null"`  // records without the key: spread, no ordering
	Empty   EmptyKeys `json:"empty"`
	// Distinct counts distinct non-empty keys.
	Distinct Distinct     `json:"distinct"`
	TopKeys  []KeyShare   `json:"top_keys"`
	Layouts  []Layout     `json:"layouts"` // one per partition count, in order
	WhatIf   []WhatIf     `json:"what_if,omitempty"`
	Compare  []Comparison `json:"compare,omitempty"`
}

// Traffic is a record count and total weight.
type Traffic struct {
	Records int64   `json:"records"`
	Weight  float64 `json:"weight"`
}

// EmptyKeys describes zero-length keys, reported apart from the layouts.
type EmptyKeys struct {
	Traffic
	// Hashed is true when the partitioner hashes an empty key, so all of
	// them land on one partition (Partitions[i] for Layouts[i]); false when
	// it spreads them like null keys.
	Hashed     bool  `json:"hashed"`
	Partitions []int `json:"partitions,omitempty"`
}

// Distinct is a distinct-key count, exact or estimated.
type Distinct struct {
	Count float64 `json:"count"`
	Exact bool    `json:"exact"`
	// RelErr is the relative standard error of an estimate (0 when exact).
	RelErr float64 `json:"rel_err"`
	// Method is "exact" or "hyperloglog".
	Method string `json:"method"`
}

// KeyShare is one heavy key. Weight is the midpoint of the Misra-Gries
// bounds on the key's weight, so it is off by at most MaxError either way;
// Share's interval uses the guaranteed (lower) weight for its lower end and
// the upper bound for its upper end.
type KeyShare struct {
	Key       string  `json:"key"`
	Weight    float64 `json:"weight"`
	MaxError  float64 `json:"max_error"`
	Share     float64 `json:"share"`
	ShareLow  float64 `json:"share_low"`  // Wilson 95% lower bound of the guaranteed share
	ShareHigh float64 `json:"share_high"` // Wilson 95% upper bound
}

// Layout is how the candidate's keyed traffic spreads over one partition
// count under the chosen partitioner.
type Layout struct {
	Partitions int       `json:"partitions"`
	Verdict    Verdict   `json:"verdict"`
	Reasons    []string  `json:"reasons"`
	Records    []int64   `json:"records"` // per partition
	Weight     []float64 `json:"weight"`  // per partition
	MaxMean    float64   `json:"max_mean"`
	CV         float64   `json:"cv"`
	Uniform    Uniform   `json:"uniform"` // the same sample with a perfectly uniform key
	// BeyondNoise is true when MaxMean exceeds the uniform 95th percentile.
	BeyondNoise bool `json:"beyond_noise"`
	Idle        int  `json:"idle"` // partitions with no keyed record
	Busiest     int  `json:"busiest"`
	// BusiestShare is the busiest partition's share of keyed weight, with a
	// Wilson interval over the keyed record count.
	BusiestShare     float64 `json:"busiest_share"`
	BusiestShareLow  float64 `json:"busiest_share_low"`
	BusiestShareHigh float64 `json:"busiest_share_high"`
	// Consumers is the consumer count; BusiestConsumerShare is the share of
	// keyed weight of the busiest one under a range assignment (contiguous
	// partitions, the first N mod C consumers taking one extra).
	Consumers            int     `json:"consumers"`
	BusiestConsumerShare float64 `json:"busiest_consumer_share"`
}

// WhatIf is the effect of changing the partition count From → To.
type WhatIf struct {
	From int `json:"from"`
	To   int `json:"to"`
	// KeysMoved is the share of distinct keys whose partition changes
	// (exact while the distinct count is, else from the distinct sample).
	KeysMoved float64 `json:"keys_moved"`
	// TrafficMoved is the share of keyed weight whose partition changes.
	TrafficMoved float64 `json:"traffic_moved"`
}

// Comparison is how two partitioners disagree on one partition count.
type Comparison struct {
	A             string  `json:"a"`
	B             string  `json:"b"`
	Partitions    int     `json:"partitions"`
	KeysDiffer    float64 `json:"keys_differ"`
	TrafficDiffer float64 `json:"traffic_differ"`
}
