package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/keys"
	"github.com/kafkalint/kafkalint/analyzer/report"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// runKeys implements `kafkalint keys`: the partition-key advisor.
func runKeys(ctx context.Context, args []string, env environ, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cands stringList
	var (
		input       = fs.String("input", "", "sample file, or - for standard input (gzip is detected); may also be given as the argument")
		partitions  = fs.String("partitions", "12", "partition counts, comma-separated: the first is the topic's, the others are what-if targets")
		partitioner = fs.String("partitioner", "java", "producer partitioner: "+partitionerNames())
		compare     = fs.String("compare", "", "two partitioners a,b: share of keys they place on different partitions")
		consumers   = fs.Int("consumers", 0, "consumer count for the busiest-consumer share (default: one per partition)")
		weight      = fs.String("weight", "", "field or column holding each record's weight (bytes, event count); default 1 per record")
		maxBad      = fs.Float64("max-bad", 0.01, "fraction of malformed records tolerated before failing")
		inFormat    = fs.String("input-format", "auto", "input format: auto, lines, jsonl or csv")
		sep         = fs.String("key-sep", "|", "separator placed between the parts of a composite key (a+b)")
		top         = fs.Int("top", 10, "heaviest keys to show per candidate")
		format      = fs.String("format", "text", "output format: text or json")
		htmlOut     = fs.String("html", "", "also write a self-contained HTML report to this file")
		colorArg    = fs.String("color", "auto", "colour: auto, always or never (auto: standard output is a terminal and NO_COLOR is unset)")
		failSkew    = fs.Float64("fail-on-skew", 0, "exit 1 when a candidate's max/mean load on the first partition count exceeds this (0: off)")
		maxKeyShare = fs.Float64("max-key-share", 0, "exit 1 when one key carries more than this share of a candidate's traffic (0: off)")
	)
	fs.Var(&cands, "key", "candidate key: field path (customer.id) or composite (tenant_id+region); repeat per candidate")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: kafkalint keys [flags] [--input] FILE\n\nShows how candidate partition keys spread over a topic's partitions under each producer library's exact partitioner, and which to pick.\n\nflags:\n")
		fs.PrintDefaults()
	}
	pos, code, done := parseFlags(fs, args)
	if done {
		return code
	}
	usage := usageError(stderr, "keys")
	switch {
	case *input == "" && len(pos) == 1:
		*input = pos[0]
	case *input == "" && len(pos) == 0:
		return usage("no input: give --input FILE, or - for standard input")
	case len(pos) > 0:
		return usage("unexpected arguments %q", pos)
	}
	opts := []keys.Option{keys.Candidates(cands...), keys.WeightField(*weight), keys.MaxBad(*maxBad),
		keys.KeySeparator(*sep), keys.TopKeys(*top), keys.Consumers(*consumers)}
	var ns []int
	for _, s := range strings.Split(*partitions, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return usage("--partitions: %q is not a positive integer", s)
		}
		ns = append(ns, n)
	}
	opts = append(opts, keys.Partitions(ns...))
	p, err := keys.LookupPartitioner(*partitioner)
	if err != nil {
		return usage("--partitioner: %v", err)
	}
	opts = append(opts, keys.UsePartitioner(p))
	if *compare != "" {
		names := strings.Split(*compare, ",")
		if len(names) != 2 {
			return usage("--compare takes exactly two partitioners a,b, got %d in %q", len(names), *compare)
		}
		var ps [2]*keys.Partitioner
		for i, n := range names {
			if ps[i], err = keys.LookupPartitioner(strings.TrimSpace(n)); err != nil {
				return usage("--compare: %v", err)
			}
		}
		opts = append(opts, keys.Compare(ps[0], ps[1]))
	}
	var f keys.Format
	if err := f.UnmarshalText([]byte(*inFormat)); err != nil {
		return usage("--input-format: %v", err)
	}
	opts = append(opts, keys.InputFormat(f))
	if *format != "text" && *format != "json" {
		return usage("--format: unknown format %q (want text or json)", *format)
	}
	useColor, err := colorMode(*colorArg, env)
	if err != nil {
		return usage("--color: %v", err)
	}

	r := stdin
	name := "<stdin>"
	if *input != "-" {
		fh, err := os.Open(*input)
		if err != nil {
			return usage("%v", err)
		}
		defer fh.Close()
		if st, err := fh.Stat(); err == nil && st.IsDir() {
			return usage("%s: is a directory", *input)
		}
		r, name = fh, *input
	}
	res, err := keys.Analyze(ctx, r, name, opts...)
	if err != nil {
		return usage("%v", err)
	}
	ro := report.KeysOptions{Color: useColor, ToolVersion: version}
	if *format == "json" {
		err = report.KeysJSON(stdout, res, ro)
	} else {
		err = report.KeysText(stdout, res, ro)
	}
	if err != nil {
		return usage("write report: %v", err)
	}
	if *htmlOut != "" {
		if err := writeKeysHTML(*htmlOut, res, ro); err != nil {
			return usage("%v", err)
		}
	}
	code = exitClean
	for _, c := range res.Candidates {
		l := c.Layouts[0]
		if *failSkew > 0 && l.MaxMean > *failSkew {
			fmt.Fprintf(stderr, "kafkalint keys: %s: max/mean %.2f on %d partitions exceeds --fail-on-skew %g\n", c.Name, l.MaxMean, l.Partitions, *failSkew)
			code = exitFindings
		}
		if *maxKeyShare > 0 && len(c.TopKeys) > 0 && c.TopKeys[0].Share > *maxKeyShare {
			fmt.Fprintf(stderr, "kafkalint keys: %s: key %q carries %.1f%% of traffic, above --max-key-share %g\n", c.Name, c.TopKeys[0].Key, 100*c.TopKeys[0].Share, *maxKeyShare)
			code = exitFindings
		}
	}
	return code
}

func writeKeysHTML(path string, res *keys.Result, ro report.KeysOptions) error {
	ro.Color = false
	fh, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := report.KeysHTML(fh, res, ro); err != nil {
		fh.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return fh.Close()
}

func partitionerNames() string {
	var s []string
	for _, p := range keys.Partitioners() {
		s = append(s, p.Name)
	}
	return strings.Join(s, ", ")
}
