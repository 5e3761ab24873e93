package jobs

import (
	"context"
	"fmt"
	"time"

	"example.com/turret-sample/internal/redis"
)

// memoryQueueCapacity bounds the jobs an in-memory backend holds before Push fails.
const memoryQueueCapacity = 1024

// redisOpenWait is how long Open waits for Redis to answer, so that a service started
// just before Redis is ready still comes up.
const redisOpenWait = 10 * time.Second

// Open returns the backend at the Redis master redisMaster (host:port), once it answers
// PING, or, when redisMaster is empty, an in-memory backend private to this process.
func Open(redisMaster string) (Backend, error) {
	if redisMaster == "" {
		return NewMemory(memoryQueueCapacity), nil
	}
	r, err := openRedis(redisMaster, redisOpenWait)
	if err != nil {
		return nil, err // not r: a nil *Redis would make a non-nil Backend
	}
	return r, nil
}

// openRedis pings the server at addr until it answers or wait has passed.
func openRedis(addr string, wait time.Duration) (*Redis, error) {
	const retryEvery = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	client := redis.NewClient(addr)
	var lastErr error
	for {
		err := client.Ping(ctx)
		if err == nil {
			return NewRedis(client), nil
		}
		if lastErr == nil || ctx.Err() == nil {
			lastErr = err // rather than the deadline's error, when there was another one
		}
		select {
		case <-ctx.Done():
			client.Close()
			return nil, fmt.Errorf("jobs: no answer to PING from REDIS_MASTER=%s within %v: %w", addr, wait, lastErr)
		case <-time.After(retryEvery):
		}
	}
}
