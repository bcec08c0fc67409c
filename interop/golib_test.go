package interop

import (
	"fmt"
	"testing"

	"github.com/IBM/sarama"
	"github.com/kafkalint/kafkalint/analyzer/keys"
	"github.com/kafkalint/kafkalint/interop/corpus"
	kafkago "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kgo"
)

// placer is a real library's key → partition function for one partition
// count. It reports ok=false when the library would not hash the key.
type placer func(key []byte, n int) int

func partitionList(n int) []int {
	ps := make([]int, n)
	for i := range ps {
		ps[i] = i
	}
	return ps
}

// TestLibrariesAgree places every corpus key on every partition count with
// the real library and with kafkalint, and fails on any disagreement.
func TestLibrariesAgree(t *testing.T) {
	t.Parallel()
	saramaP := sarama.NewHashPartitioner("t")
	franz := kgo.StickyKeyPartitioner(nil).ForTopic("t")
	tests := []struct {
		lib, partitioner string
		place            placer
	}{
		{"sarama NewHashPartitioner", "sarama", func(k []byte, n int) int {
			p, err := saramaP.Partition(&sarama.ProducerMessage{Topic: "t", Key: sarama.ByteEncoder(k)}, int32(n))
			if err != nil {
				panic(err)
			}
			return int(p)
		}},
		{"kafka-go Hash", "kafka-go-hash", func(k []byte, n int) int {
			return (&kafkago.Hash{}).Balance(kafkago.Message{Key: k}, partitionList(n)...)
		}},
		{"kafka-go Murmur2Balancer", "kafka-go-murmur2", func(k []byte, n int) int {
			return (&kafkago.Murmur2Balancer{}).Balance(kafkago.Message{Key: k}, partitionList(n)...)
		}},
		{"kafka-go CRC32Balancer", "kafka-go-crc32", func(k []byte, n int) int {
			return (&kafkago.CRC32Balancer{}).Balance(kafkago.Message{Key: k}, partitionList(n)...)
		}},
		{"franz-go StickyKeyPartitioner", "java", func(k []byte, n int) int {
			return franz.Partition(&kgo.Record{Key: k}, n)
		}},
	}
	ks := corpus.Keys()
	for _, tt := range tests {
		t.Run(tt.partitioner, func(t *testing.T) {
			p, err := keys.LookupPartitioner(tt.partitioner)
			if err != nil {
				t.Fatal(err)
			}
			agree, bad := 0, 0
			for _, n := range corpus.Counts {
				for i, k := range ks {
					if len(k) == 0 && !p.EmptyKeyHashed {
						// The library spreads empty keys: check that it
						// does not pin them to one partition.
						if n >= 100 && !spreads(func() int { return tt.place(k, n) }) {
							t.Errorf("%s: empty key always lands on one partition, kafkalint says it is spread", tt.lib)
						}
						continue
					}
					got, want := tt.place(k, n), p.Partition(k, n)
					if got != want {
						bad++
						if bad <= 5 {
							t.Errorf("%s: key #%d %q N=%d: library %d, kafkalint %d", tt.lib, i, k, n, got, want)
						}
						continue
					}
					agree++
				}
			}
			fmt.Printf("interop: %-30s %d keys x %d partition counts: %d agree, %d disagree\n", tt.lib, len(ks), len(corpus.Counts), agree, bad)
		})
	}
}

func spreads(f func() int) bool {
	first := f()
	for i := 0; i < 50; i++ {
		if f() != first {
			return true
		}
	}
	return false
}

func TestCorpusSize(t *testing.T) {
	t.Parallel()
	if n := len(corpus.Keys()); n < 10000 {
		t.Errorf("len(corpus.Keys()) = %d, want >= 10000", n)
	}
}
