package jobs

import (
	"context"
	"sync"
)

// RecentLimit is how many submitted jobs a backend remembers for Recent.
const RecentLimit = 100

// Memory is a Backend that lives in one process, so an api and a worker cannot share it.
type Memory struct {
	pending chan Job

	mu      sync.Mutex
	recent  []Job // oldest first, at most RecentLimit
	results map[string]Result
}

// NewMemory returns an empty backend whose queue holds at most capacity jobs.
func NewMemory(capacity int) *Memory {
	return &Memory{
		pending: make(chan Job, capacity),
		results: make(map[string]Result),
	}
}

// Push enqueues j, or returns ErrQueueFull without blocking.
func (m *Memory) Push(_ context.Context, j Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	select {
	case m.pending <- j:
	default:
		return ErrQueueFull
	}
	m.recent = append(m.recent, j)
	if len(m.recent) > RecentLimit {
		m.recent = m.recent[len(m.recent)-RecentLimit:]
	}
	return nil
}

func (m *Memory) Pop(ctx context.Context) (Job, error) {
	select {
	case j := <-m.pending:
		return j, nil
	case <-ctx.Done():
		return Job{}, ctx.Err()
	}
}

func (m *Memory) Recent(_ context.Context, n int) ([]Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n > len(m.recent) {
		n = len(m.recent)
	}
	newestFirst := make([]Job, 0, n)
	for i := len(m.recent) - 1; i >= len(m.recent)-n; i-- {
		newestFirst = append(newestFirst, m.recent[i])
	}
	return newestFirst, nil
}

func (m *Memory) Record(_ context.Context, r Result) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.results[r.JobID] = r
	return nil
}

func (m *Memory) Lookup(_ context.Context, id string) (Result, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.results[id]
	if !ok {
		return Result{}, ErrNotFound
	}
	return r, nil
}
