package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/baseline"
)

// annotationLimit is how many annotations of one kind GitHub shows per
// step; the rest are dropped without a word (GitHub REST checks docs: "10
// warning annotations and 10 error annotations per step").
const annotationLimit = 10

// GitHub writes GitHub Actions workflow commands, one annotation per finding:
//
//	::error file=conf/consumer.properties,line=3,endLine=3,col=1,endColumn=17,title=KL401 unknown-key::message%0Afix: …
//
// Errors come first, then warnings, then notices (info findings), because
// GitHub keeps only the first ten of each kind per step; when a kind
// overflows, one notice says how many were not shown. Input errors are
// error annotations. col and endColumn are given only for a finding on one
// line, with endColumn the column of its last character (the runner
// rejects col/endColumn across lines and an endColumn before col). Paths
// are slash-separated and relative to opts.SourceRoot. Data is escaped as
// actions/toolkit does (% CR LF), property values also ":" and ",". The
// closing line is the plain-text summary.
func GitHub(w io.Writer, in Input, opts Options) error {
	var b strings.Builder
	counts := map[analyzer.Severity]int{}
	for _, f := range in.Findings {
		counts[f.Severity]++
	}
	for _, err := range in.Errors {
		p, pos, msg := errorPos(err)
		var props []string
		if p != "" {
			props = append(props, "file="+escapeProperty(relPath(p, opts.SourceRoot)))
			if pos.IsValid() {
				props = append(props, fmt.Sprintf("line=%d", pos.Line), fmt.Sprintf("col=%d", max(pos.Col, 1)))
			}
		}
		props = append(props, "title="+escapeProperty("kafkalint input error"))
		fmt.Fprintf(&b, "::error %s::%s\n", strings.Join(props, ","), escapeData(msg))
	}
	for _, sev := range []analyzer.Severity{analyzer.Error, analyzer.Warning, analyzer.Info} {
		if sev == analyzer.Info {
			writeOverflow(&b, counts)
		}
		for _, f := range in.Findings {
			if f.Severity == sev {
				writeAnnotation(&b, f, opts.SourceRoot)
			}
		}
	}
	b.WriteString(Summary(in, counts) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeAnnotation(b *strings.Builder, f analyzer.Finding, root string) {
	cmd := "warning"
	switch f.Severity {
	case analyzer.Error:
		cmd = "error"
	case analyzer.Info:
		cmd = "notice"
	}
	props := []string{
		"file=" + escapeProperty(relPath(f.Path, root)),
		fmt.Sprintf("line=%d", max(f.Pos.Line, 1)),
	}
	switch {
	case f.End.IsValid() && f.End.Line == f.Pos.Line:
		props = append(props, fmt.Sprintf("endLine=%d", f.End.Line), fmt.Sprintf("col=%d", max(f.Pos.Col, 1)),
			fmt.Sprintf("endColumn=%d", max(f.End.Col-1, f.Pos.Col, 1)))
	case f.End.IsValid() && f.End.Line > f.Pos.Line:
		props = append(props, fmt.Sprintf("endLine=%d", f.End.Line))
	default:
		props = append(props, fmt.Sprintf("col=%d", max(f.Pos.Col, 1)))
	}
	props = append(props, "title="+escapeProperty(f.Rule.ID+" "+f.Rule.Name))
	fmt.Fprintf(b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(messageWithFix(f)))
}

// writeOverflow writes one notice when GitHub will drop annotations.
func writeOverflow(b *strings.Builder, counts map[analyzer.Severity]int) {
	hidden := 0
	for _, n := range counts {
		hidden += max(n-annotationLimit, 0)
	}
	if hidden == 0 {
		return
	}
	fmt.Fprintf(b, "::notice title=%s::%s\n", escapeProperty("kafkalint"), escapeData(fmt.Sprintf(
		"GitHub shows at most %d annotations of each kind per step, so %d findings have none; "+
			"all are listed in this log, and --format sarif with github/codeql-action/upload-sarif shows them all",
		annotationLimit, hidden)))
}

// relPath is the slash-separated path of p relative to root (absolute
// when it lies outside), as GitHub and checkstyle consumers expect.
func relPath(p, root string) string { return baseline.Path(p, root) }

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message (actions/toolkit
// command.ts escapeData).
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command's property value
// (actions/toolkit command.ts escapeProperty).
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
