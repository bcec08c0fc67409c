package analyzer

import (
	"time"

	"github.com/kafkalint/kafkalint/analyzer/catalog"
)

// FileSettings are kafkalint's settings for one configuration file, as
// resolved from .kafkalint.toml (package settings) and inline directives.
type FileSettings struct {
	// Source is the settings file they came from, or "" for the defaults.
	Source string
	// Version is the Kafka client version rules judge against; the zero
	// value means catalog.Newest().
	Version catalog.Version
	// Role, when non-zero, overrides role detection.
	Role Role
	// ProcessingTime is the declared worst-case time to process one record,
	// and BatchProcessingTime the time for one poll() batch; zero when not
	// declared. KL101 compares them with max.poll.interval.ms.
	ProcessingTime, BatchProcessingTime time.Duration
	// Broker holds the broker-side limits the rules assume.
	Broker Broker
	// Disabled and Enabled switch rules (by ID or name) off and on;
	// Enabled wins.
	Disabled, Enabled []string
	// Severity overrides rules' default severities, by ID or name.
	Severity map[string]Severity
}

// Broker holds broker configuration that client-side rules depend on. The
// zero value of a field means the broker default (DefaultBroker).
type Broker struct {
	GroupMinSessionTimeout time.Duration // group.min.session.timeout.ms
	GroupMaxSessionTimeout time.Duration // group.max.session.timeout.ms
	TransactionMaxTimeout  time.Duration // transaction.max.timeout.ms
}

// DefaultBroker returns the broker defaults of Apache Kafka 3.x and 4.x:
// group.min.session.timeout.ms 6000 and group.max.session.timeout.ms 1800000
// (group-coordinator/src/main/java/org/apache/kafka/coordinator/group/
// GroupCoordinatorConfig.java), transaction.max.timeout.ms 900000
// (transaction-coordinator/src/main/java/org/apache/kafka/coordinator/
// transaction/TransactionStateManagerConfig.java).
func DefaultBroker() Broker {
	return Broker{
		GroupMinSessionTimeout: 6 * time.Second,
		GroupMaxSessionTimeout: 30 * time.Minute,
		TransactionMaxTimeout:  15 * time.Minute,
	}
}

// WithDefaults returns b with zero fields replaced by DefaultBroker's.
func (b Broker) WithDefaults() Broker {
	d := DefaultBroker()
	if b.GroupMinSessionTimeout == 0 {
		b.GroupMinSessionTimeout = d.GroupMinSessionTimeout
	}
	if b.GroupMaxSessionTimeout == 0 {
		b.GroupMaxSessionTimeout = d.GroupMaxSessionTimeout
	}
	if b.TransactionMaxTimeout == 0 {
		b.TransactionMaxTimeout = d.TransactionMaxTimeout
	}
	return b
}
