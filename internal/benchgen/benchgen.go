// Package benchgen generates realistic Kafka client configuration files
// for benchmarks (BenchmarkParseOnly, BenchmarkLint) and for
// scripts/bench-lint.sh, from a fixed seed so every run lints the same
// files.
package benchgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// benchKeys are realistic settings every file gets; genConfig adds 12
// distinct consumer or producer keys (25 keys a file), among them a typo
// (max.poll.interval) and a weak acks=1 now and then, so rules report.
var benchKeys = []string{
	"bootstrap.servers=kafka-1:9092,kafka-2:9092,kafka-3:9092", "client.id=svc-%d", "security.protocol=SASL_SSL",
	"sasl.mechanism=SCRAM-SHA-512", "ssl.endpoint.identification.algorithm=https", "request.timeout.ms=30000",
	"retry.backoff.ms=100", "metadata.max.age.ms=300000", "reconnect.backoff.ms=50", "connections.max.idle.ms=540000",
	"receive.buffer.bytes=65536", "send.buffer.bytes=131072", "client.dns.lookup=use_all_dns_ips",
}

var consumerKeys = []string{
	"group.id=orders-%d", "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
	"value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer", "auto.offset.reset=earliest",
	"enable.auto.commit=false", "max.poll.records=%d", "max.poll.interval.ms=300000", "session.timeout.ms=45000",
	"heartbeat.interval.ms=3000", "fetch.min.bytes=1", "fetch.max.wait.ms=500", "isolation.level=read_committed",
	"partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor", "max.poll.interval=1",
}

var producerKeys = []string{
	"key.serializer=org.apache.kafka.common.serialization.StringSerializer",
	"value.serializer=org.apache.kafka.common.serialization.ByteArraySerializer", "acks=all", "linger.ms=%d",
	"batch.size=65536", "compression.type=zstd", "enable.idempotence=true", "delivery.timeout.ms=120000",
	"max.in.flight.requests.per.connection=5", "retries=2147483647", "buffer.memory=33554432", "acks=1",
}

// Config returns one configuration file of 25 keys.
func Config(r *rand.Rand) string {
	var b strings.Builder
	pool := consumerKeys
	if r.IntN(2) == 0 {
		pool = producerKeys
	}
	b.WriteString("# generated benchmark config\n")
	for _, k := range benchKeys {
		b.WriteString(strings.ReplaceAll(k, "%d", fmt.Sprint(r.IntN(1000))) + "\n")
	}
	// Twelve distinct client keys: real files rarely repeat a key, and a
	// generator that draws with replacement would benchmark KL403 instead.
	for _, i := range r.Perm(len(pool))[:12] {
		b.WriteString(strings.ReplaceAll(pool[i], "%d", fmt.Sprint(1+r.IntN(1000))) + "\n")
	}
	return b.String()
}

// WriteCorpus writes n files under dir, 100 to a subdirectory, from a
// fixed seed.
func WriteCorpus(dir string, n int) error {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%100), fmt.Sprintf("c%05d.properties", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(Config(r)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
