package jobs

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestMemoryPopReturnsJobsInPushOrder(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(4)
	pushAll(t, m, Job{ID: "a"}, Job{ID: "b"})

	for _, want := range []string{"a", "b"} {
		j, err := m.Pop(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if j.ID != want {
			t.Errorf("Pop() = %q, want %q", j.ID, want)
		}
	}
}

func TestMemoryPushFailsWhenFull(t *testing.T) {
	m := NewMemory(1)
	pushAll(t, m, Job{ID: "a"})

	if err := m.Push(context.Background(), Job{ID: "b"}); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("Push() on a full queue = %v, want ErrQueueFull", err)
	}
	recent, _ := m.Recent(context.Background(), 10)
	if len(recent) != 1 {
		t.Errorf("a rejected job is remembered: Recent() = %v", recent)
	}
}

func TestMemoryPopStopsWhenContextIsDone(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()

	if _, err := NewMemory(1).Pop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Pop() on an empty queue = %v, want the context's error", err)
	}
}

func TestMemoryRecentIsNewestFirstAndBounded(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(RecentLimit + 5)
	for i := 0; i < RecentLimit+5; i++ {
		pushAll(t, m, Job{ID: fmt.Sprint(i)})
	}

	top, _ := m.Recent(ctx, 2)
	if want := []Job{{ID: fmt.Sprint(RecentLimit + 4)}, {ID: fmt.Sprint(RecentLimit + 3)}}; !reflect.DeepEqual(top, want) {
		t.Errorf("Recent(2) = %v, want %v", top, want)
	}
	all, _ := m.Recent(ctx, 1000)
	if len(all) != RecentLimit {
		t.Errorf("len(Recent(1000)) = %d, want %d", len(all), RecentLimit)
	}
	if none, _ := m.Recent(ctx, 0); len(none) != 0 {
		t.Errorf("Recent(0) = %v, want none", none)
	}
}

func TestMemoryResults(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(1)
	if _, err := m.Lookup(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Lookup() before Record = %v, want ErrNotFound", err)
	}

	want := Result{JobID: "a", Words: 1, Upper: "X"}
	if err := m.Record(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := m.Lookup(ctx, "a"); err != nil || got != want {
		t.Errorf("Lookup() = %+v, %v; want %+v", got, err, want)
	}
}

func pushAll(t *testing.T, q Queue, js ...Job) {
	t.Helper()
	for _, j := range js {
		if err := q.Push(context.Background(), j); err != nil {
			t.Fatal(err)
		}
	}
}
