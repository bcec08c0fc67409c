// Command keygen writes n keys, one per line, cycling through d distinct
// keys in a scattered order, for memory and throughput measurements of
// kafkalint keys fed through a pipe.
//
//	keygen -n 100000000 -d 10000000 | kafkalint keys -
package main

import (
	"bufio"
	"flag"
	"os"
	"strconv"
)

func main() {
	n := flag.Int64("n", 1e6, "records")
	d := flag.Int64("d", 1e5, "distinct keys")
	jsonl := flag.Bool("jsonl", false, "write JSON Lines records with the key in customer.id")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	var buf []byte
	const prime = 2654435761
	for i := int64(0); i < *n; i++ {
		id := (i * prime) % *d
		buf = buf[:0]
		if *jsonl {
			buf = append(buf, `{"event":`...)
			buf = strconv.AppendInt(buf, i, 10)
			buf = append(buf, `,"customer":{"id":"customer-`...)
			buf = strconv.AppendInt(buf, id, 10)
			buf = append(buf, `"},"amount":12.5}`...)
		} else {
			buf = append(buf, "key-"...)
			buf = strconv.AppendInt(buf, id, 10)
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			os.Exit(1)
		}
	}
}
