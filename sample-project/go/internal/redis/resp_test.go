package redis

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestWriteCommand(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCommand(&buf, "HSET", "k", "", "a\r\nb é"); err != nil {
		t.Fatal(err)
	}
	want := "*4\r\n$4\r\nHSET\r\n$1\r\nk\r\n$0\r\n\r\n$7\r\na\r\nb é\r\n"
	if buf.String() != want {
		t.Errorf("WriteCommand wrote %q, want %q", buf.String(), want)
	}
}

func TestWriteCommandRejectsAnEmptyCommand(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCommand(&buf); err == nil || buf.Len() != 0 {
		t.Errorf("WriteCommand() = %v and wrote %q, want an error and nothing written", err, buf.String())
	}
}

func TestReadReply(t *testing.T) {
	tests := []struct {
		name, wire string
		want       any
	}{
		{"simple string", "+OK\r\n", "OK"},
		{"error", "-ERR unknown command\r\n", Error("ERR unknown command")},
		{"integer", ":-42\r\n", int64(-42)},
		{"bulk string", "$5\r\nhello\r\n", "hello"},
		{"bulk string holding CRLF", "$4\r\na\r\nb\r\n", "a\r\nb"},
		{"empty bulk string", "$0\r\n\r\n", ""},
		{"nil bulk string", "$-1\r\n", nil},
		{"empty array", "*0\r\n", []any{}},
		{"nil array", "*-1\r\n", nil},
		{"array of everything", "*5\r\n+a\r\n:1\r\n$1\r\nb\r\n$-1\r\n-E\r\n", []any{"a", int64(1), "b", nil, Error("E")}},
		{"nested array", "*2\r\n*1\r\n:1\r\n*0\r\n", []any{[]any{int64(1)}, []any{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bufio.NewReader(strings.NewReader(tt.wire + "+next\r\n"))
			got, err := ReadReply(r)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ReadReply(%q) = %#v, %v; want %#v", tt.wire, got, err, tt.want)
			}
			// The reply is consumed exactly: the stream is in step for the next one.
			if next, err := ReadReply(r); next != "next" || err != nil {
				t.Errorf("the following reply read as %#v, %v", next, err)
			}
		})
	}
}

func TestReadReplyRejectsMalformedReplies(t *testing.T) {
	for _, wire := range []string{
		"\r\n",
		"?what\r\n",
		"+OK\n",
		":12x\r\n",
		"$-2\r\n",
		"$3\r\nabcd\r\n",
		"$x\r\n",
		"*-5\r\n",
		"*99999999\r\n",
		"$999999999999\r\n",
		strings.Repeat("*1\r\n", maxDepth+1) + ":1\r\n",
		"+" + strings.Repeat("a", 5000) + "\r\n",
	} {
		_, err := ReadReply(bufio.NewReader(strings.NewReader(wire)))
		if !errors.Is(err, ErrProtocol) {
			t.Errorf("ReadReply(%.20q) = %v, want ErrProtocol", wire, err)
		}
	}
}

func TestReadReplyEOF(t *testing.T) {
	if _, err := ReadReply(bufio.NewReader(strings.NewReader(""))); err != io.EOF {
		t.Errorf("ReadReply at the end = %v, want io.EOF", err)
	}
	for _, cut := range []string{"+OK", "$5\r\nhel", "*2\r\n:1\r\n"} {
		if _, err := ReadReply(bufio.NewReader(strings.NewReader(cut))); err != io.ErrUnexpectedEOF {
			t.Errorf("ReadReply(%q) = %v, want io.ErrUnexpectedEOF", cut, err)
		}
	}
}

func TestConversions(t *testing.T) {
	if s, err := String("v", nil); s != "v" || err != nil {
		t.Errorf("String(\"v\") = %q, %v", s, err)
	}
	if _, err := String(nil, nil); err != ErrNil {
		t.Errorf("String(nil) = %v, want ErrNil", err)
	}
	if _, err := String(int64(1), nil); err == nil {
		t.Error("String(1) succeeded")
	}
	cause := errors.New("down")
	if _, err := String("v", cause); err != cause {
		t.Errorf("String with an error = %v, want that error", err)
	}
	if ss, err := Strings([]any{"a", "b"}, nil); !reflect.DeepEqual(ss, []string{"a", "b"}) || err != nil {
		t.Errorf("Strings = %q, %v", ss, err)
	}
	if _, err := Strings([]any{"a", nil}, nil); err == nil {
		t.Error("Strings of an array holding nil succeeded")
	}
	if _, err := Strings(nil, nil); err != ErrNil {
		t.Errorf("Strings(nil) = %v, want ErrNil", err)
	}
}
