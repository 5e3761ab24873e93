// Package jobs defines the jobs the api accepts and the workers process,
// the queue and result store between them, and the work itself.
package jobs

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// MaxPayloadBytes bounds a job's payload.
const MaxPayloadBytes = 1 << 10

var (
	ErrEmptyPayload    = errors.New("payload is empty")
	ErrPayloadTooLarge = fmt.Errorf("payload exceeds %d bytes", MaxPayloadBytes)
)

// Job is a unit of work submitted to the api.
type Job struct {
	ID      string `json:"id"`
	Payload string `json:"payload"`
}

// Result is what a worker computed for a job.
type Result struct {
	JobID string `json:"job_id"`
	Words int    `json:"words"`
	Upper string `json:"upper"`
}

// ValidatePayload rejects payloads that are blank or larger than MaxPayloadBytes.
func ValidatePayload(payload string) error {
	if strings.TrimSpace(payload) == "" {
		return ErrEmptyPayload
	}
	if len(payload) > MaxPayloadBytes {
		return ErrPayloadTooLarge
	}
	return nil
}

// NewID returns a random job id of 16 hex digits.
func NewID() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("generate job id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Process does a job's work. It is deterministic: the same job always gives the same result.
func Process(j Job) Result {
	return Result{
		JobID: j.ID,
		Words: len(strings.Fields(j.Payload)),
		Upper: strings.ToUpper(j.Payload),
	}
}
