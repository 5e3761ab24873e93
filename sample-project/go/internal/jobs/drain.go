package jobs

import (
	"context"
	"fmt"
	"log"
	"time"
)

const recordTimeout = 5 * time.Second

// Drain takes jobs from q, processes them and records their results in r,
// logging one line per job, until ctx is done.
func Drain(ctx context.Context, q Queue, r Results, logger *log.Logger) error {
	for {
		j, err := q.Pop(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("take job: %w", err)
		}
		res := Process(j)
		if err := record(r, res); err != nil {
			return fmt.Errorf("record result of job %s: %w", j.ID, err)
		}
		logger.Printf("job %s done: words=%d", j.ID, res.Words)
	}
}

// record does not use the caller's context: the job has already left the queue,
// so a shutdown beginning now must not lose its result.
func record(r Results, res Result) error {
	ctx, cancel := context.WithTimeout(context.Background(), recordTimeout)
	defer cancel()
	return r.Record(ctx, res)
}
