package jobs

import (
	"context"
	"errors"
)

var (
	ErrQueueFull = errors.New("job queue is full")
	ErrNotFound  = errors.New("no result recorded for this job")
)

// Queue carries jobs from the api to the workers, oldest first.
// It maps onto a Redis list: Push is LPUSH, Pop is BRPOP.
type Queue interface {
	// Push enqueues j and remembers it among the recent submissions
	// (in Redis, a second list capped with LTRIM).
	Push(ctx context.Context, j Job) error
	// Pop blocks until a job is available or ctx is done.
	Pop(ctx context.Context) (Job, error)
	// Recent returns up to n of the last submitted jobs, newest first,
	// whether or not a worker has taken them yet.
	Recent(ctx context.Context, n int) ([]Job, error)
}

// Results keeps what the workers computed, by job id.
// It maps onto a Redis hash: Record is HSET, Lookup is HGET.
type Results interface {
	Record(ctx context.Context, r Result) error
	// Lookup returns ErrNotFound when no worker has recorded a result for id.
	Lookup(ctx context.Context, id string) (Result, error)
}

// Backend is the queue and result store shared by the api and the workers.
type Backend interface {
	Queue
	Results
}
