package rules

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

var deliveryRules = []*analyzer.Rule{
	IdempotenceConflict, WeakAcks, RetryReordering, DeliveryTimeoutTooShort,
	TransactionalProducer, UncommittedReads, StreamsProcessingGuarantee,
}

// Sources the delivery rules follow (apache/kafka):
//
//   - clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java,
//     postProcessAndValidateIdempotenceConfigs (3.0.1, 3.1.1, 3.2.0 … 4.x):
//     with enable.idempotence in the originals, retries=0, acks other than
//     all/-1 or max.in.flight.requests.per.connection > 5 throw a
//     ConfigException; with idempotence only defaulted to true, retries=0
//     and acks≠all switch it off with an INFO log, and max.in.flight > 5
//     switches it off with a WARN in 3.x and throws from 4.0 on. Afterwards a
//     transactional.id without idempotence throws. 3.0.0 and 3.1.0
//     (KAFKA-13598) never applied the default: idempotence was on only when
//     set explicitly or implied by transactional.id, with the same
//     exceptions for conflicts; the outcome for every case these rules
//     report is the same.
//   - clients/src/main/java/org/apache/kafka/clients/producer/KafkaProducer.java,
//     configureDeliveryTimeout (2.1 … 4.x): delivery.timeout.ms below
//     linger.ms + request.timeout.ms throws when set explicitly, else it is
//     raised to that sum with a WARN.
//   - streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java:
//     processing.guarantee in(at_least_once, exactly_once,
//     exactly_once_beta, exactly_once_v2) with a WARN for the first two
//     EOS values in 3.0 … 3.9; in(at_least_once, exactly_once_v2) in 4.0.

// maxInFlightForIdempotence is ProducerConfig's
// MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE (a limit in code,
// not a configurable default).
const maxInFlightForIdempotence = 5

// inFlightFatalSince is the first Kafka version in which a defaulted
// idempotence with max.in.flight.requests.per.connection > 5 throws
// instead of switching idempotence off, as the 3.x WARN announced ("Please
// note that in v4.0.0 and onward, this will become an error"); compare
// ProducerConfig.postProcessAndValidateIdempotenceConfigs in 3.9 and 4.0.
var inFlightFatalSince = catalog.Version{Major: 4}

// IdempotenceConflict is KL201.
var IdempotenceConflict = &analyzer.Rule{
	ID:       "KL201",
	Name:     "idempotence-conflict",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "setting that conflicts with the idempotent producer",
		Why: "The idempotent producer (KIP-98) numbers every batch so the broker drops duplicates and keeps the order of " +
			"retried batches. It needs `acks=all`, `retries` above 0 and at most 5 requests in flight per connection. " +
			"Kafka 3.0 turned it on by default (KIP-679).\n\n" +
			"With `enable.idempotence=true` set explicitly, or implied by `transactional.id`, a conflicting setting makes " +
			"the producer throw a ConfigException at construction: the service does not start (error).\n\n" +
			"With idempotence only defaulted, `acks=1` or `retries=0` switch it off and the client says so only in an INFO " +
			"log line: a retried batch can then be written twice, and land behind later batches of its partition (warning). " +
			"`max.in.flight.requests.per.connection` above 5 does the same with a WARN in 3.x, and makes the producer refuse " +
			"to start from Kafka 4.0 on (error). `acks=0` is left to KL202: without acknowledgements nothing is retried, so " +
			"losing idempotence changes nothing more. Where this rule reports idempotence switched off, KL203 stays silent: " +
			"this message already says that retries reorder. KL202 still reports `acks=1` on the same line, because it is " +
			"about durability (the leader failing before replication), which idempotence never protected.\n\n" +
			"Kafka 3.0.0 and 3.1.0 did not apply the new default (KAFKA-13598, fixed in 3.0.1, 3.1.1 and 3.2.0); for every " +
			"case reported here their outcome is the same.",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nenable.idempotence=true\nacks=1\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nenable.idempotence=true\nacks=all\n",
		Fix:  "Set acks=all, retries above 0 and max.in.flight.requests.per.connection to at most 5, or set enable.idempotence=false explicitly if you accept duplicates.",
		Refs: []string{
			"KIP-98", "KIP-679",
			"clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java (postProcessAndValidateIdempotenceConfigs)",
		},
	},
	Check: checkIdempotenceConflict,
}

// idempotence is how enable.idempotence comes out for one producer file.
type idempotence struct {
	setting analyzer.Value // enable.idempotence, explicit or defaulted
	txn     analyzer.Value // transactional.id, when set
	hasTxn  bool
}

func producerIdempotence(f *analyzer.File) idempotence {
	id := idempotence{setting: f.Effective("enable.idempotence")}
	if v, ok := f.Explicit("transactional.id"); ok && v.Raw != "" {
		id.txn, id.hasTxn = v, true
	}
	return id
}

// explicitOff reports enable.idempotence=false set in the file.
func (id idempotence) explicitOff() bool {
	return id.setting.Source == analyzer.Explicit && id.setting.OK() && !id.setting.Bool
}

// unknown reports an enable.idempotence the file sets to something that is
// not a boolean (a config-provider reference; KL404 reports the rest).
func (id idempotence) unknown() bool {
	return id.setting.Source == analyzer.Explicit && !id.setting.OK()
}

// requested reports whether the producer must be idempotent: set
// explicitly, or implied by a transactional.id.
func (id idempotence) requested() bool {
	if id.setting.Source == analyzer.Explicit {
		return id.setting.OK() && id.setting.Bool
	}
	return id.hasTxn
}

// byDefault reports whether idempotence is on only through the catalog
// default of the file's client version (true since Kafka 3.0).
func (id idempotence) byDefault() bool {
	return id.setting.Source == analyzer.Default && id.setting.OK() && id.setting.Bool && !id.hasTxn
}

// conflict is one explicit setting the idempotent producer does not accept.
type conflict struct {
	v    analyzer.Value
	kind string // "acks", "retries" or "inflight"
}

// idempotenceConflicts returns the explicit settings that rule out
// idempotence, in file order. Only explicit values can conflict: the
// defaults of acks (all since 3.0; the producer overrode a defaulted 1 in
// 2.x), retries and max.in.flight.requests.per.connection never do.
func idempotenceConflicts(f *analyzer.File) []conflict {
	var out []conflict
	if v, ok := f.Explicit("acks"); ok && (v.Raw == "0" || v.Raw == "1") {
		out = append(out, conflict{v, "acks"})
	}
	if v, ok := f.Explicit("retries"); ok && v.OK() && v.Int == 0 {
		out = append(out, conflict{v, "retries"})
	}
	if v, ok := f.Explicit("max.in.flight.requests.per.connection"); ok && v.OK() && v.Int > maxInFlightForIdempotence {
		out = append(out, conflict{v, "inflight"})
	}
	slices.SortFunc(out, func(a, b conflict) int { return a.v.Entry.KeyPos.Line - b.v.Entry.KeyPos.Line })
	return out
}

func checkIdempotenceConflict(p *analyzer.Pass) error {
	f := p.File
	id := producerIdempotence(f)
	if id.explicitOff() {
		return nil // the author chose no idempotence; KL203 judges ordering, KL205 a transactional.id
	}
	var found []analyzer.Finding
	for _, c := range idempotenceConflicts(f) {
		v := c.v
		setting := fmt.Sprintf("%s=%s", v.Key, v.Raw)
		x := analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key}
		switch {
		case id.requested():
			if id.setting.Source == analyzer.Explicit {
				x.Message = fmt.Sprintf("%s with enable.idempotence=true: the producer refuses to start (ConfigException: %s)", setting, idempotenceRequirement(c.kind))
			} else {
				x.Message = fmt.Sprintf("%s rules out idempotence, which transactional.id needs: the producer refuses to start (ConfigException: %s)", setting, idempotenceRequirement(c.kind))
				x.Related = []analyzer.Related{{Path: f.Path, Pos: id.txn.Pos(), Message: "transactional.id is set here"}}
			}
			x.Fix = idempotenceFix(c.kind) + "."
		case !id.byDefault():
			continue // the version's default is off (Kafka 2.x): nothing to conflict with
		case c.kind == "acks" && v.Raw == "0":
			continue // KL202: nothing is retried without acknowledgements
		case c.kind == "inflight" && !f.Catalog.Version.Less(inFlightFatalSince):
			x.Message = fmt.Sprintf("%s is above %d while idempotence is on by default: the producer refuses to start (ConfigException since Kafka %s; 3.x switched idempotence off instead)", setting, maxInFlightForIdempotence, inFlightFatalSince)
			x.Fix = fmt.Sprintf("%s, or set enable.idempotence=false explicitly if you accept duplicates and reordering.", idempotenceFix(c.kind))
		default:
			x.Severity = analyzer.Warning
			x.Message = fmt.Sprintf("%s silently switches off idempotence, which is on by default since Kafka 3.0 (the client logs it at %s only): %s",
				setting, map[bool]string{true: "WARN", false: "INFO"}[c.kind == "inflight"], retryHarm(f, c.kind))
			x.Fix = fmt.Sprintf("%s to keep idempotence, or set enable.idempotence=false explicitly to document the trade-off.", idempotenceFix(c.kind))
		}
		found = append(found, x)
	}
	// A producer that refuses to start makes "idempotence silently off"
	// moot: report only the settings that stop it.
	fatal := slices.ContainsFunc(found, func(x analyzer.Finding) bool { return x.Severity == 0 })
	for _, x := range found {
		if !fatal || x.Severity == 0 {
			p.Report(x)
		}
	}
	return nil
}

func idempotenceRequirement(kind string) string {
	switch kind {
	case "acks":
		return "the idempotent producer needs acks=all"
	case "retries":
		return "the idempotent producer needs retries above 0"
	default:
		return fmt.Sprintf("the idempotent producer allows at most %d requests in flight", maxInFlightForIdempotence)
	}
}

func idempotenceFix(kind string) string {
	switch kind {
	case "acks":
		return "Set acks=all"
	case "retries":
		return "Remove retries=0 (the default retries forever within delivery.timeout.ms)"
	default:
		return fmt.Sprintf("Set max.in.flight.requests.per.connection to %d or less", maxInFlightForIdempotence)
	}
}

// retryHarm says what a producer without idempotence risks on retry.
func retryHarm(f *analyzer.File, kind string) string {
	if kind == "retries" {
		return "a transient error such as a leader election now fails the send instead of retrying it, and a retry by the application can write the record twice"
	}
	inflight := f.Effective("max.in.flight.requests.per.connection")
	if inflight.OK() && inflight.Int > 1 {
		return fmt.Sprintf("a retried batch can be written twice, and with up to %d requests in flight it can land behind a later batch of the same partition", inflight.Int)
	}
	return "a retried batch can be written twice"
}

// WeakAcks is KL202.
var WeakAcks = &analyzer.Rule{
	ID:       "KL202",
	Name:     "weak-acks",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "acks=0 or acks=1 loses records when a leader fails",
		Why: "With `acks=1` the partition leader acknowledges a record as soon as it has written it to its own log. If the " +
			"leader then fails before a follower has copied the record, a follower without it becomes leader and the record " +
			"is gone, although the producer was told it succeeded. With `acks=0` the producer does not wait for any answer: " +
			"it never learns of a failure, never retries, and records vanish whenever a broker is down or leadership moves. " +
			"Only `acks=all` (with `min.insync.replicas` of at least 2 on the topic) survives the loss of the leader. " +
			"Kafka 3.0 made `acks=all` the default (KIP-679); before, it was 1.\n\n" +
			"Where idempotence is requested (enable.idempotence=true or a transactional.id) KL201 reports the weak acks as an " +
			"error, because the producer does not start, and this rule stays silent.",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nacks=1\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nacks=all\n",
		Fix:  "Set acks=all, with min.insync.replicas=2 on topics of replication factor 3, so an acknowledged record survives the loss of its leader.",
		Refs: []string{"KIP-679", "clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java (ACKS_DOC)"},
	},
	Check: checkWeakAcks,
}

func checkWeakAcks(p *analyzer.Pass) error {
	f := p.File
	acks := f.Effective("acks")
	if acks.Raw != "0" && acks.Raw != "1" {
		return nil
	}
	if producerIdempotence(f).requested() {
		return nil // explicit weak acks: KL201, the producer does not start; defaulted ones are overridden to all
	}
	x := analyzer.Finding{Key: "acks", Fix: "Set acks=all, with min.insync.replicas=2 on the topics, so an acknowledged record survives the loss of its leader."}
	what := "acks=" + acks.Raw
	if acks.Source == analyzer.Explicit {
		x.Pos, x.End = acks.ValuePos(), acks.Entry.ValueEnd
	} else {
		x.Pos = producerAnchor(f)
		what = fmt.Sprintf("acks is not set and defaults to %s in Kafka %s", acks.Raw, f.Catalog.Version)
	}
	if acks.Raw == "1" {
		x.Message = what + ": the leader acknowledges before any follower has the record, so an acknowledged record is lost when the leader fails before replicating it"
	} else {
		x.Message = what + ": the producer waits for no acknowledgement and never retries, so records are lost without a trace whenever a broker is down or a leader moves"
	}
	p.Report(x)
	return nil
}

// producerAnchor is where a finding about a producer setting the file
// leaves at its default goes: the key that makes the file a producer.
func producerAnchor(f *analyzer.File) load.Pos {
	return anchorAt(f, "transactional.id", "key.serializer", "value.serializer", "bootstrap.servers")
}

// anchorAt returns the key position of the first of keys the file sets,
// else of its first entry, else line 1, column 1.
func anchorAt(f *analyzer.File, keys ...string) load.Pos {
	for _, k := range keys {
		if v, ok := f.Explicit(k); ok {
			return v.Pos()
		}
	}
	if len(f.Entries) > 0 {
		return f.Entries[0].KeyPos
	}
	return load.Pos{Line: 1, Col: 1}
}

// RetryReordering is KL203.
var RetryReordering = &analyzer.Rule{
	ID:       "KL203",
	Name:     "retry-reordering",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "retries without idempotence can reorder records",
		Why: "Without idempotence the broker cannot tell a retried batch from a new one. With more than one request in flight " +
			"per connection, batch 1 can fail while batch 2 of the same partition succeeds; batch 1 is then retried and " +
			"written after batch 2, so consumers see the records of one partition out of order (and a retry after a lost " +
			"response writes a duplicate). Per-key ordering, the reason keys exist, is gone.\n\n" +
			"The rule judges producers whose idempotence is off by choice (`enable.idempotence=false`) or by the default of " +
			"the client version (false before Kafka 3.0). Where KL201 reports idempotence switched off by another setting, " +
			"its message already covers the reordering and this rule stays silent; with `acks=0` nothing is retried; a " +
			"transactional.id with idempotence off does not start at all (KL205).",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nenable.idempotence=false\nmax.in.flight.requests.per.connection=5\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nenable.idempotence=false\nmax.in.flight.requests.per.connection=1\n",
		Fix:  "Turn idempotence on (enable.idempotence=true, acks=all, at most 5 requests in flight), or set max.in.flight.requests.per.connection=1.",
		Refs: []string{"clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java (RETRIES_DOC, MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_DOC)"},
	},
	Check: checkRetryReordering,
}

func checkRetryReordering(p *analyzer.Pass) error {
	f := p.File
	id := producerIdempotence(f)
	switch {
	case id.requested(), id.unknown():
		return nil
	case id.byDefault():
		return nil // on, or switched off by a conflict KL201 reports with the reordering
	case id.hasTxn:
		return nil // KL205: the producer does not start
	}
	if acks := f.Effective("acks"); acks.Raw == "0" {
		return nil // no acknowledgement, no retry
	}
	retries, inflight := f.Effective("retries"), f.Effective("max.in.flight.requests.per.connection")
	if !retries.OK() || !inflight.OK() || retries.Int <= 0 || inflight.Int <= 1 {
		return nil
	}
	off := "enable.idempotence=false"
	if id.setting.Source != analyzer.Explicit {
		off = fmt.Sprintf("idempotence is off by default in Kafka %s", f.Catalog.Version)
	}
	x := analyzer.Finding{Key: inflight.Key,
		Message: fmt.Sprintf("%s with retries=%d and max.in.flight.requests.per.connection=%d%s: a retried batch can be written after a later batch of the same partition, so consumers see records out of order",
			off, retries.Int, inflight.Int, defaultedKeys(inflight, retries)),
		Fix: "Set max.in.flight.requests.per.connection=1 to keep the order without idempotence, or remove enable.idempotence=false and set acks=all.",
	}
	switch {
	case inflight.Source == analyzer.Explicit:
		x.Pos, x.End = inflight.ValuePos(), inflight.Entry.ValueEnd
	case id.setting.Source == analyzer.Explicit:
		x.Pos, x.Key = id.setting.Pos(), id.setting.Key
	case retries.Source == analyzer.Explicit:
		x.Pos, x.Key = retries.Pos(), retries.Key
	default:
		x.Pos = producerAnchor(f)
	}
	p.Report(x)
	return nil
}

// defaultedKeys names the values of vs that are defaults.
func defaultedKeys(vs ...analyzer.Value) string {
	var d []string
	for _, v := range vs {
		if v.Source == analyzer.Default {
			d = append(d, v.Key)
		}
	}
	if len(d) == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s by default)", strings.Join(d, " and "))
}

// DeliveryTimeoutTooShort is KL204.
var DeliveryTimeoutTooShort = &analyzer.Rule{
	ID:       "KL204",
	Name:     "delivery-timeout-too-short",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "delivery.timeout.ms below linger.ms + request.timeout.ms",
		Why: "`delivery.timeout.ms` bounds the whole life of a record in the producer: waiting in a batch (`linger.ms`), the " +
			"request (`request.timeout.ms`) and every retry. KafkaProducer.configureDeliveryTimeout requires it to be at " +
			"least `linger.ms + request.timeout.ms`. Set explicitly below that, the producer throws a ConfigException at " +
			"construction and the service does not start (error). Left at its default, it is raised to the sum with a WARN " +
			"(info).\n\n" +
			"The sum uses the defaults of the target version: Kafka 4.0 changed the default `linger.ms` from 0 to 5 " +
			"(KIP-1030), so a 3.x file with `delivery.timeout.ms` equal to `request.timeout.ms` stops starting on 4.0.",
		Bad:      "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nlinger.ms=20\nrequest.timeout.ms=30000\ndelivery.timeout.ms=30000\n",
		Good:     "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nlinger.ms=20\nrequest.timeout.ms=30000\ndelivery.timeout.ms=120000\n",
		Settings: "client-version = \"4.0\"\n",
		Fix:      "Set delivery.timeout.ms to at least linger.ms + request.timeout.ms, the value the message gives.",
		Refs: []string{
			"KIP-91", "KIP-1030",
			"clients/src/main/java/org/apache/kafka/clients/producer/KafkaProducer.java (configureDeliveryTimeout)",
		},
	},
	Check: checkDeliveryTimeout,
}

func checkDeliveryTimeout(p *analyzer.Pass) error {
	f := p.File
	delivery, linger, request := f.Effective("delivery.timeout.ms"), f.Effective("linger.ms"), f.Effective("request.timeout.ms")
	if !delivery.OK() || !linger.OK() || !request.OK() {
		return nil
	}
	// configureDeliveryTimeout: (int) Math.min((long) lingerMs + requestTimeoutMs, Integer.MAX_VALUE).
	sum := min(linger.Int+request.Int, math.MaxInt32)
	if delivery.Int >= sum {
		return nil
	}
	parts := fmt.Sprintf("linger.ms + request.timeout.ms = %d + %d = %d%s", linger.Int, request.Int, sum, versionDefaults(f, linger, request))
	if delivery.Source == analyzer.Explicit {
		p.Report(analyzer.Finding{Pos: delivery.ValuePos(), End: delivery.Entry.ValueEnd, Key: delivery.Key,
			Message: fmt.Sprintf("delivery.timeout.ms=%d is below %s: the producer refuses to start (ConfigException)", delivery.Int, parts),
			Fix:     fmt.Sprintf("Set delivery.timeout.ms to at least %d, or lower linger.ms or request.timeout.ms.", sum)})
		return nil
	}
	// The default is raised, not rejected: worth knowing, not an error.
	x := analyzer.Finding{Key: delivery.Key, Severity: analyzer.Info,
		Message: fmt.Sprintf("delivery.timeout.ms is not set and its default %d is below %s: the producer raises it to %d and logs a warning", delivery.Int, parts, sum),
		Fix:     fmt.Sprintf("Set delivery.timeout.ms to %d or more explicitly, so the file states how long a send may take.", sum)}
	switch {
	case request.Source == analyzer.Explicit:
		x.Pos, x.Key = request.Pos(), request.Key
	case linger.Source == analyzer.Explicit:
		x.Pos, x.Key = linger.Pos(), linger.Key
	default:
		x.Pos = producerAnchor(f)
	}
	p.Report(x)
	return nil
}

// versionDefaults names the values of vs that are defaults of the file's
// client version, as in " (linger.ms 5 is the Kafka 4.0 default)".
func versionDefaults(f *analyzer.File, vs ...analyzer.Value) string {
	var d []string
	for _, v := range vs {
		if v.Source == analyzer.Default {
			d = append(d, fmt.Sprintf("%s %s", v.Key, v.Raw))
		}
	}
	if len(d) == 0 {
		return ""
	}
	if len(d) > 1 {
		return fmt.Sprintf(" (%s are the Kafka %s defaults)", strings.Join(d, " and "), f.Catalog.Version)
	}
	return fmt.Sprintf(" (%s is the Kafka %s default)", d[0], f.Catalog.Version)
}

// TransactionalProducer is KL205.
var TransactionalProducer = &analyzer.Rule{
	ID:       "KL205",
	Name:     "transactional-producer",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Producer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "transactional producer that cannot start a transaction",
		Why: "Transactions are built on the idempotent producer: with a `transactional.id` and `enable.idempotence=false` the " +
			"producer throws \"Cannot set a transactional.id without also enabling idempotence\" at construction. (Other " +
			"settings that rule idempotence out, such as acks=1, are KL201's.)\n\n" +
			"`transaction.timeout.ms` is sent to the transaction coordinator by initTransactions(); a value above the " +
			"broker's `transaction.max.timeout.ms` (15 minutes by default) is refused with INVALID_TRANSACTION_TIMEOUT, so the " +
			"producer never gets to its first transaction. Flink's Kafka sink, which defaults to a one-hour transaction " +
			"timeout, is the classic case. kafkalint assumes the broker default unless `.kafkalint.toml` sets " +
			"`[broker] transaction-max-timeout-ms`.",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\ntransactional.id=orders-tx-1\ntransaction.timeout.ms=3600000\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\ntransactional.id=orders-tx-1\ntransaction.timeout.ms=60000\n",
		Fix:  "Leave idempotence on for a transactional producer, and keep transaction.timeout.ms at or below the brokers' transaction.max.timeout.ms (900000 by default).",
		Refs: []string{
			"KIP-98",
			"clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java (postProcessAndValidateIdempotenceConfigs)",
			"core/src/main/scala/kafka/coordinator/transaction/TransactionCoordinator.scala (handleInitProducerId)",
		},
	},
	Check: checkTransactionalProducer,
}

func checkTransactionalProducer(p *analyzer.Pass) error {
	f := p.File
	id := producerIdempotence(f)
	if id.hasTxn && id.explicitOff() {
		v := id.setting
		p.Report(analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key,
			Related: []analyzer.Related{{Path: f.Path, Pos: id.txn.Pos(), Message: "transactional.id is set here"}},
			Message: "enable.idempotence=false with a transactional.id: the producer refuses to start (ConfigException: a transactional.id needs idempotence)",
			Fix:     "Remove enable.idempotence=false, since transactions need idempotence, or remove transactional.id if the producer is not transactional."})
	}
	tto := f.Effective("transaction.timeout.ms")
	if !tto.OK() || tto.Source == analyzer.Default && !id.hasTxn {
		return nil // without a transactional.id the default timeout is never sent
	}
	limit := f.Settings.Broker.WithDefaults().TransactionMaxTimeout
	if time.Duration(tto.Int)*time.Millisecond <= limit {
		return nil
	}
	source := "the broker default; set [broker] transaction-max-timeout-ms in .kafkalint.toml if your brokers differ"
	if limit != analyzer.DefaultBroker().TransactionMaxTimeout {
		source = "from .kafkalint.toml"
	}
	x := analyzer.Finding{Key: tto.Key,
		Message: fmt.Sprintf("transaction.timeout.ms=%d is above the brokers' transaction.max.timeout.ms=%d (%s): initTransactions() fails with InvalidTxnTimeoutException and no transaction ever starts",
			tto.Int, limit.Milliseconds(), source),
		Fix: fmt.Sprintf("Set transaction.timeout.ms to at most %d, or raise transaction.max.timeout.ms on every broker first.", limit.Milliseconds())}
	if tto.Source == analyzer.Explicit {
		x.Pos, x.End = tto.ValuePos(), tto.Entry.ValueEnd
	} else {
		x.Pos, x.Key = id.txn.Pos(), id.txn.Key
		x.Message = fmt.Sprintf("transaction.timeout.ms defaults to %d, above the brokers' transaction.max.timeout.ms=%d (%s): initTransactions() fails with InvalidTxnTimeoutException and no transaction ever starts",
			tto.Int, limit.Milliseconds(), source)
	}
	p.Report(x)
	return nil
}

// UncommittedReads is KL206.
var UncommittedReads = &analyzer.Rule{
	ID:       "KL206",
	Name:     "uncommitted-reads-of-transactional-data",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerProject,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "consumer reads uncommitted data of a transactional writer",
		Why: "A transactional producer (a `transactional.id`, or Kafka Streams with an exactly_once guarantee) writes records " +
			"that only count once their transaction commits; aborted records stay in the log. A consumer with " +
			"`isolation.level=read_uncommitted`, the Java default, returns them anyway, together with records of " +
			"transactions still open. Exactly-once is then broken end to end: the consumer acts on data that was rolled " +
			"back. The rule looks at the whole linted set: when it holds a transactional writer, every consumer that evidently " +
			"uses the same cluster (its bootstrap.servers shares a host with the writer's, or holds the same placeholder) and " +
			"reads uncommitted is reported, with the writer as a related position; a file that configures both is judged on " +
			"its own. Files that leave bootstrap.servers to code are not linked, since a linted tree often holds unrelated " +
			"services. librdkafka defaults to read_committed.",
		Bad:  "# a consume-transform-produce service: it reads, and writes in transactions\nbootstrap.servers=kafka-1:9092\ngroup.id=billing\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nisolation.level=read_uncommitted\ntransactional.id=billing-relay-1\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n",
		Good: "# a consume-transform-produce service: it reads, and writes in transactions\nbootstrap.servers=kafka-1:9092\ngroup.id=billing\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nisolation.level=read_committed\ntransactional.id=billing-relay-1\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n",
		Fix:  "Set isolation.level=read_committed on every consumer of topics a transactional producer writes.",
		Refs: []string{"KIP-98", "clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (ISOLATION_LEVEL_DOC)"},
	},
	Check: checkUncommittedReads,
}

// transactionalWriter returns the position of what makes f a transactional
// writer (transactional.id, or an exactly_once processing.guarantee of a
// Streams application), and whether it is one.
func transactionalWriter(f *analyzer.File) (analyzer.Value, bool) {
	if f.Role.Has(analyzer.Producer) {
		if v, ok := f.Explicit("transactional.id"); ok && v.Raw != "" && !producerIdempotence(f).explicitOff() {
			return v, true
		}
	}
	if f.Role.Has(analyzer.Streams) {
		if v, ok := f.Explicit("processing.guarantee"); ok && strings.HasPrefix(v.Raw, "exactly_once") {
			return v, true
		}
	}
	return analyzer.Value{}, false
}

// sameCluster reports whether two files evidently talk to the same
// cluster: their bootstrap.servers share a host, or both hold the same
// placeholder (${BOOTSTRAP_SERVERS}). Without that evidence (a file that
// leaves bootstrap.servers to code, different placeholders) the files are
// not linked: a linted tree often holds unrelated services, and a
// project-level warning on a guess is noise.
func sameCluster(a, b *analyzer.File) bool {
	va, oka := a.Explicit("bootstrap.servers")
	vb, okb := b.Explicit("bootstrap.servers")
	if !oka || !okb || va.Raw == "" || vb.Raw == "" {
		return false
	}
	if va.Raw == vb.Raw {
		return true
	}
	hosts := func(v analyzer.Value) []string {
		var hs []string
		for _, s := range v.List {
			if strings.Contains(s, "${") {
				continue
			}
			if i := strings.LastIndex(s, "://"); i >= 0 {
				s = s[i+3:]
			}
			if h, _, ok := strings.Cut(s, ":"); ok {
				s = h
			}
			if s != "" {
				hs = append(hs, strings.ToLower(s))
			}
		}
		return hs
	}
	hb := hosts(vb)
	return slices.ContainsFunc(hosts(va), func(h string) bool { return slices.Contains(hb, h) })
}

func checkUncommittedReads(p *analyzer.Pass) error {
	type writer struct {
		f *analyzer.File
		v analyzer.Value
	}
	var writers []writer
	for _, f := range p.Files {
		if v, ok := transactionalWriter(f); ok {
			writers = append(writers, writer{f, v})
		}
	}
	if len(writers) == 0 {
		return nil
	}
	for _, f := range p.Files {
		if !p.Rule.AppliesTo(f.Role) {
			continue
		}
		iso := f.Effective("isolation.level")
		if iso.Raw != "read_uncommitted" {
			continue
		}
		var rel []analyzer.Related
		for _, w := range writers {
			if w.f == f || sameCluster(f, w.f) {
				rel = append(rel, analyzer.Related{Path: w.f.Path, Pos: w.v.Pos(), Message: fmt.Sprintf("transactional writer (%s=%s)", w.v.Key, w.v.Raw)})
			}
		}
		if len(rel) == 0 {
			continue
		}
		x := analyzer.Finding{Path: f.Path, Key: iso.Key, Related: rel,
			Fix: "Set isolation.level=read_committed so the consumer sees only committed transactions."}
		what := "isolation.level=read_uncommitted"
		if iso.Source == analyzer.Explicit {
			x.Pos, x.End = iso.ValuePos(), iso.Entry.ValueEnd
		} else {
			x.Pos = anchorAt(f, "group.id", "key.deserializer", "value.deserializer", "bootstrap.servers")
			what = "isolation.level defaults to read_uncommitted"
		}
		n := fmt.Sprintf("%d transactional writers", len(rel))
		if len(rel) == 1 {
			n = "a transactional writer"
		}
		x.Message = fmt.Sprintf("%s while the linted set has %s (%s): this consumer also returns records of aborted and still-open transactions, so exactly-once is broken end to end",
			what, n, writerNames(rel))
		p.Report(x)
	}
	return nil
}

func writerNames(rel []analyzer.Related) string {
	names := make([]string, len(rel))
	for i, r := range rel {
		names[i] = fmt.Sprintf("%s:%d", filepath.Base(r.Path), r.Pos.Line)
	}
	return strings.Join(names, ", ")
}

// StreamsProcessingGuarantee is KL207.
var StreamsProcessingGuarantee = &analyzer.Rule{
	ID:       "KL207",
	Name:     "streams-processing-guarantee",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Streams},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "deprecated exactly-once processing.guarantee in Streams",
		Why: "KIP-732 replaced the exactly-once modes of Kafka Streams: `exactly_once` (one producer per task) and " +
			"`exactly_once_beta` are deprecated since Kafka 3.0 in favour of `exactly_once_v2` (one producer per thread, " +
			"brokers 2.5 or newer), and StreamsConfig logs \"is deprecated and will be removed in the 4.0.0 release\". " +
			"Kafka 4.0 removed them: the application no longer starts (ConfigException).\n\n" +
			"This rule reports the deprecated values a target version still accepts. Where the catalog of the target " +
			"version no longer lists the value, KL404 (invalid-value) reports it as an error and this rule stays silent: one " +
			"finding per line, and KL404 is the rule that owns values the client rejects. Should a catalog hold no valid " +
			"list for processing.guarantee, this rule reports the removal itself.",
		Bad:      "application.id=orders-enricher\nbootstrap.servers=kafka-1:9092\nprocessing.guarantee=exactly_once\n",
		Good:     "application.id=orders-enricher\nbootstrap.servers=kafka-1:9092\nprocessing.guarantee=exactly_once_v2\n",
		Settings: "client-version = \"3.9\"\n",
		Fix:      "Set processing.guarantee=exactly_once_v2 (brokers 2.5 or newer) before upgrading to Kafka 4.0.",
		Refs: []string{
			"KIP-447", "KIP-732",
			"streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java (PROCESSING_GUARANTEE_CONFIG)",
		},
	},
	Check: checkProcessingGuarantee,
}

// eosDeprecated are the processing.guarantee values KIP-732 deprecated in
// Kafka 3.0 and Kafka 4.0 removed (StreamsConfig EXACTLY_ONCE,
// EXACTLY_ONCE_BETA).
var eosDeprecated = struct {
	values         []string
	since, removed catalog.Version
	replacement    string
}{[]string{"exactly_once", "exactly_once_beta"}, catalog.Version{Major: 3}, catalog.Version{Major: 4}, "exactly_once_v2"}

func checkProcessingGuarantee(p *analyzer.Pass) error {
	f := p.File
	v, ok := f.Explicit("processing.guarantee")
	if !ok || !slices.Contains(eosDeprecated.values, v.Raw) {
		return nil
	}
	ver := f.Catalog.Version
	if ver.Less(eosDeprecated.since) {
		return nil
	}
	x := analyzer.Finding{Pos: v.ValuePos(), End: v.Entry.ValueEnd, Key: v.Key,
		Fix: fmt.Sprintf("Set processing.guarantee=%s (brokers 2.5 or newer).", eosDeprecated.replacement)}
	if ver.Less(eosDeprecated.removed) {
		x.Message = fmt.Sprintf("processing.guarantee=%s is deprecated since Kafka %s and removed in %s: the application stops starting after the upgrade", v.Raw, eosDeprecated.since, eosDeprecated.removed)
		p.Report(x)
		return nil
	}
	if v.Spec != nil && len(v.Spec.Valid) > 0 {
		return nil // the catalog rejects the value: KL404 reports it
	}
	x.Severity = analyzer.Error
	x.Message = fmt.Sprintf("processing.guarantee=%s was removed in Kafka %s: the application refuses to start (ConfigException)", v.Raw, eosDeprecated.removed)
	p.Report(x)
	return nil
}
