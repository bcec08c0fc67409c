package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `kafkalint: catch the Kafka client settings that hide messages

Usage:
  kafkalint lint [flags] [path ...]   lint Kafka client configs (default path: .)
  kafkalint keys [flags] FILE         compare partition-key candidates on a sample (- for stdin)
  kafkalint rules                     list the rules
  kafkalint explain RULE              explain a rule (ID or name)
  kafkalint init                      write a commented .kafkalint.toml
  kafkalint version                   print the version

Run 'kafkalint COMMAND -h' for a command's flags.
Exit codes: 0 clean, 1 findings at or above --fail-on (lint) or a violated gate (keys), 2 usage or input error.
`

// run is the whole command: main only adds the process around it, so tests
// call run directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError
	}
	wd, _ := os.Getwd() // "" only if the directory is gone; paths then stay as given
	env := environ{getenv: os.Getenv, isTerminal: isTerminal(stdout), wd: wd}
	switch args[0] {
	case "lint":
		return runLint(ctx, args[1:], env, stdout, stderr)
	case "keys":
		return runKeys(ctx, args[1:], env, stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "explain":
		return runExplain(args[1:], stdout, stderr)
	case "init":
		return runInit(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "kafkalint %s\n", version)
		return exitClean
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitClean
	default:
		fmt.Fprintf(stderr, "kafkalint: unknown command %q\n\n%s", args[0], usage)
		return exitError
	}
}

// parseInterspersed parses flags wherever they stand among the arguments
// (`kafkalint lint a.properties --fail-on error`), as the flag package
// alone does not; "--" ends the flags. It returns the positional
// arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseFlags parses a subcommand's arguments with parseInterspersed. It
// returns the positional arguments, or done with the exit code when
// parsing ends the command: -h (0) or a bad flag (2, already reported by
// fs on its output).
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, done bool) {
	pos, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return nil, exitClean, true
	case err != nil:
		return nil, exitError, true
	}
	return pos, 0, false
}

// usageError returns a function that reports a usage error of subcommand
// cmd on stderr and returns exitError.
func usageError(stderr io.Writer, cmd string) func(format string, a ...any) int {
	return func(format string, a ...any) int {
		fmt.Fprintf(stderr, "kafkalint "+cmd+": "+format+"\n", a...)
		return exitError
	}
}

// environ is what the command reads from its surroundings, injected so
// tests can set it.
type environ struct {
	getenv     func(string) string
	isTerminal bool
	// wd is the absolute current directory: SARIF's %SRCROOT% and the
	// directory baseline paths are relative to.
	wd string
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
