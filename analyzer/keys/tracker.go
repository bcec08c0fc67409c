package keys

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// tracker is one candidate's bounded streaming state.
type tracker struct {
	cfg  *config
	name string

	// hash functions needed, deduplicated: the partitioner's and the
	// compared ones'. hv holds the current key's values.
	hashFns   []func([]byte) uint32
	hashNames []string
	hv        []uint32
	prim      int // index into hashFns for cfg.partitioner
	cmpA      int
	cmpB      int

	recs   [][]int64   // [partition count][partition]
	weight [][]float64 // [partition count][partition]
	part   []int32     // current key's partition per count
	divs   []divisor   // [partition count]

	moved   []float64 // [partition count] weight moving from count 0
	differ  []float64 // [partition count] weight A and B place apart
	keyed   Traffic
	null    Traffic
	empty   Traffic
	keys    *keySet
	hll     hll
	heavy   *heavyKeys
	uniform map[[2]int64]Uniform
}

func newTracker(cfg *config, name string) *tracker {
	t := &tracker{cfg: cfg, name: name, keys: newKeySet(cfg.distinct), heavy: newHeavyKeys(cfg.heavy), cmpA: -1, cmpB: -1}
	idx := func(p *Partitioner) int {
		if i := slices.Index(t.hashNames, p.hashName); i >= 0 {
			return i
		}
		t.hashNames = append(t.hashNames, p.hashName)
		t.hashFns = append(t.hashFns, p.hash)
		return len(t.hashFns) - 1
	}
	t.prim = idx(cfg.partitioner)
	if cfg.compare[0] != nil {
		t.cmpA, t.cmpB = idx(cfg.compare[0]), idx(cfg.compare[1])
	}
	t.hv = make([]uint32, len(t.hashFns))
	for _, n := range cfg.partitions {
		t.recs = append(t.recs, make([]int64, n))
		t.weight = append(t.weight, make([]float64, n))
	}
	t.part = make([]int32, len(cfg.partitions))
	for _, n := range cfg.partitions {
		t.divs = append(t.divs, newDivisor(n))
	}
	t.moved = make([]float64, len(cfg.partitions))
	t.differ = make([]float64, len(cfg.partitions))
	return t
}

func (t *tracker) addNull(w float64) {
	t.null.Records++
	t.null.Weight += w
}

// add counts one record with key k (nil or empty: an empty key).
func (t *tracker) add(k []byte, w float64) {
	if len(k) == 0 {
		t.empty.Records++
		t.empty.Weight += w
		return
	}
	t.keyed.Records++
	t.keyed.Weight += w
	for i, f := range t.hashFns {
		t.hv[i] = f(k)
	}
	u := t.cfg.partitioner.mod.operand(t.hv[t.prim])
	var flags uint64
	for j, d := range t.divs {
		p := d.mod(u)
		t.part[j] = p
		t.recs[j][p]++
		t.weight[j][p] += w
		if j > 0 && p != t.part[0] {
			t.moved[j] += w
			flags |= 1 << uint(j)
		}
	}
	if t.cmpA >= 0 {
		a, b := t.cfg.compare[0], t.cfg.compare[1]
		ua, ub := a.mod.operand(t.hv[t.cmpA]), b.mod.operand(t.hv[t.cmpB])
		for j, d := range t.divs {
			if d.mod(ua) != d.mod(ub) {
				t.differ[j] += w
				flags |= 1 << uint(32+j)
			}
		}
	}
	h64 := hash64(k)
	t.keys.add(h64, flags)
	t.hll.add(h64)
	t.heavy.add(h64, k, w)
}

func (t *tracker) distinct() Distinct {
	if t.keys.exact() {
		return Distinct{Count: float64(t.keys.n), Exact: true, Method: "exact"}
	}
	return Distinct{Count: math.Round(t.hll.estimate()), RelErr: hllStdErr, Method: "hyperloglog"}
}

func (t *tracker) topKeys() []KeyShare {
	hs := t.heavy.top()
	slices.SortFunc(hs, func(a, b hkCounter) int {
		return cmp.Or(cmp.Compare(b.count, a.count), slices.Compare(a.key, b.key))
	})
	if len(hs) > t.cfg.topKeys {
		hs = hs[:t.cfg.topKeys]
	}
	out := []KeyShare{}
	W, n := t.keyed.Weight, float64(t.keyed.Records)
	d := t.heavy.decr
	for _, c := range hs {
		// The true weight lies in [count, count+d]; report the midpoint,
		// and interval ends from the bounds.
		share := (c.count + d/2) / W
		lo, _ := Wilson(c.count/W*n, n)
		_, hi := Wilson((c.count+d)/W*n, n)
		out = append(out, KeyShare{Key: string(c.key), Weight: c.count + d/2, MaxError: d / 2, Share: share, ShareLow: lo, ShareHigh: hi})
	}
	return out
}

func (t *tracker) result() Candidate {
	c := Candidate{
		Name: t.name, Keyed: t.keyed, Null: t.null,
		Empty:    EmptyKeys{Traffic: t.empty, Hashed: t.cfg.partitioner.EmptyKeyHashed},
		Distinct: t.distinct(),
		TopKeys:  t.topKeys(),
	}
	if c.Empty.Hashed && t.empty.Records > 0 {
		for _, n := range t.cfg.partitions {
			c.Empty.Partitions = append(c.Empty.Partitions, t.cfg.partitioner.Partition(nil, n))
		}
	}
	for j, n := range t.cfg.partitions {
		c.Layouts = append(c.Layouts, t.layout(j, n, c))
		if j > 0 {
			c.WhatIf = append(c.WhatIf, WhatIf{
				From: t.cfg.partitions[0], To: n,
				KeysMoved:    t.keys.share(uint(j)),
				TrafficMoved: ratio(t.moved[j], t.keyed.Weight),
			})
		}
		if t.cmpA >= 0 {
			c.Compare = append(c.Compare, Comparison{
				A: t.cfg.compare[0].Name, B: t.cfg.compare[1].Name, Partitions: n,
				KeysDiffer:    t.keys.share(uint(32 + j)),
				TrafficDiffer: ratio(t.differ[j], t.keyed.Weight),
			})
		}
	}
	c.Verdict = c.Layouts[0].Verdict
	c.Reasons = c.Layouts[0].Reasons
	if c.Null.Records+c.Empty.Records > 0 {
		total := c.Null.Weight + c.Empty.Weight + c.Keyed.Weight
		share := (c.Null.Weight + c.Empty.Weight) / total
		if c.Empty.Hashed && c.Empty.Records > 0 {
			c.Reasons = append(c.Reasons, fmt.Sprintf("%.1f%% of traffic has an empty key, which %s hashes: all of it lands on partition %d",
				100*c.Empty.Weight/total, t.cfg.partitioner.Name, c.Empty.Partitions[0]))
			if c.Empty.Weight/total > 1/float64(t.cfg.partitions[0]) {
				c.Verdict = max(c.Verdict, Bad)
			}
		} else if share > 0 {
			c.Reasons = append(c.Reasons, fmt.Sprintf("%.1f%% of traffic has no key: it is spread without per-key ordering", 100*share))
		}
		if share > 0.5 {
			c.Verdict = max(c.Verdict, Risky)
		}
	}
	return c
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// layout computes the statistics and the verdict for partition count j.
func (t *tracker) layout(j, n int, c Candidate) Layout {
	l := Layout{Partitions: n, Records: t.recs[j], Weight: t.weight[j], Reasons: []string{}}
	W := t.keyed.Weight
	if t.keyed.Records == 0 {
		l.Verdict = Bad
		l.Reasons = append(l.Reasons, "no record has this key")
		l.MaxMean, l.Uniform = 0, Uniform{}
		l.Consumers = max(1, min(n, t.cfg.consumers))
		return l
	}
	mean := W / float64(n)
	ss := 0.0
	for p, w := range l.Weight {
		if w > l.Weight[l.Busiest] {
			l.Busiest = p
		}
		if l.Records[p] == 0 {
			l.Idle++
		}
		ss += (w - mean) * (w - mean)
	}
	l.MaxMean = l.Weight[l.Busiest] / mean
	l.CV = math.Sqrt(ss/float64(n)) / mean
	l.Uniform = t.uniformFor(t.keyed.Records, n)
	l.BeyondNoise = l.MaxMean > l.Uniform.MaxMeanP95*(1+1e-9)
	nr := float64(t.keyed.Records)
	l.BusiestShare = l.Weight[l.Busiest] / W
	l.BusiestShareLow, l.BusiestShareHigh = Wilson(l.BusiestShare*nr, nr)
	l.Consumers = t.cfg.consumers
	if l.Consumers == 0 || l.Consumers > n {
		l.Consumers = n
	}
	per, extra := n/l.Consumers, n%l.Consumers
	p := 0
	for ci := range l.Consumers {
		cnt := per
		if ci < extra {
			cnt++
		}
		s := 0.0
		for range cnt {
			s += l.Weight[p]
			p++
		}
		l.BusiestConsumerShare = max(l.BusiestConsumerShare, s/W)
	}

	verdict := Good
	worse := func(v Verdict, format string, args ...any) {
		verdict = max(verdict, v)
		l.Reasons = append(l.Reasons, fmt.Sprintf(format, args...))
	}
	fair := 1 / float64(n)
	if len(c.TopKeys) > 0 {
		top := c.TopKeys[0]
		switch {
		case top.ShareLow > fair && n > 1:
			worse(Bad, "hot key %q carries %.1f%% of traffic (95%% CI %.1f–%.1f%%), more than a partition's fair share of 1/%d = %.1f%%: a single key is never split, so no partitioner or partition count fixes it",
				trim(top.Key), 100*top.Share, 100*top.ShareLow, 100*top.ShareHigh, n, 100*fair)
		case top.Share > t.cfg.hotKeyShareN*fair && n > 1:
			worse(Risky, "key %q carries %.1f%% of traffic, over half a partition's fair share (%.1f%%)", trim(top.Key), 100*top.Share, 100*fair)
		}
	}
	d := c.Distinct.Count
	switch {
	case d < float64(n):
		worse(Bad, "cardinality too low: %s for %d partitions, so at least %s idle", plural(int64(d), "distinct key"), n, idleCount(n-int(d)))
	case d < t.cfg.keysPerPart*float64(n):
		worse(Risky, "low cardinality: %.1f distinct keys per partition, so placement is lumpy (%d idle)", d/float64(n), l.Idle)
	}
	if l.BeyondNoise {
		cause := "several heavy keys hash to the same partition (an unlucky hash, not one hot key)"
		if len(c.TopKeys) > 0 && c.TopKeys[0].ShareLow > fair {
			cause = "the hot key above"
		} else if d < t.cfg.keysPerPart*float64(n) {
			cause = "too few keys for the partition count"
		}
		switch {
		case l.MaxMean > t.cfg.badSkew:
			worse(Bad, "skew: busiest partition %d carries %.2f× the mean (a uniform key on this sample: %.2f, 95%% ≤ %.2f); cause: %s",
				l.Busiest, l.MaxMean, l.Uniform.MaxMean, l.Uniform.MaxMeanP95, cause)
		case l.MaxMean > t.cfg.riskySkew:
			worse(Risky, "skew: busiest partition %d carries %.2f× the mean (a uniform key on this sample: %.2f, 95%% ≤ %.2f); cause: %s",
				l.Busiest, l.MaxMean, l.Uniform.MaxMean, l.Uniform.MaxMeanP95, cause)
		}
	} else if l.MaxMean > t.cfg.riskySkew {
		l.Reasons = append(l.Reasons, fmt.Sprintf("max/mean %.2f is within the noise of a %d-record sample (uniform 95%% ≤ %.2f): sample more before judging",
			l.MaxMean, t.keyed.Records, l.Uniform.MaxMeanP95))
	}
	l.Verdict = verdict
	return l
}

func (t *tracker) uniformFor(n int64, parts int) Uniform {
	if t.uniform == nil {
		t.uniform = map[[2]int64]Uniform{}
	}
	k := [2]int64{n, int64(parts)}
	u, ok := t.uniform[k]
	if !ok {
		u = UniformBaseline(n, parts)
		t.uniform[k] = u
	}
	return u
}

// idleCount returns "1 partition stays" or "n partitions stay".
func idleCount(n int) string {
	if n == 1 {
		return "1 partition stays"
	}
	return fmt.Sprintf("%d partitions stay", n)
}

// trim shortens a key for a message.
func trim(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// rank orders candidates best first: verdict, then max/mean on the first
// partition count, then more distinct keys, then name.
func rank(cs []Candidate) {
	slices.SortStableFunc(cs, func(a, b Candidate) int {
		return cmp.Or(
			cmp.Compare(a.Verdict, b.Verdict),
			cmp.Compare(a.Layouts[0].MaxMean, b.Layouts[0].MaxMean),
			cmp.Compare(b.Distinct.Count, a.Distinct.Count),
			cmp.Compare(a.Name, b.Name),
		)
	})
	for i := range cs {
		cs[i].Rank = i + 1
	}
}
