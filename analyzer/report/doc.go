// Package report renders lint results and rule documentation: one file per
// output format, each a pure function of its input writing to an
// io.Writer. Reporters read no environment and check no terminal; the
// command decides colour and passes it in Options.
package report

import (
	"errors"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Options are what every reporter may use besides the result.
type Options struct {
	// ToolVersion is kafkalint's version ("test" in golden tests).
	ToolVersion string
	// Color turns on ANSI colour in the text format.
	Color bool
	// Rules are all rules, for formats that describe them (SARIF).
	Rules []*analyzer.Rule
	// DocsURL is the base URL of docs/rules.md, for help links.
	DocsURL string
	// SourceRoot is the absolute directory that SARIF's %SRCROOT% stands
	// for, normally the current directory (the repository root in CI and
	// pre-commit). Relative finding paths are taken as relative to it;
	// absolute ones are made relative to it where they lie under it. Empty
	// leaves %SRCROOT% unrecorded and relative paths as they are.
	SourceRoot string
}

// Input is what a reporter renders.
type Input struct {
	Findings []analyzer.Finding
	Errors   []error
	Files    int // files linted
	Skipped  int // files skipped as not Kafka configs
	// Suppressed counts findings silenced by ignore directives.
	Suppressed int
	// SuppressedFindings are those findings, sorted, for the formats that
	// record suppressions instead of dropping them (SARIF). Callers that
	// leave it nil still get the count above in every format.
	SuppressedFindings []analyzer.Finding
	// Baselined counts findings left out because the --baseline file
	// records them.
	Baselined int
	// StaleBaseline counts baseline entries no current finding matched:
	// fixed since the baseline was written, so it can be pruned.
	StaleBaseline int
}

// errorPos returns the file and position of an input error.
func errorPos(err error) (path string, pos load.Pos, msg string) {
	var pe *load.PosError
	if errors.As(err, &pe) {
		return pe.Path, pe.Pos, pe.Err.Error()
	}
	return "", load.Pos{}, err.Error()
}
