package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

var hygieneRules = []*analyzer.Rule{
	UnknownKey, WrongRole, DuplicateKey, InvalidValue, DeprecatedOrRemoved,
	ByteOrderMark, UnusedSuppression, MalformedSuppression, NotKafkaConfig, UnsupportedDialect,
}

// UnknownKey is KL401.
var UnknownKey = &analyzer.Rule{
	ID:       "KL401",
	Name:     "unknown-key",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "key the Kafka client does not know",
		Why: "The Java client never rejects an unknown key: AbstractConfig.logUnused only logs it (\"These configurations '…' " +
			"were supplied but are not used yet\" since Kafka 3.3, at INFO since 3.5). A misspelled key therefore leaves the real setting at its default, and nobody notices " +
			"until the default bites: `max.poll.interval=600000` keeps the 300 s poll timeout and the consumer is thrown out " +
			"of its group under load.\n\n" +
			"A key close to a known one (a typo, a missing `.ms`) is a warning naming the key it most likely means. Keys " +
			"close to nothing are usually the application's own settings kept in the same file (`input.topic`); they are " +
			"reported as info.\n\n" +
			"Keys read by plugins rather than by the client are not unknown. kafkalint accepts these pass-through keys and " +
			"prefixes: " + passThroughDoc() + ". Kafka Connect connector configs are free-form and are only checked under " +
			"the client override prefixes.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nmax.poll.interval=600000\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nmax.poll.interval.ms=600000\n",
		Fix:  "Correct the key to the name the client documents, or remove it.",
		Refs: []string{"clients/src/main/java/org/apache/kafka/common/config/AbstractConfig.java (logUnused)"},
	},
	Check: checkUnknownKey,
}

// passThrough lists keys and prefixes read by serializers, interceptors,
// config providers and metric reporters, which the client passes through.
var passThrough = []string{
	"schema.registry.", "basic.auth.credentials.source", "basic.auth.user.info", "bearer.auth.",
	"specific.avro.reader", "specific.protobuf.", "auto.register.schemas", "use.latest.version", "latest.compatibility.strict",
	"key.subject.name.strategy", "value.subject.name.strategy", "normalize.schemas", "use.schema.id",
	"json.fail.invalid.schema", "json.value.type", "json.key.type", "avro.", "derive.type",
	"config.providers.", "metrics.jmx.", "confluent.monitoring.interceptor.", "confluent.",
	"spring.json.", "spring.deserializer.", "spring.kafka.",
	"apicurio.registry.", "value.converter.", "key.converter.", "header.converter.",
}

func passThroughDoc() string {
	s := make([]string, len(passThrough))
	for i, p := range passThrough {
		s[i] = "`" + p + "`"
		if strings.HasSuffix(p, ".") {
			s[i] = "`" + p + "*`"
		}
	}
	return strings.Join(s, ", ")
}

func isPassThrough(key string) bool {
	for _, p := range passThrough {
		if key == p || strings.HasSuffix(p, ".") && strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// clientPrefixes are the prefixes under which Kafka Streams
// (StreamsConfig CONSUMER_PREFIX, MAIN_CONSUMER_PREFIX, RESTORE_CONSUMER_PREFIX,
// GLOBAL_CONSUMER_PREFIX, PRODUCER_PREFIX, ADMIN_CLIENT_PREFIX, TOPIC_PREFIX)
// and Kafka Connect (WorkerConfig: consumer., producer., admin.;
// ConnectorConfig: consumer.override., producer.override., admin.override.)
// hand settings to embedded clients and topics.
var clientPrefixes = []struct {
	prefix string
	roles  analyzer.Role
	client catalog.Client
}{
	{"main.consumer.", analyzer.Streams, catalog.Consumer},
	{"restore.consumer.", analyzer.Streams, catalog.Consumer},
	{"global.consumer.", analyzer.Streams, catalog.Consumer},
	{"consumer.override.", analyzer.Connector, catalog.Consumer},
	{"producer.override.", analyzer.Connector, catalog.Producer},
	{"admin.override.", analyzer.Connector, catalog.Admin},
	{"consumer.", analyzer.Streams | analyzer.ConnectWorker, catalog.Consumer},
	{"producer.", analyzer.Streams | analyzer.ConnectWorker, catalog.Producer},
	{"admin.", analyzer.Streams | analyzer.ConnectWorker, catalog.Admin},
	{"topic.", analyzer.Streams, 0},
}

// clientsFor maps a file role to the catalog clients whose keys it may set.
func clientsFor(r analyzer.Role) catalog.Client {
	var c catalog.Client
	if r.Has(analyzer.Consumer) {
		c |= catalog.Consumer
	}
	if r.Has(analyzer.Producer) {
		c |= catalog.Producer
	}
	if r.Has(analyzer.Admin) {
		c |= catalog.Admin
	}
	if r.Has(analyzer.Streams) {
		c |= catalog.Streams | catalog.Consumer | catalog.Producer | catalog.Admin
	}
	if r.Has(analyzer.ConnectWorker) {
		c |= catalog.Worker
	}
	if r.Has(analyzer.Connector) {
		c |= catalog.Connector
	}
	if c == 0 {
		c = catalog.Consumer | catalog.Producer | catalog.Admin
	}
	return c
}

func checkUnknownKey(p *analyzer.Pass) error {
	f := p.File
	var foreign []*load.Entry      // keys close to no known key
	for _, e := range f.Unique() { // KL403 reports repetitions
		key, clients := e.Key, clientsFor(f.Role)
		prefixed := ""
		for _, cp := range clientPrefixes {
			if f.Role.Has(cp.roles) && strings.HasPrefix(key, cp.prefix) {
				prefixed, key = cp.prefix, strings.TrimPrefix(key, cp.prefix)
				clients = cp.client
				break
			}
		}
		if prefixed == "topic." {
			continue // topic-level configs are the broker's, not in the client catalog
		}
		if _, ok := f.Catalog.Lookup(key); ok || isPassThrough(key) {
			continue
		}
		if _, ok := f.Catalog.RemovedFor(key, clients); ok {
			continue // KL405
		}
		if f.Role.Has(analyzer.Connector) && prefixed == "" {
			continue // connector configs are free-form: each connector defines its own keys
		}
		if clients == 0 {
			clients = catalog.Consumer | catalog.Producer | catalog.Admin
		}
		near, ok := f.Catalog.Nearest(key, clients)
		if !ok {
			foreign = append(foreign, e)
			continue
		}
		effect := "keeps its default"
		if k, ok := f.Catalog.Lookup(near); ok {
			if _, def, has, _ := k.For(f.Client()); !has || def == "" {
				effect = "stays unset"
			}
		}
		p.Report(analyzer.Finding{Pos: e.KeyPos, End: e.KeyEnd, Key: e.Key,
			Message: fmt.Sprintf("%s is not a %s configuration key in Kafka %s, so the client ignores it and %s%s %s: did you mean %s%s?", e.Key, clientWord(f.Role), f.Catalog.Version, prefixed, near, effect, prefixed, near),
			Fix:     fmt.Sprintf("Rename it to %s%s.", prefixed, near)})
	}
	for _, e := range foreign {
		p.Report(analyzer.Finding{Pos: e.KeyPos, End: e.KeyEnd, Key: e.Key, Severity: analyzer.Info,
			Message: fmt.Sprintf("%s is not a Kafka client configuration key and resembles none, so the client ignores it; fine if the application reads it itself", e.Key),
			Fix:     "Keep application settings out of the client configuration, or suppress the note: # kafkalint:ignore-file KL401 -- application settings."})
	}
	return nil
}

func clientWord(r analyzer.Role) string {
	if r == 0 {
		return "Kafka client"
	}
	return r.String()
}

// WrongRole is KL402.
var WrongRole = &analyzer.Rule{
	ID:       "KL402",
	Name:     "wrong-role",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer, analyzer.Producer, analyzer.Admin},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "consumer key in a producer config, or the reverse",
		Why: "A KafkaProducer ignores consumer settings and a KafkaConsumer ignores producer settings: both only log them as " +
			"unused. The author believes the setting is in force (`acks=all` in a consumer file protects nothing; " +
			"`auto.offset.reset` in a producer file changes nothing). The role comes from `.kafkalint.toml`, from keys only one " +
			"client requires (key.serializer, key.deserializer), or from the file name.",
		Bad:  "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nauto.offset.reset=earliest\n",
		Good: "bootstrap.servers=kafka-1:9092\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\nvalue.serializer=org.apache.kafka.common.serialization.StringSerializer\nacks=all\n",
		Fix:  "Move the key to the configuration of the client that reads it, or remove it.",
		Refs: []string{"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java", "clients/src/main/java/org/apache/kafka/clients/producer/ProducerConfig.java"},
	},
	Check: checkWrongRole,
}

func checkWrongRole(p *analyzer.Pass) error {
	f := p.File
	var mine catalog.Client
	switch f.Role {
	case analyzer.Consumer:
		mine = catalog.Consumer
	case analyzer.Producer:
		mine = catalog.Producer
	case analyzer.Admin:
		mine = catalog.Admin
	default:
		return nil // mixed files configure several clients
	}
	for _, e := range f.Unique() {
		v, _ := f.Explicit(e.Key)
		if v.Spec == nil {
			continue
		}
		c := v.Spec.Clients
		if c&mine != 0 || c&(catalog.Consumer|catalog.Producer|catalog.Admin) == 0 {
			continue
		}
		owner := "producer"
		if c&catalog.Consumer != 0 {
			owner = "consumer"
		}
		p.Report(analyzer.Finding{
			Pos: e.KeyPos, End: e.KeyEnd, Key: e.Key,
			Message: fmt.Sprintf("%s is a %s setting, but this file configures a %s (role from %s): the %s ignores it", e.Key, owner, f.Role, f.RoleSource, f.Role),
			Fix:     fmt.Sprintf("Move %s to the %s configuration, or remove it; if this file really configures both clients, set role = \"%s+%s\" for it in .kafkalint.toml.", e.Key, owner, f.Role, owner),
		})
	}
	return nil
}

// DuplicateKey is KL403.
var DuplicateKey = &analyzer.Rule{
	ID:       "KL403",
	Name:     "duplicate-key",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "key set more than once",
		Why: "java.util.Properties keeps the last occurrence of a key and drops the others without a word. Whoever edits the " +
			"first occurrence changes nothing; a later merge that appends a default silently undoes a deliberate setting.",
		Bad:  "bootstrap.servers=kafka-1:9092\nacks=all\nlinger.ms=20\nacks=1\n",
		Good: "bootstrap.servers=kafka-1:9092\nacks=all\nlinger.ms=20\n",
		Fix:  "Keep one occurrence of the key, with the value you mean.",
		Refs: []string{"java.util.Properties#load"},
	},
	Check: checkDuplicateKey,
}

func checkDuplicateKey(p *analyzer.Pass) error {
	if len(p.File.Unique()) == len(p.File.Entries) {
		return nil // no key repeats
	}
	count := make(map[string]int, len(p.File.Entries))
	for _, e := range p.File.Entries {
		count[e.Key]++
	}
	byKey := map[string][]load.Entry{}
	for _, e := range p.File.Entries {
		if count[e.Key] > 1 {
			byKey[e.Key] = append(byKey[e.Key], e)
		}
	}
	for key, es := range byKey {
		last := es[len(es)-1]
		var rel []analyzer.Related
		for i, e := range es[:len(es)-1] {
			if i == maxRelated {
				rel = append(rel, analyzer.Related{Path: p.File.Path, Pos: e.KeyPos, Message: fmt.Sprintf("and %d more earlier occurrences", len(es)-1-i)})
				break
			}
			rel = append(rel, analyzer.Related{Path: p.File.Path, Pos: e.KeyPos, Message: fmt.Sprintf("earlier %s=%s, overridden", key, catalog.Redact(key, strings.TrimSpace(e.Value)))})
		}
		first := es[0]
		same := ""
		if strings.TrimSpace(first.Value) == strings.TrimSpace(last.Value) {
			same = " (the same value)"
		}
		p.Report(analyzer.Finding{
			Pos: last.KeyPos, End: last.KeyEnd, Key: key, Related: rel,
			Message: fmt.Sprintf("%s is set %d times; this last value %s wins over line %d%s", key, len(es), quote(catalog.Redact(key, strings.TrimSpace(last.Value))), first.KeyPos.Line, same),
			Fix:     fmt.Sprintf("Delete the other occurrences of %s so one line states the value in force.", key),
		})
	}
	return nil
}

func quote(s string) string { return "`" + s + "`" }

// maxRelated caps the related positions of one finding: a generated file
// that repeats a key thousands of times needs one finding, not pages.
const maxRelated = 5

// InvalidValue is KL404.
var InvalidValue = &analyzer.Rule{
	ID:       "KL404",
	Name:     "invalid-value",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "value the client rejects at start-up",
		Why: "Kafka's ConfigDef parses every value when the client is constructed: a value of the wrong type (`30s` for an " +
			"int), out of its range, or not one of the allowed strings (`auto.offset.reset=smallest`, `acks=2`, " +
			"`compression.type=brotli`) throws a ConfigException and the service does not start. Valid values are case " +
			"sensitive except for security.protocol, group.protocol and metadata.recovery.strategy. A class-list key " +
			"(partition.assignment.strategy) needs fully qualified class names: `range` and `cooperative-sticky` are " +
			"librdkafka's spellings and make the Java client fail with ClassNotFoundException.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nauto.offset.reset=smallest\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nauto.offset.reset=earliest\n",
		Fix:  "Use a value of the key's type within its documented range or list.",
		Refs: []string{"clients/src/main/java/org/apache/kafka/common/config/ConfigDef.java (parseType, ValidString, Range)"},
	},
	Check: checkInvalidValue,
}

func checkInvalidValue(p *analyzer.Pass) error {
	for i := range p.File.Entries {
		e := &p.File.Entries[i]
		v, _ := p.File.Explicit(e.Key)
		if v.Entry != e {
			continue // judge the occurrence in force only
		}
		if v.Spec == nil {
			continue // unknown key: KL401
		}
		// A config-provider reference is resolved at run time; only the
		// JAAS line can still be judged around references in its options.
		if strings.Contains(v.Raw, "${") && (v.Key != "sasl.jaas.config" || strings.HasPrefix(v.Raw, "${")) {
			continue
		}
		if i := strings.Index(v.Raw, "kafkalint:"); i >= 0 && strings.Contains(v.Raw[:i], "#") {
			continue // a directive written after the value: KL408 reports it
		}
		if msg, fix := invalid(p.File, v); msg != "" {
			p.Report(analyzer.Finding{Pos: e.ValuePos, End: e.ValueEnd, Key: e.Key, Message: msg, Fix: fix})
		}
	}
	return nil
}

// invalid explains why v is invalid for its catalog spec, or returns "".
func invalid(f *analyzer.File, v analyzer.Value) (msg, fix string) {
	spec := v.Spec
	shown := func() string { return catalog.Redact(v.Key, v.Raw) }
	if v.Err != nil {
		return fmt.Sprintf("%s=%s is not valid: %v; the client refuses to start", v.Key, quote(shown()), v.Err),
			fmt.Sprintf("Set %s to %s %s value%s.", v.Key, article(spec.Type.String()), spec.Type, defaultHint(spec))
	}
	if len(spec.Valid) > 0 && spec.Type != catalog.List {
		ok := slices.Contains(spec.Valid, v.Raw)
		if !ok && spec.CaseInsensitive {
			ok = slices.ContainsFunc(spec.Valid, func(s string) bool { return strings.EqualFold(s, v.Raw) })
		}
		for _, pre := range spec.ValidPrefixes {
			if rest, found := strings.CutPrefix(v.Raw, pre); found && !ok {
				// The only prefix form so far is auto.offset.reset=by_duration: (KIP-1106).
				ok = pre != "by_duration:" || isISODuration(rest)
			}
		}
		if !ok {
			hint := ""
			if i := slices.IndexFunc(spec.Valid, func(s string) bool { return strings.EqualFold(s, v.Raw) }); i >= 0 {
				hint = fmt.Sprintf(" (values are case sensitive: %s)", spec.Valid[i])
			}
			valid := strings.Join(spec.Valid, ", ")
			for _, pre := range spec.ValidPrefixes {
				if pre == "by_duration:" {
					valid += ", or by_duration:<ISO-8601 duration> such as by_duration:PT1H"
				} else {
					valid += ", or " + pre + "…"
				}
			}
			return fmt.Sprintf("%s=%s is not one of %s in Kafka %s%s; the client refuses to start", v.Key, quote(shown()), valid, f.Catalog.Version, hint),
				fmt.Sprintf("Set %s to one of %s.", v.Key, valid)
		}
	}
	if spec.Min != nil && v.Float < *spec.Min || spec.Max != nil && v.Float > *spec.Max {
		return fmt.Sprintf("%s=%s is outside its valid range %s; the client refuses to start", v.Key, shown(), rangeText(spec)),
			fmt.Sprintf("Set %s within %s%s.", v.Key, rangeText(spec), defaultHint(spec))
	}
	if msg, fix := invalidSerde(f, v); msg != "" {
		return msg, fix
	}
	if v.Key == "sasl.jaas.config" && v.Raw != "" {
		if problem := jaasProblem(v.Raw); problem != "" {
			return fmt.Sprintf("sasl.jaas.config is not valid JAAS: %s; the client fails at start-up with IllegalArgumentException", problem),
				"Write it as one login module, a control flag, quoted options and a final semicolon, as in: org.apache.kafka.common.security.plain.PlainLoginModule required username=\"…\" password=\"…\";"
		}
	}
	if spec.Type == catalog.Class || spec.Type == catalog.List && v.Key == "partition.assignment.strategy" {
		names := v.List
		if spec.Type == catalog.Class {
			names = []string{v.Raw}
		}
		for _, n := range names {
			if n == "" || strings.Contains(n, ".") {
				continue
			}
			if v.Key == "partition.assignment.strategy" {
				return fmt.Sprintf("%s=%s: %s is not a fully qualified class name, so the Java client fails with ClassNotFoundException at start-up (short names such as range or cooperative-sticky are librdkafka's)", v.Key, quote(shown()), n),
					"Use the class name, such as org.apache.kafka.clients.consumer.CooperativeStickyAssignor."
			}
			return fmt.Sprintf("%s=%s: %s is not a fully qualified class name, so the Java client fails with ClassNotFoundException at start-up", v.Key, quote(shown()), n),
				fmt.Sprintf("Set %s to the fully qualified name of a class on the client's classpath.", v.Key)
		}
	}
	return "", ""
}

// invalidSerde checks a key.serializer, value.serializer, key.deserializer
// or value.deserializer naming a class of Kafka's serialization package:
// the class must exist in the target version (else ClassNotFoundException)
// and be of the right kind (else KafkaException "… is not an instance of
// org.apache.kafka.common.serialization.Deserializer", from
// AbstractConfig.getConfiguredInstance).
func invalidSerde(f *analyzer.File, v analyzer.Value) (msg, fix string) {
	wantSer := strings.HasSuffix(v.Key, ".serializer")
	if !wantSer && !strings.HasSuffix(v.Key, ".deserializer") {
		return "", ""
	}
	exists, isSer, ok := f.Catalog.Serde(v.Raw)
	if !ok {
		return "", ""
	}
	kind, other := "deserializer", "serializer"
	if wantSer {
		kind, other = other, kind
	}
	switch {
	case !exists:
		near := nearestString(v.Raw, f.Catalog.SerdeNames(wantSer))
		return fmt.Sprintf("%s=%s: Kafka %s has no such class, so the client fails with ClassNotFoundException at start-up", v.Key, v.Raw, f.Catalog.Version),
			fmt.Sprintf("Use an existing %s, such as %s.", kind, near)
	case isSer != wantSer:
		return fmt.Sprintf("%s=%s is a %s, not a %s: the client fails at start-up with \"is not an instance of %s%s\"", v.Key, v.Raw, other, kind, catalog.SerdePackage, strings.ToUpper(kind[:1])+kind[1:]),
			fmt.Sprintf("Use the matching %s, %s.", kind, swapSerde(v.Raw, wantSer))
	}
	return "", ""
}

func swapSerde(class string, toSer bool) string {
	if toSer {
		return strings.TrimSuffix(class, "Deserializer") + "Serializer"
	}
	return strings.TrimSuffix(class, "Serializer") + "Deserializer"
}

// nearestString returns the candidate with the longest common prefix and
// suffix with s, a cheap stand-in for edit distance over a dozen names.
func nearestString(s string, candidates []string) string {
	best, bestScore := "", -1
	for _, c := range candidates {
		score := 0
		for i := 0; i < len(s) && i < len(c) && s[len(s)-1-i] == c[len(c)-1-i]; i++ {
			score++
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

func rangeText(spec *catalog.Key) string {
	switch {
	case spec.Min != nil && spec.Max != nil:
		return fmt.Sprintf("[%g, %g]", *spec.Min, *spec.Max)
	case spec.Min != nil:
		return fmt.Sprintf("[%g, …]", *spec.Min)
	default:
		return fmt.Sprintf("[…, %g]", *spec.Max)
	}
}

func defaultHint(spec *catalog.Key) string {
	if spec.HasDefault && spec.Default != "" {
		return fmt.Sprintf(" (the default is %s)", spec.Default)
	}
	return ""
}

// isISODuration reports whether s is an ISO-8601 duration as
// java.time.Duration.parse accepts it (PnDTnHnMn.nS), not negative, as
// auto.offset.reset=by_duration: requires (KIP-1106,
// clients/src/main/java/org/apache/kafka/clients/consumer/internals/AutoOffsetResetStrategy.java).
func isISODuration(s string) bool {
	s = strings.ToUpper(s)
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return false
	}
	s = s[1:]
	date, tm, hasT := strings.Cut(s, "T")
	ok := func(part, units string) bool {
		for part != "" {
			i := strings.IndexFunc(part, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
			if i <= 0 || !strings.ContainsRune(units, rune(part[i])) {
				return false
			}
			units = units[strings.IndexRune(units, rune(part[i]))+1:]
			part = part[i+1:]
		}
		return true
	}
	if hasT && tm == "" {
		return false
	}
	return ok(date, "D") && ok(tm, "HMS")
}

// DeprecatedOrRemoved is KL405.
var DeprecatedOrRemoved = &analyzer.Rule{
	ID:       "KL405",
	Name:     "deprecated-or-removed",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "key deprecated or removed in the target Kafka version",
		Why: "A deprecated key still works but will go in a later release; a removed key is ignored like any unknown key, so " +
			"the behaviour it configured is gone after an upgrade. Deprecated keys are warnings; removed keys are errors, " +
			"except those whose removal changed nothing (Connect's internal converters: JSON became the only format), which " +
			"are warnings. " +
			"The target version is --client-version or client-version in .kafkalint.toml.",
		Bad:      "bootstrap.servers=kafka-1:9092\nauto.include.jmx.reporter=false\n",
		Good:     "bootstrap.servers=kafka-1:9092\nmetric.reporters=\n",
		Settings: "client-version = \"4.0\"\n",
		Fix:      "Replace the key with the one the message names, or remove it.",
		Refs:     []string{"docs/upgrade.html"},
	},
	Check: checkDeprecated,
}

func checkDeprecated(p *analyzer.Pass) error {
	f := p.File
	for _, e := range f.Unique() {
		if k, ok := f.Catalog.Lookup(e.Key); ok {
			if _, _, _, dep := k.For(f.Client()); dep != "" {
				dep = strings.TrimPrefix(strings.TrimPrefix(dep, "deprecated: "), "Deprecated. ")
				p.Report(analyzer.Finding{Pos: e.KeyPos, End: e.KeyEnd, Key: e.Key,
					Message: fmt.Sprintf("%s is deprecated in Kafka %s: %s", e.Key, f.Catalog.Version, strings.TrimSuffix(dep, ".")),
					Fix:     fmt.Sprintf("Replace %s before upgrading: %s.", e.Key, strings.TrimSuffix(dep, "."))})
			}
			continue
		}
		if r, ok := f.Catalog.RemovedFor(e.Key, clientsFor(f.Role)); ok {
			repl := "nothing replaces it"
			if r.Replacement != "" {
				repl = r.Replacement
			}
			sev, effect := analyzer.Error, "is ignored by this client"
			if r.Inert {
				sev, effect = analyzer.Warning, "is ignored, which changes nothing here"
			}
			p.Report(analyzer.Finding{Pos: e.KeyPos, End: e.KeyEnd, Key: e.Key, Severity: sev,
				Message: fmt.Sprintf("%s was removed in Kafka %s and %s (Kafka %s): %s", e.Key, r.Since, effect, f.Catalog.Version, repl),
				Fix:     fmt.Sprintf("Remove %s; %s.", e.Key, strings.TrimSuffix(repl, "."))})
		}
	}
	return nil
}

// ByteOrderMark is KL406.
var ByteOrderMark = &analyzer.Rule{
	ID:       "KL406",
	Name:     "byte-order-mark",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "file starts with a UTF-8 byte-order mark",
		Why: "Kafka reads .properties files with java.util.Properties (Utils.loadProps), which does not strip a byte-order " +
			"mark: the first key becomes \"\\uFEFFbootstrap.servers\" (or \"ï»¿bootstrap.servers\" through an ISO-8859-1 " +
			"stream), is unknown to the client, and the setting on the first line is silently ignored. Windows editors add " +
			"the mark.",
		Bad:  "\ufeffacks=all\nbootstrap.servers=kafka-1:9092\n",
		Good: "acks=all\nbootstrap.servers=kafka-1:9092\n",
		Fix:  "Save the file as UTF-8 without a byte-order mark.",
		Refs: []string{"clients/src/main/java/org/apache/kafka/common/utils/Utils.java (loadProps)"},
	},
	Check: func(p *analyzer.Pass) error {
		f := p.File
		if !f.BOM || f.Dialect != load.Properties {
			return nil
		}
		first := "the first key"
		pos := load.Pos{Line: 1, Col: 1}
		if len(f.Entries) > 0 {
			first = f.Entries[0].Key
			pos = f.Entries[0].KeyPos
		}
		p.Report(analyzer.Finding{Pos: pos, Key: first,
			Message: fmt.Sprintf("the file starts with a byte-order mark: the Kafka client reads the first key as \"\\uFEFF%s\" and ignores that setting", first),
			Fix:     "Save the file as UTF-8 without a byte-order mark."})
		return nil
	},
}

// UnusedSuppression is KL407. The engine reports it (analyzer.Meta).
var UnusedSuppression = &analyzer.Rule{
	ID:       "KL407",
	Name:     "unused-suppression",
	Severity: analyzer.Info,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "ignore directive that suppresses nothing",
		Why: "A `# kafkalint:ignore` that matches no finding is stale: the problem was fixed, the key moved, or the directive " +
			"names the wrong rule. Left in place it will silently hide the next real finding on that line.",
		Bad:  "bootstrap.servers=kafka-1:9092\n# kafkalint:ignore KL401 -- read by our audit interceptor\nacks=all\n",
		Good: "bootstrap.servers=kafka-1:9092\nacks=all\n",
		Fix:  "Remove the directive, or move it to the line above the key it is meant for.",
		Refs: []string{"staticcheck: lintcmd/directives.go (unmatched ignore directives)"},
	},
	Check: func(*analyzer.Pass) error { return nil }, // reported by the engine
}

// MalformedSuppression is KL408. The engine reports it (analyzer.Meta).
var MalformedSuppression = &analyzer.Rule{
	ID:       "KL408",
	Name:     "malformed-suppression",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "kafkalint directive without reason, rule, or own line",
		Why: "An ignore directive must say which rule it silences and why (`# kafkalint:ignore KL202 -- reason`), so the " +
			"next reader can judge whether it still holds. In a .properties file a `#` after a value is part of the value " +
			"(java.util.Properties has no end-of-line comments): the directive suppresses nothing and corrupts the value.",
		Bad:  "bootstrap.servers=kafka-1:9092\n# kafkalint:ignore KL401\naudit.interceptor.topic=audit\n",
		Good: "bootstrap.servers=kafka-1:9092\n# kafkalint:ignore KL401 -- read by our audit interceptor, not by the client\naudit.interceptor.topic=audit\n",
		Fix:  "Write the directive on its own line above the key as: # kafkalint:ignore KL401 -- the reason it is safe here.",
	},
	Check: func(*analyzer.Pass) error { return nil }, // reported by the engine
}

// NotKafkaConfig is KL409. The engine reports it (analyzer.Meta).
var NotKafkaConfig = &analyzer.Rule{
	ID:       "KL409",
	Name:     "not-a-kafka-config",
	Severity: analyzer.Info,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "file named on the command line holds no Kafka key",
		Why: "kafkalint recognises a Kafka client configuration by its keys. A file found while walking a directory that holds " +
			"none (log4j.properties, message bundles) is skipped without a word; a file named explicitly gets this one note " +
			"instead of a flood of unknown-key warnings.",
		Bad:  "log4j.rootLogger=INFO, stdout\n",
		Good: "bootstrap.servers=kafka-1:9092\n",
		Fix:  "Set the file's role in .kafkalint.toml if it is a Kafka client configuration, or leave it out of the paths linted.",
	},
	Check: func(*analyzer.Pass) error { return nil }, // reported by the engine
}

// UnsupportedDialect is KL410. The engine reports it (analyzer.Meta).
var UnsupportedDialect = &analyzer.Rule{
	ID:       "KL410",
	Name:     "unsupported-dialect",
	Severity: analyzer.Info,
	Scope:    analyzer.PerFile,
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "configuration in a dialect kafkalint does not lint yet",
		Why: "kafkalint lints Java client .properties files. A librdkafka configuration (kcat, confluent-kafka-go/python, " +
			"recognised by properties only librdkafka defines, such as sasl.username or enable.partition.eof), an INI file " +
			"with sections, or a YAML, JSON or TOML file gets this one note instead of a flood of unknown-key warnings: its " +
			"keys, defaults and constraints differ from the Java client's, and judging it by the Java catalog would be wrong. " +
			"The rules that hold for any client (plaintext secrets, cleartext credentials, TLS verification) still run on " +
			"librdkafka configurations.",
		Bad:  "bootstrap.servers=kafka-1:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanisms=PLAIN\nsasl.username=svc-orders\n",
		Good: "bootstrap.servers=kafka-1:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n",
		Fix:  "Lint the Java client configurations for now; to lint this file as a Java client configuration anyway, set its role in .kafkalint.toml.",
	},
	Check: func(*analyzer.Pass) error { return nil }, // reported by the engine
}
