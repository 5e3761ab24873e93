// Command api accepts jobs over HTTP, queues them for the workers and serves their results.
//
// Environment: LISTEN_ADDR (default ":8080"), DEPLOY_SUFFIX (default "dev"), and
// REDIS_MASTER, the host:port of the Redis that holds the queue shared with the workers and
// their results. At start the api waits up to 10 seconds for that Redis to answer PING, and
// exits with an error naming REDIS_MASTER if it does not; once running, a request Redis
// cannot serve is answered 500. Without REDIS_MASTER the queue is in memory and no worker
// sees it.
package main

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/turret-sample/internal/api"
	"example.com/turret-sample/internal/jobs"
)

const shutdownTimeout = 10 * time.Second

func main() {
	log.SetPrefix("api: ")
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	backend, err := jobs.Open(os.Getenv("REDIS_MASTER"))
	if err != nil {
		return err
	}
	if c, ok := backend.(io.Closer); ok {
		defer c.Close()
	}
	ln, err := net.Listen("tcp", envOr("LISTEN_ADDR", ":8080"))
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api.NewHandler(backend, envOr("DEPLOY_SUFFIX", "dev")),
		ReadHeaderTimeout: 5 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Printf("listening on %s", ln.Addr())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	log.Print("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
