package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/kafkalint/kafkalint/analyzer"
)

// Text writes findings as "path:line:col: severity KLnnn name: message",
// each followed by an indented "fix:" line and one "see:" line per related
// position, then input errors and a summary line.
func Text(w io.Writer, in Input, opts Options) error {
	paint := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if opts.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	var (
		loc   = paint(color.Bold)
		sev   = map[analyzer.Severity]*color.Color{analyzer.Error: paint(color.FgRed, color.Bold), analyzer.Warning: paint(color.FgYellow, color.Bold), analyzer.Info: paint(color.FgCyan)}
		id    = paint(color.Faint)
		label = paint(color.FgGreen)
	)
	counts := map[analyzer.Severity]int{}
	for _, f := range in.Findings {
		counts[f.Severity]++
		if _, err := fmt.Fprintf(w, "%s %s %s: %s\n",
			loc.Sprintf("%s:%d:%d:", f.Path, f.Pos.Line, f.Pos.Col),
			sev[f.Severity].Sprint(f.Severity),
			id.Sprintf("%s %s", f.Rule.ID, f.Rule.Name),
			f.Message); err != nil {
			return err
		}
		if f.Fix != "" {
			fmt.Fprintf(w, "    %s %s\n", label.Sprint("fix:"), f.Fix)
		}
		for _, r := range f.Related {
			fmt.Fprintf(w, "    %s %s:%d:%d: %s\n", label.Sprint("see:"), r.Path, r.Pos.Line, r.Pos.Col, r.Message)
		}
	}
	for _, err := range in.Errors {
		fmt.Fprintf(w, "%s %s\n", sev[analyzer.Error].Sprint("error:"), err)
	}
	_, err := fmt.Fprintln(w, Summary(in, counts))
	return err
}

// Summary renders the closing line of the text format.
func Summary(in Input, counts map[analyzer.Severity]int) string {
	s := fmt.Sprintf("%s, %s, %s in %s", plural(counts[analyzer.Error], "error"), plural(counts[analyzer.Warning], "warning"),
		plural(counts[analyzer.Info], "info"), plural(in.Files, "file"))
	if in.Skipped > 0 {
		s += fmt.Sprintf(" (%d skipped: not Kafka configs)", in.Skipped)
	}
	if in.Suppressed > 0 {
		s += fmt.Sprintf("; %d suppressed", in.Suppressed)
	}
	if in.Baselined > 0 {
		s += fmt.Sprintf("; %d in the baseline", in.Baselined)
	}
	if in.StaleBaseline > 0 {
		s += fmt.Sprintf("; %s (fixed: rewrite it with --write-baseline)", plural(in.StaleBaseline, "stale baseline entry"))
	}
	if len(in.Errors) > 0 {
		s += fmt.Sprintf("; %s", plural(len(in.Errors), "input error"))
	}
	return s
}

func plural(n int, word string) string {
	switch {
	case n == 1 || word == "info":
		return fmt.Sprintf("%d %s", n, word)
	case strings.HasSuffix(word, "entry"):
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}
