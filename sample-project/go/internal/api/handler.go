// Package api serves the HTTP interface through which clients submit jobs and read their results.
package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"example.com/turret-sample/internal/jobs"
)

const (
	serviceName = "api"
	// recentJobs is how many jobs GET /jobs lists.
	recentJobs = 20
)

// maxBodyBytes leaves room for JSON escaping, which can grow a payload
// of jobs.MaxPayloadBytes up to six times (\u00e9).
const maxBodyBytes = 8 * jobs.MaxPayloadBytes

// Deployment says where the api runs; GET /version reports it.
type Deployment struct {
	Environment string // e.g. "integration" or "production"
	Suffix      string // the release's deploy suffix, e.g. "integration" or "feature-login"
}

type handler struct {
	backend    jobs.Backend
	deployment Deployment
}

// NewHandler routes the api's endpoints to backend.
func NewHandler(backend jobs.Backend, deployment Deployment) http.Handler {
	h := &handler{backend: backend, deployment: deployment}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", onlyGet(healthz))
	mux.HandleFunc("/version", onlyGet(h.version))
	mux.HandleFunc("/jobs", h.jobs)
	mux.HandleFunc("/jobs/", onlyGet(h.result))
	return mux
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok"))
}

func (h *handler) version(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{
		"service":       serviceName,
		"environment":   h.deployment.Environment,
		"deploy_suffix": h.deployment.Suffix,
	})
}

func (h *handler) jobs(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.listRecent(w, r)
	case http.MethodPost:
		h.submit(w, r)
	default:
		methodNotAllowed(w, "GET, POST")
	}
}

func (h *handler) submit(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Payload string `json:"payload"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "request body is too large")
			return
		}
		writeError(w, http.StatusBadRequest, "request body must be a JSON object {\"payload\": \"...\"}")
		return
	}
	if err := jobs.ValidatePayload(body.Payload); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, jobs.ErrPayloadTooLarge) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, err.Error())
		return
	}

	id, err := jobs.NewID()
	if err != nil {
		internalError(w, err)
		return
	}
	job := jobs.Job{ID: id, Payload: body.Payload}
	if err := h.backend.Push(r.Context(), job); err != nil {
		if errors.Is(err, jobs.ErrQueueFull) {
			writeError(w, http.StatusServiceUnavailable, err.Error())
			return
		}
		internalError(w, err)
		return
	}
	writeJSON(w, http.StatusAccepted, job)
}

// recentJob is a job as GET /jobs lists it: with its result once a worker recorded one.
type recentJob struct {
	jobs.Job
	Result *jobs.Result `json:"result,omitempty"`
}

func (h *handler) listRecent(w http.ResponseWriter, r *http.Request) {
	recent, err := h.backend.Recent(r.Context(), recentJobs)
	if err != nil {
		internalError(w, err)
		return
	}
	list := make([]recentJob, 0, len(recent))
	for _, j := range recent {
		entry := recentJob{Job: j}
		res, err := h.backend.Lookup(r.Context(), j.ID)
		switch {
		case err == nil:
			entry.Result = &res
		case !errors.Is(err, jobs.ErrNotFound):
			internalError(w, err)
			return
		}
		list = append(list, entry)
	}
	writeJSON(w, http.StatusOK, map[string][]recentJob{"jobs": list})
}

func (h *handler) result(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/jobs/")
	if id == "" || strings.Contains(id, "/") {
		writeError(w, http.StatusNotFound, "no such job")
		return
	}
	res, err := h.backend.Lookup(r.Context(), id)
	if errors.Is(err, jobs.ErrNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		internalError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
