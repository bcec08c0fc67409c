package keys

import (
	"math/rand/v2"
	"testing"
)

// TestMurmur2KafkaVectors pins Murmur2 to apache/kafka's own vectors
// (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java
// testMurmur2, also pinned by twmb/franz-go pkg/kgo/partitioner_test.go
// TestMurmur2KafkaVectors) and kafkajs's default partitioner agrees.
func TestMurmur2KafkaVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int32
	}{
		{"21", -973932308},
		{"foobar", -790332482},
		{"a-little-bit-long-string", -985981536},
		{"a-little-bit-longer-string", -1486304829},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
		{"abc", 479470107},
	}
	for _, tt := range tests {
		if got := int32(Murmur2([]byte(tt.in))); got != tt.want {
			t.Errorf("Murmur2(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestFNV1aLibrdkafkaVectors pins |int32(FNV1a)| to librdkafka's
// unittest_fnv1a (src/rdfnv1a.c), whose values were taken from Go's hash/fnv
// and are the absolute values sarama's partitioner reduces modulo N.
func TestFNV1aLibrdkafkaVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int32
	}{
		{"kafka", 0xd33c4e1},
		{"giberish123456789", 0x77a58295},
		{"1234", 0x23bdd03},
		{"234", 0x2dea3cd2},
		{"34", 0x740fa83e},
		{"4", 0x310ca263},
		{"PreAmbleWillBeRemoved,ThePrePartThatIs", 0x65cbd69c},
		{"reAmbleWillBeRemoved,ThePrePartThatIs", 0x6e49c79a},
		{"eAmbleWillBeRemoved,ThePrePartThatIs", 0x69eed356},
		{"AmbleWillBeRemoved,ThePrePartThatIs", 0x6abcc023},
		{"", 0x7ee3623b},
	}
	for _, tt := range tests {
		got := int32(FNV1a([]byte(tt.in)))
		if got < 0 {
			got = -got
		}
		if got != tt.want {
			t.Errorf("|FNV1a(%q)| = %#x, want %#x", tt.in, got, tt.want)
		}
	}
}

// TestJSMurmur2KafkajsVectors pins JSMurmur2 to values printed by the real
// kafkajs 2.2.4 (require('kafkajs/src/producer/partitioners/legacy/murmur2'))
// under node; the interop script checks 10,000+ keys the same way.
func TestJSMurmur2KafkajsVectors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int32
	}{
		{"", 275646684},
		{"a", -809885833},
		{"ab", -1686076413},
		{"abc", 1545667907},
		{"abcd", -2139815384},
		{"abcde", 1468550417},
		{"21", -595812486},
		{"foobar", -309133275},
		{"a-little-bit-long-string", 2065008938},
		{"a-little-bit-longer-string", -1016907723},
		{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", 1360862267},
		{"kafka", 840273835},
		{"été", -1737070610},
	}
	for _, tt := range tests {
		if got := int32(JSMurmur2([]byte(tt.in))); got != tt.want {
			t.Errorf("JSMurmur2(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestCRC32Check pins CRC32 to the CRC-32/ISO-HDLC check value.
func TestCRC32Check(t *testing.T) {
	t.Parallel()
	if got := CRC32([]byte("123456789")); got != 0xcbf43926 {
		t.Errorf("CRC32(123456789) = %#x, want 0xcbf43926", got)
	}
}

func TestLookupPartitioner(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		err      bool
	}{
		{"java", "java", false},
		{"franz-go", "java", false},
		{"murmur2_random", "librdkafka-murmur2", false},
		{"consistent_random", "librdkafka", false},
		{"FNV1A_RANDOM", "librdkafka-fnv1a", false},
		{"sarama", "sarama", false},
		{"nope", "", true},
	}
	for _, tt := range tests {
		p, err := LookupPartitioner(tt.in)
		if (err != nil) != tt.err {
			t.Fatalf("LookupPartitioner(%q) error = %v, want error %v", tt.in, err, tt.err)
		}
		if err == nil && p.Name != tt.want {
			t.Errorf("LookupPartitioner(%q) = %s, want %s", tt.in, p.Name, tt.want)
		}
	}
}

// TestModKinds pins each modKind to the library's own expression, and
// divisor.mod to the % operator, on edge and random hashes and counts.
func TestModKinds(t *testing.T) {
	ref := map[modKind]func(h uint32, n int32) int32{
		positiveMod: func(h uint32, n int32) int32 { return int32(h&0x7fffffff) % n },
		unsignedMod: func(h uint32, n int32) int32 { return int32(h % uint32(n)) },
		absMod: func(h uint32, n int32) int32 {
			p := int32(h) % n
			if p < 0 {
				p = -p
			}
			return p
		},
	}
	r := rand.New(rand.NewPCG(5, 6))
	hs := []uint32{0, 1, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff}
	ns := []int32{1, 2, 3, 7, 12, 24, 1000, 1 << 20}
	for range 20000 {
		hs = append(hs, r.Uint32())
	}
	for range 200 {
		ns = append(ns, 1+r.Int32N(1<<20))
	}
	for _, n := range ns {
		d := newDivisor(int(n))
		for _, h := range hs {
			for k, f := range ref {
				if got, want := k.of(h, n), f(h, n); got != want {
					t.Fatalf("modKind %d: of(%#x, %d) = %d, want %d", k, h, n, got, want)
				}
				if got, want := d.mod(k.operand(h)), k.of(h, n); got != want {
					t.Fatalf("divisor(%d).mod(%#x) = %d, want %d", n, k.operand(h), got, want)
				}
			}
		}
	}
}
