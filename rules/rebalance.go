package rules

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

var rebalanceRules = []*analyzer.Rule{
	PollIntervalVsProcessing, HeartbeatVsSession, SessionTimeoutOutsideBrokerRange, EagerAssignor,
	InconsistentGroupAssignors, StaticMembership, ClassicSettingsUnderConsumerProtocol,
}

// PollIntervalVsProcessing is KL101.
var PollIntervalVsProcessing = &analyzer.Rule{
	ID:       "KL101",
	Name:     "poll-interval-vs-processing",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "poll() batch may outlast max.poll.interval.ms",
		Why: "A consumer must call poll() again within max.poll.interval.ms, or it leaves the group (KIP-62): its partitions " +
			"go to other members, and the commit of the batch it was working on fails, so that batch is processed a " +
			"second time elsewhere. If every batch is slow, the consumer rejoins, gets the same records back and " +
			"leaves again: a rebalance storm that makes no progress. The worst case for one batch is max.poll.records " +
			"× the time one record takes, which only you know: declare it with `processing-time` (per record) or " +
			"`batch-processing-time` (per poll() batch) for a glob in .kafkalint.toml, or with a " +
			"`# kafkalint:processing-time=750ms` line in the file. When both are declared the larger worst case counts.\n\n" +
			"Severity: error when the batch reaches max.poll.interval.ms; warning when less than 20% of the interval is " +
			"left as headroom (a GC pause or a slow downstream call is enough); info when nothing is declared but " +
			"max.poll.records or max.poll.interval.ms is set to something other than its default, because those " +
			"numbers were then chosen blind.",
		Settings: "[[files]]\nglob = \"*.properties\"\nprocessing-time = \"750ms\"\n",
		Bad:      "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nmax.poll.records=500\nmax.poll.interval.ms=300000\n",
		Good:     "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nmax.poll.records=300\nmax.poll.interval.ms=300000\n",
		Fix:      "Lower max.poll.records or raise max.poll.interval.ms until one batch takes at most 80% of the interval.",
		Refs: []string{
			"KIP-62",
			"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (max.poll.records, max.poll.interval.ms)",
			"clients/src/main/java/org/apache/kafka/clients/GroupRebalanceConfig.java",
		},
	},
	Check: checkPollInterval,
}

// headroom is the share of max.poll.interval.ms KL101 wants left free.
const headroom = 0.2

func checkPollInterval(p *analyzer.Pass) error {
	f := p.File
	interval, records := p.Effective("max.poll.interval.ms"), p.Effective("max.poll.records")
	if !interval.OK() || !records.OK() || interval.Int <= 0 || records.Int <= 0 {
		return nil // unknown to this version, or invalid (KL404)
	}
	perRecord, perBatch := f.Settings.ProcessingTime, f.Settings.BatchProcessingTime
	pos := firstPos(f, interval, records)
	limit := time.Duration(interval.Int) * time.Millisecond
	if perRecord == 0 && perBatch == 0 {
		if !tuned(interval) && !tuned(records) {
			return nil // a copy of the defaults is no choice made blind
		}
		budget := time.Duration(float64(limit) * (1 - headroom) / float64(records.Int))
		if !tuned(interval) {
			pos = records.Pos() // anchor at the first value the message names
		}
		p.Report(analyzer.Finding{
			Pos: pos, Key: keyAt(f, pos), Severity: analyzer.Info,
			Message: fmt.Sprintf("%s set without a declared processing time: nobody checked that %d records fit in %s; a slower batch gets the consumer thrown out of the group and the batch processed twice",
				tunedText(interval, records), records.Int, msText(interval)),
			Fix: fmt.Sprintf("Declare the worst-case time per record (# kafkalint:processing-time=750ms, or processing-time in .kafkalint.toml); with %s and %s each record must take at most %s.",
				kv(records), kv(interval), round(budget)),
		})
		return nil
	}
	batch, how := perBatch, fmt.Sprintf("a poll() batch takes up to %s (declared batch-processing-time)", perBatch)
	if d := time.Duration(records.Int) * perRecord; d > batch {
		batch, how = d, fmt.Sprintf("a poll() batch takes up to %d records × %s = %s", records.Int, perRecord, d)
	}
	if float64(batch) <= float64(limit)*(1-headroom) {
		return nil
	}
	// Both ways out keep 20% headroom. When only a batch time is declared,
	// assume it grows linearly with the number of records.
	each := perRecord
	if batch != time.Duration(records.Int)*perRecord {
		each = batch / time.Duration(records.Int)
	}
	maxRecords := int64(math.Floor(float64(limit) * (1 - headroom) / float64(each)))
	minInterval := int64(math.Ceil(float64(batch) / (1 - headroom) / float64(time.Millisecond)))
	fix := fmt.Sprintf("Raise max.poll.interval.ms to %d or more", minInterval)
	if maxRecords >= 1 {
		fix = fmt.Sprintf("Lower max.poll.records to %d or less, or raise max.poll.interval.ms to %d or more (either keeps 20%% headroom)", maxRecords, minInterval)
	}
	if each != perRecord {
		fix += ", assuming the batch time grows with its record count"
	}
	x := analyzer.Finding{Pos: pos, Key: keyAt(f, pos), Fix: fix + "."}
	if batch >= limit {
		x.Message = fmt.Sprintf("%s, which reaches %s: the consumer is thrown out of the group in mid-batch, its partitions move and the uncommitted batch is processed twice",
			how, kvDur(interval))
	} else {
		x.Severity = analyzer.Warning
		left := 100 * float64(limit-batch) / float64(limit)
		x.Message = fmt.Sprintf("%s, leaving %.0f%% headroom under %s: one slow batch (a GC pause, a slow downstream call) gets the consumer thrown out of the group and the batch processed twice",
			how, math.Floor(left), kvDur(interval))
	}
	p.Report(x)
	return nil
}

// HeartbeatVsSession is KL102.
var HeartbeatVsSession = &analyzer.Rule{
	ID:       "KL102",
	Name:     "heartbeat-vs-session",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "heartbeat.interval.ms too close to session.timeout.ms",
		Why: "Under the classic group protocol the consumer's background thread sends a heartbeat every " +
			"heartbeat.interval.ms, and the coordinator declares the member dead when none arrives within " +
			"session.timeout.ms. A heartbeat interval at or above the session timeout is rejected when the consumer is " +
			"built (IllegalArgumentException \"Heartbeat must be set lower than the session timeout\"): error. Above one " +
			"third of it, fewer than three heartbeats fit in a session, so one lost or delayed heartbeat expires the " +
			"member and rebalances the whole group (the documented guidance is \"no higher than 1/3\"): warning. Under " +
			"group.protocol=consumer the broker sets both values and KL107 reports these keys instead.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nsession.timeout.ms=30000\nheartbeat.interval.ms=30000\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nsession.timeout.ms=30000\nheartbeat.interval.ms=10000\n",
		Fix:  "Set heartbeat.interval.ms to at most one third of session.timeout.ms.",
		Refs: []string{
			"clients/src/main/java/org/apache/kafka/clients/consumer/internals/Heartbeat.java",
			"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (heartbeat.interval.ms doc)",
		},
	},
	Check: checkHeartbeat,
}

func checkHeartbeat(p *analyzer.Pass) error {
	f := p.File
	hb, sess := p.Effective("heartbeat.interval.ms"), p.Effective("session.timeout.ms")
	if !hb.OK() || !sess.OK() || consumerProtocol(f) {
		return nil // invalid (KL404), or the broker's business under KIP-848 (KL107)
	}
	if hb.Source != analyzer.Explicit && sess.Source != analyzer.Explicit && !inGroup(f) {
		return nil
	}
	pos := firstPos(f, hb, sess)
	third := sess.Int / 3
	switch {
	case hb.Int >= sess.Int:
		p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos),
			Message: fmt.Sprintf("%s is not lower than %s: the consumer fails at start-up with IllegalArgumentException \"Heartbeat must be set lower than the session timeout\"", kv(hb), kv(sess)),
			Fix:     fmt.Sprintf("Set heartbeat.interval.ms to %d or less (one third of session.timeout.ms=%d).", third, sess.Int)})
	case hb.Int > third:
		p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos), Severity: analyzer.Warning,
			Message: fmt.Sprintf("%s is more than a third of %s: fewer than three heartbeats fit in a session, so one lost or late heartbeat gets the member declared dead and the group rebalanced", kv(hb), kv(sess)),
			Fix:     fmt.Sprintf("Lower heartbeat.interval.ms to %d or less (one third of session.timeout.ms=%d).", third, sess.Int)})
	}
	return nil
}

// SessionTimeoutOutsideBrokerRange is KL103.
var SessionTimeoutOutsideBrokerRange = &analyzer.Rule{
	ID:       "KL103",
	Name:     "session-timeout-outside-broker-range",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "session.timeout.ms outside the broker's allowed range",
		Why: "The group coordinator accepts a classic JoinGroup only when its session timeout lies within the broker's " +
			"group.min.session.timeout.ms and group.max.session.timeout.ms (6 s and 30 min by default); otherwise it " +
			"answers INVALID_SESSION_TIMEOUT, the consumer's poll() throws, and the member never gets a partition. The " +
			"client cannot check this itself. kafkalint assumes the broker defaults; declare your cluster's limits in " +
			"the [broker] section of .kafkalint.toml (group-min-session-timeout-ms, group-max-session-timeout-ms). " +
			"Under group.protocol=consumer the broker sets the session timeout and KL107 reports the key instead.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nsession.timeout.ms=3000\nheartbeat.interval.ms=1000\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\nsession.timeout.ms=45000\nheartbeat.interval.ms=3000\n",
		Fix:  "Set session.timeout.ms within the broker's group.min.session.timeout.ms and group.max.session.timeout.ms.",
		Refs: []string{
			"group-coordinator/src/main/java/org/apache/kafka/coordinator/group/GroupCoordinatorService.java (joinGroup: INVALID_SESSION_TIMEOUT)",
			"core/src/main/scala/kafka/coordinator/group/GroupCoordinator.scala (handleJoinGroup, Kafka ≤ 3.x)",
		},
	},
	Check: checkSessionRange,
}

func checkSessionRange(p *analyzer.Pass) error {
	f := p.File
	sess := p.Effective("session.timeout.ms")
	if !sess.OK() || consumerProtocol(f) || sess.Source != analyzer.Explicit && !inGroup(f) {
		return nil
	}
	b := f.Settings.Broker.WithDefaults()
	lo, hi := b.GroupMinSessionTimeout.Milliseconds(), b.GroupMaxSessionTimeout.Milliseconds()
	var bound string
	switch {
	case sess.Int < lo:
		bound = fmt.Sprintf("below the broker's group.min.session.timeout.ms=%d", lo)
	case sess.Int > hi:
		bound = fmt.Sprintf("above the broker's group.max.session.timeout.ms=%d", hi)
	default:
		return nil
	}
	pos := firstPos(f, sess)
	p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos),
		Message: fmt.Sprintf("%s%s is %s: the coordinator rejects every JoinGroup with INVALID_SESSION_TIMEOUT and the consumer never gets a partition", kv(sess), defaultNote(sess), bound),
		Fix:     fmt.Sprintf("Set session.timeout.ms between %d and %d, or declare the broker's real limits under [broker] in .kafkalint.toml.", lo, hi)})
	return nil
}

// EagerAssignor is KL104.
var EagerAssignor = &analyzer.Rule{
	ID:       "KL104",
	Name:     "eager-assignor",
	Severity: analyzer.Warning,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "eager-only assignors: each rebalance stops the group",
		Why: "A consumer runs the rebalance protocol that every assignor in its partition.assignment.strategy supports. " +
			"RangeAssignor, RoundRobinAssignor and StickyAssignor support only EAGER: on every rebalance (a deploy, a " +
			"scale-out, one slow poll) every member revokes all of its partitions and the whole group stops consuming " +
			"until the new assignment arrives. CooperativeStickyAssignor (KIP-429) supports COOPERATIVE: only the " +
			"partitions that move are revoked and the others keep flowing.\n\n" +
			"The Java default since Kafka 3.0 is [RangeAssignor, CooperativeStickyAssignor]: it still rebalances eagerly " +
			"with Range, but is the first step of the upgrade, so kafkalint does not report it (Kafka 2.8's default " +
			"[RangeAssignor] is reported). Upgrading a running group takes two rolling bounces, because a member with " +
			"only CooperativeStickyAssignor shares no assignor with a member that has only an eager one and could not " +
			"join (KL105): first deploy every member with both assignors listed, cooperative first " +
			"(CooperativeStickyAssignor,RangeAssignor); once all run that, deploy every member again with the eager " +
			"assignor removed.\n\n" +
			"Names that are not fully qualified class names (`range`, librdkafka spellings) are KL404's finding, and " +
			"under group.protocol=consumer assignment happens on the broker (KL107).",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\npartition.assignment.strategy=org.apache.kafka.clients.consumer.RoundRobinAssignor\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\npartition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor\n",
		Fix:  "Switch to org.apache.kafka.clients.consumer.CooperativeStickyAssignor in two rolling bounces: first list it before the eager assignor on every member, then remove the eager one.",
		Refs: []string{
			"KIP-429",
			"clients/src/main/java/org/apache/kafka/clients/consumer/internals/ConsumerCoordinator.java (rebalance protocol: the highest one all assignors support)",
			"clients/src/main/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignor.java",
		},
	},
	Check: checkEagerAssignor,
}

// The built-in assignors (clients/src/main/java/org/apache/kafka/clients/
// consumer/). ConsumerPartitionAssignor.supportedProtocols defaults to
// [EAGER]; only CooperativeStickyAssignor overrides it with [COOPERATIVE,
// EAGER]. name() is what a member sends in JoinGroup, and the coordinator
// picks a protocol name every member lists.
var builtinAssignors = map[string]struct {
	name        string
	cooperative bool
}{
	"org.apache.kafka.clients.consumer.RangeAssignor":             {"range", false},
	"org.apache.kafka.clients.consumer.RoundRobinAssignor":        {"roundrobin", false},
	"org.apache.kafka.clients.consumer.StickyAssignor":            {"sticky", false},
	"org.apache.kafka.clients.consumer.CooperativeStickyAssignor": {"cooperative-sticky", true},
}

// assignors is a member's partition.assignment.strategy.
type assignors struct {
	v       analyzer.Value
	classes []string
	// ok is false when an entry is not a fully qualified class name
	// (KL404's finding) or the list is empty or unset.
	ok bool
	// known is true when every entry is a built-in assignor.
	known bool
}

func assignorsOf(f *analyzer.File) assignors {
	v := f.Effective("partition.assignment.strategy")
	a := assignors{v: v, ok: v.OK() && len(v.List) > 0, known: true}
	for _, c := range v.List {
		c = strings.TrimPrefix(c, "class ")
		if !strings.Contains(c, ".") || strings.Contains(c, "${") {
			a.ok = false
		}
		if _, ok := builtinAssignors[c]; !ok {
			a.known = false
		}
		a.classes = append(a.classes, c)
	}
	return a
}

// cooperative reports whether the member runs the COOPERATIVE protocol:
// ConsumerCoordinator picks the highest protocol all its assignors support.
func (a assignors) cooperative() bool {
	for _, c := range a.classes {
		if !builtinAssignors[c].cooperative {
			return false
		}
	}
	return a.known
}

// names returns the protocol names the member sends in JoinGroup.
func (a assignors) names() []string {
	var out []string
	for _, c := range a.classes {
		if b, ok := builtinAssignors[c]; ok {
			out = append(out, b.name)
		} else {
			out = append(out, c)
		}
	}
	return out
}

func shortClass(c string) string { return c[strings.LastIndex(c, ".")+1:] }

func shortClasses(cs []string) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = shortClass(c)
	}
	return strings.Join(s, ",")
}

func checkEagerAssignor(p *analyzer.Pass) error {
	f := p.File
	a := assignorsOf(f)
	if !a.ok || !a.known || a.cooperative() || consumerProtocol(f) {
		return nil
	}
	for _, c := range a.classes {
		if builtinAssignors[c].cooperative {
			return nil // an upgrade step: [Range, CooperativeSticky] is the 3.0+ default
		}
	}
	if a.v.Source != analyzer.Explicit && !inGroup(f) {
		return nil
	}
	pos := firstPos(f, a.v)
	if a.v.Source == analyzer.Explicit {
		pos = a.v.ValuePos()
	}
	p.Report(analyzer.Finding{Pos: pos, Key: "partition.assignment.strategy",
		Message: fmt.Sprintf("partition.assignment.strategy=%s%s has only eager assignors: on every rebalance each member revokes all its partitions and the whole group stops consuming until the new assignment arrives",
			shortClasses(a.classes), defaultNote(a.v)),
		Fix: "Move to cooperative rebalancing in two rolling bounces: first set partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor," +
			strings.Join(a.classes, ",") + " on every member, then remove " + shortClasses(a.classes) + "."})
	return nil
}

// InconsistentGroupAssignors is KL105.
var InconsistentGroupAssignors = &analyzer.Rule{
	ID:       "KL105",
	Name:     "inconsistent-group-assignors",
	Severity: analyzer.Error,
	Scope:    analyzer.PerGroup,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "members of one group.id disagree on partition assignors",
		Why: "kafkalint gathers every consumer file with the same group.id. Under the classic protocol the coordinator " +
			"picks one assignor that every member lists; a member that shares none with the group is rejected with " +
			"INCONSISTENT_GROUP_PROTOCOL and consumes nothing, or, if it joined first, locks out the others: error. " +
			"Members that share an assignor but run different rebalance protocols (one lists only " +
			"CooperativeStickyAssignor, another still lists an eager assignor) work, but the eager member revokes all " +
			"of its partitions on every rebalance: that is the middle of the two-step upgrade (KL104) left " +
			"unfinished: warning, reported on the eager member. Members using group.protocol=consumer, and lists " +
			"KL404 rejects, are left out.",
		Bad: "# file: orders-api.properties\nbootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n" +
			"partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor\n" +
			"# file: orders-worker.properties\nbootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n" +
			"partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor\n",
		Good: "# file: orders-api.properties\nbootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n" +
			"partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor\n" +
			"# file: orders-worker.properties\nbootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n" +
			"partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor\n",
		Fix: "Give every member of the group the same partition.assignment.strategy, migrating through a list that holds both the old and the new assignor.",
		Refs: []string{
			"KIP-429",
			"group-coordinator/src/main/java/org/apache/kafka/coordinator/group/GroupMetadataManager.java (INCONSISTENT_GROUP_PROTOCOL)",
			"clients/src/main/java/org/apache/kafka/clients/consumer/internals/ConsumerCoordinator.java",
		},
	},
	Check: checkGroupAssignors,
}

func checkGroupAssignors(p *analyzer.Pass) error {
	f := p.File
	mine := assignorsOf(f)
	if !mine.ok || consumerProtocol(f) {
		return nil
	}
	type member struct {
		f *analyzer.File
		a assignors
	}
	others := make([]member, 0, len(p.Group))
	common := mine.names()
	for _, g := range p.Group {
		if g == f || consumerProtocol(g) {
			continue
		}
		a := assignorsOf(g)
		if !a.ok {
			return nil // KL404 first: the group's lists are not all readable
		}
		others = append(others, member{g, a})
		common = slices.DeleteFunc(common, func(n string) bool { return !slices.Contains(a.names(), n) })
	}
	if len(others) == 0 {
		return nil
	}
	pos := firstPos(f, mine.v)
	related := func(keep func(member) bool, why func(member) string) []analyzer.Related {
		var rel []analyzer.Related
		for _, m := range others {
			if keep(m) {
				rel = append(rel, analyzer.Related{Path: m.f.Path, Pos: firstPos(m.f, m.a.v), Message: why(m)})
			}
		}
		return rel
	}
	listed := func(m member) string {
		return fmt.Sprintf("member lists %s%s", shortClasses(m.a.classes), defaultNote(m.a.v))
	}
	if len(common) == 0 {
		disjoint := func(m member) bool {
			return !slices.ContainsFunc(m.a.names(), func(n string) bool { return slices.Contains(mine.names(), n) })
		}
		rel := related(disjoint, listed)
		what := fmt.Sprintf("shares no assignor with %d other member(s) of group %q", len(rel), f.GroupID())
		if len(rel) == 0 {
			rel = related(func(member) bool { return true }, listed)
			what = fmt.Sprintf("has no assignor in common with all %d other members of group %q", len(rel), f.GroupID())
		}
		p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos), Related: rel,
			Message: fmt.Sprintf("partition.assignment.strategy=%s%s %s: the coordinator rejects the member that joins with no common assignor (INCONSISTENT_GROUP_PROTOCOL) and it consumes nothing",
				shortClasses(mine.classes), defaultNote(mine.v), what),
			Fix: "Give every member of the group an assignor in common: while migrating, list both the old and the new assignor on every member."})
		return nil
	}
	if !mine.known || mine.cooperative() {
		return nil
	}
	coop := func(m member) bool { return m.a.known && m.a.cooperative() }
	rel := related(coop, func(m member) string {
		return fmt.Sprintf("this member already rebalances cooperatively with %s", shortClasses(m.a.classes))
	})
	if len(rel) == 0 {
		return nil
	}
	var eager []string
	for _, c := range mine.classes {
		if !builtinAssignors[c].cooperative {
			eager = append(eager, c)
		}
	}
	p.Report(analyzer.Finding{Pos: pos, Key: keyAt(f, pos), Related: rel, Severity: analyzer.Warning,
		Message: fmt.Sprintf("partition.assignment.strategy=%s%s still lists eager %s while %d other member(s) of group %q use only CooperativeStickyAssignor: this member revokes all its partitions on every rebalance, the upgrade is half done",
			shortClasses(mine.classes), defaultNote(mine.v), shortClasses(eager), len(rel), f.GroupID()),
		Fix: "Finish the upgrade: set partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor on this member too."})
	return nil
}

// StaticMembership is KL106.
var StaticMembership = &analyzer.Rule{
	ID:       "KL106",
	Name:     "static-membership",
	Severity: analyzer.Error,
	Scope:    analyzer.PerGroup,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "duplicate or missing group.instance.id",
		Why: "group.instance.id makes a consumer a static member (KIP-345): when it restarts within session.timeout.ms " +
			"it gets its partitions back without a rebalance. The id must be unique in the group: when a second member " +
			"joins with the same id, the coordinator fences the first one (FENCED_INSTANCE_ID, a fatal error for that " +
			"consumer), so the two knock each other out: error, reported on each file with the others as related. A " +
			"file deployed as several replicas needs a per-replica id (a pod name through a config provider), which " +
			"kafkalint cannot see.\n\n" +
			"A consumer in a group without group.instance.id is a dynamic member: every restart or rolling deploy " +
			"makes it leave and rejoin, rebalancing the group twice: info, once per file at its group.id. With static " +
			"membership, raise session.timeout.ms above the time a restart takes. Consumers with group.protocol=consumer " +
			"get no info: under KIP-848 a member that leaves only loses its own partitions and the others keep consuming.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\ngroup.instance.id=${env:HOSTNAME}\nsession.timeout.ms=120000\n",
		Fix:  "Give each member a unique, stable group.instance.id, such as its pod or host name.",
		Refs: []string{
			"KIP-345",
			"clients/src/main/java/org/apache/kafka/clients/GroupRebalanceConfig.java",
			"clients/src/main/java/org/apache/kafka/common/errors/FencedInstanceIdException.java",
		},
	},
	Check: checkStaticMembership,
}

func checkStaticMembership(p *analyzer.Pass) error {
	f := p.File
	gid, _ := f.Explicit("group.id")
	id, ok := f.Explicit("group.instance.id")
	if !ok || id.Raw == "" {
		if _, known := f.Catalog.Lookup("group.instance.id"); !known || consumerProtocol(f) {
			return nil // under KIP-848 a restart moves only that member's partitions
		}
		fix := "Set group.instance.id to a stable per-instance name (its pod or host name)"
		if sess := p.Effective("session.timeout.ms"); sess.OK() && !consumerProtocol(f) {
			fix += fmt.Sprintf(" and raise session.timeout.ms (now %d) above the time a restart takes", sess.Int)
		}
		p.Report(analyzer.Finding{Pos: gid.Pos(), Key: "group.id", Severity: analyzer.Info,
			Message: fmt.Sprintf("consumer of group %q has no group.instance.id: every restart or rolling deploy makes it leave and rejoin, rebalancing the whole group", gid.Raw),
			Fix:     fix + "."})
		return nil
	}
	if strings.Contains(id.Raw, "${") {
		return nil // a config-provider reference resolves per instance
	}
	var rel []analyzer.Related
	for _, g := range p.Group {
		if other, ok := g.Explicit("group.instance.id"); ok && g != f && other.Raw == id.Raw {
			rel = append(rel, analyzer.Related{Path: g.Path, Pos: other.Pos(), Message: "the same group.instance.id"})
		}
	}
	if len(rel) == 0 {
		return nil
	}
	p.Report(analyzer.Finding{Pos: id.ValuePos(), Key: "group.instance.id", Related: rel,
		Message: fmt.Sprintf("group.instance.id=%s is also used by %d other member(s) of group %q: each one that joins fences the other (FENCED_INSTANCE_ID), so the members keep failing and the group keeps rebalancing", id.Raw, len(rel), gid.Raw),
		Fix:     "Give each member its own group.instance.id, such as its pod or host name."})
	return nil
}

// ClassicSettingsUnderConsumerProtocol is KL107.
var ClassicSettingsUnderConsumerProtocol = &analyzer.Rule{
	ID:       "KL107",
	Name:     "classic-settings-under-consumer-protocol",
	Severity: analyzer.Error,
	Scope:    analyzer.PerFile,
	Roles:    []analyzer.Role{analyzer.Consumer},
	Since:    "unreleased",
	Doc: analyzer.Doc{
		Title: "classic group settings under group.protocol=consumer",
		Why: "With group.protocol=consumer (KIP-848, early access in Kafka 3.7, production-ready in 4.0) the broker runs " +
			"the group: it assigns partitions (group.remote.assignor picks one of the broker's group.consumer.assignors) " +
			"and sets heartbeat interval and session timeout (group.consumer.heartbeat.interval.ms, " +
			"group.consumer.session.timeout.ms). From Kafka 4.0 the client rejects partition.assignment.strategy, " +
			"session.timeout.ms and heartbeat.interval.ms when they are set to any non-blank value, even their default: the consumer " +
			"fails at start-up with ConfigException: error. Kafka 3.7 to 3.9 silently ignore them: warning, because " +
			"the setting looks in force but is not, and the upgrade to 4.0 breaks. The checks of KL102, KL103 and " +
			"KL104 do not apply to these keys under this protocol and are not reported.\n\n" +
			"The reverse holds too: group.remote.assignor belongs to the consumer protocol, and from Kafka 3.9 " +
			"(checkGroupRemoteAssignor; CLASSIC_PROTOCOL_UNSUPPORTED_CONFIGS in 4.x) a consumer on the classic protocol, " +
			"the default, refuses to start with it; 3.7 and 3.8 ignore it.",
		Bad:  "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\ngroup.protocol=consumer\nsession.timeout.ms=45000\n",
		Good: "bootstrap.servers=kafka-1:9092\ngroup.id=orders\nkey.deserializer=org.apache.kafka.common.serialization.StringDeserializer\ngroup.protocol=consumer\ngroup.remote.assignor=uniform\n",
		Fix:  "Remove the classic-protocol keys, and tune the group on the broker (group.consumer.session.timeout.ms, group.consumer.heartbeat.interval.ms) or with group.remote.assignor.",
		Refs: []string{
			"KIP-848",
			"clients/src/main/java/org/apache/kafka/clients/consumer/ConsumerConfig.java (CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS, checkUnsupportedConfigs, Kafka 4.0+)",
			"docs/ops.html (Consumer Rebalance Protocol)",
		},
	},
	Check: checkClassicUnderConsumer,
}

// classicOnly are the keys ConsumerConfig.CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS
// lists (Kafka 4.0), with the broker setting that replaces each.
var classicOnly = []struct{ key, instead string }{
	{"partition.assignment.strategy", "the broker assigns partitions; choose its assignor with group.remote.assignor"},
	{"session.timeout.ms", "the broker's group.consumer.session.timeout.ms applies"},
	{"heartbeat.interval.ms", "the broker's group.consumer.heartbeat.interval.ms applies"},
}

// consumerProtocolRejects is the first version whose ConsumerConfig throws
// for classicOnly keys under group.protocol=consumer (checkUnsupportedConfigs,
// added in 4.0; 3.7 to 3.9 ignore the keys).
var consumerProtocolRejects = catalog.Version{Major: 4, Minor: 0}

func checkClassicUnderConsumer(p *analyzer.Pass) error {
	f := p.File
	if !consumerProtocol(f) {
		checkRemoteAssignorUnderClassic(p)
		return nil
	}
	ver := f.Catalog.Version
	for _, c := range classicOnly {
		v, ok := f.Explicit(c.key)
		if !ok || v.Raw == "" {
			continue // ConsumerConfig counts a key as set only with a non-blank value
		}
		x := analyzer.Finding{Pos: v.Pos(), End: v.Entry.KeyEnd, Key: c.key,
			Fix: fmt.Sprintf("Remove %s: %s.", c.key, c.instead)}
		if ver.Less(consumerProtocolRejects) {
			x.Severity = analyzer.Warning
			x.Message = fmt.Sprintf("%s is ignored under group.protocol=consumer in Kafka %s (%s), and from Kafka %s the consumer refuses to start with it",
				c.key, ver, c.instead, consumerProtocolRejects)
		} else {
			x.Message = fmt.Sprintf("%s cannot be set when group.protocol=consumer: the Kafka %s consumer fails at start-up with ConfigException (%s)",
				c.key, ver, c.instead)
		}
		p.Report(x)
	}
	return nil
}

// remoteAssignorRejected is the first version whose ConsumerConfig throws
// for group.remote.assignor under the classic protocol (checkGroupRemoteAssignor
// in 3.9; CLASSIC_PROTOCOL_UNSUPPORTED_CONFIGS from 4.0).
var remoteAssignorRejected = catalog.Version{Major: 3, Minor: 9}

// checkRemoteAssignorUnderClassic reports group.remote.assignor on a
// consumer that uses the classic protocol, explicitly or by default.
func checkRemoteAssignorUnderClassic(p *analyzer.Pass) {
	f := p.File
	v, ok := f.Explicit("group.remote.assignor")
	if !ok || v.Raw == "" || v.Spec == nil {
		return // unset, blank (ConsumerConfig ignores blank values) or unknown to this version (KL401)
	}
	proto := f.Effective("group.protocol")
	how := "group.protocol=" + proto.Raw
	if proto.Source == analyzer.Default {
		how = "the default group.protocol=" + proto.Raw
	}
	x := analyzer.Finding{Pos: v.Pos(), End: v.Entry.KeyEnd, Key: v.Key,
		Fix: "Remove group.remote.assignor, or set group.protocol=consumer if the brokers run the consumer protocol (Kafka 4.0+)."}
	ver := f.Catalog.Version
	if ver.Less(remoteAssignorRejected) {
		x.Severity = analyzer.Warning
		x.Message = fmt.Sprintf("group.remote.assignor is ignored under %s in Kafka %s, and from Kafka %s the consumer refuses to start with it", how, ver, remoteAssignorRejected)
	} else {
		x.Message = fmt.Sprintf("group.remote.assignor cannot be set under %s: the Kafka %s consumer fails at start-up with ConfigException", how, ver)
	}
	p.Report(x)
}

// inGroup reports whether f sets a non-empty group.id.
func inGroup(f *analyzer.File) bool { return f.GroupID() != "" }

// consumerProtocol reports whether f's consumer uses the KIP-848 protocol:
// group.protocol is a key of f's Kafka version (3.7+) and its value is
// consumer (CaseInsensitiveValidString).
func consumerProtocol(f *analyzer.File) bool {
	v := f.Effective("group.protocol")
	return v.Spec != nil && strings.EqualFold(v.Raw, "consumer")
}

// firstPos returns where a finding about vals anchors: the first explicit
// one's key, else group.id, else the start of the file.
func firstPos(f *analyzer.File, vals ...analyzer.Value) load.Pos {
	for _, v := range vals {
		if v.Source == analyzer.Explicit {
			return v.Pos()
		}
	}
	if g, ok := f.Explicit("group.id"); ok {
		return g.Pos()
	}
	return load.Pos{Line: 1, Col: 1}
}

// keyAt returns the key of f's entry at pos, or "".
func keyAt(f *analyzer.File, pos load.Pos) string {
	for _, e := range f.Entries {
		if e.KeyPos == pos {
			return e.Key
		}
	}
	return ""
}

// kv renders "key=value".
func kv(v analyzer.Value) string { return v.Key + "=" + v.Raw }

// kvDur renders a millisecond value with its duration: "key=300000 (5m0s)".
func kvDur(v analyzer.Value) string { return fmt.Sprintf("%s (%s)", kv(v), msText(v)) }

func msText(v analyzer.Value) string { return (time.Duration(v.Int) * time.Millisecond).String() }

// tuned reports whether the file sets v to something other than the
// catalog default of its version.
func tuned(v analyzer.Value) bool {
	return v.Source == analyzer.Explicit && (v.Spec == nil || !v.Spec.HasDefault || v.Raw != v.Spec.Default)
}

// tunedText names the tuned ones of vals: "max.poll.records=2000 and ...".
func tunedText(vals ...analyzer.Value) string {
	var s []string
	for _, v := range vals {
		if tuned(v) {
			s = append(s, kv(v))
		}
	}
	return strings.Join(s, " and ")
}

// defaultNote marks a defaulted value in a message.
func defaultNote(v analyzer.Value) string {
	if v.Source == analyzer.Default {
		return " (the default)"
	}
	return ""
}

// round rounds a duration for display.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
