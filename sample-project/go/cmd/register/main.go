// Command register puts one key into etcd, for a service that has no etcd client of its
// own, such as Redis, whose image runs it beside redis-server:
//
//	register /turret-sample/services/redis "$(hostname):6379"
//
// etcd is named by ETCD_ENDPOINTS (comma-separated base URLs, e.g. http://etcd:2379).
// register retries for up to 15 seconds while etcd does not answer, and exits 0 once the
// key is set, 1 if it could not be set, and 2 on wrong usage.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"example.com/turret-sample/internal/discovery"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] == "" {
		fmt.Fprintln(stderr, "usage: register KEY VALUE (etcd from ETCD_ENDPOINTS, e.g. http://etcd:2379)")
		return 2
	}
	key, value := args[0], args[1]
	if err := discovery.Register(ctx, key, value); err != nil {
		fmt.Fprintf(stderr, "register: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "register: %s=%s\n", key, value)
	return 0
}
