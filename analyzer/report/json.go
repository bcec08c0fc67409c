package report

import (
	"encoding/json"
	"io"

	"github.com/kafkalint/kafkalint/analyzer"
)

// JSONVersion is the version of the JSON schema. Fields are added, never
// renamed or removed, within a version; a breaking change bumps it.
const JSONVersion = 1

// JSONReport is the document --format json writes (schema version 1):
//
//	{
//	  "version": 1,
//	  "tool": {"name": "kafkalint", "version": "…"},
//	  "findings": [{"file", "line", "column", "end_line", "end_column", "rule", "name",
//	                "severity", "message", "fix", "key", "related": [{"file", "line", "column", "message"}]}],
//	  "errors": [{"file", "line", "column", "message"}],
//	  "summary": {"files", "skipped", "suppressed", "errors", "warnings", "infos",
//	              "baselined", "stale_baseline"}
//	}
//
// Lines and columns are 1-based; columns count Unicode code points. A zero
// end_line means no end position. "key" is the configuration key the
// finding is about, or "".
type JSONReport struct {
	Version  int           `json:"version"`
	Tool     JSONTool      `json:"tool"`
	Findings []JSONFinding `json:"findings"`
	Errors   []JSONError   `json:"errors"`
	Summary  JSONSummary   `json:"summary"`
}

// JSONTool names the tool.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONFinding is one finding.
type JSONFinding struct {
	File      string        `json:"file"`
	Line      int           `json:"line"`
	Column    int           `json:"column"`
	EndLine   int           `json:"end_line"`
	EndColumn int           `json:"end_column"`
	Rule      string        `json:"rule"`
	Name      string        `json:"name"`
	Severity  string        `json:"severity"`
	Message   string        `json:"message"`
	Fix       string        `json:"fix"`
	Key       string        `json:"key"`
	Related   []JSONRelated `json:"related"`
}

// JSONRelated is a related position.
type JSONRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// JSONError is an input error; line and column are 0 when unknown.
type JSONError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// JSONSummary counts what the run saw.
type JSONSummary struct {
	Files      int `json:"files"`
	Skipped    int `json:"skipped"`
	Suppressed int `json:"suppressed"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Infos      int `json:"infos"`
	// Baselined counts findings left out because --baseline records them;
	// StaleBaseline counts baseline entries that matched no finding.
	Baselined     int `json:"baselined"`
	StaleBaseline int `json:"stale_baseline"`
}

// JSON writes the JSONReport of in.
func JSON(w io.Writer, in Input, opts Options) error {
	rep := JSONReport{
		Version:  JSONVersion,
		Tool:     JSONTool{Name: "kafkalint", Version: opts.ToolVersion},
		Findings: []JSONFinding{},
		Errors:   []JSONError{},
		Summary: JSONSummary{Files: in.Files, Skipped: in.Skipped, Suppressed: in.Suppressed,
			Baselined: in.Baselined, StaleBaseline: in.StaleBaseline},
	}
	for _, f := range in.Findings {
		jf := JSONFinding{
			File: f.Path, Line: f.Pos.Line, Column: f.Pos.Col, EndLine: f.End.Line, EndColumn: f.End.Col,
			Rule: f.Rule.ID, Name: f.Rule.Name, Severity: f.Severity.String(), Message: f.Message, Fix: f.Fix, Key: f.Key,
			Related: []JSONRelated{},
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, JSONRelated{File: r.Path, Line: r.Pos.Line, Column: r.Pos.Col, Message: r.Message})
		}
		rep.Findings = append(rep.Findings, jf)
		switch f.Severity {
		case analyzer.Error:
			rep.Summary.Errors++
		case analyzer.Warning:
			rep.Summary.Warnings++
		case analyzer.Info:
			rep.Summary.Infos++
		}
	}
	for _, err := range in.Errors {
		path, pos, msg := errorPos(err)
		rep.Errors = append(rep.Errors, JSONError{File: path, Line: pos.Line, Column: pos.Col, Message: msg})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
