package analyzer

import (
	"fmt"

	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Pass is one run of one rule's Check. A Check must not keep its Pass
// after returning: the engine reuses it for the next rule.
type Pass struct {
	// Rule is the rule being run.
	Rule *Rule
	// File is the file being judged; nil for PerProject rules.
	File *File
	// Group holds every member file of File's consumer group, File
	// included, for PerGroup rules; nil otherwise.
	Group []*File
	// Files holds every file of the run, for PerProject rules.
	Files []*File

	report func(Finding)
}

// Effective is shorthand for p.File.Effective(key).
func (p *Pass) Effective(key string) Value { return p.File.Effective(key) }

// Report records a finding. For PerFile and PerGroup rules an empty Path
// means p.File.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule
	if f.Path == "" && p.File != nil {
		f.Path = p.File.Path
	}
	p.report(f)
}

// Reportf reports a finding about key at pos with a formatted message.
func (p *Pass) Reportf(pos load.Pos, key, fix, format string, args ...any) {
	p.Report(Finding{Pos: pos, Key: key, Fix: fix, Message: fmt.Sprintf(format, args...)})
}
