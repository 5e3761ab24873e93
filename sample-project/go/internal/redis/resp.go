// Package redis is a small client of the Redis protocol (RESP2): enough for a queue,
// a capped list and a hash, with no dependency outside the standard library.
package redis

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits on what a reply may announce, so a corrupt stream cannot make us allocate gigabytes.
const (
	maxBulkLen  = 512 << 20 // Redis' own limit on a string
	maxArrayLen = 1 << 20
	maxDepth    = 16
)

// Error is an error reply from the server, such as "WRONGTYPE Operation against a key ...".
// The connection is still usable after one.
type Error string

func (e Error) Error() string { return string(e) }

// ErrProtocol wraps the errors for a malformed reply stream.
var ErrProtocol = errors.New("redis: protocol error")

// WriteCommand writes a command as RESP sends it: an array of bulk strings.
func WriteCommand(w io.Writer, args ...string) error {
	if len(args) == 0 {
		return errors.New("redis: empty command")
	}
	_, err := w.Write(appendCommand(nil, args))
	return err
}

func appendCommand(b []byte, args []string) []byte {
	b = appendHeader(b, '*', len(args))
	for _, a := range args {
		b = appendHeader(b, '$', len(a))
		b = append(b, a...)
		b = append(b, "\r\n"...)
	}
	return b
}

func appendHeader(b []byte, kind byte, n int) []byte {
	b = append(b, kind)
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, "\r\n"...)
}

// ReadReply reads one reply. It is, by RESP type:
//
//	simple string, bulk string  string
//	integer                     int64
//	array                       []any of these
//	nil bulk string, nil array  nil
//	error                       Error (as the value, not the error: arrays may hold them)
//
// The error is for the stream: io.EOF, a network error, or ErrProtocol.
func ReadReply(r *bufio.Reader) (any, error) {
	return readReply(r, 0)
}

func readReply(r *bufio.Reader, depth int) (any, error) {
	line, err := readLine(r)
	if err != nil {
		return nil, err
	}
	if len(line) == 0 {
		return nil, fmt.Errorf("%w: empty line", ErrProtocol)
	}
	kind, rest := line[0], string(line[1:])
	switch kind {
	case '+':
		return rest, nil
	case '-':
		return Error(rest), nil
	case ':':
		n, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bad integer %q", ErrProtocol, rest)
		}
		return n, nil
	case '$':
		n, err := parseLen(rest, maxBulkLen)
		if err != nil || n < 0 {
			return nil, err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, unexpectedEOF(err)
		}
		if buf[n] != '\r' || buf[n+1] != '\n' {
			return nil, fmt.Errorf("%w: bulk string not ended by CRLF", ErrProtocol)
		}
		return string(buf[:n]), nil
	case '*':
		n, err := parseLen(rest, maxArrayLen)
		if err != nil || n < 0 {
			return nil, err
		}
		if depth >= maxDepth {
			return nil, fmt.Errorf("%w: arrays nested too deep", ErrProtocol)
		}
		elems := make([]any, n)
		for i := range elems {
			if elems[i], err = readReply(r, depth+1); err != nil {
				return nil, unexpectedEOF(err)
			}
		}
		return elems, nil
	default:
		return nil, fmt.Errorf("%w: unknown reply type %q", ErrProtocol, kind)
	}
}

// parseLen parses the length of a bulk string or array; -1 means nil.
func parseLen(s string, max int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < -1 || n > max {
		return 0, fmt.Errorf("%w: bad length %q", ErrProtocol, s)
	}
	return n, nil
}

// readLine reads up to CRLF and returns the line without it.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%w: line longer than %d bytes", ErrProtocol, r.Size())
	}
	if err != nil {
		if len(line) > 0 {
			return nil, unexpectedEOF(err)
		}
		return nil, err
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return nil, fmt.Errorf("%w: line not ended by CRLF", ErrProtocol)
	}
	return line[:len(line)-2], nil
}

// unexpectedEOF turns an EOF in the middle of a reply into io.ErrUnexpectedEOF:
// a plain io.EOF only ever means the server closed the connection between replies.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
