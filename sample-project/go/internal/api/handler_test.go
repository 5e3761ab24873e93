package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"example.com/turret-sample/internal/jobs"
)

func TestHealthz(t *testing.T) {
	rec := serve(t, jobs.NewMemory(1), http.MethodGet, "/healthz", "")

	if rec.Code != http.StatusOK || rec.Body.String() != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 \"ok\"", rec.Code, rec.Body.String())
	}
}

func TestVersionReportsServiceEnvironmentAndDeploySuffix(t *testing.T) {
	rec := serve(t, jobs.NewMemory(1), http.MethodGet, "/version", "")

	var got map[string]string
	decode(t, rec, http.StatusOK, &got)
	want := map[string]string{"service": serviceName, "environment": "testing", "deploy_suffix": "test"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GET /version = %v, want %v", got, want)
	}
}

func TestSubmitQueuesTheJob(t *testing.T) {
	backend := jobs.NewMemory(1)
	rec := serve(t, backend, http.MethodPost, "/jobs", `{"payload":"hello turret"}`)

	var job jobs.Job
	decode(t, rec, http.StatusAccepted, &job)
	if len(job.ID) != 16 || job.Payload != "hello turret" {
		t.Errorf("POST /jobs answered %+v", job)
	}
	queued, err := backend.Pop(context.Background())
	if err != nil || queued != job {
		t.Errorf("queued %+v, %v; want %+v", queued, err, job)
	}
}

func TestSubmitRejectsBadRequests(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"not JSON", `payload=x`, http.StatusBadRequest},
		{"unknown field", `{"payload":"x","priority":1}`, http.StatusBadRequest},
		{"no payload", `{}`, http.StatusBadRequest},
		{"blank payload", `{"payload":"  "}`, http.StatusBadRequest},
		{"payload over 1 KiB", `{"payload":"` + strings.Repeat("a", jobs.MaxPayloadBytes+1) + `"}`, http.StatusRequestEntityTooLarge},
		{"body over the limit", `{"payload":"` + strings.Repeat("a", maxBodyBytes) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backend := jobs.NewMemory(1)
			rec := serve(t, backend, http.MethodPost, "/jobs", tt.body)

			var got map[string]string
			decode(t, rec, tt.want, &got)
			if got["error"] == "" {
				t.Errorf("no error message in %q", rec.Body.String())
			}
			if recent, _ := backend.Recent(context.Background(), 1); len(recent) != 0 {
				t.Errorf("a rejected job was queued: %v", recent)
			}
		})
	}
}

func TestSubmitAcceptsEscapedPayloadAtTheLimit(t *testing.T) {
	escaped := strings.Repeat(`\u00e9`, jobs.MaxPayloadBytes/2) // 2 bytes each once decoded
	rec := serve(t, jobs.NewMemory(1), http.MethodPost, "/jobs", `{"payload":"`+escaped+`"}`)

	if rec.Code != http.StatusAccepted {
		t.Errorf("POST /jobs = %d %s, want 202", rec.Code, rec.Body.String())
	}
}

func TestSubmitWhenQueueIsFull(t *testing.T) {
	backend := jobs.NewMemory(1)
	serve(t, backend, http.MethodPost, "/jobs", `{"payload":"first"}`)

	rec := serve(t, backend, http.MethodPost, "/jobs", `{"payload":"second"}`)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("POST /jobs on a full queue = %d, want 503", rec.Code)
	}
}

func TestResultIsNotFoundUntilAWorkerRecordsIt(t *testing.T) {
	backend := jobs.NewMemory(1)
	if rec := serve(t, backend, http.MethodGet, "/jobs/abc", ""); rec.Code != http.StatusNotFound {
		t.Fatalf("GET /jobs/abc before any result = %d, want 404", rec.Code)
	}

	want := jobs.Result{JobID: "abc", Words: 1, Upper: "X"}
	if err := backend.Record(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	var got jobs.Result
	decode(t, serve(t, backend, http.MethodGet, "/jobs/abc", ""), http.StatusOK, &got)
	if got != want {
		t.Errorf("GET /jobs/abc = %+v, want %+v", got, want)
	}
}

func TestResultPathsWithoutAnIDAreNotFound(t *testing.T) {
	for _, path := range []string{"/jobs/", "/jobs/abc/extra"} {
		if rec := serve(t, jobs.NewMemory(1), http.MethodGet, path, ""); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, rec.Code)
		}
	}
}

func TestListRecentIsNewestFirstWithResults(t *testing.T) {
	backend := jobs.NewMemory(2)
	ctx := context.Background()
	for _, j := range []jobs.Job{{ID: "old", Payload: "a b"}, {ID: "new", Payload: "c"}} {
		if err := backend.Push(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	if err := backend.Record(ctx, jobs.Process(jobs.Job{ID: "old", Payload: "a b"})); err != nil {
		t.Fatal(err)
	}

	rec := serve(t, backend, http.MethodGet, "/jobs", "")

	want := `{"jobs":[{"id":"new","payload":"c"},` +
		`{"id":"old","payload":"a b","result":{"job_id":"old","words":2,"upper":"A B"}}]}` + "\n"
	if rec.Code != http.StatusOK || rec.Body.String() != want {
		t.Errorf("GET /jobs = %d %s, want 200 %s", rec.Code, rec.Body.String(), want)
	}
}

func TestListRecentWhenEmptyIsAnEmptyList(t *testing.T) {
	rec := serve(t, jobs.NewMemory(1), http.MethodGet, "/jobs", "")

	if want := `{"jobs":[]}` + "\n"; rec.Body.String() != want {
		t.Errorf("GET /jobs = %s, want %s", rec.Body.String(), want)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	tests := []struct{ method, path, allow string }{
		{http.MethodPost, "/healthz", "GET"},
		{http.MethodPut, "/jobs", "GET, POST"},
		{http.MethodDelete, "/jobs/abc", "GET"},
	}
	for _, tt := range tests {
		rec := serve(t, jobs.NewMemory(1), tt.method, tt.path, "")
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s = %d Allow %q, want 405 Allow %q",
				tt.method, tt.path, rec.Code, rec.Header().Get("Allow"), tt.allow)
		}
	}
}

// brokenBackend fails the operations the api uses, as an unreachable store would.
type brokenBackend struct{ jobs.Backend }

var errBroken = errors.New("backend unreachable")

func (brokenBackend) Push(context.Context, jobs.Job) error            { return errBroken }
func (brokenBackend) Recent(context.Context, int) ([]jobs.Job, error) { return nil, errBroken }
func (brokenBackend) Lookup(context.Context, string) (jobs.Result, error) {
	return jobs.Result{}, errBroken
}

func TestBackendFailuresAreInternalErrorsWithoutDetails(t *testing.T) {
	for _, req := range [][2]string{{http.MethodPost, "/jobs"}, {http.MethodGet, "/jobs"}, {http.MethodGet, "/jobs/abc"}} {
		rec := serve(t, brokenBackend{}, req[0], req[1], `{"payload":"x"}`)
		if rec.Code != http.StatusInternalServerError || strings.Contains(rec.Body.String(), errBroken.Error()) {
			t.Errorf("%s %s = %d %s, want 500 without the cause", req[0], req[1], rec.Code, rec.Body.String())
		}
	}
}

func serve(t *testing.T, backend jobs.Backend, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	NewHandler(backend, Deployment{Environment: "testing", Suffix: "test"}).ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder, wantStatus int, v any) {
	t.Helper()
	if rec.Code != wantStatus {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, wantStatus, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if err := json.NewDecoder(rec.Body).Decode(v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body.String(), err)
	}
}
