package keys

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNthSmallest checks the selection behind heavyKeys.shrink against a
// full sort, on counts with many ties as Misra-Gries produces them.
func TestNthSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := 1 + r.IntN(300)
		xs := make([]float64, n)
		for i := range xs {
			switch trial % 4 {
			case 0:
				xs[i] = float64(r.IntN(3)) // heavy ties
			case 1:
				xs[i] = float64(i) // ascending
			case 2:
				xs[i] = float64(n - i) // descending
			default:
				xs[i] = r.Float64()
				if r.IntN(50) == 0 {
					xs[i] = math.NaN()
				}
			}
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		k := r.IntN(n)
		got, want := nthSmallest(slices.Clone(xs), k), sorted[k]
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("trial %d: nthSmallest(%v, %d) = %v, want %v", trial, xs, k, got, want)
		}
	}
}
