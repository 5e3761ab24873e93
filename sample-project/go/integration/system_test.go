//go:build integration

package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"example.com/turret-sample/internal/discovery"
	"example.com/turret-sample/internal/redis"
)

// resultWait bounds how long a worker may take to record a job's result.
const resultWait = 20 * time.Second

var httpClient = &http.Client{Timeout: 5 * time.Second}

func TestHealthz(t *testing.T) {
	status, body := get(t, apiURL(t)+"/healthz")

	if status != http.StatusOK || body != "ok" {
		t.Errorf("GET /healthz = %d %q, want 200 \"ok\"", status, body)
	}
}

func TestVersion(t *testing.T) {
	status, body := get(t, apiURL(t)+"/version")

	var v map[string]string
	if status != http.StatusOK || json.Unmarshal([]byte(body), &v) != nil {
		t.Fatalf("GET /version = %d %s, want 200 and a JSON object", status, body)
	}
	if v["service"] != "api" || v["environment"] == "" || v["deploy_suffix"] == "" {
		t.Errorf("GET /version = %s, want the service api, its environment and its deploy suffix", body)
	}
	// When the runner knows which environment and release it tests, it says so.
	for field, name := range map[string]string{"environment": "ENVIRONMENT", "deploy_suffix": "DEPLOY_SUFFIX"} {
		if want := os.Getenv(name); want != "" && v[field] != want {
			t.Errorf("%s = %q, want %s=%q", field, v[field], name, want)
		}
	}
}

// TestJobGoesThroughTheWorker follows a job from the api through Redis to a worker and back.
func TestJobGoesThroughTheWorker(t *testing.T) {
	api := apiURL(t)
	redisMaster, _ := resolve(t, "REDIS_MASTER", discovery.RedisKey, "redis:6379")
	rdb := redis.NewClient(redisMaster)
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), resultWait+10*time.Second)
	defer cancel()

	payload := fmt.Sprintf("integration test %d", time.Now().UnixNano())
	job := submit(t, api, payload)
	want := result{JobID: job.ID, Words: 3, Upper: strings.ToUpper(payload)}

	// Listed at once, whether or not a worker has taken it yet.
	if !listed(t, api, job.ID) {
		t.Errorf("GET /jobs does not list job %s", job.ID)
	}
	recent, err := redis.Strings(rdb.Do(ctx, "LRANGE", "turret-sample:recent", "0", "-1"))
	if err != nil {
		t.Fatalf("LRANGE turret-sample:recent: %v", err)
	}
	if !containsJob(recent, job) {
		t.Errorf("turret-sample:recent in Redis does not hold %+v", job)
	}

	got := awaitResult(t, api, job.ID)
	if got != want {
		t.Errorf("GET /jobs/%s = %+v, want %+v", job.ID, got, want)
	}
	stored, err := redis.String(rdb.Do(ctx, "HGET", "turret-sample:results", job.ID))
	if err != nil {
		t.Fatalf("HGET turret-sample:results %s: %v", job.ID, err)
	}
	var inRedis result
	if err := json.Unmarshal([]byte(stored), &inRedis); err != nil || inRedis != want {
		t.Errorf("HGET turret-sample:results %s = %s, want %+v", job.ID, stored, want)
	}
}

type jobJSON struct {
	ID      string `json:"id"`
	Payload string `json:"payload"`
}

type result struct {
	JobID string `json:"job_id"`
	Words int    `json:"words"`
	Upper string `json:"upper"`
}

func submit(t *testing.T, api, payload string) jobJSON {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"payload": payload})
	resp, err := httpClient.Post(api+"/jobs", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /jobs: %v", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	var job jobJSON
	if resp.StatusCode != http.StatusAccepted || json.Unmarshal(answer, &job) != nil {
		t.Fatalf("POST /jobs = %d %s, want 202 and the job", resp.StatusCode, answer)
	}
	if len(job.ID) != 16 || job.Payload != payload {
		t.Fatalf("POST /jobs answered %+v for the payload %q", job, payload)
	}
	return job
}

func listed(t *testing.T, api, id string) bool {
	t.Helper()
	status, body := get(t, api+"/jobs")
	var list struct{ Jobs []jobJSON }
	if status != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil {
		t.Fatalf("GET /jobs = %d %s, want 200 and a list", status, body)
	}
	for _, j := range list.Jobs {
		if j.ID == id {
			return true
		}
	}
	return false
}

func containsJob(stored []string, job jobJSON) bool {
	for _, s := range stored {
		var j jobJSON
		if json.Unmarshal([]byte(s), &j) == nil && j == job {
			return true
		}
	}
	return false
}

// awaitResult polls GET /jobs/{id} until a worker has recorded the job's result.
func awaitResult(t *testing.T, api, id string) result {
	t.Helper()
	deadline := time.Now().Add(resultWait)
	for {
		status, body := get(t, api+"/jobs/"+id)
		if status == http.StatusOK {
			var r result
			if err := json.Unmarshal([]byte(body), &r); err != nil {
				t.Fatalf("GET /jobs/%s = %s: %v", id, body, err)
			}
			return r
		}
		if status != http.StatusNotFound {
			t.Fatalf("GET /jobs/%s = %d %s, want 200, or 404 until a worker is done", id, status, body)
		}
		if time.Now().After(deadline) {
			t.Fatalf("no worker recorded a result for job %s within %v (GET /jobs/%s is still 404)", id, resultWait, id)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := httpClient.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read the body: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// apiURL returns API_URL, or else http:// and the address the api registered in etcd.
func apiURL(t *testing.T) string {
	t.Helper()
	url, from := resolve(t, "API_URL", discovery.APIKey, "http://api:8080")
	if from != "API_URL" {
		url = "http://" + url // etcd holds the api's host:port
	}
	return strings.TrimSuffix(url, "/")
}

// resolve returns the environment variable name or else, when ETCD_ENDPOINTS is set, the
// value of key in etcd, as the services themselves find each other, and where it came from. Finding neither fails
// the test rather than skipping it: a run that tested nothing must not look like a success.
func resolve(t *testing.T, name, key, example string) (value, from string) {
	t.Helper()
	v, from, err := discovery.Resolve(context.Background(), name, key)
	if err != nil {
		t.Fatal(err)
	}
	if v == "" {
		t.Fatalf("neither %s nor %s is set; the integration tests need one to reach the running system, e.g. %s=%s or %s=http://etcd:2379",
			name, discovery.EndpointsEnv, name, example, discovery.EndpointsEnv)
	}
	return v, from
}
