// Package etcdtest runs an in-process stand-in for etcd's JSON gateway, for tests: POST
// /v3/kv/range and /v3/kv/put with base64 keys and values, answered as etcd 3.4 does.
package etcdtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"testing"
)

// Server keeps its keys in memory.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	kvs      map[string]string
	failNext int // how many more requests to answer 503, as a starting etcd might
	requests int
}

// NewServer starts a server on a free loopback port; it stops when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{kvs: make(map[string]string)}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL returns the server's base URL, an etcd endpoint.
func (s *Server) URL() string { return s.srv.URL }

// Set puts key, as another service registering would.
func (s *Server) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kvs[key] = value
}

// Get returns the value of key and whether the server holds it.
func (s *Server) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.kvs[key]
	return v, ok
}

// FailNext makes the server answer the next n requests with 503.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = n
}

// Requests returns how many requests the server has had.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

type keyValue struct {
	Key            []byte `json:"key"`
	CreateRevision string `json:"create_revision"`
	ModRevision    string `json:"mod_revision"`
	Version        string `json:"version"`
	Value          []byte `json:"value"`
}

var header = map[string]string{"cluster_id": "14841639068965178418", "member_id": "10276657743932975437", "revision": "2", "raft_term": "2"}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	if s.failNext > 0 {
		s.failNext--
		answer(w, http.StatusServiceUnavailable, map[string]any{"error": "etcdserver: not capable", "code": 14, "message": "etcdserver: not capable"})
		return
	}
	if r.Method != http.MethodPost {
		answer(w, http.StatusMethodNotAllowed, map[string]any{"code": 12, "message": "Method Not Allowed"})
		return
	}
	var req struct {
		Key      []byte `json:"key"`
		RangeEnd []byte `json:"range_end"`
		Value    []byte `json:"value"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		answer(w, http.StatusBadRequest, map[string]any{"error": err.Error(), "code": 3, "message": err.Error()})
		return
	}
	switch r.URL.Path {
	case "/v3/kv/put":
		s.kvs[string(req.Key)] = string(req.Value)
		answer(w, http.StatusOK, map[string]any{"header": header})
	case "/v3/kv/range":
		kvs := s.inRange(string(req.Key), string(req.RangeEnd))
		resp := map[string]any{"header": header}
		if len(kvs) > 0 { // as etcd's gateway, which leaves out empty fields
			resp["kvs"] = kvs
			resp["count"] = strconv.Itoa(len(kvs)) // an int64, which the gateway writes as a string
		}
		answer(w, http.StatusOK, resp)
	default:
		answer(w, http.StatusNotFound, map[string]any{"code": 5, "message": "Not Found"})
	}
}

// inRange returns the key itself when end is empty, else the keys in [key, end), sorted.
func (s *Server) inRange(key, end string) []keyValue {
	var keys []string
	for k := range s.kvs {
		if k == key || end != "" && k >= key && (end == "\x00" || k < end) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	kvs := make([]keyValue, 0, len(keys))
	for _, k := range keys {
		kvs = append(kvs, keyValue{Key: []byte(k), CreateRevision: "2", ModRevision: "2", Version: "1", Value: []byte(s.kvs[k])})
	}
	return kvs
}

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
