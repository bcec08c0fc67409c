// Package interop checks kafkalint's partitioners against the real client
// libraries: sarama, segmentio/kafka-go and franz-go are called from Go in
// this package's tests, and the programs under cmd/ let .ci/interop-keys.sh
// drive librdkafka (kcat), python3-kafka and kafkajs over the same corpus.
//
// It is a separate module so the client libraries stay out of kafkalint's
// own go.mod.
package interop
