// Command worker takes jobs from the shared queue, processes them and records their results.
//
// The queue is the Redis master at REDIS_MASTER (host:port), or, when that is not set and
// ETCD_ENDPOINTS (etcd's comma-separated base URLs, e.g. http://etcd:2379) is, at the
// address in etcd's /turret-sample/services/redis, for which the worker waits up to 15
// seconds. At start the worker waits up to 10 seconds for Redis to answer PING, and exits
// with an error if it does not; it also exits with an error when Redis fails later. On
// SIGTERM or SIGINT it finishes the job in hand and stops within about a second.
//
// When ETCD_ENDPOINTS is set, the worker registers its hostname under
// /turret-sample/services/worker/HOSTNAME before it logs "taking jobs from ADDRESS", and
// exits with an error if etcd does not take it within 15 seconds.
//
// Without REDIS_MASTER and ETCD_ENDPOINTS the worker has no shared queue: it says so and
// idles until SIGTERM or SIGINT.
//
// It logs ENVIRONMENT and DEPLOY_SUFFIX (both default "dev"), and where Redis's address came
// from.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"example.com/turret-sample/internal/discovery"
	"example.com/turret-sample/internal/jobs"
)

func main() {
	logger := log.New(os.Stderr, "worker: ", log.LstdFlags)
	if err := run(logger); err != nil {
		logger.Fatal(err)
	}
	logger.Print("stopped")
}

func run(logger *log.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	logger.Printf("environment %s, deploy suffix %s", envOr("ENVIRONMENT", "dev"), envOr("DEPLOY_SUFFIX", "dev"))

	redisMaster, from, err := discovery.Resolve(ctx, "REDIS_MASTER", discovery.RedisKey)
	if err != nil {
		return err
	}
	backend, err := jobs.Open(redisMaster)
	if err != nil {
		return err
	}
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
	}
	if discovery.Enabled() {
		hostname, err := os.Hostname()
		if err != nil {
			return fmt.Errorf("the hostname to register under is unknown: %w", err)
		}
		if err := discovery.Register(ctx, discovery.WorkerKey(hostname), hostname); err != nil {
			return err
		}
		logger.Printf("registered in etcd %s", discovery.WorkerKey(hostname))
	}
	if redisMaster == "" {
		// Draining a private in-memory queue that nothing feeds is how this waits for a signal.
		logger.Printf("neither REDIS_MASTER nor %s is set: no shared queue, waiting for a signal", discovery.EndpointsEnv)
	} else {
		// Tests wait for this line as the sign that the worker is ready.
		logger.Printf("taking jobs from %s (from %s)", redisMaster, from)
	}
	return jobs.Drain(ctx, backend, backend, logger)
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
