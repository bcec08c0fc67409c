package analyzer

import (
	"fmt"
	"strings"
)

// Role is a bit set of the Kafka clients a configuration file configures.
// A file that configures several clients (a shared client.properties) has
// several bits set.
type Role uint8

// The roles.
const (
	Consumer      Role = 1 << iota // a KafkaConsumer (ConsumerConfig)
	Producer                       // a KafkaProducer (ProducerConfig)
	Admin                          // an Admin client (AdminClientConfig)
	Streams                        // a Kafka Streams application (StreamsConfig)
	ConnectWorker                  // a Kafka Connect worker (WorkerConfig)
	Connector                      // a Kafka Connect connector (ConnectorConfig)
)

var roleNames = []struct {
	r    Role
	name string
}{
	{Consumer, "consumer"}, {Producer, "producer"}, {Admin, "admin"},
	{Streams, "streams"}, {ConnectWorker, "connect-worker"}, {Connector, "connector"},
}

// Has reports whether r includes any role of q.
func (r Role) Has(q Role) bool { return r&q != 0 }

// String returns the role names joined with "+", such as "consumer+producer",
// or "unknown" for the empty set.
func (r Role) String() string {
	var names []string
	for _, n := range roleNames {
		if r&n.r != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "unknown"
	}
	return strings.Join(names, "+")
}

// MarshalText implements encoding.TextMarshaler.
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts the role
// names joined with "+" or ",": "consumer", "consumer+producer",
// "connect-worker".
func (r *Role) UnmarshalText(b []byte) error {
	var out Role
	for part := range strings.FieldsFuncSeq(string(b), func(c rune) bool { return c == '+' || c == ',' || c == ' ' }) {
		found := false
		for _, n := range roleNames {
			if n.name == part {
				out |= n.r
				found = true
			}
		}
		if !found {
			return fmt.Errorf("role %q: want one of consumer, producer, admin, streams, connect-worker, connector", part)
		}
	}
	if out == 0 {
		return fmt.Errorf("empty role")
	}
	*r = out
	return nil
}
