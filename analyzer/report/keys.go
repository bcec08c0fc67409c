package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/fatih/color"
	"github.com/kafkalint/kafkalint/analyzer/keys"
)

// KeysOptions are what the keys reporters use besides the result.
type KeysOptions struct {
	// Color turns on ANSI colour in the text format.
	Color bool
	// ToolVersion is kafkalint's version ("test" in golden tests).
	ToolVersion string
}

// keysBarWidth is the width of a full bar, in cells.
const keysBarWidth = 40

// keysMaxRows caps the per-partition chart; above it the busiest and the
// idlest partitions are shown.
const keysMaxRows = 48

// keysPalette holds the colours of one text report, built per call so no
// state is shared (no color.NoColor).
type keysPalette struct {
	good, risky, bad, bold, dim *color.Color
}

func newKeysPalette(on bool) keysPalette {
	p := keysPalette{
		good: color.New(color.FgGreen, color.Bold), risky: color.New(color.FgYellow, color.Bold),
		bad: color.New(color.FgRed, color.Bold), bold: color.New(color.Bold), dim: color.New(color.Faint),
	}
	for _, c := range []*color.Color{p.good, p.risky, p.bad, p.bold, p.dim} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p keysPalette) verdict(v keys.Verdict) string {
	s := v.String()
	switch v {
	case keys.Good:
		return p.good.Sprint(s)
	case keys.Risky:
		return p.risky.Sprint(s)
	}
	return p.bad.Sprint(s)
}

// KeysText writes the terminal report: the ranking table, then per
// candidate its reasons, per-partition bar chart, heavy keys, what-if and
// comparison figures.
func KeysText(w io.Writer, r *keys.Result, o KeysOptions) error {
	ew := &keysWriter{w: w}
	p := newKeysPalette(o.Color)
	ew.printf("%s %s (%s): %s", p.bold.Sprint("kafkalint keys"), r.Input, r.Format, keysCount(r.Records, "record"))
	if r.Bad > 0 {
		at := "first at line"
		if len(r.BadLines) > 1 {
			at = "first at lines"
		}
		ew.printf(", %s malformed skipped (%s %s)", keysGroup(r.Bad), at, keysJoin(r.BadLines))
	}
	ew.printf("\npartitioner %s, partitions %s", r.Partitioner, keysJoin(r.Partitions))
	if r.Weighted != "" {
		ew.printf(", load weighted by %q", r.Weighted)
	}
	ew.printf("\n\n")
	n0 := r.Partitions[0]
	ew.printf("%-3s %-24s %-7s %12s %9s %18s %7s %5s\n", "#", "candidate", "verdict", "distinct", "top key", "max/mean (unif.)", "CV", "idle")
	for _, c := range r.Candidates {
		l := c.Layouts[0]
		top := "-"
		if len(c.TopKeys) > 0 {
			top = keysPct(c.TopKeys[0].Share)
		}
		ew.printf("%-3d %-24s %s%s %12s %9s %18s %7.3f %5d\n", c.Rank, keysTrunc(c.Name, 24), p.verdict(c.Verdict),
			strings.Repeat(" ", 8-len(c.Verdict.String())), keysDistinct(c.Distinct), top,
			fmt.Sprintf("%.2f (%.2f)", l.MaxMean, l.Uniform.MaxMeanP95), l.CV, l.Idle)
	}
	if len(r.Candidates) > 0 {
		best := r.Candidates[0]
		if best.Verdict == keys.Bad {
			// Ranked best first: when the first is bad, all are.
			ew.printf("\nrecommendation: none: no candidate is acceptable on %s\n", keysCount(int64(n0), "partition"))
			who := fmt.Sprintf("the least bad, %s,", p.bold.Sprint(best.Name))
			if len(r.Candidates) == 1 {
				who = p.bold.Sprint(best.Name)
			}
			ew.printf("  %s is %s", who, p.verdict(best.Verdict))
			if len(best.Reasons) > 0 {
				ew.printf(": %s", best.Reasons[0])
			}
			ew.printf("\n")
		} else {
			ew.printf("\nrecommendation: %s (%s on %s)\n", p.bold.Sprint(best.Name), p.verdict(best.Verdict), keysCount(int64(n0), "partition"))
		}
	}
	for _, c := range r.Candidates {
		ew.printf("\n%s: %s\n", p.bold.Sprintf("%d. %s", c.Rank, c.Name), p.verdict(c.Verdict))
		for _, why := range c.Reasons {
			ew.printf("  - %s\n", why)
		}
		ew.printf("  keyed %s (weight %s), distinct %s", keysCount(c.Keyed.Records, "record"), keysNum(c.Keyed.Weight), keysDistinct(c.Distinct))
		if c.Null.Records > 0 || c.Empty.Records > 0 {
			ew.printf("; no key: %s null, %s empty", keysGroup(c.Null.Records), keysGroup(c.Empty.Records))
			if c.Empty.Hashed && c.Empty.Records > 0 {
				ew.printf(" (empty keys hashed to partition %s)", keysJoin(c.Empty.Partitions))
			} else if c.Empty.Records > 0 {
				ew.printf(" (spread, no ordering)")
			}
		}
		ew.printf("\n")
		for i, l := range c.Layouts {
			// The first layout's reasons are the candidate's, printed above.
			keysLayoutText(ew, p, l, i > 0)
		}
		switch {
		case len(c.TopKeys) == 0:
		case c.TopKeys[0].ShareLow <= 1/float64(c.Keyed.Records):
			// Listing keys none of which is distinguishable from a key
			// seen once would show arbitrary ones (ties sort by key).
			ew.printf("  heaviest keys: none stands out from sampling noise (no key's 95%% CI lies above one record's share, 1/%s = %s)\n",
				keysGroup(c.Keyed.Records), keysPct(1/float64(c.Keyed.Records)))
		default:
			bound := ""
			if slices.ContainsFunc(c.TopKeys, func(k keys.KeyShare) bool { return k.MaxError > 0 }) {
				bound = "; ± is the weight's error bound from the heavy-key summary"
			}
			ew.printf("  heaviest keys (share, 95%% CI%s):\n", bound)
			for _, k := range c.TopKeys {
				ew.printf("    %-32s %7s  [%s–%s]", keysTrunc(fmt.Sprintf("%q", k.Key), 32), keysPct(k.Share), keysPct(k.ShareLow), keysPct(k.ShareHigh))
				if k.MaxError > 0 {
					ew.printf("  ±%s", keysNum(k.MaxError))
				}
				ew.printf("\n")
			}
		}
		for _, wi := range c.WhatIf {
			ew.printf("  what-if %d → %s: %s of keys and %s of traffic change partition (per-key ordering breaks during the change)\n",
				wi.From, keysCount(int64(wi.To), "partition"), keysPct(wi.KeysMoved), keysPct(wi.TrafficMoved))
		}
		for _, cm := range c.Compare {
			ew.printf("  compare %s vs %s on %s: %s of keys, %s of traffic land on different partitions\n",
				cm.A, cm.B, keysCount(int64(cm.Partitions), "partition"), keysPct(cm.KeysDiffer), keysPct(cm.TrafficDiffer))
		}
	}
	return ew.err
}

func keysLayoutText(ew *keysWriter, p keysPalette, l keys.Layout, reasons bool) {
	ew.printf("  %s: %s; max/mean %.2f (uniform key: %.2f, 95%% ≤ %.2f), CV %.3f (uniform %.3f), idle %d\n",
		keysCount(int64(l.Partitions), "partition"), p.verdict(l.Verdict), l.MaxMean, l.Uniform.MaxMean, l.Uniform.MaxMeanP95, l.CV, l.Uniform.CV, l.Idle)
	ew.printf("    busiest partition %d: %s of traffic [%s–%s]; busiest of %s: %s\n",
		l.Busiest, keysPct(l.BusiestShare), keysPct(l.BusiestShareLow), keysPct(l.BusiestShareHigh), keysCount(int64(l.Consumers), "consumer"), keysPct(l.BusiestConsumerShare))
	if reasons {
		for _, why := range l.Reasons {
			ew.printf("    - %s\n", why)
		}
	}
	total, peak := 0.0, 0.0
	for _, w := range l.Weight {
		total += w
		peak = max(peak, w)
	}
	if total == 0 {
		return
	}
	rows := make([]int, len(l.Weight))
	for i := range rows {
		rows[i] = i
	}
	elided := 0
	if len(rows) > keysMaxRows {
		slices.SortStableFunc(rows, func(a, b int) int {
			switch {
			case l.Weight[a] > l.Weight[b]:
				return -1
			case l.Weight[a] < l.Weight[b]:
				return 1
			}
			return 0
		})
		elided = len(rows) - keysMaxRows
		rows = append(rows[:keysMaxRows-8:keysMaxRows-8], rows[len(rows)-8:]...)
	}
	mean := total / float64(len(l.Weight))
	width := len(fmt.Sprint(len(l.Weight) - 1))
	for i, part := range rows {
		if elided > 0 && i == keysMaxRows-8 {
			ew.printf("    %s\n", p.dim.Sprintf("… %s between", keysCount(int64(elided), "partition")))
		}
		w := l.Weight[part]
		bar := keysBar(w / peak * keysBarWidth)
		c := p.good
		switch {
		case w/mean > 2:
			c = p.bad
		case w/mean > 1.25:
			c = p.risky
		}
		ew.printf("    p%-*d %s%s %10s %6s\n", width, part, c.Sprint(bar), strings.Repeat(" ", keysBarWidth-len([]rune(bar))), keysNum(w), keysPct(w/total))
	}
}

// keysBar draws cells as full blocks plus one eighth-block remainder.
func keysBar(cells float64) string {
	eighths := int(cells*8 + 0.5)
	s := strings.Repeat("█", eighths/8)
	if r := eighths % 8; r > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[r-1])
	}
	return s
}

func keysDistinct(d keys.Distinct) string {
	if d.Exact {
		return keysGroup(int64(d.Count))
	}
	return fmt.Sprintf("~%s ±%.1f%%", keysGroup(int64(d.Count)), 100*d.RelErr)
}

func keysPct(f float64) string {
	switch {
	case f == 0:
		return "0%"
	case f < 0.001:
		return fmt.Sprintf("%.3f%%", 100*f)
	case f < 0.1:
		return fmt.Sprintf("%.2f%%", 100*f)
	}
	return fmt.Sprintf("%.1f%%", 100*f)
}

func keysNum(f float64) string {
	if f == float64(int64(f)) {
		return keysGroup(int64(f))
	}
	return fmt.Sprintf("%.1f", f)
}

// keysCount writes n and the noun, plural unless n is 1: "1 record",
// "4,000 records".
func keysCount(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return keysGroup(n) + " " + noun + "s"
}

// group writes n with thousands separators.
func keysGroup(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func keysJoin[T int | int64](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

func keysTrunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// keysWriter keeps the first write error so printing code stays linear.
type keysWriter struct {
	w   io.Writer
	err error
}

func (e *keysWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
