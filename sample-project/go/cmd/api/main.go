// Command api accepts jobs over HTTP, queues them for the workers and serves their results.
//
// Environment:
//   - LISTEN_ADDR: where to listen (default ":8080").
//   - REDIS_MASTER: the host:port of the Redis that holds the queue shared with the workers
//     and their results. When it is not set and ETCD_ENDPOINTS is, the address is read from
//     etcd's /turret-sample/services/redis, waiting up to 15 seconds for it to be there.
//     With neither, the queue is in memory and no worker sees it. At start the api waits up
//     to 10 seconds for that Redis to answer PING, and exits with an error if it does not;
//     once running, a request Redis cannot serve is answered 500.
//   - ETCD_ENDPOINTS: etcd's comma-separated base URLs, e.g. http://etcd:2379. When set,
//     the api registers ADVERTISE_ADDR under /turret-sample/services/api once it listens
//     and before it serves, so that answering GET /healthz means being registered; it
//     exits with an error if etcd does not take it within 15 seconds.
//   - ADVERTISE_ADDR: the host:port where others reach this api (default: the hostname and
//     the port it listens on).
//   - ENVIRONMENT and DEPLOY_SUFFIX (both default "dev"): reported by GET /version.
//
// It logs where each address came from.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"example.com/turret-sample/internal/api"
	"example.com/turret-sample/internal/discovery"
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
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()

	redisMaster, from, err := discovery.Resolve(ctx, "REDIS_MASTER", discovery.RedisKey)
	if err != nil {
		return err
	}
	if redisMaster == "" {
		log.Printf("neither REDIS_MASTER nor %s is set: the queue is in memory, no worker sees it", discovery.EndpointsEnv)
	} else {
		log.Printf("redis at %s (from %s)", redisMaster, from)
	}
	backend, err := jobs.Open(redisMaster)
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
	defer ln.Close() // when registering fails; Serve has closed it otherwise
	deployment := api.Deployment{Environment: envOr("ENVIRONMENT", "dev"), Suffix: envOr("DEPLOY_SUFFIX", "dev")}
	log.Printf("environment %s, deploy suffix %s", deployment.Environment, deployment.Suffix)
	srv := &http.Server{
		Handler:           api.NewHandler(backend, deployment),
		ReadHeaderTimeout: 5 * time.Second,
	}

	if discovery.Enabled() {
		if err := register(ctx, ln.Addr()); err != nil {
			return err
		}
	}
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

// register puts the address where others reach the api, ADVERTISE_ADDR or else the
// hostname and the port of listening, into etcd.
func register(ctx context.Context, listening net.Addr) error {
	addr, from := os.Getenv("ADVERTISE_ADDR"), "ADVERTISE_ADDR"
	if addr == "" {
		hostname, err := os.Hostname()
		if err != nil {
			return fmt.Errorf("ADVERTISE_ADDR is not set and the hostname is unknown: %w", err)
		}
		addr, from = net.JoinHostPort(hostname, strconv.Itoa(listening.(*net.TCPAddr).Port)), "hostname and listening port"
	}
	if err := discovery.Register(ctx, discovery.APIKey, addr); err != nil {
		return err
	}
	log.Printf("registered as %s (from %s) in etcd %s", addr, from, discovery.APIKey)
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
