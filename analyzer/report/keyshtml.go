package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/keys"
)

// KeysHTML writes a self-contained page (inline CSS and SVG, no script, no
// network) with the ranking and, per candidate, the per-partition histograms
// side by side, for architects to share.
func KeysHTML(w io.Writer, r *keys.Result, o KeysOptions) error {
	return keysPage.Execute(w, struct {
		R       *keys.Result
		Version string
	}{r, o.ToolVersion})
}

// keysSVG draws one layout as a bar chart; the dashed line is the mean.
func keysSVG(l keys.Layout) template.HTML {
	const width, height, pad = 360.0, 140.0, 4.0
	peak, total := 0.0, 0.0
	for _, v := range l.Weight {
		peak = max(peak, v)
		total += v
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-label="load per partition, %d partitions">`,
		width, height, width, height, l.Partitions)
	fmt.Fprintf(&b, `<rect width="%.0f" height="%.0f" fill="#fafafa"/>`, width, height)
	if peak > 0 {
		bw := (width - 2*pad) / float64(len(l.Weight))
		mean := total / float64(len(l.Weight))
		for i, v := range l.Weight {
			h := v / peak * (height - 2*pad)
			fill := "#3b82f6"
			switch {
			case v/mean > 2:
				fill = "#dc2626"
			case v/mean > 1.25:
				fill = "#d97706"
			}
			fmt.Fprintf(&b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"><title>partition %d: %s (%s)</title></rect>`,
				pad+float64(i)*bw, height-pad-h, max(bw-0.5, 0.5), h, fill, i, keysNum(v), keysPct(v/total))
		}
		y := height - pad - mean/peak*(height-2*pad)
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.2f" y2="%.2f" stroke="#111" stroke-dasharray="4 3"/>`, pad, width-pad, y, y)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

var keysPage = template.Must(template.New("keys").Funcs(template.FuncMap{
	"svg": keysSVG, "pct": keysPct, "num": keysNum, "group": keysGroup, "distinct": keysDistinct,
	"count64": keysCount,
	"count":   func(n int, noun string) string { return keysCount(int64(n), noun) },
	"ints":    func(xs []int) string { return keysJoin(xs) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>kafkalint keys: {{.R.Input}}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#111;max-width:1200px}
table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.good{color:#15803d;font-weight:bold}.risky{color:#b45309;font-weight:bold}.bad{color:#b91c1c;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #e5e5e5;padding:.5rem}
small{color:#555}section{margin-top:2rem}
</style></head><body>
<h1>kafkalint keys</h1>
<p><b>{{.R.Input}}</b> ({{.R.Format}}): {{count64 .R.Records "record"}}{{if .R.Bad}}, {{group .R.Bad}} malformed skipped{{end}}.
Partitioner <b>{{.R.Partitioner}}</b>, partitions {{ints .R.Partitions}}{{if .R.Weighted}}, load weighted by <code>{{.R.Weighted}}</code>{{end}}.</p>
<table><tr><th>#</th><th>candidate</th><th>verdict</th><th>distinct keys</th><th>top key</th><th>max/mean</th><th>uniform 95%</th><th>CV</th><th>idle</th></tr>
{{range .R.Candidates}}{{$l := index .Layouts 0}}<tr><td>{{.Rank}}</td><td><code>{{.Name}}</code></td><td class="{{.Verdict}}">{{.Verdict}}</td>
<td class="n">{{distinct .Distinct}}</td><td class="n">{{if .TopKeys}}{{pct (index .TopKeys 0).Share}}{{else}}-{{end}}</td>
<td class="n">{{printf "%.2f" $l.MaxMean}}</td><td class="n">{{printf "%.2f" $l.Uniform.MaxMeanP95}}</td><td class="n">{{printf "%.3f" $l.CV}}</td><td class="n">{{$l.Idle}}</td></tr>
{{end}}</table>
{{range .R.Candidates}}<section><h2>{{.Rank}}. <code>{{.Name}}</code>: <span class="{{.Verdict}}">{{.Verdict}}</span></h2>
{{if .Reasons}}<ul>{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>{{end}}
<div class="charts">{{range .Layouts}}<div class="chart"><div><b>{{count .Partitions "partition"}}</b>: <span class="{{.Verdict}}">{{.Verdict}}</span>,
max/mean {{printf "%.2f" .MaxMean}} <small>(uniform key {{printf "%.2f" .Uniform.MaxMean}}, 95% ≤ {{printf "%.2f" .Uniform.MaxMeanP95}})</small>, idle {{.Idle}}</div>
{{svg .}}<div><small>busiest partition {{.Busiest}}: {{pct .BusiestShare}} [{{pct .BusiestShareLow}}–{{pct .BusiestShareHigh}}]; busiest of {{count .Consumers "consumer"}} {{pct .BusiestConsumerShare}}</small></div></div>
{{end}}</div>
{{if .TopKeys}}<table><tr><th>heaviest key</th><th>share</th><th>95% CI</th></tr>{{range .TopKeys}}<tr><td><code>{{printf "%q" .Key}}</code></td><td class="n">{{pct .Share}}</td><td class="n">{{pct .ShareLow}}–{{pct .ShareHigh}}</td></tr>{{end}}</table>{{end}}
{{range .WhatIf}}<p>What-if {{.From}} → {{count .To "partition"}}: {{pct .KeysMoved}} of keys and {{pct .TrafficMoved}} of traffic change partition.</p>{{end}}
{{range .Compare}}<p>{{.A}} vs {{.B}} on {{count .Partitions "partition"}}: {{pct .KeysDiffer}} of keys and {{pct .TrafficDiffer}} of traffic land on different partitions.</p>{{end}}
</section>
{{end}}<p><small>kafkalint {{.Version}}</small></p>
</body></html>
`))
