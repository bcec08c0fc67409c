package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/report"
	"github.com/kafkalint/kafkalint/rules"
)

func ruleGroups() []report.RuleGroup {
	var gs []report.RuleGroup
	for _, f := range rules.Families() {
		gs = append(gs, report.RuleGroup{Prefix: "KL" + string(f.Digit), Title: f.Title, Rules: f.Rules})
	}
	return gs
}

func runRules(args []string, stdout, stderr io.Writer) int {
	format := report.DocList
	switch {
	case len(args) == 0:
	case len(args) == 1 && args[0] == "--markdown":
		format = report.DocMarkdown
	default:
		fmt.Fprintln(stderr, "Usage: kafkalint rules [--markdown]")
		return exitError
	}
	if err := report.RuleDocs(stdout, ruleGroups(), format); err != nil {
		fmt.Fprintf(stderr, "kafkalint: %v\n", err)
		return exitError
	}
	return exitClean
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	const explainUsage = "Usage: kafkalint explain RULE   (an ID such as KL401 or a name such as unknown-key)"
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprintln(stdout, explainUsage)
		return exitClean
	}
	if len(args) != 1 {
		fmt.Fprintln(stderr, explainUsage)
		return exitError
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		r, ok = rules.Lookup(strings.ToUpper(args[0])) // kl101
	}
	if !ok {
		fmt.Fprintf(stderr, "kafkalint explain: unknown rule %q (see kafkalint rules)\n", args[0])
		return exitError
	}
	if err := report.RuleDocs(stdout, []report.RuleGroup{{Rules: []*analyzer.Rule{r}}}, report.DocText); err != nil {
		fmt.Fprintf(stderr, "kafkalint: %v\n", err)
		return exitError
	}
	return exitClean
}
