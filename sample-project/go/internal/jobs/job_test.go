package jobs

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

func TestValidatePayload(t *testing.T) {
	tests := []struct {
		name    string
		payload string
		want    error
	}{
		{"one word", "hello", nil},
		{"exactly the limit", strings.Repeat("a", MaxPayloadBytes), nil},
		{"empty", "", ErrEmptyPayload},
		{"only whitespace", " \t\n", ErrEmptyPayload},
		{"one byte over the limit", strings.Repeat("a", MaxPayloadBytes+1), ErrPayloadTooLarge},
		{"limit counted in bytes, not runes", strings.Repeat("é", MaxPayloadBytes/2+1), ErrPayloadTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidatePayload(tt.payload); !errors.Is(got, tt.want) {
				t.Errorf("ValidatePayload() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewIDIsSixteenHexDigitsAndUnique(t *testing.T) {
	hex16 := regexp.MustCompile(`^[0-9a-f]{16}$`)
	seen := make(map[string]bool)
	for i := 0; i < 100; i++ {
		id, err := NewID()
		if err != nil {
			t.Fatal(err)
		}
		if !hex16.MatchString(id) {
			t.Fatalf("NewID() = %q, want 16 hex digits", id)
		}
		if seen[id] {
			t.Fatalf("NewID() returned %q twice", id)
		}
		seen[id] = true
	}
}

func TestProcess(t *testing.T) {
	tests := []struct {
		payload string
		want    Result
	}{
		{"hello turret", Result{JobID: "j1", Words: 2, Upper: "HELLO TURRET"}},
		{"  spaced\tout\n words ", Result{JobID: "j1", Words: 3, Upper: "  SPACED\tOUT\n WORDS "}},
		{"ünïcode text", Result{JobID: "j1", Words: 2, Upper: "ÜNÏCODE TEXT"}},
	}
	for _, tt := range tests {
		if got := Process(Job{ID: "j1", Payload: tt.payload}); got != tt.want {
			t.Errorf("Process(%q) = %+v, want %+v", tt.payload, got, tt.want)
		}
	}
}
