package jobs

import (
	"bytes"
	"context"
	"errors"
	"log"
	"strings"
	"testing"
	"time"
)

// notifyingResults reports each recorded result, so a test knows when Drain has done a job.
type notifyingResults struct {
	Results
	recorded chan Result
}

func (n notifyingResults) Record(ctx context.Context, r Result) error {
	err := n.Results.Record(ctx, r)
	n.recorded <- r
	return err
}

type failingResults struct{ Results }

func (failingResults) Record(context.Context, Result) error { return errors.New("store down") }

func TestDrainRecordsResultsAndLogsEachJob(t *testing.T) {
	m := NewMemory(2)
	pushAll(t, m, Job{ID: "a", Payload: "one two"}, Job{ID: "b", Payload: "three"})
	results := notifyingResults{Results: m, recorded: make(chan Result, 2)}
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- Drain(ctx, m, results, log.New(&logs, "", 0)) }()

	for i := 0; i < 2; i++ {
		select {
		case <-results.recorded:
		case <-time.After(5 * time.Second):
			t.Fatal("Drain did not record both results")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Drain() after cancel = %v, want nil", err)
	}

	if got, _ := m.Lookup(context.Background(), "a"); got.Words != 2 || got.Upper != "ONE TWO" {
		t.Errorf("result of a = %+v", got)
	}
	wantLogs := "job a done: words=2\njob b done: words=1\n"
	if logs.String() != wantLogs {
		t.Errorf("logs = %q, want %q", logs.String(), wantLogs)
	}
}

func TestDrainStopsOnStoreError(t *testing.T) {
	m := NewMemory(1)
	pushAll(t, m, Job{ID: "a", Payload: "x"})

	err := Drain(context.Background(), m, failingResults{m}, log.New(&bytes.Buffer{}, "", 0))
	if err == nil || !strings.Contains(err.Error(), "store down") {
		t.Fatalf("Drain() = %v, want the store's error", err)
	}
}
