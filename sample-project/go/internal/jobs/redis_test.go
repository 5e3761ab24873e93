package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"reflect"
	"testing"
	"time"

	"example.com/turret-sample/internal/redis"
	"example.com/turret-sample/internal/redis/redistest"
)

func newRedis(t *testing.T) (*Redis, *redis.Client) {
	t.Helper()
	client := redis.NewClient(redistest.NewServer(t).Addr())
	t.Cleanup(func() { client.Close() })
	return NewRedis(client), client
}

func TestRedisPopReturnsJobsInPushOrder(t *testing.T) {
	ctx := context.Background()
	r, _ := newRedis(t)
	pushAll(t, r, Job{ID: "a", Payload: "one"}, Job{ID: "b", Payload: "two"})

	for _, want := range []Job{{ID: "a", Payload: "one"}, {ID: "b", Payload: "two"}} {
		j, err := r.Pop(ctx)
		if err != nil || j != want {
			t.Errorf("Pop() = %+v, %v; want %+v", j, err, want)
		}
	}
}

func TestRedisPopWaitsForAJob(t *testing.T) {
	r, _ := newRedis(t)
	go func() {
		time.Sleep(100 * time.Millisecond)
		pushAll(t, r, Job{ID: "late"})
	}()

	if j, err := r.Pop(context.Background()); err != nil || j.ID != "late" {
		t.Errorf("Pop() = %+v, %v; want the job pushed while it waited", j, err)
	}
}

func TestRedisPopStopsWhenContextIsDone(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	r, _ := newRedis(t)

	start := time.Now()
	if _, err := r.Pop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Pop() on an empty queue = %v, want the context's error", err)
	}
	if waited := time.Since(start); waited > popWait+2*time.Second {
		t.Errorf("Pop() returned %v after it started, want at most about %v", waited, popWait)
	}
}

func TestRedisRecentIsNewestFirstAndBounded(t *testing.T) {
	ctx := context.Background()
	r, client := newRedis(t)
	for i := 0; i < RecentLimit+5; i++ {
		pushAll(t, r, Job{ID: fmt.Sprint(i)})
	}

	top, err := r.Recent(ctx, 2)
	if want := []Job{{ID: fmt.Sprint(RecentLimit + 4)}, {ID: fmt.Sprint(RecentLimit + 3)}}; err != nil || !reflect.DeepEqual(top, want) {
		t.Errorf("Recent(2) = %v, %v; want %v", top, err, want)
	}
	if all, _ := r.Recent(ctx, 1000); len(all) != RecentLimit {
		t.Errorf("len(Recent(1000)) = %d, want %d", len(all), RecentLimit)
	}
	if none, err := r.Recent(ctx, 0); len(none) != 0 || err != nil {
		t.Errorf("Recent(0) = %v, %v; want none", none, err)
	}
	// The queue itself is not capped: every job waits for a worker.
	if n, _ := client.Do(ctx, "LLEN", queueKey); n != int64(RecentLimit+5) {
		t.Errorf("LLEN %s = %v, want %d", queueKey, n, RecentLimit+5)
	}
}

func TestRedisResults(t *testing.T) {
	ctx := context.Background()
	r, client := newRedis(t)
	if _, err := r.Lookup(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Lookup() before Record = %v, want ErrNotFound", err)
	}

	want := Result{JobID: "a", Words: 1, Upper: "X"}
	if err := r.Record(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := r.Lookup(ctx, "a"); err != nil || got != want {
		t.Errorf("Lookup() = %+v, %v; want %+v", got, err, want)
	}
	// Other programs read this layout: the integration tests, and people debugging.
	stored, err := redis.String(client.Do(ctx, "HGET", "turret-sample:results", "a"))
	if wantJSON := `{"job_id":"a","words":1,"upper":"X"}`; err != nil || stored != wantJSON {
		t.Errorf("HGET turret-sample:results a = %q, %v; want %s", stored, err, wantJSON)
	}
}

func TestRedisStoredJobsAreJSON(t *testing.T) {
	ctx := context.Background()
	r, client := newRedis(t)
	pushAll(t, r, Job{ID: "a", Payload: "x"})

	want := []string{`{"id":"a","payload":"x"}`}
	for _, key := range []string{"turret-sample:queue", "turret-sample:recent"} {
		if got, err := redis.Strings(client.Do(ctx, "LRANGE", key, "0", "-1")); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("LRANGE %s = %q, %v; want %q", key, got, err, want)
		}
	}
}

func TestRedisCorruptEntriesAreErrors(t *testing.T) {
	ctx := context.Background()
	r, client := newRedis(t)
	for _, cmd := range [][]string{
		{"LPUSH", queueKey, "not json"},
		{"LPUSH", recentKey, "not json"},
		{"HSET", resultsKey, "a", "not json"},
	} {
		if _, err := client.Do(ctx, cmd...); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := r.Pop(ctx); err == nil {
		t.Error("Pop() of a corrupt job succeeded")
	}
	if _, err := r.Recent(ctx, 1); err == nil {
		t.Error("Recent() with a corrupt job succeeded")
	}
	if _, err := r.Lookup(ctx, "a"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("Lookup() of a corrupt result = %v, want a decoding error", err)
	}
}

func TestDrainWithRedis(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, _ := newRedis(t)
	pushAll(t, r, Job{ID: "a", Payload: "one two"})
	done := make(chan error, 1)
	go func() { done <- Drain(ctx, r, r, log.New(io.Discard, "", 0)) }()

	deadline := time.Now().Add(5 * time.Second)
	for {
		res, err := r.Lookup(ctx, "a")
		if err == nil {
			if res.Words != 2 {
				t.Errorf("result = %+v", res)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no result after 5s: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Drain() after cancel = %v, want nil", err)
	}
}
