package facts

// replacement is the hand-written advice for a removed key.
type replacement struct {
	text   string
	source string // apache/kafka file that states it
}

// replacements says what to use instead of keys that Kafka removed. Only
// keys whose successor the cited source names are listed; the catalog
// falls back to the key's last deprecation note.
var replacements = map[string]replacement{
	"auto.include.jmx.reporter": {
		text:   "metric.reporters (list org.apache.kafka.common.metrics.JmxReporter, its default since 4.0; KIP-830)",
		source: "clients/src/main/java/org/apache/kafka/clients/CommonClientConfigs.java (3.9 AUTO_INCLUDE_JMX_REPORTER_DOC), docs/upgrade.html (4.0)",
	},
	// Streams-level retries (the producer's stays): deprecated since 2.7
	// by KIP-572 in favour of task.timeout.ms, removed from StreamsConfig in 4.0.
	"retries": {
		text:   "none: Kafka Streams ignored it since 2.7; the internal producer and admin clients still read retries (set them with the producer./admin. prefixes)",
		source: "streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java (3.9 RETRIES_CONFIG javadoc)",
	},
}
