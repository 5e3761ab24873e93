// Command worker takes jobs from the shared queue, processes them and records their results.
//
// The queue is the Redis master at REDIS_MASTER (host:port). At start the worker waits up
// to 10 seconds for it to answer PING, and exits with an error naming REDIS_MASTER if it
// does not; it also exits with an error when Redis fails later. On SIGTERM or SIGINT it
// finishes the job in hand and stops within about a second.
//
// Without REDIS_MASTER the worker has no shared queue: it says so and idles until
// SIGTERM or SIGINT.
package main

import (
	"context"
	"io"
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
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
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
