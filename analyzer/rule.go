package analyzer

// Scope says what one run of a rule's Check sees.
type Scope uint8

// The scopes.
const (
	// PerFile rules run once per configuration file.
	PerFile Scope = iota + 1
	// PerGroup rules run once per consumer group: every consumer file that
	// shares a group.id on the same bootstrap.servers. They report on the file being judged and point at
	// the other members through Finding.Related.
	PerGroup
	// PerProject rules run once over every file of the run (a transactional
	// producer and its consumers, mixed partitioners).
	PerProject
)

// Rule is one lint rule. Rules are values: declared once in package rules,
// never mutated after init, and safe to run concurrently on different files.
type Rule struct {
	// ID is stable and public, of the form KL + family digit + two digits.
	// It is never reused; a retired ID stays reserved.
	ID string
	// Name is a kebab-case alias accepted wherever the ID is.
	Name string
	// Severity is the default severity; settings may override it per run.
	Severity Severity
	// Scope says whether Check runs per file, per group or per project.
	Scope Scope
	// Roles lists the client roles the rule applies to; a PerFile rule runs
	// only on files with one of them. Empty means every file.
	Roles []Role
	// Since is the kafkalint version that added the rule, or "unreleased".
	Since string
	// Doc is the rule's documentation, rendered by report.RuleDocs.
	Doc Doc
	// Params lists the settings that tune the rule.
	Params []Param
	// AnyDialect is true when the rule's check holds for any Kafka
	// configuration whatever its client library or framework, because it
	// depends on key names only (plaintext secrets, TLS checks): it also
	// runs on the librdkafka and Spring Boot configurations kafkalint
	// otherwise does not lint yet.
	AnyDialect bool
	// Check inspects a pass and reports findings. Its error is for failures
	// of kafkalint itself, never for findings.
	Check func(*Pass) error
}

// Doc is a rule's documentation. Every document a user reads about a rule
// (kafkalint rules, kafkalint explain, SARIF help, docs/rules.md) is
// rendered from it.
type Doc struct {
	// Title is one line of at most 60 characters with no final period.
	Title string
	// Why explains the Kafka mechanism and its production impact.
	Why string
	// Bad and Good are real configuration snippets (.properties unless the
	// rule is dialect-specific); tests lint both.
	Bad, Good string
	// Settings is a .kafkalint.toml snippet applied when Bad and Good are
	// linted, for rules that need declared facts.
	Settings string
	// Fix is an imperative sentence ending with a period.
	Fix string
	// Refs cites KIPs and source files (apache/kafka or librdkafka paths).
	Refs []string
}

// Param is a setting that tunes a rule, documented with the rule.
type Param struct {
	Name, Type, Default, Doc string
}

// AppliesTo reports whether the rule runs on a file with role r.
func (rule *Rule) AppliesTo(r Role) bool {
	if len(rule.Roles) == 0 {
		return true
	}
	for _, want := range rule.Roles {
		if r.Has(want) {
			return true
		}
	}
	return false
}
