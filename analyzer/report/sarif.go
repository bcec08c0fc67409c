package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/baseline"
	"github.com/kafkalint/kafkalint/analyzer/load"
)

// SARIF writes in as a SARIF 2.1.0 log shaped for GitHub code scanning.
//
//   - tool.driver.rules lists every rule of opts.Rules (plus any rule a
//     finding names that opts.Rules lacks), with the title as
//     shortDescription, the first paragraph of Why as fullDescription, the
//     plain and Markdown documentation as help, and helpUri pointing at the
//     rule's anchor in docs/rules.md.
//   - Artifact URIs are relative, slash-separated and based on %SRCROOT%,
//     the directory kafkalint ran in (opts.SourceRoot, recorded in
//     originalUriBaseIds when set). Upload from the repository root, as
//     the GitHub Action does, and the URIs are repository paths. A file
//     outside %SRCROOT% gets an absolute file: URI.
//   - Regions are 1-based with columnKind unicodeCodePoints; endColumn is
//     the column just past the last character, as SARIF wants.
//   - partialFingerprints carry "kafkalint/v1": the hash of rule ID, path
//     and configuration key from baseline.Fingerprint, not of the line, so
//     alerts survive edits elsewhere in the file, suffixed with ":n" to
//     tell apart findings that share all three. primaryLocationLineHash is
//     left to github/codeql-action/upload-sarif, which computes it from
//     the file; a different value of ours would be reported as
//     inconsistent.
//   - Findings suppressed by an ignore directive are included with a
//     suppression of kind inSource, not dropped. Input errors become
//     toolExecutionNotifications, and executionSuccessful is false when
//     there are any.
func SARIF(w io.Writer, in Input, opts Options) error {
	rules := append([]*analyzer.Rule(nil), opts.Rules...)
	index := map[*analyzer.Rule]int{}
	for i, r := range rules {
		index[r] = i
	}
	for _, fs := range [][]analyzer.Finding{in.Findings, in.SuppressedFindings} {
		for _, f := range fs {
			if _, ok := index[f.Rule]; !ok {
				index[f.Rule] = len(rules)
				rules = append(rules, f.Rule)
			}
		}
	}
	driver := sarifDriver{
		Name:           "kafkalint",
		Version:        cmpOr(opts.ToolVersion, "dev"),
		InformationURI: "https://github.com/kafkalint/kafkalint",
		Rules:          []sarifRule{},
	}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, sarifRuleOf(r, opts.DocsURL))
	}
	run := sarifRun{
		Tool:       sarifTool{Driver: driver},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if opts.SourceRoot != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: fileURI(opts.SourceRoot, true)}}
	}
	inv := sarifInvocation{ExecutionSuccessful: len(in.Errors) == 0}
	for _, err := range in.Errors {
		p, pos, msg := errorPos(err)
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: msg}}
		if p != "" {
			n.Locations = []sarifLocation{{Physical: physical(p, pos, load.Pos{}, opts.SourceRoot)}}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	run.Invocations = []sarifInvocation{inv}

	// Reported and suppressed findings interleave in the usual order, so
	// the ":n" counters follow file order whatever is suppressed.
	type item struct {
		f          analyzer.Finding
		suppressed bool
	}
	items := make([]item, 0, len(in.Findings)+len(in.SuppressedFindings))
	for _, f := range in.Findings {
		items = append(items, item{f, false})
	}
	for _, f := range in.SuppressedFindings {
		items = append(items, item{f, true})
	}
	slices.SortStableFunc(items, func(a, b item) int { return analyzer.Compare(a.f, b.f) })
	seen := map[string]int{}
	for _, it := range items {
		f := &it.f
		fp := baseline.Fingerprint(*f, opts.SourceRoot)
		seen[fp]++
		res := sarifResult{
			RuleID:              f.Rule.ID,
			RuleIndex:           index[f.Rule],
			Level:               sarifLevel(f.Severity),
			Message:             sarifMessage{Text: messageWithFix(*f)},
			Locations:           []sarifLocation{{Physical: physical(f.Path, f.Pos, f.End, opts.SourceRoot)}},
			PartialFingerprints: map[string]string{"kafkalint/v1": fmt.Sprintf("%s:%d", fp, seen[fp])},
		}
		for j, r := range f.Related {
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:       j + 1,
				Physical: physical(r.Path, r.Pos, load.Pos{}, opts.SourceRoot),
				Message:  &sarifMessage{Text: r.Message},
			})
		}
		if it.suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource"}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

const srcRoot = "%SRCROOT%"

// messageWithFix is the message followed by the fix on its own line, as
// the machine formats that have one text field show it.
func messageWithFix(f analyzer.Finding) string {
	if f.Fix == "" {
		return f.Message
	}
	return f.Message + "\nfix: " + f.Fix
}

func sarifLevel(s analyzer.Severity) string {
	switch s {
	case analyzer.Error:
		return "error"
	case analyzer.Info:
		return "note"
	}
	return "warning"
}

// maxDescription is GitHub's limit on shortDescription and fullDescription
// (sarif-support-for-code-scanning: "maximum 1024 characters").
const maxDescription = 1024

func sarifRuleOf(r *analyzer.Rule, docsURL string) sarifRule {
	full, _, _ := strings.Cut(r.Doc.Why, "\n\n")
	var md strings.Builder
	RuleMarkdown(&md, r, "#")
	var text strings.Builder
	ruleText(&text, r)
	sr := sarifRule{
		ID:               r.ID,
		Name:             r.Name,
		ShortDescription: sarifMessage{Text: truncate(r.Doc.Title, maxDescription)},
		FullDescription:  sarifMessage{Text: truncate(cmpOr(full, r.Doc.Title), maxDescription)},
		Help:             sarifHelp{Text: text.String(), Markdown: md.String()},
		DefaultConfig:    sarifConfig{Level: sarifLevel(r.Severity)},
		Properties:       sarifRuleProps{Tags: []string{"kafka", "configuration"}},
	}
	if docsURL != "" {
		sr.HelpURI = docsURL + "#" + strings.ToLower(r.ID)
	}
	return sr
}

// truncate cuts s to at most n code points, ending in "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// physical is the location of path at [pos, end); an invalid end gives a
// region with a start only.
func physical(p string, pos, end load.Pos, root string) sarifPhysical {
	ph := sarifPhysical{Artifact: artifactOf(p, root)}
	if pos.IsValid() {
		reg := &sarifRegion{StartLine: pos.Line, StartColumn: max(pos.Col, 1)}
		if end.IsValid() && !end.Before(pos) {
			reg.EndLine, reg.EndColumn = end.Line, max(end.Col, 1)
		}
		ph.Region = reg
	}
	return ph
}

func artifactOf(p, root string) sarifArtifact {
	rel := baseline.Path(p, root)
	if path.IsAbs(rel) || filepath.IsAbs(rel) {
		return sarifArtifact{URI: fileURI(rel, false)}
	}
	if strings.HasPrefix(rel, "../") && root != "" {
		return sarifArtifact{URI: fileURI(filepath.Join(root, filepath.FromSlash(rel)), false)}
	}
	return sarifArtifact{URI: relURI(rel), URIBaseID: srcRoot}
}

// relURI escapes a slash-separated relative path as a URI reference.
func relURI(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// fileURI is the file: URI of an absolute path; dir adds the trailing
// slash SARIF requires of a base URI.
func fileURI(p string, dir bool) string {
	s := filepath.ToSlash(p)
	if !strings.HasPrefix(s, "/") {
		s = "/" + s // a Windows drive path: file:///C:/…
	}
	if dir && !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return (&url.URL{Scheme: "file", Path: s}).String()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	Invocations        []sarifInvocation        `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                   `json:"columnKind"`
	Results            []sarifResult            `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	ShortDescription sarifMessage   `json:"shortDescription"`
	FullDescription  sarifMessage   `json:"fullDescription"`
	Help             sarifHelp      `json:"help"`
	HelpURI          string         `json:"helpUri,omitempty"`
	DefaultConfig    sarifConfig    `json:"defaultConfiguration"`
	Properties       sarifRuleProps `json:"properties"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
}

type sarifLocation struct {
	ID       int           `json:"id,omitempty"`
	Physical sarifPhysical `json:"physicalLocation"`
	Message  *sarifMessage `json:"message,omitempty"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind string `json:"kind"`
}
