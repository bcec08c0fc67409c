package keys

import (
	"fmt"
	"hash/crc32"
	"math"
	"math/bits"
	"strings"
)

// Partitioner is one client library's key → partition function, reproduced
// byte for byte.
type Partitioner struct {
	// Name is the identifier accepted by --partitioner and --compare.
	Name string
	// Aliases are other accepted names (the library's own spelling).
	Aliases []string
	// Title says which clients place keys this way.
	Title string
	// Source names the upstream file the behaviour was read from.
	Source string
	// EmptyKeyHashed reports whether a zero-length, non-null key is hashed
	// like any other key (so every empty-key record lands on one partition).
	// When false the library spreads empty keys like null keys.
	EmptyKeyHashed bool

	// hashName groups partitioners that share a hash, so Analyze hashes
	// each key once per hash rather than once per partitioner.
	hashName string
	hash     func(key []byte) uint32
	mod      modKind
}

// Partition returns the partition of key on a topic of n partitions. It is
// meaningful for non-empty keys, and for empty keys when EmptyKeyHashed.
// It panics if n < 1.
func (p *Partitioner) Partition(key []byte, n int) int {
	if n < 1 {
		panic("keys: partition count < 1")
	}
	return int(p.mod.of(p.hash(key), int32(n)))
}

// modKind is how a partitioner turns a hash into a partition: every
// library takes a non-negative operand from the hash and then the operand
// modulo n, and they differ only in the operand. Naming it, rather than
// calling a function value, lets the hot loop take the operand once per
// key and reduce it for every partition count with a multiplication (see
// divisor).
type modKind uint8

const (
	// positiveMod is Kafka's Utils.toPositive(h) % n: the sign bit is
	// masked, not negated
	// (clients/src/main/java/org/apache/kafka/common/utils/Utils.java).
	positiveMod modKind = iota
	// unsignedMod is h % n on the unsigned hash (librdkafka's
	// rd_crc32(...) % partition_cnt, kafka-go's CRC32Balancer).
	unsignedMod
	// absMod is sarama's hashPartitioner: int32(h) % n, negated when
	// negative (IBM/sarama partitioner.go). It equals |int32(h)| mod n,
	// which is what librdkafka's rd_fnv1a computes by taking the absolute
	// value first (src/rdfnv1a.c, written to match sarama). Go's %
	// truncates, so int32(h) % n is -(|int32(h)| mod n) for a negative
	// int32(h), math.MinInt32 included, whose magnitude 2^31 fits a uint32.
	absMod
)

// operand returns the value the library reduces modulo n.
func (k modKind) operand(h uint32) uint32 {
	switch k {
	case positiveMod:
		return h & 0x7fffffff
	case absMod:
		if int32(h) < 0 {
			return -h // two's complement: the magnitude of int32(h)
		}
	}
	return h
}

// of returns the partition of hash h on n partitions.
func (k modKind) of(h uint32, n int32) int32 { return int32(k.operand(h) % uint32(n)) }

// divisor computes u mod n for any uint32 u with two multiplications
// instead of a division (Lemire, Kaser, Kurz, "Faster Remainder by Direct
// Computation", 2019: with M = ceil(2^64/n), u mod n is the high 64 bits of
// (M·u mod 2^64)·n, exactly, for 32-bit u and n).
type divisor struct{ n, m uint64 }

func newDivisor(n int) divisor { return divisor{n: uint64(n), m: ^uint64(0)/uint64(n) + 1} }

func (d divisor) mod(u uint32) int32 {
	hi, _ := bits.Mul64(d.m*uint64(u), d.n)
	return int32(hi)
}

// Murmur2 is Kafka's murmur2 (Utils.murmur2 in
// clients/src/main/java/org/apache/kafka/common/utils/Utils.java): 32-bit
// MurmurHash2 with seed 0x9747b28c, little-endian 4-byte blocks, Java int
// arithmetic. librdkafka's rd_murmur2, franz-go's KafkaHasher, kafka-go's
// murmur2 and kafkajs's default partitioner compute the same value.
func Murmur2(data []byte) uint32 {
	const (
		seed = 0x9747b28c
		m    = 0x5bd1e995
		r    = 24
	)
	n := len(data)
	h := uint32(seed) ^ uint32(n)
	i := 0
	for ; i+4 <= n; i += 4 {
		k := uint32(data[i]) | uint32(data[i+1])<<8 | uint32(data[i+2])<<16 | uint32(data[i+3])<<24
		k *= m
		k ^= k >> r
		k *= m
		h *= m
		h ^= k
	}
	switch n - i {
	case 3:
		h ^= uint32(data[i+2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[i+1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[i])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return h
}

// FNV1a is the 32-bit FNV-1a hash (hash/fnv New32a), the hash behind sarama's
// default partitioner, kafka-go's Hash balancer and librdkafka's fnv1a.
func FNV1a(data []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range data {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// CRC32 is the IEEE CRC-32 used by librdkafka's consistent partitioners
// (rd_crc32, src/rdcrc32.h) and kafka-go's CRC32Balancer.
func CRC32(data []byte) uint32 { return crc32.ChecksumIEEE(data) }

// JSMurmur2 is kafkajs's LegacyPartitioner hash
// (src/producer/partitioners/legacy/murmur2.js in kafkajs 2.x). It was meant
// to be Kafka's murmur2 but runs on JavaScript numbers, and so differs:
//   - products are IEEE-754 double multiplications (k *= M), rounded once
//     they pass 2^53, and only the bitwise operators bring values back to
//     32-bit integers (ECMAScript ToInt32/ToUint32);
//   - the block loop runs while i < length/4 in floating point, so a key
//     whose length is not a multiple of 4 gets one more block, read past the
//     end as undefined (undefined & 0xff == 0), and then its tail again.
//
// The returned value is the int32 the function returns, as uint32 bits.
func JSMurmur2(data []byte) uint32 {
	const (
		seed = 0x9747b28c
		m    = float64(0x5bd1e995)
	)
	at := func(i int) float64 {
		if i < len(data) {
			return float64(data[i])
		}
		return 0
	}
	n := len(data)
	h := float64(toInt32(float64(seed)) ^ int32(n))
	blocks := (n + 3) / 4
	for i := 0; i < blocks; i++ {
		i4 := i * 4
		// (b3 & 0xff) << 24 is a signed int32 in JavaScript.
		k := at(i4) + float64(int32(uint32(at(i4+1))<<8)) + float64(int32(uint32(at(i4+2))<<16)) + float64(int32(uint32(at(i4+3))<<24))
		k *= m
		k = float64(toInt32(k) ^ int32(toUint32(k)>>24))
		k *= m
		h *= m
		h = float64(toInt32(h) ^ toInt32(k))
	}
	base := n &^ 3
	switch n % 4 {
	case 3:
		h = float64(toInt32(h) ^ int32(uint32(data[base+2])<<16))
		fallthrough
	case 2:
		h = float64(toInt32(h) ^ int32(uint32(data[base+1])<<8))
		fallthrough
	case 1:
		h = float64(toInt32(h) ^ int32(data[base]))
		h *= m
	}
	h = float64(toInt32(h) ^ int32(toUint32(h)>>13))
	h *= m
	h = float64(toInt32(h) ^ int32(toUint32(h)>>15))
	return uint32(toInt32(h))
}

// toUint32 is ECMAScript ToUint32 for the finite integral doubles JSMurmur2
// produces: the value modulo 2^32. math.Mod is exact for doubles.
func toUint32(f float64) uint32 {
	r := math.Mod(math.Trunc(f), 1<<32)
	if r < 0 {
		r += 1 << 32
	}
	return uint32(r)
}

// toInt32 is ECMAScript ToInt32.
func toInt32(f float64) int32 { return int32(toUint32(f)) }

// The partitioners, in the order --partitioner help lists them. Read-only.
var partitioners = []*Partitioner{
	{
		Name: "java", Aliases: []string{"murmur2", "franz-go", "kafkajs"},
		Title:  "Java client default, franz-go, kafkajs DefaultPartitioner (murmur2)",
		Source: "apache/kafka clients/.../producer/internals/BuiltInPartitioner.java partitionForKey; twmb/franz-go pkg/kgo/partitioner.go; kafkajs src/producer/partitioners/default",
		// KafkaProducer.partition hashes any non-null keyBytes, empty included.
		EmptyKeyHashed: true,
		hashName:       "murmur2", hash: Murmur2, mod: positiveMod,
	},
	{
		Name: "librdkafka", Aliases: []string{"consistent_random", "librdkafka-consistent_random"},
		Title:  "librdkafka default consistent_random (CRC-32; empty keys random)",
		Source: "confluentinc/librdkafka src/rdkafka_msg.c rd_kafka_msg_partitioner_consistent_random",
		// if (keylen == 0) return random.
		EmptyKeyHashed: false,
		hashName:       "crc32", hash: CRC32, mod: unsignedMod,
	},
	{
		Name: "librdkafka-murmur2", Aliases: []string{"murmur2_random"},
		Title:          "librdkafka murmur2_random (Java-compatible murmur2)",
		Source:         "confluentinc/librdkafka src/rdkafka_msg.c rd_kafka_msg_partitioner_murmur2_random",
		EmptyKeyHashed: true, // only a NULL key is spread
		hashName:       "murmur2", hash: Murmur2, mod: positiveMod,
	},
	{
		Name: "librdkafka-fnv1a", Aliases: []string{"fnv1a_random"},
		Title:          "librdkafka fnv1a_random (FNV-1a, sarama-compatible)",
		Source:         "confluentinc/librdkafka src/rdkafka_msg.c rd_kafka_msg_partitioner_fnv1a_random, src/rdfnv1a.c",
		EmptyKeyHashed: true,
		hashName:       "fnv1a", hash: FNV1a, mod: absMod,
	},
	{
		Name: "sarama", Aliases: []string{"sarama-hash"},
		Title:          "IBM/sarama default NewHashPartitioner (FNV-1a)",
		Source:         "IBM/sarama partitioner.go hashPartitioner.Partition",
		EmptyKeyHashed: true, // only a nil Key is spread
		hashName:       "fnv1a", hash: FNV1a, mod: absMod,
	},
	{
		Name:           "kafka-go-hash",
		Title:          "segmentio/kafka-go Hash balancer (FNV-1a, sarama-compatible)",
		Source:         "segmentio/kafka-go balancer.go Hash.Balance",
		EmptyKeyHashed: true, // only a nil Key is spread
		hashName:       "fnv1a", hash: FNV1a, mod: absMod,
	},
	{
		Name:           "kafka-go-murmur2",
		Title:          "segmentio/kafka-go Murmur2Balancer (Java-compatible murmur2)",
		Source:         "segmentio/kafka-go balancer.go Murmur2Balancer.Balance",
		EmptyKeyHashed: true, // only a nil Key is spread
		hashName:       "murmur2", hash: Murmur2, mod: positiveMod,
	},
	{
		Name:           "kafka-go-crc32",
		Title:          "segmentio/kafka-go CRC32Balancer (CRC-32, librdkafka-compatible)",
		Source:         "segmentio/kafka-go balancer.go CRC32Balancer.Balance",
		EmptyKeyHashed: false, // len(msg.Key) == 0 is spread
		hashName:       "crc32", hash: CRC32, mod: unsignedMod,
	},
	{
		Name:           "kafkajs-legacy",
		Title:          "kafkajs LegacyPartitioner (murmur2 on JavaScript numbers)",
		Source:         "kafkajs src/producer/partitioners/legacy/murmur2.js, partitioner.js",
		EmptyKeyHashed: true, // key !== null && key !== undefined is hashed
		hashName:       "jsmurmur2", hash: JSMurmur2, mod: positiveMod,
	},
}

// Partitioners returns every supported partitioner, the default first.
func Partitioners() []*Partitioner { return append([]*Partitioner(nil), partitioners...) }

// DefaultPartitioner is the Java client's murmur2 partitioner.
func DefaultPartitioner() *Partitioner { return partitioners[0] }

// LookupPartitioner finds a partitioner by name or alias, case-insensitively.
func LookupPartitioner(name string) (*Partitioner, error) {
	for _, p := range partitioners {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p, nil
			}
		}
	}
	names := make([]string, len(partitioners))
	for i, p := range partitioners {
		names[i] = p.Name
	}
	return nil, fmt.Errorf("unknown partitioner %q (known: %s)", name, strings.Join(names, ", "))
}
