package keys

import (
	"encoding/binary"
	"math"
	"math/bits"
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

// TestHash64Tail pins hash64 to its byte-at-a-time definition for every
// tail length, since distinct counts and samples depend on its exact value.
func TestHash64Tail(t *testing.T) {
	ref := func(b []byte) uint64 {
		const (
			p0 = 0xa0761d6478bd642f
			p1 = 0xe7037ed1a0b428db
			p2 = 0x8ebc6af09c88c6e3
		)
		mix := func(a, b uint64) uint64 {
			hi, lo := bits.Mul64(a^p1, b^p2)
			return hi ^ lo
		}
		h := uint64(len(b)) * p0
		for len(b) >= 16 {
			h = mix(h^binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]))
			b = b[16:]
		}
		if len(b) >= 8 {
			h = mix(h^binary.LittleEndian.Uint64(b), p0)
			b = b[8:]
		}
		var t uint64
		for i, c := range b {
			t |= uint64(c) << (8 * i)
		}
		h = mix(h^t, p1)
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
		return h
	}
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 40 {
		for range 50 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			if got, want := hash64(b), ref(b); got != want {
				t.Fatalf("hash64(%x) = %#x, want %#x", b, got, want)
			}
		}
	}
}
