// Package rules declares kafkalint's lint rules, one family per file, and
// the registry that joins them.
//
// Families: KL1xx rebalance.go (poll loop and rebalancing), KL2xx
// delivery.go (delivery guarantees), KL3xx vanished.go (where messages go),
// KL4xx hygiene.go (keys and values), KL5xx secrets.go (secrets and
// transport), KL6xx partitioning.go (partitioners). To find a rule from its
// ID: grep -rn '"KL101"' rules/.
package rules

import (
	"github.com/kafkalint/kafkalint/analyzer"
)

// Family is a group of rules sharing an ID's first digit.
type Family struct {
	Digit byte // '1' … '6'
	Title string
	Rules []*analyzer.Rule
}

// Families returns the rule families in ID order.
func Families() []Family {
	return []Family{
		{'1', "Poll loop and rebalancing", rebalanceRules},
		{'2', "Delivery guarantees", deliveryRules},
		{'3', "Where did my messages go", vanishedRules},
		{'4', "Keys, values and files", hygieneRules},
		{'5', "Secrets and transport", secretRules},
		{'6', "Partitioning", partitioningRules},
	}
}

// All returns every rule, in ID order. It is the only registry.
func All() []*analyzer.Rule {
	var all []*analyzer.Rule
	for _, f := range Families() {
		all = append(all, f.Rules...)
	}
	return all
}

// Meta returns the rules the engine reports under for suppressions and
// unrecognised files.
func Meta() analyzer.Meta {
	return analyzer.Meta{
		UnusedSuppression: UnusedSuppression,
		BadSuppression:    MalformedSuppression,
		NotKafka:          NotKafkaConfig,
		Unsupported:       UnsupportedDialect,
	}
}

// Lookup returns the rule with the given ID or name.
func Lookup(idOrName string) (*analyzer.Rule, bool) {
	for _, r := range All() {
		if r.ID == idOrName || r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

// Known reports whether idOrName names a rule.
func Known(idOrName string) bool {
	_, ok := Lookup(idOrName)
	return ok
}
