// Command keyvec feeds the interop corpus to other clients and checks what
// they placed against kafkalint.
//
//	keyvec hex                   # one hex-encoded key per line, in corpus order
//	keyvec kcat-input            # kcat -P input: value = key index, key = bytes
//	keyvec check -p NAME -lib L  # reads "N index partition" lines on stdin
//
// check exits 1 on any disagreement, and prints one summary line.
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/kafkalint/kafkalint/analyzer/keys"
	"github.com/kafkalint/kafkalint/interop/corpus"
)

// Delimiters for kcat -K and -D: long enough that no corpus key contains
// them (kcat-input checks this and fails otherwise).
const (
	KeyDelim = "<%KEY%>"
	MsgDelim = "<%END%>"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: keyvec hex | kcat-input | check -p NAME -lib LABEL")
		os.Exit(2)
	}
	ks := corpus.Keys()
	w := bufio.NewWriter(os.Stdout)
	switch os.Args[1] {
	case "hex":
		for _, k := range ks {
			fmt.Fprintln(w, hex.EncodeToString(k))
		}
	case "counts":
		for _, n := range corpus.Counts {
			fmt.Fprintln(w, n)
		}
	case "kcat-input":
		for i, k := range ks {
			if bytes.Contains(k, []byte(KeyDelim)) || bytes.Contains(k, []byte(MsgDelim)) {
				fmt.Fprintf(os.Stderr, "keyvec: key %d contains a delimiter\n", i)
				os.Exit(1)
			}
			fmt.Fprintf(w, "%s%s%d%s", k, KeyDelim, i, MsgDelim)
		}
	case "check":
		fs := flag.NewFlagSet("check", flag.ExitOnError)
		name := fs.String("p", "java", "kafkalint partitioner")
		lib := fs.String("lib", "", "label of the library that produced the input")
		_ = fs.Parse(os.Args[2:]) // flag.ExitOnError: Parse exits instead of returning an error
		w.Flush()
		os.Exit(check(ks, *name, *lib))
	default:
		fmt.Fprintf(os.Stderr, "keyvec: unknown mode %q\n", os.Args[1])
		os.Exit(2)
	}
	// A bufio.Writer keeps its first write error; report it here rather than
	// leave a truncated vector for the next stage.
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "keyvec:", err)
		os.Exit(1)
	}
}

// check reads "N index partition" lines. A line for an empty key that the
// partitioner spreads is skipped (the library picked a random partition).
func check(ks [][]byte, name, lib string) int {
	p, err := keys.LookupPartitioner(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "keyvec:", err)
		return 2
	}
	seen := map[[2]int]bool{}
	agree, bad, skipped := 0, 0, 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			continue
		}
		n, e1 := strconv.Atoi(f[0])
		i, e2 := strconv.Atoi(f[1])
		got, e3 := strconv.Atoi(f[2])
		if e1 != nil || e2 != nil || e3 != nil || i < 0 || i >= len(ks) || n < 1 {
			fmt.Fprintf(os.Stderr, "keyvec: bad line %q\n", sc.Text())
			return 2
		}
		seen[[2]int{n, i}] = true
		k := ks[i]
		if len(k) == 0 && !p.EmptyKeyHashed {
			skipped++
			continue
		}
		if want := p.Partition(k, n); got != want {
			bad++
			if bad <= 5 {
				fmt.Fprintf(os.Stderr, "%s: key #%d %q N=%d: library %d, kafkalint %s %d\n", lib, i, k, n, got, name, want)
			}
			continue
		}
		agree++
	}
	missing := len(ks)*len(corpus.Counts) - len(seen)
	fmt.Printf("interop: %-32s %d keys x %d partition counts: %d agree, %d disagree, %d missing, %d empty-key spread\n",
		lib, len(ks), len(corpus.Counts), agree, bad, missing, skipped)
	if bad > 0 || missing > 0 {
		return 1
	}
	return 0
}
