// Command gencatalog builds kafkalint's key catalog (../../catalog_gen.go).
//
// It works in two stages so that builds and CI need neither network nor a
// Kafka checkout:
//
//	gencatalog -extract -kafka-git DIR[,DIR...]
//		reads ConfigDef definitions from each release's Java sources in the
//		given bare git directories of apache/kafka (or a mirror with the same
//		commits) and writes internal/gencatalog/data/<version>.json;
//	gencatalog
//		(what `go generate ./analyzer/catalog` runs) renders those JSON
//		files into catalog_gen.go;
//	gencatalog -check
//		renders into memory and fails if catalog_gen.go differs.
//
// Paths are relative to the catalog package directory, where go generate
// runs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/catalog/internal/facts"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	extract := fs.Bool("extract", false, "read apache/kafka sources and rewrite the JSON facts")
	gitDirs := fs.String("kafka-git", "", "comma-separated bare git directories of apache/kafka (with -extract)")
	only := fs.String("versions", "", "comma-separated versions to extract (default all)")
	data := fs.String("data", filepath.Join("internal", "gencatalog", "data"), "directory of the JSON facts")
	out := fs.String("out", "catalog_gen.go", "generated Go file")
	check := fs.Bool("check", false, "fail if -out is not what the facts render to")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *extract {
		if *gitDirs == "" {
			fmt.Fprintln(os.Stderr, "gencatalog: -extract needs -kafka-git")
			return 2
		}
		if err := extractAll(strings.Split(*gitDirs, ","), *only, *data); err != nil {
			fmt.Fprintln(os.Stderr, "gencatalog:", err)
			return 1
		}
	}
	files, err := facts.Load(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		return 1
	}
	src, err := facts.Render(files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		return 1
	}
	if *check {
		old, err := os.ReadFile(*out)
		if err != nil || !bytes.Equal(old, src) {
			fmt.Fprintf(os.Stderr, "gencatalog: %s is stale; run: go generate ./analyzer/catalog\n", *out)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		return 1
	}
	return 0
}

func extractAll(gitDirs []string, only, data string) error {
	warn := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "gencatalog: "+format+"\n", args...) }
	for _, rel := range releases {
		if only != "" && !contains(strings.Split(only, ","), rel.version) {
			continue
		}
		r, err := openRepo(gitDirs, rel.commit)
		if err != nil {
			return fmt.Errorf("%s: %w", rel.version, err)
		}
		f, err := extractVersion(r, rel, warn)
		if err != nil {
			return fmt.Errorf("%s: %w", rel.version, err)
		}
		b, err := facts.Marshal(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(data, rel.version+".json"), b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "gencatalog: %s: %d keys\n", rel.version, len(f.Keys))
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
