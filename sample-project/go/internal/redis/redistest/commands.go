package redistest

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"time"

	"example.com/turret-sample/internal/redis"
)

// Reply values beyond those ReadReply returns, to choose the RESP type written.
type (
	status   string   // a simple string; a Go string is written as a bulk string
	nilArray struct{} // *-1, what BRPOP answers when it times out
)

var (
	errArgs      = redis.Error("ERR wrong number of arguments")
	errNotInt    = redis.Error("ERR value is not an integer or out of range")
	errWrongType = redis.Error("WRONGTYPE Operation against a key holding the wrong kind of value")
)

// run executes one command; only BRPOP waits, and without holding the lock.
func (s *Server) run(args []string) any {
	name, args := strings.ToUpper(args[0]), args[1:]
	if name == "BRPOP" {
		return s.brpop(args)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case name == "PING" && len(args) == 0:
		return status("PONG")
	case name == "LPUSH" && len(args) >= 2:
		if _, ok := s.hashes[args[0]]; ok {
			return errWrongType
		}
		l := s.lists[args[0]]
		for _, v := range args[1:] {
			l = append([]string{v}, l...)
		}
		s.setList(args[0], l)
		return int64(len(l))
	case name == "LLEN" && len(args) == 1:
		return int64(len(s.lists[args[0]]))
	case (name == "LRANGE" || name == "LTRIM") && len(args) == 3:
		start, err1 := strconv.Atoi(args[1])
		stop, err2 := strconv.Atoi(args[2])
		if err1 != nil || err2 != nil {
			return errNotInt
		}
		l := s.lists[args[0]]
		lo, hi := listRange(start, stop, len(l))
		kept := l[lo:hi]
		if name == "LTRIM" {
			s.setList(args[0], append([]string(nil), kept...))
			return status("OK")
		}
		elems := make([]any, len(kept))
		for i, v := range kept {
			elems[i] = v
		}
		return elems
	case name == "HSET" && len(args) >= 3 && len(args)%2 == 1:
		if _, ok := s.lists[args[0]]; ok {
			return errWrongType
		}
		h := s.hashes[args[0]]
		if h == nil {
			h = make(map[string]string)
			s.hashes[args[0]] = h
		}
		added := 0
		for i := 1; i < len(args); i += 2 {
			if _, ok := h[args[i]]; !ok {
				added++
			}
			h[args[i]] = args[i+1]
		}
		return int64(added)
	case name == "HGET" && len(args) == 2:
		if v, ok := s.hashes[args[0]][args[1]]; ok {
			return v
		}
		return nil
	case name == "DEL" && len(args) >= 1:
		n := 0
		for _, k := range args {
			if _, ok := s.lists[k]; ok {
				n++
			}
			if _, ok := s.hashes[k]; ok {
				n++
			}
			delete(s.lists, k)
			delete(s.hashes, k)
		}
		return int64(n)
	case knownCommands[name]:
		return errArgs
	default:
		return redis.Error(fmt.Sprintf("ERR unknown command '%s'", name))
	}
}

var knownCommands = map[string]bool{
	"PING": true, "LPUSH": true, "LLEN": true, "LRANGE": true, "LTRIM": true,
	"HSET": true, "HGET": true, "DEL": true,
}

// setList stores l, deleting the key when l is empty as Redis does, and wakes the BRPOPs.
// It is called with s.mu held.
func (s *Server) setList(key string, l []string) {
	if len(l) == 0 {
		delete(s.lists, key)
		return
	}
	s.lists[key] = l
	if !s.closed {
		close(s.changed)
		s.changed = make(chan struct{})
	}
}

// listRange is the slice LRANGE start stop selects from a list of n elements:
// both ends inclusive, negative ones counted from the end.
func listRange(start, stop, n int) (lo, hi int) {
	if start < 0 {
		start += n
	}
	if stop < 0 {
		stop += n
	}
	if start < 0 {
		start = 0
	}
	if stop >= n {
		stop = n - 1
	}
	if start > stop {
		return 0, 0
	}
	return start, stop + 1
}

// brpop answers BRPOP key... timeout, waiting for a push to any of the keys.
func (s *Server) brpop(args []string) any {
	if len(args) < 2 {
		return errArgs
	}
	secs, err := strconv.ParseFloat(args[len(args)-1], 64)
	if err != nil || secs < 0 {
		return redis.Error("ERR timeout is not a float or out of range")
	}
	var expired <-chan time.Time
	if secs > 0 {
		t := time.NewTimer(time.Duration(secs * float64(time.Second)))
		defer t.Stop()
		expired = t.C
	}
	for {
		s.mu.Lock()
		for _, k := range args[:len(args)-1] {
			if l := s.lists[k]; len(l) > 0 {
				s.setList(k, l[:len(l)-1])
				s.mu.Unlock()
				return []any{k, l[len(l)-1]}
			}
		}
		changed, closed := s.changed, s.closed
		s.mu.Unlock()
		if closed {
			return nilArray{}
		}
		select {
		case <-changed:
		case <-expired:
			return nilArray{}
		}
	}
}

// writeReply encodes v, one of the values ReadReply returns or a status or nilArray.
func writeReply(w *bufio.Writer, v any) {
	switch v := v.(type) {
	case status:
		fmt.Fprintf(w, "+%s\r\n", string(v))
	case redis.Error:
		fmt.Fprintf(w, "-%s\r\n", string(v))
	case int64:
		fmt.Fprintf(w, ":%d\r\n", v)
	case string:
		fmt.Fprintf(w, "$%d\r\n%s\r\n", len(v), v)
	case nil:
		w.WriteString("$-1\r\n")
	case nilArray:
		w.WriteString("*-1\r\n")
	case []any:
		fmt.Fprintf(w, "*%d\r\n", len(v))
		for _, e := range v {
			writeReply(w, e)
		}
	default:
		panic(fmt.Sprintf("redistest: cannot encode a %T", v))
	}
}
