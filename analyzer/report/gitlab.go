package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/baseline"
)

// GitLab writes a GitLab Code Quality report (the Code Climate subset
// GitLab reads from artifacts:reports:codequality): a JSON array of
//
//	{"type": "issue", "check_name": "KL401", "description": "KL401 unknown-key: …",
//	 "severity": "major", "fingerprint": "…",
//	 "location": {"path": "conf/consumer.properties", "lines": {"begin": 3, "end": 3}}}
//
// Severities: error → critical, warning → major, info → info. GitLab
// shows only the first of several issues that share a fingerprint, so each
// is unique: the hash of the line-independent identity
// (baseline.Fingerprint) and its occurrence number. Input errors are
// critical issues with check_name "input-error". Paths are relative to
// opts.SourceRoot, which for GitLab is the project directory the job runs
// in. Suppressed findings are left out.
func GitLab(w io.Writer, in Input, opts Options) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	unique := func(id string) string {
		seen[id]++
		h := sha256.Sum256(fmt.Appendf(nil, "%s:%d", id, seen[id]))
		return hex.EncodeToString(h[:16])
	}
	for _, err := range in.Errors {
		p, pos, msg := errorPos(err)
		rel := relPath(p, opts.SourceRoot)
		issues = append(issues, gitlabIssue{
			Type: "issue", CheckName: "input-error", Description: msg, Severity: "critical",
			Fingerprint: unique("input-error\x00" + rel + "\x00" + msg),
			Location:    gitlabLocation{Path: rel, Lines: gitlabLines{Begin: max(pos.Line, 1)}},
		})
	}
	for _, f := range in.Findings {
		lines := gitlabLines{Begin: max(f.Pos.Line, 1)}
		if f.End.IsValid() && f.End.Line > f.Pos.Line {
			lines.End = f.End.Line
		}
		issues = append(issues, gitlabIssue{
			Type: "issue", CheckName: f.Rule.ID,
			Description: fmt.Sprintf("%s %s: %s", f.Rule.ID, f.Rule.Name, f.Message),
			Severity:    gitlabSeverity(f.Severity),
			Fingerprint: unique(baseline.Fingerprint(f, opts.SourceRoot)),
			Location:    gitlabLocation{Path: relPath(f.Path, opts.SourceRoot), Lines: lines},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

func gitlabSeverity(s analyzer.Severity) string {
	switch s {
	case analyzer.Error:
		return "critical"
	case analyzer.Info:
		return "info"
	}
	return "major"
}

type gitlabIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}
