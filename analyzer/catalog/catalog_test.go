package catalog

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kafkalint/kafkalint/analyzer/catalog/internal/facts"
)

// TestGeneratedUpToDate regenerates catalog_gen.go in memory from the JSON
// facts and fails when the committed file differs.
func TestGeneratedUpToDate(t *testing.T) {
	t.Parallel()
	files, err := facts.Load("internal/gencatalog/data")
	if err != nil {
		t.Fatal(err)
	}
	want, err := facts.Render(files)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("catalog_gen.go is stale; run: go generate ./analyzer/catalog")
	}
	if len(files) != len(versions) {
		t.Errorf("facts hold %d versions, catalog %d", len(files), len(versions))
	}
}

func mustFor(t *testing.T, s string) *Catalog {
	t.Helper()
	v, err := ParseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := tables[v]
	if !ok {
		t.Fatalf("catalog has no version %s", s)
	}
	return c
}

// TestKeyCounts compares the number of public keys per client with the
// counts in kafka-config-facts.md §7 (shared research notes), which were
// obtained by a separate extraction of the same ConfigDefs. That
// extraction missed AdminClientConfig's bootstrap.controllers (KIP-919,
// added 3.7), whose define call is written ". define(" across a line
// break (clients/src/main/java/org/apache/kafka/clients/admin/AdminClientConfig.java),
// so the admin counts from 3.7 on are one higher here.
func TestKeyCounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version                   string
		consumer, producer, admin int
	}{
		{"3.0", 75, 70, 54},
		{"3.1", 89, 84, 68},
		{"3.2", 89, 84, 68},
		{"3.3", 89, 87, 68},
		{"3.4", 90, 88, 69},
		{"3.5", 90, 88, 69},
		{"3.6", 90, 88, 69},
		{"3.7", 94, 90, 71 + 1},
		{"3.8", 95, 94, 72 + 1},
		{"3.9", 96, 95, 73 + 1},
		{"4.0", 96, 95, 73 + 1},
		{"4.1", 113, 112, 89 + 1},
		{"4.2", 115, 113, 90 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			c := mustFor(t, tt.version)
			for _, n := range []struct {
				client Client
				name   string
				want   int
			}{{Consumer, "consumer", tt.consumer}, {Producer, "producer", tt.producer}, {Admin, "admin", tt.admin}} {
				if got := len(c.Names(n.client)); got != n.want {
					t.Errorf("%s: %d %s keys, want %d", tt.version, got, n.name, n.want)
				}
			}
		})
	}
}

// Appendix A of kafka-config-facts.md: the Java 4.0.0 key lists, read from
// ConsumerConfig.java, ProducerConfig.java, SslConfigs.java and
// SaslConfigs.java at apache/kafka 4ae6814.
const (
	appendixConsumer = `allow.auto.create.topics auto.commit.interval.ms auto.offset.reset
bootstrap.servers check.crcs client.dns.lookup client.id client.rack connections.max.idle.ms default.api.timeout.ms
enable.auto.commit enable.metrics.push exclude.internal.topics fetch.max.bytes fetch.max.wait.ms fetch.min.bytes group.id
group.instance.id group.protocol group.remote.assignor heartbeat.interval.ms interceptor.classes isolation.level
key.deserializer max.partition.fetch.bytes max.poll.interval.ms max.poll.records metadata.max.age.ms
metadata.recovery.rebootstrap.trigger.ms metadata.recovery.strategy metric.reporters metrics.num.samples
metrics.recording.level metrics.sample.window.ms partition.assignment.strategy receive.buffer.bytes reconnect.backoff.max.ms
reconnect.backoff.ms request.timeout.ms retry.backoff.max.ms retry.backoff.ms security.protocol security.providers
send.buffer.bytes session.timeout.ms socket.connection.setup.timeout.max.ms socket.connection.setup.timeout.ms value.deserializer`
	appendixProducer = `acks batch.size bootstrap.servers buffer.memory client.dns.lookup client.id
compression.gzip.level compression.lz4.level compression.type compression.zstd.level connections.max.idle.ms
delivery.timeout.ms enable.idempotence enable.metrics.push interceptor.classes key.serializer linger.ms max.block.ms
max.in.flight.requests.per.connection max.request.size metadata.max.age.ms metadata.max.idle.ms
metadata.recovery.rebootstrap.trigger.ms metadata.recovery.strategy metric.reporters metrics.num.samples
metrics.recording.level metrics.sample.window.ms partitioner.adaptive.partitioning.enable partitioner.availability.timeout.ms
partitioner.class partitioner.ignore.keys receive.buffer.bytes reconnect.backoff.max.ms reconnect.backoff.ms
request.timeout.ms retries retry.backoff.max.ms retry.backoff.ms security.protocol security.providers send.buffer.bytes
socket.connection.setup.timeout.max.ms socket.connection.setup.timeout.ms transaction.timeout.ms transactional.id value.serializer`
	appendixSecurity = `sasl.client.callback.handler.class sasl.jaas.config
sasl.kerberos.kinit.cmd sasl.kerberos.min.time.before.relogin sasl.kerberos.service.name sasl.kerberos.ticket.renew.jitter
sasl.kerberos.ticket.renew.window.factor sasl.login.callback.handler.class sasl.login.class sasl.login.connect.timeout.ms
sasl.login.read.timeout.ms sasl.login.refresh.buffer.seconds sasl.login.refresh.min.period.seconds
sasl.login.refresh.window.factor sasl.login.refresh.window.jitter sasl.login.retry.backoff.max.ms sasl.login.retry.backoff.ms
sasl.mechanism sasl.oauthbearer.clock.skew.seconds sasl.oauthbearer.expected.audience sasl.oauthbearer.expected.issuer
sasl.oauthbearer.header.urlencode sasl.oauthbearer.jwks.endpoint.refresh.ms sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms
sasl.oauthbearer.jwks.endpoint.retry.backoff.ms sasl.oauthbearer.jwks.endpoint.url sasl.oauthbearer.scope.claim.name
sasl.oauthbearer.sub.claim.name sasl.oauthbearer.token.endpoint.url ssl.cipher.suites ssl.enabled.protocols
ssl.endpoint.identification.algorithm ssl.engine.factory.class ssl.key.password ssl.keymanager.algorithm
ssl.keystore.certificate.chain ssl.keystore.key ssl.keystore.location ssl.keystore.password ssl.keystore.type ssl.protocol
ssl.provider ssl.secure.random.implementation ssl.trustmanager.algorithm ssl.truststore.certificates ssl.truststore.location
ssl.truststore.password ssl.truststore.type`
)

// TestAppendixA checks that the 4.0 consumer and producer key sets are
// exactly the research notes' lists, and that every 4.0 consumer and
// producer key is still known (possibly only as a removal) in each newer
// version.
func TestAppendixA(t *testing.T) {
	t.Parallel()
	security := strings.Fields(appendixSecurity)
	tests := []struct {
		name   string
		client Client
		keys   []string
	}{
		{"consumer", Consumer, append(strings.Fields(appendixConsumer), security...)},
		{"producer", Producer, append(strings.Fields(appendixProducer), security...)},
	}
	c40 := mustFor(t, "4.0")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Sorted(slices.Values(tt.keys))
			got := c40.Names(tt.client)
			for _, k := range want {
				if !slices.Contains(got, k) {
					t.Errorf("4.0 %s: missing %s", tt.name, k)
				}
			}
			for _, k := range got {
				if !slices.Contains(want, k) {
					t.Errorf("4.0 %s: unexpected %s", tt.name, k)
				}
			}
			for _, v := range versions {
				if v.Less(Version{4, 0}) {
					continue
				}
				c := tables[v]
				for _, k := range want {
					key, ok := c.Lookup(k)
					if ok && key.Clients&tt.client != 0 {
						continue
					}
					if _, removed := c.RemovedFor(k, tt.client); !removed {
						t.Errorf("%s %s: %s neither defined nor removed", v, tt.name, k)
					}
				}
			}
		})
	}
}

// TestDefaults spot-checks values against kafka-config-facts.md §1, §2,
// §6 (ConsumerConfig.java, ProducerConfig.java, StreamsConfig.java,
// ConnectorConfig.java, SinkConnectorConfig.java).
func TestDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version, key string
		def          string
		hasDefault   bool
	}{
		{"3.0", "session.timeout.ms", "45000", true},
		{"4.3", "session.timeout.ms", "45000", true},
		{"3.0", "enable.idempotence", "true", true},
		{"4.2", "enable.idempotence", "true", true},
		{"3.0", "linger.ms", "0", true},
		{"3.9", "linger.ms", "0", true},
		{"4.0", "linger.ms", "5", true},
		{"4.3", "linger.ms", "5", true},
		{"3.0", "acks", "all", true},
		{"3.0", "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor", true},
		{"4.2", "partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor", true},
		{"3.9", "auto.offset.reset", "latest", true},
		{"4.0", "auto.offset.reset", "latest", true},
		{"3.0", "client.dns.lookup", "use_all_dns_ips", true},
		{"3.8", "metadata.recovery.strategy", "none", true},
		{"4.0", "metadata.recovery.strategy", "rebootstrap", true},
		{"4.0", "metadata.recovery.rebootstrap.trigger.ms", "300000", true},
		{"3.0", "fetch.max.bytes", "52428800", true},
		{"3.0", "max.partition.fetch.bytes", "1048576", true},
		{"3.0", "buffer.memory", "33554432", true},
		{"3.2", "partitioner.class", "org.apache.kafka.clients.producer.internals.DefaultPartitioner", true},
		{"3.3", "partitioner.class", "", false},
		{"3.9", "metric.reporters", "", true},
		{"4.0", "metric.reporters", "org.apache.kafka.common.metrics.JmxReporter", true},
		{"4.1", "bootstrap.servers", "", true},
		{"4.2", "bootstrap.servers", "", false},
		{"4.0", "group.id", "", false},
		{"4.0", "group.protocol", "classic", true},
		{"4.0", "ssl.endpoint.identification.algorithm", "https", true},
		{"4.0", "ssl.protocol", "TLSv1.3", true},
		{"4.0", "processing.guarantee", "at_least_once", true},
		{"4.0", "errors.tolerance", "none", true},
		{"4.0", "errors.retry.timeout", "0", true},
		{"4.0", "errors.deadletterqueue.topic.replication.factor", "3", true},
	}
	for _, tt := range tests {
		t.Run(tt.version+"/"+tt.key, func(t *testing.T) {
			k, ok := mustFor(t, tt.version).Lookup(tt.key)
			if !ok {
				t.Fatalf("%s: %s not found", tt.version, tt.key)
			}
			if k.Default != tt.def || k.HasDefault != tt.hasDefault {
				t.Errorf("%s %s default = %q (has %v), want %q (has %v)", tt.version, tt.key, k.Default, k.HasDefault, tt.def, tt.hasDefault)
			}
		})
	}
}

func TestValidValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		version, key    string
		valid, prefixes []string
		caseInsensitive bool
	}{
		{"3.9", "auto.offset.reset", []string{"latest", "earliest", "none"}, nil, false},
		{"4.0", "auto.offset.reset", []string{"latest", "earliest", "none"}, []string{"by_duration:"}, false},
		{"3.0", "client.dns.lookup", []string{"use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"}, nil, false},
		{"3.0", "processing.guarantee", []string{"at_least_once", "exactly_once", "exactly_once_beta", "exactly_once_v2"}, nil, false},
		{"3.9", "processing.guarantee", []string{"at_least_once", "exactly_once", "exactly_once_beta", "exactly_once_v2"}, nil, false},
		{"4.0", "processing.guarantee", []string{"at_least_once", "exactly_once_v2"}, nil, false},
		{"4.0", "errors.tolerance", []string{"none", "all"}, nil, false},
		{"4.0", "acks", []string{"all", "-1", "0", "1"}, nil, false},
		{"4.0", "isolation.level", []string{"read_committed", "read_uncommitted"}, nil, false},
		{"4.0", "security.protocol", []string{"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}, nil, true},
		{"4.0", "metadata.recovery.strategy", []string{"NONE", "REBOOTSTRAP"}, nil, true},
		{"4.0", "group.protocol", []string{"CLASSIC", "CONSUMER"}, nil, true},
		{"4.0", "compression.type", []string{"none", "gzip", "snappy", "lz4", "zstd"}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.version+"/"+tt.key, func(t *testing.T) {
			k, ok := mustFor(t, tt.version).Lookup(tt.key)
			if !ok {
				t.Fatalf("%s: %s not found", tt.version, tt.key)
			}
			if !slices.Equal(k.Valid, tt.valid) || !slices.Equal(k.ValidPrefixes, tt.prefixes) || k.CaseInsensitive != tt.caseInsensitive {
				t.Errorf("%s %s valid = %q %q ci=%v, want %q %q ci=%v", tt.version, tt.key, k.Valid, k.ValidPrefixes, k.CaseInsensitive, tt.valid, tt.prefixes, tt.caseInsensitive)
			}
		})
	}
}

func TestRanges(t *testing.T) {
	t.Parallel()
	k, _ := mustFor(t, "4.0").Lookup("max.poll.interval.ms")
	if k.Min == nil || *k.Min != 1 || k.Max != nil {
		t.Errorf("max.poll.interval.ms bounds = %v, %v, want 1, nil", k.Min, k.Max)
	}
	k, _ = mustFor(t, "4.0").Lookup("retries")
	if k.Min == nil || *k.Min != 0 || k.Max == nil || *k.Max != 2147483647 {
		t.Errorf("retries bounds = %v, %v, want 0, 2147483647", k.Min, k.Max)
	}
}

func TestClients(t *testing.T) {
	t.Parallel()
	c := mustFor(t, "4.0")
	tests := []struct {
		key          string
		want, absent Client
	}{
		{"errors.deadletterqueue.topic.name", Connector | Sink, Source | Consumer},
		{"errors.tolerance", Connector | Sink | Source, Consumer},
		{"exactly.once.support", Connector | Source, Sink},
		{"session.timeout.ms", Consumer | Worker, Producer},
		{"bootstrap.servers", Consumer | Producer | Admin | Streams | Worker, Connector},
		{"sasl.jaas.config", Consumer | Producer | Admin | Worker, 0},
	}
	for _, tt := range tests {
		k, ok := c.Lookup(tt.key)
		if !ok {
			t.Errorf("%s not found", tt.key)
			continue
		}
		if k.Clients&tt.want != tt.want || k.Clients&tt.absent != 0 {
			t.Errorf("%s clients = %b, want %b and not %b", tt.key, k.Clients, tt.want, tt.absent)
		}
	}
	// Connect's worker session timeout differs from the consumer's
	// (DistributedConfig.java: 10 seconds).
	k, _ := c.Lookup("session.timeout.ms")
	if _, def, _, _ := k.For(Worker); def != "10000" {
		t.Errorf("worker session.timeout.ms = %q, want 10000", def)
	}
	if _, def, _, _ := k.For(Consumer); def != "45000" {
		t.Errorf("consumer session.timeout.ms = %q, want 45000", def)
	}
}

func TestSensitive(t *testing.T) {
	t.Parallel()
	c := mustFor(t, "4.1")
	for _, name := range []string{"sasl.jaas.config", "ssl.keystore.password", "ssl.key.password", "ssl.truststore.password",
		"ssl.keystore.key", "ssl.keystore.certificate.chain", "ssl.truststore.certificates",
		"sasl.oauthbearer.client.credentials.client.secret", "sasl.oauthbearer.assertion.private.key.passphrase"} {
		if k, ok := c.Lookup(name); !ok || !k.Sensitive {
			t.Errorf("4.1 %s: not sensitive", name)
		}
	}
	if k, _ := c.Lookup("ssl.keystore.location"); k.Sensitive {
		t.Error("ssl.keystore.location is sensitive")
	}
}

func TestRemoved(t *testing.T) {
	t.Parallel()
	r, ok := mustFor(t, "4.0").Removed("auto.include.jmx.reporter")
	if !ok || r.Since != (Version{4, 0}) || !strings.Contains(r.Replacement, "metric.reporters") {
		t.Errorf("4.0 Removed(auto.include.jmx.reporter) = %+v, %v", r, ok)
	}
	if _, ok := mustFor(t, "3.9").Removed("auto.include.jmx.reporter"); ok {
		t.Error("3.9 reports auto.include.jmx.reporter removed")
	}
	if _, ok := mustFor(t, "4.0").Removed("retries"); ok {
		t.Error("4.0 reports the producer's retries removed")
	}
	if _, ok := mustFor(t, "4.0").RemovedFor("retries", Streams); !ok {
		t.Error("4.0 does not report Streams retries removed")
	}
	if _, ok := mustFor(t, "4.0").RemovedFor("retries", Producer); ok {
		t.Error("4.0 reports producer retries removed")
	}
}

func TestDeprecated(t *testing.T) {
	t.Parallel()
	k, _ := mustFor(t, "3.9").Lookup("auto.include.jmx.reporter")
	if !strings.Contains(k.Deprecated, "metric.reporters") {
		t.Errorf("3.9 auto.include.jmx.reporter Deprecated = %q, want it to name metric.reporters", k.Deprecated)
	}
	k, _ = mustFor(t, "4.0").Lookup("default.deserialization.exception.handler")
	if !strings.Contains(k.Deprecated, "deserialization.exception.handler") {
		t.Errorf("4.0 default.deserialization.exception.handler Deprecated = %q", k.Deprecated)
	}
	k, _ = mustFor(t, "4.0").Lookup("session.timeout.ms")
	if k.Deprecated != "" {
		t.Errorf("4.0 session.timeout.ms Deprecated = %q", k.Deprecated)
	}
}

func TestNearest(t *testing.T) {
	t.Parallel()
	c := mustFor(t, "4.0")
	tests := []struct {
		in      string
		clients Client
		want    string
		ok      bool
	}{
		{"session.timeout.ms", Consumer, "session.timeout.ms", true},
		{"sesion.timeout.ms", Consumer, "session.timeout.ms", true},
		{"session.timeout", Consumer, "session.timeout.ms", true},
		{"max.poll.interval", Consumer, "max.poll.interval.ms", true},
		{"max.poll.intreval.ms", Consumer, "max.poll.interval.ms", true},
		{"enable_idempotence", Producer, "enable.idempotence", true},
		{"Linger.MS", Producer, "linger.ms", true},
		{"lingr.ms", Producer, "linger.ms", true},
		{"fetch.wait.max.ms", Consumer, "", false}, // librdkafka's name: too far from fetch.max.wait.ms
		{"completely.unknown.thing", Consumer, "", false},
		{"linger.ms", Consumer, "", false},
	}
	for _, tt := range tests {
		got, ok := c.Nearest(tt.in, tt.clients)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Nearest(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	tests := []struct{ key, value, want string }{
		{"sasl.jaas.config", `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";`, Redacted},
		{"ssl.truststore.password", "changeit", Redacted},
		{"sasl.oauthbearer.client.credentials.client.secret", "s3cr3t", Redacted},
		{"basic.auth.user.info", "user:pass", Redacted},
		{"my.custom.password", "x", Redacted},
		{"schema.registry.bearer.auth.token", "x", Redacted},
		{"sasl.oauthbearer.token.endpoint.url", "https://idp/token", "https://idp/token"},
		{"ssl.truststore.password", "${file:/etc/kafka/secrets.properties:truststore.password}", "${file:/etc/kafka/secrets.properties:truststore.password}"},
		{"ssl.truststore.password", "", ""},
		{"bootstrap.servers", "broker:9092", "broker:9092"},
	}
	for _, tt := range tests {
		if got := Redact(tt.key, tt.value); got != tt.want {
			t.Errorf("Redact(%q, %q) = %q, want %q", tt.key, tt.value, got, tt.want)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	c := tables[Newest()]
	names := []string{"sesion.timeout.ms", "max.poll.interval", "completely.unknown.thing"}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, s := range names {
			c.Nearest(s, Consumer)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "keys/s")
}
