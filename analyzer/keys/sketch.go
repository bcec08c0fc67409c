package keys

import (
	"cmp"
	"encoding/binary"
	"math"
	"math/bits"
)

// hash64 is a fast, fixed-seed 64-bit hash of a key for the distinct-key
// structures (wyhash-style 64x64→128 folding, then the splitmix64
// finalizer). A fixed seed keeps estimates reproducible run to run.
func hash64(b []byte) uint64 {
	const (
		p0 = 0xa0761d6478bd642f
		p1 = 0xe7037ed1a0b428db
		p2 = 0x8ebc6af09c88c6e3
	)
	h := uint64(len(b)) * p0
	mix := func(a, b uint64) uint64 {
		hi, lo := bits.Mul64(a^p1, b^p2)
		return hi ^ lo
	}
	for len(b) >= 16 {
		h = mix(h^binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:]))
		b = b[16:]
	}
	if len(b) >= 8 {
		h = mix(h^binary.LittleEndian.Uint64(b), p0)
		b = b[8:]
	}
	// t is the 0..7 remaining bytes as a little-endian integer. For 4..7
	// bytes two overlapping 4-byte loads give the same value as the
	// byte loop (the shared bytes land on the same bits), without a
	// data-dependent loop on every key.
	var t uint64
	if n := len(b); n >= 4 {
		t = uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<(8*(n-4))
	} else {
		for i, c := range b {
			t |= uint64(c) << (8 * i)
		}
	}
	h = mix(h^t, p1)
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// keySet counts distinct keys by their 64-bit hash, exactly while it holds at
// most limit hashes, then as an adaptive distinct sample: at level L it keeps
// only hashes whose top L bits are zero, a 2^-L sample of the distinct keys
// that is uniform whatever their frequencies. Each entry carries per-key flag
// bits (moves under a what-if, disagrees under a compare), so key shares are
// read from the sample. Hash collisions (probability about n²/2^65) are
// ignored.
type keySet struct {
	// hashes is an open-addressing table with linear probing (0 marks an
	// empty slot); flags is parallel to it and touched only on insert, so
	// the lookups of repeated keys walk 8-byte slots.
	hashes []uint64
	flags  []uint64
	mask   uint64
	n      int
	limit  int
	level  uint
}

// newKeySet starts small and doubles (at half load) up to 2·limit slots, so a
// sample with few distinct keys stays small and cache-resident.
func newKeySet(limit int) *keySet {
	return &keySet{hashes: make([]uint64, 1024), flags: make([]uint64, 1024), mask: 1023, limit: limit}
}

// admits reports whether a hash belongs to the current sample.
func (s *keySet) admits(h uint64) bool { return s.level == 0 || h>>(64-s.level) == 0 }

// add inserts h with flags, unless present or outside the sample. It
// reports whether the key was new to the sample.
func (s *keySet) add(h, flags uint64) bool {
	if h == 0 {
		h = 1
	}
	if !s.admits(h) {
		return false
	}
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		switch s.hashes[i] {
		case h:
			return false
		case 0:
			s.hashes[i], s.flags[i] = h, flags
			s.n++
			if s.n > s.limit {
				s.shrink()
			} else if 2*s.n > len(s.hashes) {
				s.rehash(2 * len(s.hashes))
			}
			return true
		}
	}
}

// shrink raises the level until the sample fits, and rehashes.
func (s *keySet) shrink() {
	for s.n > s.limit {
		s.level++
		s.n = 0
		for _, h := range s.hashes {
			if h != 0 && s.admits(h) {
				s.n++
			}
		}
	}
	s.rehash(len(s.hashes))
}

// rehash moves the admitted entries into a table of size slots.
func (s *keySet) rehash(size int) {
	oldH, oldF := s.hashes, s.flags
	s.hashes, s.flags = make([]uint64, size), make([]uint64, size)
	s.mask = uint64(size - 1)
	for j, h := range oldH {
		if h == 0 || !s.admits(h) {
			continue
		}
		i := h & s.mask
		for s.hashes[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.hashes[i], s.flags[i] = h, oldF[j]
	}
}

// exact reports whether every distinct key seen is in the set.
func (s *keySet) exact() bool { return s.level == 0 }

// share returns the fraction of sampled keys with flag bit set.
func (s *keySet) share(bit uint) float64 {
	if s.n == 0 {
		return 0
	}
	c := 0
	for i, h := range s.hashes {
		if h != 0 && s.flags[i]&(1<<bit) != 0 {
			c++
		}
	}
	return float64(c) / float64(s.n)
}

// hll is a HyperLogLog sketch with 2^hllP registers (Flajolet, Fusy,
// Gandouet, Meunier 2007), with the small-range linear-counting correction.
// Its relative standard error is 1.04/√2^hllP.
type hll struct{ reg [1 << hllP]uint8 }

const hllP = 14

// hllStdErr is the sketch's relative standard error, 1.04/√16384.
var hllStdErr = 1.04 / math.Sqrt(1<<hllP)

func (s *hll) add(h uint64) {
	idx := h >> (64 - hllP)
	rank := uint8(bits.LeadingZeros64(h<<hllP|1<<(hllP-1))) + 1
	if rank > s.reg[idx] {
		s.reg[idx] = rank
	}
}

func (s *hll) estimate() float64 {
	const m = 1 << hllP
	sum, zeros := 0.0, 0
	for _, r := range s.reg {
		sum += math.Ldexp(1, -int(r))
		if r == 0 {
			zeros++
		}
	}
	alpha := 0.7213 / (1 + 1.079/m)
	e := alpha * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		e = m * math.Log(float64(m)/float64(zeros))
	}
	return e
}

// heavyKeys is a weighted Misra-Gries summary with batched decrements
// (Misra, Gries 1982; the batching as in Anderson et al., "A
// High-Performance Algorithm for Identifying Frequent Items in Data
// Streams", IMC 2017). It holds up to 2k counters; when full, it subtracts
// the (k+1)-th largest count from every counter and drops those left at
// zero or below. Each batch subtracts its amount from more than k counters,
// so the total subtracted, decr, is at most W/(k+1) where W is the total
// weight: a held key's true weight lies in [count, count+decr], and any key
// heavier than decr is held. Per record it is one table probe, amortised
// O(1).
//
// The counters are dense in slots and found through index, a small
// open-addressing table rebuilt at every shrink: on a key with many more
// distinct values than counters nearly every record misses and inserts, and
// a Go map's insert and delete (plus ranging over it to shrink) cost several
// times this probe. Which slot a counter occupies never shows in the
// results: top's callers sort by (count, key).
type heavyKeys struct {
	k     int
	decr  float64
	slots []hkCounter // live counters, at most 2k
	index []int32     // open addressing, linear probing: 0 empty, else slot+1
	mask  uint64
	tmp   []float64
}

type hkCounter struct {
	hash  uint64
	key   []byte
	count float64
}

func newHeavyKeys(k int) *heavyKeys {
	// At most 2k counters in at least 4k index slots: load stays <= 1/2.
	size := 1 << bits.Len(uint(4*k-1))
	return &heavyKeys{k: k, slots: make([]hkCounter, 0, 2*k), index: make([]int32, size), mask: uint64(size - 1)}
}

func (s *heavyKeys) add(h uint64, key []byte, w float64) {
	i := h & s.mask
	for ; s.index[i] != 0; i = (i + 1) & s.mask {
		if c := &s.slots[s.index[i]-1]; c.hash == h {
			c.count += w
			return
		}
	}
	if len(s.slots) >= 2*s.k {
		s.shrink()
		// The rebuilt index moved entries: find h's free slot again.
		for i = h & s.mask; s.index[i] != 0; i = (i + 1) & s.mask {
		}
	}
	// Reuse the key buffer a dropped counter left beyond len(slots).
	n := len(s.slots)
	s.slots = s.slots[:n+1]
	c := &s.slots[n]
	c.hash, c.count, c.key = h, w, append(c.key[:0], key...)
	s.index[i] = int32(n + 1)
}

// shrink subtracts the (k+1)-th largest count from all counters, compacts
// the survivors to the front of slots and rebuilds the index.
func (s *heavyKeys) shrink() {
	s.tmp = s.tmp[:0]
	for i := range s.slots {
		s.tmp = append(s.tmp, s.slots[i].count)
	}
	d := nthSmallest(s.tmp, len(s.tmp)-1-s.k)
	s.decr += d
	live := 0
	for i := range s.slots {
		c := &s.slots[i]
		c.count -= d
		if c.count > 0 {
			// Swap rather than copy, so the dropped counter's key buffer
			// stays behind for reuse.
			s.slots[live], *c = *c, s.slots[live]
			live++
		}
	}
	s.slots = s.slots[:live]
	clear(s.index)
	for j := range s.slots {
		i := s.slots[j].hash & s.mask
		for s.index[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.index[i] = int32(j + 1)
	}
}

// nthSmallest returns the value at index n of xs in ascending order (the
// order slices.Sort gives, NaNs first), reordering xs: Hoare's selection in
// expected linear time, where sorting all 2k counts per shrink showed up in
// profiles.
func nthSmallest(xs []float64, n int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		// The median of three as pivot keeps already ordered counts linear.
		mid := lo + (hi-lo)/2
		if cmp.Less(xs[mid], xs[lo]) {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if cmp.Less(xs[hi], xs[lo]) {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if cmp.Less(xs[hi], xs[mid]) {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		p := xs[mid]
		i, j := lo, hi
		for i <= j {
			for cmp.Less(xs[i], p) {
				i++
			}
			for cmp.Less(p, xs[j]) {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case n <= j:
			hi = j
		case n >= i:
			lo = i
		default:
			return xs[n]
		}
	}
	return xs[n]
}

// top returns the held counters, in no particular order.
func (s *heavyKeys) top() []hkCounter {
	return append([]hkCounter(nil), s.slots...)
}
