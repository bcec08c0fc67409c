package catalog

import (
	"slices"
	"strings"
)

// legacyRemovals are keys dropped before the oldest version the generated
// table holds (3.0), which real configuration files still carry. The Java
// client ignores them like any unknown key, so the setting they were meant
// to make is not in force. Sources, all from apache/kafka docs/upgrade.html:
//   - "Notable changes in 0.11.0.0": producer configs block.on.buffer.full,
//     metadata.fetch.timeout.ms and timeout.ms removed.
//   - "Notable changes in 2.0.0": the Scala consumers and producers removed;
//     their keys are those of core/src/main/scala/kafka/consumer/ConsumerConfig.scala
//     and kafka/producer/ProducerConfig.scala (Kafka 1.1).
//   - "Notable changes in 3.0.0": Connect's internal.key.converter and
//     internal.value.converter removed (KIP-738), and the worker configs
//     rest.host.name and rest.port removed (KAFKA-12482).
var legacyRemovals = func() map[string]Removal {
	legacy := map[string]Removal{}
	add := func(since Version, clients Client, repl string, names ...string) {
		for _, n := range names {
			legacy[n] = Removal{Name: n, Since: since, Clients: clients, Replacement: repl}
		}
	}
	inert := func(since Version, clients Client, repl string, names ...string) {
		for _, n := range names {
			legacy[n] = Removal{Name: n, Since: since, Clients: clients, Replacement: repl, Inert: true}
		}
	}
	v011, v20, v30 := Version{0, 11}, Version{2, 0}, Version{3, 0}
	add(v011, Producer, "use max.block.ms", "block.on.buffer.full", "metadata.fetch.timeout.ms")
	add(v011, Producer, "use request.timeout.ms", "timeout.ms")
	// The Scala consumer (removed in 2.0) and its Java-consumer equivalents.
	scalaConsumer := "the Scala consumer was removed in Kafka 2.0; the Java consumer connects through bootstrap.servers"
	add(v20, Consumer, scalaConsumer, "zookeeper.connect", "zookeeper.connection.timeout.ms", "zookeeper.session.timeout.ms",
		"zookeeper.sync.time.ms", "consumer.id", "consumer.timeout.ms", "rebalance.max.retries", "rebalance.backoff.ms",
		"num.consumer.fetchers", "queued.max.message.chunks", "refresh.leader.backoff.ms", "offsets.storage",
		"dual.commit.enabled", "offsets.channel.backoff.ms", "offsets.channel.socket.timeout.ms", "offsets.commit.max.retries")
	add(v20, Consumer, "use max.partition.fetch.bytes (Scala consumer key, removed in Kafka 2.0)", "fetch.message.max.bytes")
	add(v20, Consumer, "use enable.auto.commit (Scala consumer key, removed in Kafka 2.0)", "auto.commit.enable")
	add(v20, Consumer, "use receive.buffer.bytes (Scala consumer key, removed in Kafka 2.0)", "socket.receive.buffer.bytes")
	add(v20, Consumer, "use fetch.max.wait.ms (Scala consumer key, removed in Kafka 2.0)", "fetch.wait.max.ms")
	// The Scala producer (removed in 2.0).
	add(v20, Producer, "use bootstrap.servers (Scala producer key, removed in Kafka 2.0)", "metadata.broker.list")
	add(v20, Producer, "use acks (Scala producer key, removed in Kafka 2.0)", "request.required.acks")
	add(v20, Producer, "use value.serializer (Scala producer key, removed in Kafka 2.0)", "serializer.class")
	add(v20, Producer, "use key.serializer (Scala producer key, removed in Kafka 2.0)", "key.serializer.class")
	add(v20, Producer, "use compression.type (Scala producer key, removed in Kafka 2.0)", "compression.codec")
	add(v20, Producer, "use retries (Scala producer key, removed in Kafka 2.0)", "message.send.max.retries")
	add(v20, Producer, "use metadata.max.age.ms (Scala producer key, removed in Kafka 2.0)", "topic.metadata.refresh.interval.ms")
	add(v20, Producer, "use linger.ms (Scala producer key, removed in Kafka 2.0)", "queue.buffering.max.ms")
	add(v20, Producer, "use buffer.memory (Scala producer key, removed in Kafka 2.0)", "queue.buffering.max.messages")
	add(v20, Producer, "use max.block.ms (Scala producer key, removed in Kafka 2.0)", "queue.enqueue.timeout.ms")
	add(v20, Producer, "use batch.size, in bytes (Scala producer key, removed in Kafka 2.0)", "batch.num.messages")
	add(v20, Producer, "the Java producer is always asynchronous (Scala producer key, removed in Kafka 2.0)", "producer.type")
	add(v20, Producer, "compression.type applies to every topic the producer writes (Scala producer key, removed in Kafka 2.0)", "compressed.topics")
	// Connect workers (removed in 3.0).
	inert(v30, Worker, "Connect always stores its internal topics as JSON without schemas (KIP-738, removed in Kafka 3.0)",
		"internal.key.converter", "internal.value.converter", "internal.key.converter.schemas.enable", "internal.value.converter.schemas.enable")
	add(v30, Worker, "use listeners, such as listeners=http://0.0.0.0:8083 (KAFKA-12482, removed in Kafka 3.0)", "rest.host.name", "rest.port")
	return legacy
}()

// removal returns the recorded removal of name, from the generated table or
// the legacy one.
func removal(name string) (Removal, bool) {
	if r, ok := removals[name]; ok {
		return r, true
	}
	r, ok := legacyRemovals[name]
	return r, ok
}

// librdkafkaOnly holds the librdkafka property names that no Java client
// version in the catalog defines and that are not legacy Java keys either
// (metadata.broker.list or queue.buffering.max.ms are both): a key in it
// marks a file as a librdkafka configuration.
var librdkafkaOnly = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range librdkafkaNames {
		if _, legacy := legacyRemovals[n]; legacy {
			continue
		}
		java := false
		for _, c := range tables {
			if _, ok := c.keys[n]; ok {
				java = true
				break
			}
		}
		if !java {
			m[n] = true
		}
	}
	return m
}()

// LibrdkafkaOnly reports whether name is a librdkafka property that no Java
// client defines (sasl.username, enable.partition.eof, ssl.ca.location),
// from librdkafka's CONFIGURATION.md (see librdkafka_gen.go for the
// version).
func LibrdkafkaOnly(name string) bool { return librdkafkaOnly[name] }

// LibrdkafkaKnows reports whether librdkafka documents a property named
// name, aliases of old Java names (request.required.acks,
// queue.buffering.max.ms) included.
func LibrdkafkaKnows(name string) bool {
	_, ok := slices.BinarySearch(librdkafkaNames, name)
	return ok
}

// serdeClasses are the classes of org.apache.kafka.common.serialization
// with the first version that ships them (clients/src/main/java/org/apache/
// kafka/common/serialization/ at each release tag: the List serde came with
// 3.0 (KAFKA-8326), the Boolean serde with 3.5 (KAFKA-14722)).
var serdeClasses = map[string]Version{
	"ByteArray": {3, 0}, "ByteBuffer": {3, 0}, "Bytes": {3, 0}, "Double": {3, 0}, "Float": {3, 0},
	"Integer": {3, 0}, "List": {3, 0}, "Long": {3, 0}, "Short": {3, 0}, "String": {3, 0},
	"UUID": {3, 0}, "Void": {3, 0}, "Boolean": {3, 5},
}

// SerdePackage is the package of Kafka's built-in serializers.
const SerdePackage = "org.apache.kafka.common.serialization."

// Serde reports, for a class name in SerdePackage, whether c's version
// ships it and whether it is a serializer (…Serializer) or a deserializer
// (…Deserializer). ok is false for a name outside the package.
func (c *Catalog) Serde(class string) (exists, serializer, ok bool) {
	base, ok := strings.CutPrefix(class, SerdePackage)
	if !ok {
		return false, false, false
	}
	stem, isDeser := strings.CutSuffix(base, "Deserializer")
	if !isDeser {
		var isSer bool
		if stem, isSer = strings.CutSuffix(base, "Serializer"); !isSer {
			return false, false, true
		}
	}
	since, known := serdeClasses[stem]
	return known && !c.Version.Less(since), !isDeser, true
}

// SerdeNames returns the built-in serializer (or deserializer) class names
// of c's version, sorted.
func (c *Catalog) SerdeNames(serializer bool) []string {
	suffix := "Deserializer"
	if serializer {
		suffix = "Serializer"
	}
	var out []string
	for stem, since := range serdeClasses {
		if !c.Version.Less(since) {
			out = append(out, SerdePackage+stem+suffix)
		}
	}
	slices.Sort(out)
	return out
}
