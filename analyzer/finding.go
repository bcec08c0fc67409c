package analyzer

import (
	"cmp"
	"slices"

	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Finding is one problem a rule found.
type Finding struct {
	Rule *Rule
	// Path is the file the finding is in; the engine fills it in for
	// PerFile and PerGroup rules.
	Path string
	// Pos is where the finding starts: the key, or the value when the value
	// is at fault; line 1, column 1 for a finding about the whole file.
	// End, when valid, is just past its last character.
	Pos, End load.Pos
	// Key is the configuration key the finding is about, if any. Baselines
	// and SARIF fingerprints use it instead of the line.
	Key string
	// Message starts in lower case, has no final period and never holds a
	// secret (values pass through catalog.Redact).
	Message string
	// Fix is the concrete remedy: an imperative sentence.
	Fix string
	// Related points at other places that explain the finding.
	Related []Related
	// Severity is zero for the rule's default; the engine resolves it.
	Severity Severity
}

// Related is a secondary position of a finding.
type Related struct {
	Path    string
	Pos     load.Pos
	Message string
}

// Compare orders findings by path, line, column, rule ID and message, then
// by fix, so that the order is total for findings that differ at all.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Rule.ID, b.Rule.ID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Fix, b.Fix),
	)
}

// Sort sorts findings with Compare. The order is total, so an unstable
// sort is deterministic.
func Sort(fs []Finding) { slices.SortFunc(fs, Compare) }
