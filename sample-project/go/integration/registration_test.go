//go:build integration

package integration

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"example.com/turret-sample/internal/discovery"
)

// TestEveryServiceRegistered checks, when the system is wired through etcd, that each
// service put its address there: api, front end and Redis a host:port, each worker its
// hostname under its own key.
func TestEveryServiceRegistered(t *testing.T) {
	endpoints := discovery.Endpoints()
	if len(endpoints) == 0 {
		t.Skipf("%s is not set: the system is wired by environment variables, not etcd", discovery.EndpointsEnv)
	}
	etcd := discovery.NewClient(endpoints)
	ctx := context.Background()

	for _, key := range []string{discovery.APIKey, discovery.FrontendKey, discovery.RedisKey} {
		// Await, not Get: a service registers once it is up, which may be a moment after
		// it looked ready to the runner.
		addr, err := etcd.Await(ctx, key)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if host, port, err := net.SplitHostPort(addr); err != nil || host == "" || port == "" {
			t.Errorf("%s = %q, want a host:port", key, addr)
		}
	}

	workers := awaitWorkers(ctx, t, etcd)
	if len(workers) == 0 {
		t.Errorf("no worker registered under %s within %v", discovery.WorkersPrefix, discovery.Wait)
	}
	for key, hostname := range workers {
		if want := strings.TrimPrefix(key, discovery.WorkersPrefix); hostname != want {
			t.Errorf("%s = %q, want the worker's hostname %q", key, hostname, want)
		}
	}
}

// awaitWorkers lists the registered workers until there is one or discovery.Wait has passed.
func awaitWorkers(ctx context.Context, t *testing.T, etcd *discovery.Client) map[string]string {
	t.Helper()
	deadline := time.Now().Add(discovery.Wait)
	for {
		workers, err := etcd.List(ctx, discovery.WorkersPrefix)
		if err != nil {
			t.Fatalf("list %s: %v", discovery.WorkersPrefix, err)
		}
		if len(workers) > 0 || time.Now().After(deadline) {
			return workers
		}
		time.Sleep(200 * time.Millisecond)
	}
}
