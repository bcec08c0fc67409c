package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer"
	"github.com/kafkalint/kafkalint/analyzer/catalog"
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
		format    = fs.String("format", "text", "output format: text or json")
		output    = fs.String("output", "", "write the report to this file instead of standard output")
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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "kafkalint lint: "+format+"\n", a...)
		return exitError
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
	useColor, err := colorMode(*colorArg, env)
	if err != nil {
		return usageErr("--color: %v", err)
	}
	render, ok := formats[*format]
	if !ok {
		return usageErr("--format %q: want %s", *format, formatNames())
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
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	res := analyzer.Lint(ctx, paths, analyzer.Options{
		Rules:   rules.All(),
		Meta:    rules.Meta(),
		Include: include,
		Jobs:    *jobs,
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
	})
	out := stdout
	if *output != "" {
		f, err := os.Create(*output)
		if err != nil {
			fmt.Fprintf(stderr, "kafkalint: %v\n", err)
			return exitError
		}
		defer f.Close()
		out = f
		useColor = false
	}
	in := report.Input{Findings: res.Findings, Errors: res.Errors, Files: len(res.Files), Skipped: res.Skipped, Suppressed: len(res.Suppressed)}
	opts := report.Options{ToolVersion: version, Color: useColor, Rules: rules.All(), DocsURL: docsURL}
	if err := render(out, in, opts); err != nil {
		fmt.Fprintf(stderr, "kafkalint: write report: %v\n", err)
		return exitError
	}
	if *format != "text" {
		for _, err := range res.Errors {
			fmt.Fprintf(stderr, "kafkalint: %v\n", err)
		}
	}
	return exitCode(res, threshold)
}

// docsURL is where docs/rules.md is published; rule anchors are #kl101.
const docsURL = "https://github.com/kafkalint/kafkalint/blob/main/docs/rules.md"

var formats = map[string]func(io.Writer, report.Input, report.Options) error{
	"text": report.Text,
	"json": report.JSON,
}

func formatNames() string {
	return "text, json"
}

func exitCode(res analyzer.Result, threshold analyzer.Severity) int {
	if len(res.Errors) > 0 {
		return exitError
	}
	for _, f := range res.Findings {
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
