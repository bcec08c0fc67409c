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
}
