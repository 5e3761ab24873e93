// Command worker takes jobs from the shared queue, processes them and records their results.
//
// The queue is the Redis master named by REDIS_MASTER. Without it the worker has no
// shared queue: it says so and idles until SIGTERM or SIGINT.
package main

import (
	"context"
	"log"
	"os"
	"os/signal"
	"syscall"

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
	redisMaster := os.Getenv("REDIS_MASTER")
	backend, err := jobs.Open(redisMaster)
	if err != nil {
		return err
	}
	if redisMaster == "" {
		// Draining a private in-memory queue that nothing feeds is how this waits for a signal.
		logger.Print("REDIS_MASTER is not set: no shared queue, waiting for a signal")
	} else {
		logger.Printf("taking jobs from %s", redisMaster)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	return jobs.Drain(ctx, backend, backend, logger)
}
