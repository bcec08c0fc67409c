package catalog

import "testing"

func TestLegacyAndLibrdkafka(t *testing.T) {
	t.Parallel()
	c, _ := For(Newest())
	tests := []struct {
		name    string
		clients Client
		removed bool
		rdkOnly bool
	}{
		{"zookeeper.connect", Consumer, true, false},
		{"metadata.broker.list", Producer, true, false}, // a librdkafka alias too, so no dialect marker
		{"internal.key.converter", Worker, true, false},
		{"rest.port", Worker, true, false},
		{"sasl.username", Consumer, false, true},
		{"enable.partition.eof", Consumer, false, true},
		{"bootstrap.servers", Consumer, false, false},
		{"session.timeout.ms", Consumer, false, false},
	}
	for _, tt := range tests {
		_, removed := c.RemovedFor(tt.name, tt.clients)
		if removed != tt.removed || LibrdkafkaOnly(tt.name) != tt.rdkOnly {
			t.Errorf("%s: removed %v, librdkafka-only %v; want %v, %v", tt.name, removed, LibrdkafkaOnly(tt.name), tt.removed, tt.rdkOnly)
		}
	}
}
