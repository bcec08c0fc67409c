package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/kafkalint/kafkalint/analyzer/catalog"
	"github.com/kafkalint/kafkalint/analyzer/settings"
)

func starterSettings() string {
	return `# kafkalint settings (https://github.com/kafkalint/kafkalint#configuration).
# kafkalint finds this file by walking up from each linted file to the
# repository root; --config names one explicitly.

# Kafka client version the rules judge against (defaults and removed keys
# differ between versions). Default: the newest kafkalint knows.
client-version = "` + catalog.Newest().String() + `"

# Exit 1 when a finding is at least this severe: error, warning or info.
fail-on = "warning"

# File name patterns picked up when a directory is linted.
include = ["*.properties"]

# Rules to turn off everywhere, by ID or name.
disable = []

# Severity overrides, by rule ID or name.
[severity]
# KL302 = "warning"

# Broker settings the rules assume (defaults: Apache Kafka's).
[broker]
# group-min-session-timeout-ms = 6000
# group-max-session-timeout-ms = 1800000
# transaction-max-timeout-ms = 900000

# Per-file settings; globs are relative to this file's directory, ** spans
# directories, and later sections win.
# [[files]]
# glob = "services/orders/**/*.properties"
# role = "consumer"                # consumer, producer, admin, streams, connect-worker, connector (join with +)
# client-version = "3.7"
# processing-time = "750ms"        # worst-case time to process one record (KL101)
# batch-processing-time = "2m"     # or: worst-case time to process one poll() batch
# disable = ["KL106"]
`
}

func runInit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		fmt.Fprintln(stdout, "Usage: kafkalint init [--force]   (writes a commented .kafkalint.toml in the current directory)")
		return exitClean
	}
	force := len(args) == 1 && args[0] == "--force"
	if len(args) > 0 && !force {
		fmt.Fprintln(stderr, "Usage: kafkalint init [--force]   (writes .kafkalint.toml in the current directory)")
		return exitError
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(settings.FileName, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "kafkalint init: %s already exists (use --force to overwrite)\n", settings.FileName)
		return exitError
	}
	if err != nil {
		fmt.Fprintf(stderr, "kafkalint init: %v\n", err)
		return exitError
	}
	defer f.Close()
	if _, err := io.WriteString(f, starterSettings()); err != nil {
		fmt.Fprintf(stderr, "kafkalint init: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "wrote %s\n", settings.FileName)
	return exitClean
}
