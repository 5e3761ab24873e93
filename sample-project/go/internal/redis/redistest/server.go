// Package redistest runs an in-process stand-in for a Redis server, for tests: it speaks
// RESP2 on a loopback port and knows the few commands this module uses.
package redistest

import (
	"bufio"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"

	"example.com/turret-sample/internal/redis"
)

// Server keeps lists and hashes in memory. Its commands are PING, LPUSH, BRPOP, LRANGE,
// LTRIM, LLEN, HSET, HGET, DEL, MULTI and EXEC; any other gets an error reply.
type Server struct {
	ln net.Listener

	mu      sync.Mutex
	changed chan struct{}       // closed and replaced whenever a list changes, to wake BRPOP
	lists   map[string][]string // head (where LPUSH adds) first
	hashes  map[string]map[string]string
	conns   map[net.Conn]bool
	closed  bool
}

// NewServer starts a server on a free loopback port; it stops when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{
		ln:      ln,
		changed: make(chan struct{}),
		lists:   make(map[string][]string),
		hashes:  make(map[string]map[string]string),
		conns:   make(map[net.Conn]bool),
	}
	go s.serve()
	t.Cleanup(s.Close)
	return s
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops the server and drops its connections, as a Redis that went away would.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	close(s.changed) // wake the blocked pops, so they see the server closed
}

func (s *Server) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.mu.Unlock()
		go s.handle(c)
	}
}

// handle answers one connection's commands in order, as Redis does.
func (s *Server) handle(c net.Conn) {
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		c.Close()
	}()
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	var queued [][]string // commands after MULTI; nil outside a transaction
	for {
		args, err := readCommand(r)
		if err != nil {
			return
		}
		var reply any
		switch name := strings.ToUpper(args[0]); {
		case name == "MULTI" && queued == nil:
			queued = [][]string{}
			reply = status("OK")
		case name == "EXEC" && queued != nil:
			results := make([]any, len(queued))
			for i, q := range queued {
				results[i] = s.run(q)
			}
			queued, reply = nil, results
		case queued != nil:
			queued, reply = append(queued, args), status("QUEUED")
		default:
			reply = s.run(args)
		}
		writeReply(w, reply)
		if w.Flush() != nil {
			return
		}
	}
}

func readCommand(r *bufio.Reader) ([]string, error) {
	v, err := redis.ReadReply(r)
	if err != nil {
		return nil, err
	}
	args, err := redis.Strings(v, nil)
	if err != nil || len(args) == 0 {
		return nil, errors.New("redistest: a command must be a non-empty array of bulk strings")
	}
	return args, nil
}
