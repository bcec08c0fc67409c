package keys

import (
	"math"
	"math/rand/v2"
	"slices"
)

// z95 is the two-sided 95% normal quantile used for every interval.
const z95 = 1.959963984540054

// Wilson returns the 95% Wilson score interval for a proportion of x
// successes in n trials (Wilson 1927); it stays inside [0, 1] and behaves at
// shares near 0 and 1, where the normal interval does not.
func Wilson(x, n float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := x / n
	z2 := z95 * z95
	den := 1 + z2/n
	c := (p + z2/(2*n)) / den
	h := z95 / den * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return max(0, c-h), min(1, c+h)
}

// Uniform is what a perfectly uniform key would give on the same sample:
// each of n records placed independently and uniformly on N partitions
// (multinomial noise).
type Uniform struct {
	MaxMean    float64 `json:"max_mean"`     // expected max/mean
	MaxMeanP95 float64 `json:"max_mean_p95"` // 95th percentile of max/mean
	CV         float64 `json:"cv"`           // expected coefficient of variation
}

// uniformTrials is the number of simulated samples behind a Uniform.
const uniformTrials = 400

// UniformBaseline simulates n records on N partitions uniformTrials times
// with a fixed seed, so reports are reproducible.
func UniformBaseline(n int64, parts int) Uniform {
	if n <= 0 || parts <= 1 {
		return Uniform{MaxMean: 1, MaxMeanP95: 1}
	}
	r := rand.New(rand.NewPCG(uint64(n), uint64(parts)))
	mean := float64(n) / float64(parts)
	mm := make([]float64, uniformTrials)
	cvSum := 0.0
	counts := make([]float64, parts)
	for t := range mm {
		rem := n
		for i := range parts - 1 {
			c := binomial(r, rem, 1/float64(parts-i))
			counts[i] = float64(c)
			rem -= c
		}
		counts[parts-1] = float64(rem)
		mx, ss := 0.0, 0.0
		for _, c := range counts {
			mx = max(mx, c)
			ss += (c - mean) * (c - mean)
		}
		mm[t] = mx / mean
		cvSum += math.Sqrt(ss/float64(parts)) / mean
	}
	slices.Sort(mm)
	sum := 0.0
	for _, v := range mm {
		sum += v
	}
	return Uniform{
		MaxMean:    sum / uniformTrials,
		MaxMeanP95: mm[uniformTrials*95/100],
		CV:         cvSum / uniformTrials,
	}
}

// binomial draws from Binomial(n, p): exactly by geometric skips when the
// mean is small, by the normal approximation (rounded, clamped) otherwise,
// where its error is far below the simulation's own noise.
func binomial(r *rand.Rand, n int64, p float64) int64 {
	if p >= 1 {
		return n
	}
	if float64(n)*p < 30 {
		lq := math.Log1p(-p)
		var x, pos int64
		for {
			pos += int64(math.Floor(math.Log(1-r.Float64())/lq)) + 1
			if pos > n {
				return x
			}
			x++
		}
	}
	mu := float64(n) * p
	x := int64(math.Round(mu + math.Sqrt(mu*(1-p))*r.NormFloat64()))
	return min(max(x, 0), n)
}
