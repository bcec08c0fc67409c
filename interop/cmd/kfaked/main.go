// Command kfaked runs a one-broker franz-go kfake cluster on 127.0.0.1 for
// interop scripts. It prints "READY host:port" once the port accepts and
// stops on SIGINT or SIGTERM.
//
//	kfaked -port 0 -topics p1:1,p12:12
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/twmb/franz-go/pkg/kfake"
)

func main() {
	port := flag.Int("port", 0, "port to listen on (0 picks a free one)")
	topics := flag.String("topics", "", "comma-separated name:partitions topics to create")
	flag.Parse()
	opts := []kfake.Opt{kfake.NumBrokers(1), kfake.Ports(*port)}
	for _, spec := range strings.Split(*topics, ",") {
		if spec == "" {
			continue
		}
		name, n, ok := strings.Cut(spec, ":")
		parts, err := strconv.Atoi(n)
		if !ok || err != nil || parts < 1 {
			fmt.Fprintf(os.Stderr, "kfaked: bad topic %q, want name:partitions\n", spec)
			os.Exit(2)
		}
		opts = append(opts, kfake.SeedTopics(int32(parts), name))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kfaked:", err)
		os.Exit(1)
	}
	defer c.Close()
	fmt.Println("READY", c.ListenAddrs()[0])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
}
