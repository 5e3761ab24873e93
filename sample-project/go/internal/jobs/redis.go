package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"example.com/turret-sample/internal/redis"
)

// The keys the backend keeps in Redis. Jobs and results are stored as JSON.
const (
	keyPrefix  = "turret-sample:"
	queueKey   = keyPrefix + "queue"   // list: LPUSH in, BRPOP out, so oldest first
	recentKey  = keyPrefix + "recent"  // list, newest first, capped at RecentLimit
	resultsKey = keyPrefix + "results" // hash: job id -> result
)

// popWait is how long one BRPOP waits before Pop checks its context again.
const popWait = time.Second

// Redis is a Backend in a Redis server, shared by every api and worker that opens it.
// Unlike Memory, its queue has no capacity: Push never returns ErrQueueFull.
type Redis struct {
	client *redis.Client
}

var _ Backend = (*Redis)(nil)

// NewRedis returns a backend on client. It does not check that the server answers.
func NewRedis(client *redis.Client) *Redis {
	return &Redis{client: client}
}

// Close closes the backend's connections.
func (r *Redis) Close() error { return r.client.Close() }

func (r *Redis) Push(ctx context.Context, j Job) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	// One transaction, so the job is never queued without being listed, or the reverse.
	_, err = r.client.Exec(ctx,
		[]string{"LPUSH", queueKey, string(data)},
		[]string{"LPUSH", recentKey, string(data)},
		[]string{"LTRIM", recentKey, "0", strconv.Itoa(RecentLimit - 1)},
	)
	if err != nil {
		return fmt.Errorf("queue job %s in Redis: %w", j.ID, err)
	}
	return nil
}

// Pop waits for a job with BRPOPs of popWait each, checking ctx between them, rather than
// letting ctx interrupt a BRPOP: Redis may have removed a job for a BRPOP whose reply is
// still on its way, and a reply thrown away would be a job lost. So Pop returns up to
// popWait after ctx is done.
func (r *Redis) Pop(ctx context.Context) (Job, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Job{}, err
		}
		_, data, err := r.client.BRPop(context.Background(), popWait, queueKey)
		if errors.Is(err, redis.ErrNil) {
			continue
		}
		if err != nil {
			return Job{}, fmt.Errorf("BRPOP %s: %w", queueKey, err)
		}
		var j Job
		if err := json.Unmarshal([]byte(data), &j); err != nil {
			return Job{}, fmt.Errorf("BRPOP %s: decode %q: %w", queueKey, data, err)
		}
		return j, nil
	}
}

func (r *Redis) Recent(ctx context.Context, n int) ([]Job, error) {
	if n <= 0 {
		return []Job{}, nil // LRANGE 0 -1 would be the whole list
	}
	list, err := redis.Strings(r.client.Do(ctx, "LRANGE", recentKey, "0", strconv.Itoa(n-1)))
	if err != nil {
		return nil, fmt.Errorf("LRANGE %s: %w", recentKey, err)
	}
	recent := make([]Job, len(list))
	for i, data := range list {
		if err := json.Unmarshal([]byte(data), &recent[i]); err != nil {
			return nil, fmt.Errorf("LRANGE %s: decode %q: %w", recentKey, data, err)
		}
	}
	return recent, nil
}

func (r *Redis) Record(ctx context.Context, res Result) error {
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if _, err := r.client.Do(ctx, "HSET", resultsKey, res.JobID, string(data)); err != nil {
		return fmt.Errorf("HSET %s %s: %w", resultsKey, res.JobID, err)
	}
	return nil
}

func (r *Redis) Lookup(ctx context.Context, id string) (Result, error) {
	data, err := redis.String(r.client.Do(ctx, "HGET", resultsKey, id))
	if errors.Is(err, redis.ErrNil) {
		return Result{}, ErrNotFound
	}
	if err != nil {
		return Result{}, fmt.Errorf("HGET %s %s: %w", resultsKey, id, err)
	}
	var res Result
	if err := json.Unmarshal([]byte(data), &res); err != nil {
		return Result{}, fmt.Errorf("HGET %s %s: decode %q: %w", resultsKey, id, data, err)
	}
	return res, nil
}
