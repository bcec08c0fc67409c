package analyzer

import (
	"fmt"
	"strings"
	"time"

	"github.com/kafkalint/kafkalint/analyzer/load"
)

// Directives are comments that start with "kafkalint:". They are read once,
// by the engine, from the loader's comment list:
//
//	# kafkalint:ignore KL401 -- reason        the next key line (or its own line, for a trailing comment)
//	# kafkalint:ignore KL401,KL402 -- reason  several rules, by ID or name
//	# kafkalint:ignore-file KL402 -- reason   the whole file
//	# kafkalint:processing-time=750ms         declared time to process one record
//	# kafkalint:batch-processing-time=2m      declared time to process one poll() batch
const directivePrefix = "kafkalint:"

type directiveKind uint8

const (
	ignoreLine directiveKind = iota + 1
	ignoreFile
	processingTime
	batchProcessingTime
)

type directive struct {
	kind   directiveKind
	pos    load.Pos
	rules  []string // IDs or names, as written
	reason string
	line   int    // the line an ignoreLine directive covers
	err    string // why the directive is malformed, if it is
	fix    string // how to write it instead, when err is set
	used   bool
}

// parseDirectives reads the directives of f and applies the declared
// processing times to f.Settings.
func (f *File) parseDirectives() {
	for _, c := range f.Comments {
		text, ok := strings.CutPrefix(c.Text, directivePrefix)
		if !ok {
			continue
		}
		d := directive{pos: c.Pos}
		head, reason, hasReason := strings.Cut(text, "--")
		d.reason = strings.TrimSpace(reason)
		verb, rest, _ := strings.Cut(strings.TrimSpace(head), " ")
		if name, val, ok := strings.Cut(verb, "="); ok {
			dur, err := time.ParseDuration(strings.TrimSpace(val))
			switch {
			case name != "processing-time" && name != "batch-processing-time":
				d.err = fmt.Sprintf("unknown kafkalint directive %q", name)
				d.fix = "Use one of the directives: kafkalint:ignore, kafkalint:ignore-file, kafkalint:processing-time=750ms, kafkalint:batch-processing-time=2m."
			case err != nil || dur <= 0:
				d.err = fmt.Sprintf("kafkalint directive %s=%s: want a positive duration such as 750ms or 2m", name, val)
				d.fix = fmt.Sprintf("Write a positive Go duration, as in # kafkalint:%s=750ms.", name)
			case name == "processing-time":
				d.kind = processingTime
				f.Settings.ProcessingTime = dur
			default:
				d.kind = batchProcessingTime
				f.Settings.BatchProcessingTime = dur
			}
			f.directives = append(f.directives, d)
			continue
		}
		switch verb {
		case "ignore":
			d.kind = ignoreLine
		case "ignore-file":
			d.kind = ignoreFile
		default:
			d.err = fmt.Sprintf("unknown kafkalint directive %q: want ignore, ignore-file, processing-time or batch-processing-time", verb)
			d.fix = "Use one of the directives: kafkalint:ignore, kafkalint:ignore-file, kafkalint:processing-time=750ms, kafkalint:batch-processing-time=2m."
			f.directives = append(f.directives, d)
			continue
		}
		d.rules = strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		switch {
		case len(d.rules) == 0:
			d.err = "kafkalint directive names no rule: write the rule ID or name, as in kafkalint:ignore KL401 -- reason"
		case !hasReason || d.reason == "":
			d.err = "kafkalint directive gives no reason: add one after \" -- \", as in kafkalint:ignore KL401 -- set by the platform team"
		}
		if d.kind == ignoreLine {
			d.line = c.Pos.Line
			if !c.Trailing {
				d.line = f.nextEntryLine(c.Pos.Line)
			}
		}
		f.directives = append(f.directives, d)
	}
}

// nextEntryLine returns the line of the first key after line, or 0.
func (f *File) nextEntryLine(line int) int {
	for _, e := range f.Entries {
		if e.KeyPos.Line > line {
			return e.KeyPos.Line
		}
	}
	return 0
}

// suppresses reports whether d covers finding x and marks it used.
func (d *directive) suppresses(x *Finding) bool {
	if d.err != "" || (d.kind != ignoreLine && d.kind != ignoreFile) {
		return false
	}
	if d.kind == ignoreLine && x.Pos.Line != d.line {
		return false
	}
	for _, r := range d.rules {
		if strings.EqualFold(r, x.Rule.ID) || r == x.Rule.Name {
			d.used = true
			return true
		}
	}
	return false
}
