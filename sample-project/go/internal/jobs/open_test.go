package jobs

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"

	"example.com/turret-sample/internal/redis"
	"example.com/turret-sample/internal/redis/redistest"
)

func TestOpenWithoutRedisIsInMemory(t *testing.T) {
	b, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := b.(*Memory); !ok {
		t.Errorf("Open(\"\") = %T, want *Memory", b)
	}
}

func TestOpenWithRedis(t *testing.T) {
	b, err := Open(redistest.NewServer(t).Addr())
	if err != nil {
		t.Fatal(err)
	}
	r, ok := b.(*Redis)
	if !ok {
		t.Fatalf("Open() = %T, want *Redis", b)
	}
	r.Close()
}

func TestOpenWaitsForRedisToAnswer(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	// Redis comes up a little after the service.
	go func() {
		time.Sleep(700 * time.Millisecond)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Errorf("listen again on %s: %v", addr, err)
			return
		}
		defer ln.Close()
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		if _, err := redis.ReadReply(bufio.NewReader(c)); err == nil {
			c.Write([]byte("+PONG\r\n"))
		}
	}()

	r, err := openRedis(addr, 5*time.Second)
	if err != nil {
		t.Fatalf("openRedis() = %v, want it to wait for the server", err)
	}
	r.Close()
}

func TestOpenFailsNamingREDIS_MASTERWhenNothingAnswers(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	start := time.Now()
	_, err := openRedis(addr, 600*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "REDIS_MASTER="+addr) {
		t.Errorf("openRedis() = %v, want an error naming REDIS_MASTER=%s", err, addr)
	}
	if waited := time.Since(start); waited < 600*time.Millisecond || waited > 3*time.Second {
		t.Errorf("openRedis() gave up after %v, want about 600ms", waited)
	}
}

// freeAddr returns a loopback address on which nothing listens, for now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
