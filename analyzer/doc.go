// Package analyzer is kafkalint's lint engine: the rule model, the pass a
// rule runs in, and the driver that loads configuration files, runs rules,
// applies suppressions and returns sorted findings.
//
// # Rules
//
// A Rule is a plain value: ID, name, default severity, scope, the client
// roles it applies to, its documentation and a Check function. The engine
// knows nothing about any particular rule; package rules declares them and
// the command-line tool passes them to Lint. Everything a driver or a
// document generator needs is a field on the value.
//
// # Passes
//
// A Check runs once per (rule, file) for PerFile rules, once per consumer
// group for PerGroup rules (all consumer files sharing a group.id and bootstrap.servers), and once per run
// for PerProject rules. It sees the file's entries with positions, its roles,
// the catalog for its client version and the settings that apply to it, and
// reports Findings through Pass.Report. Values reach a rule typed and parsed
// once (Pass.Effective); a rule never re-reads a file or parses raw strings.
// The error a Check returns is for failures of kafkalint itself, never for
// findings.
//
// # Findings
//
// A Finding is data: rule, position, message, fix and related positions. The
// engine fills in the path and severity, applies suppressions
// ("# kafkalint:ignore KL401 -- reason") and severity overrides, and sorts
// findings by (path, line, column, rule, message). Rendering belongs to
// package report.
//
// # Testing
//
// Package analyzertest runs rules over fixture directories whose files carry
// their own expectations as "# want KL101" comments.
package analyzer
