package report

import (
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
)

// Checkstyle writes checkstyle XML, as reviewdog (-f=checkstyle) and
// Jenkins' Warnings plugin read it:
//
//	<checkstyle version="4.3">
//	  <file name="conf/consumer.properties">
//	    <error line="3" column="1" severity="warning" message="…" source="kafkalint.KL401"></error>
//	  </file>
//	</checkstyle>
//
// Files appear in path order, each once, holding its input errors (source
// "kafkalint.input-error") and then its findings. Severities are error,
// warning and info; the message is followed by the fix on its own line;
// paths are slash-separated and relative to opts.SourceRoot. encoding/xml
// escapes every attribute, and replaces characters XML cannot carry.
func Checkstyle(w io.Writer, in Input, opts Options) error {
	doc := checkstyleDoc{Version: "4.3"}
	byName := map[string]int{}
	file := func(p string) *checkstyleFile {
		name := ""
		if p != "" {
			name = relPath(p, opts.SourceRoot)
		}
		i, ok := byName[name]
		if !ok {
			i = len(doc.Files)
			byName[name] = i
			doc.Files = append(doc.Files, checkstyleFile{Name: name})
		}
		return &doc.Files[i]
	}
	for _, err := range in.Errors {
		p, pos, msg := errorPos(err)
		f := file(p)
		f.Errors = append(f.Errors, checkstyleError{Line: max(pos.Line, 1), Column: pos.Col, Severity: "error", Message: msg, Source: "kafkalint.input-error"})
	}
	for _, x := range in.Findings {
		f := file(x.Path)
		f.Errors = append(f.Errors, checkstyleError{
			Line: x.Pos.Line, Column: x.Pos.Col, Severity: checkstyleSeverity(x.Severity),
			Message: messageWithFix(x), Source: "kafkalint." + x.Rule.ID,
		})
	}
	sortFiles(doc.Files)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func checkstyleSeverity(s analyzer.Severity) string {
	if s == analyzer.Error || s == analyzer.Warning {
		return s.String()
	}
	return "info"
}

func sortFiles(fs []checkstyleFile) {
	slices.SortStableFunc(fs, func(a, b checkstyleFile) int { return strings.Compare(a.Name, b.Name) })
}

type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}
