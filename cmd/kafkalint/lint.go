package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/baseline"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/load"
	"github.com/kafkalint/kafkalint/analyzer/report"
	"github.com/kafkalint/kafkalint/analyzer/settings"
	"github.com/kafkalint/kafkalint/rules"
)

type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

func runLint(ctx context.Context, args []string, env environ, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kafkalint lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		format    = fs.String("format", "text", "output format: "+formatNames())
		output    = fs.String("output", "", "write the report to this file instead of standard output")
		writeBase = fs.String("write-baseline", "", "record every current finding in this file (such as .kafkalint-baseline.json) and exit 0 unless an input is bad")
		baseFile  = fs.String("baseline", "", "report only findings this baseline file does not record; its stale entries are counted in the summary")
		colorArg  = fs.String("color", "auto", "colour the text format: auto, always or never (auto: when standard output is a terminal and NO_COLOR is unset)")
		failOn    = fs.String("fail-on", "", "exit 1 when a finding is at least this severe: error, warning or info (default warning, or fail-on in .kafkalint.toml)")
		config    = fs.String("config", "", "use this settings file for every linted file instead of finding .kafkalint.toml by walking up")
		clientVer = fs.String("client-version", "", "Kafka client version to judge against, such as 3.7 (default: client-version in .kafkalint.toml, else the newest the catalog knows, "+catalog.Newest().String()+")")
		jobs      = fs.Int("jobs", 0, "files linted at once (default: the number of CPUs)")
		disable   listFlag
		enable    listFlag
		include   listFlag
	)
	fs.Var(&disable, "disable", "rules to turn off, by ID or name (repeatable, comma-separated)")
	fs.Var(&enable, "enable", "rules to turn on even where settings turn them off (repeatable, comma-separated)")
	fs.Var(&include, "include", "file name patterns to pick up when walking directories (default *.properties)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: kafkalint lint [flags] [path ...]\n\nLint Kafka client configuration files. Paths are files or directories (default .).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, code, done := parseFlags(fs, args)
	if done {
		return code
	}
	usageErr := usageError(stderr, "lint")
	if *jobs < 0 {
		return usageErr("--jobs %d: want 0 (one per CPU) or more", *jobs)
	}
	for _, name := range append(append([]string{}, disable...), enable...) {
		if !rules.Known(name) {
			return usageErr("unknown rule %q (see kafkalint rules)", name)
		}
	}
	var cliVersion catalog.Version
	if *clientVer != "" {
		if err := cliVersion.UnmarshalText([]byte(*clientVer)); err != nil {
			return usageErr("--client-version: %v", err)
		}
	}
	if err := load.CheckPatterns(include); err != nil {
		return usageErr("--include: %v", err)
	}
	useColor, err := colorMode(*colorArg, env)
	if err != nil {
		return usageErr("--color: %v", err)
	}
	render, ok := reporter(*format)
	if !ok {
		return usageErr("--format %q: want %s", *format, formatNames())
	}
	var base *baseline.Baseline
	if *baseFile != "" {
		if base, err = readBaseline(*baseFile); err != nil {
			return usageErr("--baseline: %v", err)
		}
	}
	resolver, err := settings.NewResolver(*config, rules.Known)
	if err != nil {
		return usageErr("--config: %v", err)
	}
	// The run-wide settings (fail-on, include) come from --config or the
	// settings file that applies to the current directory.
	cwdSettings, err := resolver.Find("./.")
	if err != nil {
		fmt.Fprintf(stderr, "kafkalint: %v\n", err)
		return exitError
	}
	threshold := analyzer.Warning
	if cwdSettings != nil && cwdSettings.FailOn() != 0 {
		threshold = cwdSettings.FailOn()
	}
	if *failOn != "" {
		if err := threshold.UnmarshalText([]byte(*failOn)); err != nil {
			return usageErr("--fail-on: %v", err)
		}
	}
	if len(include) == 0 && cwdSettings != nil {
		include = cwdSettings.Include()
		if err := load.CheckPatterns(include); err != nil {
			fmt.Fprintf(stderr, "kafkalint: %s: include: %v\n", cwdSettings.Path, err)
			return exitError
		}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res := analyzer.Lint(ctx, paths, lintOptions(resolver, cliVersion, disable, enable, include, *jobs))
	in := reportInput(res)
	if base != nil {
		in.Findings, in.Baselined, in.StaleBaseline = base.Filter(res.Findings, env.wd)
	}
	accept := false
	if *writeBase != "" {
		if err := writeBaseline(*writeBase, res.Findings, env.wd); err != nil {
			fmt.Fprintf(stderr, "kafkalint: --write-baseline: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stderr, "kafkalint: recorded %s in %s\n", pluralFindings(len(res.Findings)), *writeBase)
		accept = true
	}
	out := stdout
	var file *os.File
	if *output != "" {
		if file, err = os.Create(*output); err != nil {
			fmt.Fprintf(stderr, "kafkalint: %v\n", err)
			return exitError
		}
		out = file
		useColor = false
	}
	opts := report.Options{ToolVersion: version, Color: useColor, Rules: rules.All(), DocsURL: docsURL, SourceRoot: env.wd}
	err = render(out, in, opts)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "kafkalint: write report: %v\n", err)
		return exitError
	}
	if *format != "text" {
		for _, err := range res.Errors {
			fmt.Fprintf(stderr, "kafkalint: %v\n", err)
		}
	}
	if accept && len(res.Errors) == 0 {
		return exitClean
	}
	return exitCode(in, threshold)
}

// lintOptions are the engine options of a lint run: every rule, with the
// command line's client version, --disable and --enable laid over the
// settings of each file.
func lintOptions(resolver *settings.Resolver, cliVersion catalog.Version, disable, enable, include []string, jobs int) analyzer.Options {
	return analyzer.Options{
		Rules:   rules.All(),
		Meta:    rules.Meta(),
		Include: include,
		Jobs:    jobs,
		Settings: func(p string) (analyzer.FileSettings, error) {
			s, err := resolver.For(p)
			if err != nil {
				return s, err
			}
			if cliVersion != (catalog.Version{}) {
				s.Version = cliVersion
			}
			s.Disabled = append(s.Disabled[:len(s.Disabled):len(s.Disabled)], disable...)
			s.Enabled = append(s.Enabled[:len(s.Enabled):len(s.Enabled)], enable...)
			return s, nil
		},
	}
}

// reportInput is what the reporters get from a lint result.
func reportInput(res analyzer.Result) report.Input {
	return report.Input{
		Findings: res.Findings, Errors: res.Errors, Files: len(res.Files), Skipped: res.Skipped,
		Suppressed: len(res.Suppressed), SuppressedFindings: res.Suppressed,
	}
}

func readBaseline(name string) (*baseline.Baseline, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := baseline.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// writeBaseline writes the baseline of findings through a temporary file
// renamed into place, so an interrupted run never leaves half a baseline.
func writeBaseline(name string, findings []analyzer.Finding, root string) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".kafkalint-baseline-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := baseline.New(findings, root).Write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func pluralFindings(n int) string {
	if n == 1 {
		return "1 finding"
	}
	return fmt.Sprintf("%d findings", n)
}

// docsURL is where docs/rules.md is published; rule anchors are #kl101.
const docsURL = "https://github.com/kafkalint/kafkalint/blob/main/docs/rules.md"

// formats are the reporters --format selects, in the order help lists them.
var formats = []struct {
	name   string
	render func(io.Writer, report.Input, report.Options) error
}{
	{"text", report.Text},
	{"json", report.JSON},
	{"sarif", report.SARIF},
	{"github", report.GitHub},
	{"checkstyle", report.Checkstyle},
	{"gitlab", report.GitLab},
}

func reporter(name string) (func(io.Writer, report.Input, report.Options) error, bool) {
	for _, f := range formats {
		if f.name == name {
			return f.render, true
		}
	}
	return nil, false
}

func formatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// exitCode maps what is reported to the exit status: input errors win over
// findings at or above the threshold.
func exitCode(in report.Input, threshold analyzer.Severity) int {
	if len(in.Errors) > 0 {
		return exitError
	}
	for _, f := range in.Findings {
		if f.Severity >= threshold {
			return exitFindings
		}
	}
	return exitClean
}

func colorMode(mode string, env environ) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return env.isTerminal && env.getenv("NO_COLOR") == "", nil
	}
	return false, fmt.Errorf("%q: want auto, always or never", mode)
}
