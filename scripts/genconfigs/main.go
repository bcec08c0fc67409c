// Command genconfigs writes N generated Kafka client configuration files
// (25 keys each, fixed seed) under DIR, for scripts/bench-lint.sh.
//
// Usage: go run ./scripts/genconfigs DIR [N]
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/kafkalint/kafkalint/internal/benchgen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: genconfigs DIR [N]")
		os.Exit(2)
	}
	n := 10000
	if len(os.Args) > 2 {
		var err error
		if n, err = strconv.Atoi(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "genconfigs:", err)
			os.Exit(2)
		}
	}
	if err := benchgen.WriteCorpus(os.Args[1], n); err != nil {
		fmt.Fprintln(os.Stderr, "genconfigs:", err)
		os.Exit(1)
	}
}
