// Package discovery finds the sample's services as production does: a service takes the
// address of what it needs from an environment variable when one is set, and otherwise
// from etcd, where every service registers its own address once it is up.
//
// etcd is named by ETCD_ENDPOINTS (comma-separated base URLs, e.g. http://etcd:2379) and
// spoken to through its JSON gateway; see Client.
package discovery

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"
)

// EndpointsEnv names the environment variable that lists the etcd endpoints.
const EndpointsEnv = "ETCD_ENDPOINTS"

// The keys under which the services register.
const (
	RedisKey    = "/turret-sample/services/redis"    // host:port of the Redis master
	APIKey      = "/turret-sample/services/api"      // host:port of the api
	FrontendKey = "/turret-sample/services/frontend" // host:port of the front end
	// WorkersPrefix is followed by each worker's hostname, and holds that hostname.
	WorkersPrefix = "/turret-sample/services/worker/"
)

// WorkerKey returns the key under which the worker on hostname registers.
func WorkerKey(hostname string) string { return WorkersPrefix + hostname }

// Wait is how long Resolve, Register and Client.Await keep trying. Services start in any
// order: one may come up before etcd does, or before what it needs has registered.
const Wait = 15 * time.Second

// retryEvery is the pause between two tries; a variable so that tests can shorten it.
var retryEvery = 500 * time.Millisecond

// Enabled reports whether ETCD_ENDPOINTS names etcd.
func Enabled() bool { return len(Endpoints()) > 0 }

// Resolve returns the value of the environment variable envName when it is set, and
// otherwise, when ETCD_ENDPOINTS is set, the value of key in etcd, waiting up to Wait for
// etcd to answer and for key to be registered. from says where the value came from, for
// the logs: envName, or "etcd " + key. With neither set it returns "" and no error, and
// the caller decides what that means.
func Resolve(ctx context.Context, envName, key string) (value, from string, err error) {
	if v := os.Getenv(envName); v != "" {
		return v, envName, nil
	}
	endpoints := Endpoints()
	if len(endpoints) == 0 {
		return "", "", nil
	}
	start := time.Now()
	value, err = NewClient(endpoints).Await(ctx, key)
	if err != nil {
		return "", "", fmt.Errorf("discovery: %s is not set, and %s could not be read from etcd (%s=%s) after %v: %w",
			envName, key, EndpointsEnv, strings.Join(endpoints, ","), time.Since(start).Round(100*time.Millisecond), err)
	}
	return value, "etcd " + key, nil
}

// Register sets key to value in the etcd named by ETCD_ENDPOINTS, trying for up to Wait
// while etcd does not answer.
func Register(ctx context.Context, key, value string) error {
	endpoints := Endpoints()
	if len(endpoints) == 0 {
		return fmt.Errorf("discovery: cannot register %s: %s is not set", key, EndpointsEnv)
	}
	c := NewClient(endpoints)
	start := time.Now()
	if err := retry(ctx, func(ctx context.Context) error { return c.Put(ctx, key, value) }); err != nil {
		return fmt.Errorf("discovery: could not register %s=%s in etcd (%s=%s) after %v: %w",
			key, value, EndpointsEnv, strings.Join(endpoints, ","), time.Since(start).Round(100*time.Millisecond), err)
	}
	return nil
}

// Await returns the value of key, trying again while etcd does not answer or does not hold
// key yet, for up to Wait or until ctx is done.
func (c *Client) Await(ctx context.Context, key string) (string, error) {
	var value string
	err := retry(ctx, func(ctx context.Context) (err error) {
		value, err = c.Get(ctx, key)
		return err
	})
	return value, err
}

// retry calls try until it succeeds, for up to Wait or until ctx is done, and then returns
// its last error.
func retry(ctx context.Context, try func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, Wait)
	defer cancel()
	var lastErr error
	for {
		err := try(ctx)
		if err == nil {
			return nil
		}
		if lastErr == nil || ctx.Err() == nil {
			lastErr = err // rather than the deadline's error, when there was another one
		}
		select {
		case <-ctx.Done():
			return lastErr
		case <-time.After(retryEvery):
		}
	}
}
