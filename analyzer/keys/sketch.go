package keys

import (
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

// keySet counts distinct keys by their 64-bit hash, exactly while it holds at
// most limit hashes, then as an adaptive distinct sample: at level L it keeps
// only hashes whose top L bits are zero, a 2^-L sample of the distinct keys
// that is uniform whatever their frequencies. Each entry carries per-key flag
// bits (moves under a what-if, disagrees under a compare), so key shares are
// read from the sample. Hash collisions (probability about n²/2^65) are
// ignored.
type keySet struct {
	slots []keySlot // open addressing, linear probing; hash 0 marks empty
	mask  uint64
	n     int
	limit int
	level uint
}

type keySlot struct {
	hash  uint64
	flags uint64
}

func newKeySet(limit int) *keySet {
	size := 1
	for size < 2*limit {
		size <<= 1
	}
	return &keySet{slots: make([]keySlot, size), mask: uint64(size - 1), limit: limit}
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
		switch s.slots[i].hash {
		case h:
			return false
		case 0:
			s.slots[i] = keySlot{h, flags}
			s.n++
			if s.n > s.limit {
				s.shrink()
			}
			return true
		}
	}
}

// contains reports whether the sample holds h (for tests).
func (s *keySet) contains(h uint64) bool {
	if h == 0 {
		h = 1
	}
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		switch s.slots[i].hash {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// shrink raises the level until the sample fits, and rehashes.
func (s *keySet) shrink() {
	old := s.slots
	for s.n > s.limit {
		s.level++
		s.n = 0
		for _, e := range old {
			if e.hash != 0 && s.admits(e.hash) {
				s.n++
			}
		}
	}
	s.slots = make([]keySlot, len(old))
	for _, e := range old {
		if e.hash == 0 || !s.admits(e.hash) {
			continue
		}
		i := e.hash & s.mask
		for s.slots[i].hash != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = e
	}
}

// exact reports whether every distinct key seen is in the set.
func (s *keySet) exact() bool { return s.level == 0 }

// estimate is the distinct-count estimate n·2^L.
func (s *keySet) estimate() float64 { return math.Ldexp(float64(s.n), int(s.level)) }

// share returns the fraction of sampled keys with flag bit set.
func (s *keySet) share(bit uint) float64 {
	if s.n == 0 {
		return 0
	}
	c := 0
	for _, e := range s.slots {
		if e.hash != 0 && e.flags&(1<<bit) != 0 {
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

// spaceSaving is a weighted Space-Saving summary with k counters (Metwally,
// Agrawal, El Abbadi, "Efficient Computation of Frequent and Top-k Elements
// in Data Streams", ICDT 2005). Any key of weight > W/k is held; a held
// key's count overestimates its true weight by at most its err, itself at
// most W/k. Counters sit in a min-heap on count, indexed by key hash.
type spaceSaving struct {
	k     int
	heap  []ssCounter
	index map[uint64]int32 // hash → heap position
}

type ssCounter struct {
	hash    uint64
	key     []byte
	count   float64
	err     float64
	records int64 // records counted since this key took the counter
}

func newSpaceSaving(k int) *spaceSaving {
	return &spaceSaving{k: k, index: make(map[uint64]int32, k)}
}

func (s *spaceSaving) add(h uint64, key []byte, w float64) {
	if i, ok := s.index[h]; ok {
		s.heap[i].count += w
		s.heap[i].records++
		s.down(int(i))
		return
	}
	if len(s.heap) < s.k {
		s.heap = append(s.heap, ssCounter{hash: h, key: append([]byte(nil), key...), count: w, records: 1})
		s.index[h] = int32(len(s.heap) - 1)
		s.up(len(s.heap) - 1)
		return
	}
	// Replace the minimum: the newcomer inherits its count as error.
	m := &s.heap[0]
	delete(s.index, m.hash)
	m.hash = h
	m.key = append(m.key[:0], key...)
	m.err = m.count
	m.count += w
	m.records = 1
	s.index[h] = 0
	s.down(0)
}

func (s *spaceSaving) swap(i, j int) {
	s.heap[i], s.heap[j] = s.heap[j], s.heap[i]
	s.index[s.heap[i].hash] = int32(i)
	s.index[s.heap[j].hash] = int32(j)
}

func (s *spaceSaving) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if s.heap[p].count <= s.heap[i].count {
			return
		}
		s.swap(i, p)
		i = p
	}
}

func (s *spaceSaving) down(i int) {
	n := len(s.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && s.heap[r].count < s.heap[l].count {
			m = r
		}
		if s.heap[i].count <= s.heap[m].count {
			return
		}
		s.swap(i, m)
		i = m
	}
}
