package rules

import (
	"fmt"

	"github.com/kafkalint/kafkalint/analyzer"
)

var vanishedRules = []*analyzer.Rule{
	OffsetResetLatest, AutoCommit, KeysIgnored, ToleranceWithoutDeadLetterQueue,
}

// OffsetResetLatest is KL301.
var OffsetResetLatest = &analyzer.Rule{
	ID:       "KL301",
	Name:     "offset-reset-latest",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "auto.offset.reset=latest skips records written earlier",
		Why: "auto.offset.reset decides where a group starts reading a partition for which it has no committed offset: " +
			"when the group is new, when its committed offsets have expired on the broker (offsets.retention.minutes " +
			"after the group became empty), and when partitions are added to a topic. With latest the consumer starts " +
			"at the end, so every record written before that moment is skipped without an error or a log line. For a " +
			"new service that means the backlog it was deployed to process; after an offset expiry it means the " +
			"records produced while the group was down.\n\n" +
			"Severity: warning when latest comes from the Java client's default, because nobody chose it; info when " +
			"the file sets it, because it may be deliberate (a dashboard that wants only live data), but it still " +
			"applies after an offset expiry and to new partitions. Kafka Streams is not reported: it overrides the " +
			"default to earliest (StreamsConfig), and Connect sink tasks do the same.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nauto.offset.reset=earliest\n",
		Fix:  "Set auto.offset.reset=earliest and make processing idempotent, or set latest explicitly where skipping old records is intended.",
		Refs: []string{
			"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (auto.offset.reset)",
			"streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java (consumer default overrides: earliest)",
		},
	},
	Check: checkOffsetReset,
}

func checkOffsetReset(p *analyzer.Pass) error {
	f := p.File
	v := p.Effective("auto.offset.reset")
	if !inGroup(f) || !v.OK() || v.Raw != "latest" {
		return nil
	}
	g := f.GroupID()
	if v.Source == analyzer.Explicit {
		p.Report(analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key, Severity: analyzer.Info,
			Message: fmt.Sprintf("auto.offset.reset=latest: whenever group %q has no committed offset (first start, offsets expired on the broker, partitions added) it silently skips every record written before it started reading", g),
			Fix:     "Keep latest only if losing those records is intended; otherwise set auto.offset.reset=earliest and make processing idempotent."})
		return nil
	}
	p.Report(analyzer.Finding{Pos: firstPos(f), Key: "group.id",
		Message: fmt.Sprintf("auto.offset.reset is not set, so it is latest (the default in Kafka %s): when group %q is new or its committed offsets expire, it silently skips every record written before it started reading", f.Catalog.Version, g),
		Fix:     "Set auto.offset.reset=earliest and make processing idempotent, or set auto.offset.reset=latest explicitly if skipping is intended."})
	return nil
}

// AutoCommit is KL302.
var AutoCommit = &analyzer.Rule{
	ID:       "KL302",
	Name:     "auto-commit",
	Severity: analyzer.Info,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "offsets committed automatically, not after processing",
		Why: "With enable.auto.commit=true (the Java default) poll() commits, every auto.commit.interval.ms, the " +
			"offsets of the records it returned before. That is at-least-once only if the poll loop finishes each " +
			"record before it polls again. When records are handed to another thread, a queue or an async call, the " +
			"offsets can be committed before the work is done, and a crash or rebalance loses those records for good.\n\n" +
			"The at-least-once pattern: set enable.auto.commit=false, process the batch returned by poll(), then call " +
			"commitSync() (or commitAsync() with a final commitSync() on shutdown and in " +
			"ConsumerRebalanceListener.onPartitionsRevoked). Kafka Streams and Connect sink tasks ignore this key and " +
			"commit for you; they are not reported.\n\n" +
			"A consumer without a group.id (assign() only) cannot auto-commit: the client turns the default off, but an " +
			"explicit enable.auto.commit=true makes it refuse to start (ConsumerConfig.maybeOverrideEnableAutoCommit); that " +
			"is reported as a warning, since the application may still set group.id in code.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nenable.auto.commit=true\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nenable.auto.commit=false\n",
		Fix:  "Set enable.auto.commit=false and commit with commitSync() after the records are processed.",
		Refs: []string{
			"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (enable.auto.commit, auto.commit.interval.ms)",
			"clients/src/main/java/org/apache/kafka/clients/consumer/KafkaConsumer.java (class doc: manual offset control)",
		},
	},
	Check: checkAutoCommit,
}

func checkAutoCommit(p *analyzer.Pass) error {
	f := p.File
	v := p.Effective("enable.auto.commit")
	if !v.OK() || !v.Bool {
		return nil
	}
	if !inGroup(f) {
		// Without a group.id the client turns a defaulted auto-commit off,
		// but an explicit true is refused: ConsumerConfig.maybeOverrideEnableAutoCommit
		// throws InvalidConfigurationException ("enable.auto.commit cannot be set
		// to true when default group id (null) is used").
		if v.Source == analyzer.Explicit && f.Role.Has(analyzer.Consumer) && !f.Role.Has(analyzer.Streams|analyzer.ConnectWorker) {
			p.Report(analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key, Severity: analyzer.Warning,
				Message: "enable.auto.commit=true without a group.id in this file: unless the application sets group.id, the consumer refuses to start (InvalidConfigurationException: enable.auto.commit cannot be set to true when default group id (null) is used)",
				Fix:     "Set group.id in this file, or remove enable.auto.commit=true from a consumer that uses assign() without a group."})
		}
		return nil
	}
	every := ""
	if iv := p.Effective("auto.commit.interval.ms"); iv.OK() {
		every = fmt.Sprintf(" every auto.commit.interval.ms=%d", iv.Int)
	}
	x := analyzer.Finding{Key: v.Key,
		Fix: "Set enable.auto.commit=false and call commitSync() after processing, unless every record is fully processed before the next poll()."}
	if v.Source == analyzer.Explicit {
		x.Pos, x.End = v.ValuePos(), v.Entry.ValueEnd
		x.Message = fmt.Sprintf("enable.auto.commit=true: poll() commits offsets%s whether or not the records were processed; if processing is handed off to other threads, a crash loses records already committed", every)
	} else {
		x.Pos, x.Key = firstPos(f), "group.id"
		x.Message = fmt.Sprintf("enable.auto.commit is true by default: poll() commits offsets%s whether or not the records were processed; if processing is handed off to other threads, a crash loses records already committed", every)
	}
	p.Report(x)
	return nil
}

// KeysIgnored is KL303.
var KeysIgnored = &analyzer.Rule{
	ID:       "KL303",
	Name:     "keys-ignored",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "partitioner.ignore.keys=true breaks per-key ordering",
		Why: "With partitioner.ignore.keys=true (Kafka 3.3+, KIP-794) the built-in partitioner spreads keyed records " +
			"like unkeyed ones. Records of one key land on different partitions: consumers see them out of order, " +
			"per-key state (Streams joins and aggregations, a cache keyed by id) is split across instances, and on a " +
			"compacted topic old values of a key survive in other partitions, so a rebuild can end on a stale value. " +
			"A custom partitioner.class ignores this setting, so such files are not reported.",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\npartitioner.ignore.keys=true\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\npartitioner.ignore.keys=false\n",
		Fix:  "Remove partitioner.ignore.keys=true, or send the records without a key if their order per key does not matter.",
		Refs: []string{
			"KIP-794",
			"clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java (partitioner.ignore.keys)",
			"clients/src/main/java/org/apache/kafka/clients/producer/KafkaProducer.java (partition)",
		},
	},
	Check: checkKeysIgnored,
}

func checkKeysIgnored(p *analyzer.Pass) error {
	v := p.Effective("partitioner.ignore.keys")
	if !v.OK() || !v.Bool || v.Source != analyzer.Explicit {
		return nil
	}
	if pc, ok := p.File.Explicit("partitioner.class"); ok && pc.Raw != "" {
		return nil // KafkaProducer.partition consults a custom partitioner first
	}
	p.Report(analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key,
		Message: "partitioner.ignore.keys=true: records with the same key no longer go to the same partition, so consumers lose per-key ordering and compacted topics keep stale values of a key in other partitions",
		Fix:     "Remove partitioner.ignore.keys=true, or send these records without a key if their order per key does not matter."})
	return nil
}

// ToleranceWithoutDeadLetterQueue is KL304.
var ToleranceWithoutDeadLetterQueue = &analyzer.Rule{
	ID:       "KL304",
	Name:     "tolerance-without-dead-letter-queue",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Connector},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "sink connector skips bad records without a dead letter queue",
		Why: "With errors.tolerance=all a Kafka Connect task skips a record that fails conversion or a transformation " +
			"(and, for connectors that use the ErrantRecordReporter of KIP-610, one its put() rejects) instead of " +
			"failing. A sink connector can park those records in a dead letter queue topic " +
			"(errors.deadletterqueue.topic.name, KIP-298); without one they are gone: error when errors.log.enable " +
			"is false as well (no trace at all), warning when the failures are at least logged. With a DLQ but " +
			"without errors.deadletterqueue.context.headers.enable=true the parked records carry no headers saying " +
			"which stage failed and why: info.\n\n" +
			"A connector config is recognised by connector.class; it is a sink when it sets topics or topics.regex, " +
			"which SinkConnectorConfig requires and source connectors do not have. Source connectors have no dead " +
			"letter queue and are not reported.",
		Bad:  "name=orders-jdbc-sink\nconnector.class=io.confluent.connect.jdbc.JdbcSinkConnector\ntopics=orders\nerrors.tolerance=all\n",
		Good: "name=orders-jdbc-sink\nconnector.class=io.confluent.connect.jdbc.JdbcSinkConnector\ntopics=orders\nerrors.tolerance=all\nerrors.deadletterqueue.topic.name=orders-jdbc-sink-dlq\nerrors.deadletterqueue.context.headers.enable=true\n",
		Fix:  "Set errors.deadletterqueue.topic.name and errors.deadletterqueue.context.headers.enable=true, or set errors.tolerance=none to stop on the first bad record.",
		Refs: []string{
			"KIP-298", "KIP-610",
			"connect/runtime/src/main/java/org/apache/kafka/connect/runtime/ConnectorConfig.java (errors.tolerance, errors.log.enable)",
			"connect/runtime/src/main/java/org/apache/kafka/connect/runtime/SinkConnectorConfig.java (errors.deadletterqueue.*)",
			"connect/runtime/src/main/java/org/apache/kafka/connect/runtime/errors/RetryWithToleranceOperator.java",
		},
	},
	Check: checkDeadLetterQueue,
}

func checkDeadLetterQueue(p *analyzer.Pass) error {
	f := p.File
	_, topics := f.Explicit("topics")
	_, regex := f.Explicit("topics.regex")
	tol := p.Effective("errors.tolerance")
	if !topics && !regex || tol.Raw != "all" {
		return nil
	}
	dlq := p.Effective("errors.deadletterqueue.topic.name")
	if dlq.Raw == "" {
		name := "the connector"
		suggest := "a topic such as <connector>-dlq"
		if n, ok := f.Explicit("name"); ok && n.Raw != "" {
			name, suggest = fmt.Sprintf("connector %q", n.Raw), n.Raw+"-dlq"
		}
		pos := firstPos(f, tol, dlq)
		if tol.Source == analyzer.Explicit {
			pos = tol.ValuePos()
		}
		x := analyzer.Finding{Pos: pos, Key: tol.Key,
			Fix: fmt.Sprintf("Set errors.deadletterqueue.topic.name=%s and errors.deadletterqueue.context.headers.enable=true, or set errors.tolerance=none to stop the task on the first bad record.", suggest)}
		if lg := p.Effective("errors.log.enable"); lg.OK() && lg.Bool {
			x.Severity = analyzer.Warning
			x.Message = fmt.Sprintf("errors.tolerance=all with no errors.deadletterqueue.topic.name: %s skips every record it fails to convert or transform and keeps it only as a line in the worker log (errors.log.enable=true)", name)
		} else {
			x.Message = fmt.Sprintf("errors.tolerance=all with no errors.deadletterqueue.topic.name and errors.log.enable off: %s drops every record it fails to convert or transform without a trace", name)
		}
		p.Report(x)
		return nil
	}
	if h := p.Effective("errors.deadletterqueue.context.headers.enable"); !h.Bool && h.Err == nil {
		pos := firstPos(f, h, dlq)
		p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos), Severity: analyzer.Info,
			Message: fmt.Sprintf("records parked in dead letter queue %s carry no error context: without errors.deadletterqueue.context.headers.enable=true nobody can tell which stage failed or why", dlq.Raw),
			Fix:     "Set errors.deadletterqueue.context.headers.enable=true."})
	}
	return nil
}
