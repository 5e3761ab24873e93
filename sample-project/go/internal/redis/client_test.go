package redis_test

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"

	"example.com/turret-sample/internal/redis"
	"example.com/turret-sample/internal/redis/redistest"
)

func newClient(t *testing.T) (*redis.Client, *redistest.Server) {
	t.Helper()
	srv := redistest.NewServer(t)
	c := redis.NewClient(srv.Addr())
	t.Cleanup(func() { c.Close() })
	return c, srv
}

func TestDo(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)

	if err := c.Ping(ctx); err != nil {
		t.Fatalf("Ping() = %v", err)
	}
	if n, err := c.Do(ctx, "LPUSH", "l", "a", "b"); n != int64(2) || err != nil {
		t.Errorf("LPUSH = %#v, %v; want 2", n, err)
	}
	if got, err := redis.Strings(c.Do(ctx, "LRANGE", "l", "0", "-1")); !reflect.DeepEqual(got, []string{"b", "a"}) || err != nil {
		t.Errorf("LRANGE = %q, %v", got, err)
	}
	if _, err := redis.String(c.Do(ctx, "HGET", "h", "missing")); err != redis.ErrNil {
		t.Errorf("HGET of a missing field = %v, want ErrNil", err)
	}
}

func TestDoReturnsErrorRepliesAndKeepsTheConnection(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)

	if _, err := c.Do(ctx, "LPUSH", "l-is-a-list", "x"); err != nil {
		t.Fatal(err)
	}
	_, err := c.Do(ctx, "HSET", "l-is-a-list", "f", "v")
	var replyErr redis.Error
	if !errors.As(err, &replyErr) {
		t.Fatalf("HSET on a list = %v, want an error reply", err)
	}
	if err := c.Ping(ctx); err != nil {
		t.Errorf("Ping() after an error reply = %v", err)
	}
}

func TestExec(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)

	got, err := c.Exec(ctx, []string{"LPUSH", "l", "a"}, []string{"LPUSH", "l", "b"}, []string{"LTRIM", "l", "0", "0"})
	if want := []any{int64(1), int64(2), "OK"}; !reflect.DeepEqual(got, want) || err != nil {
		t.Fatalf("Exec() = %#v, %v; want %#v", got, err, want)
	}
	if l, _ := redis.Strings(c.Do(ctx, "LRANGE", "l", "0", "-1")); !reflect.DeepEqual(l, []string{"b"}) {
		t.Errorf("list after the transaction = %q, want [b]", l)
	}
	if _, err := c.Exec(ctx, []string{"NOSUCHCOMMAND"}); err == nil {
		t.Error("Exec() of an unknown command succeeded")
	}
}

func TestBRPop(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)
	if _, err := c.Do(ctx, "LPUSH", "q", "first", "second"); err != nil {
		t.Fatal(err)
	}

	key, value, err := c.BRPop(ctx, time.Second, "other", "q")
	if key != "q" || value != "first" || err != nil {
		t.Errorf("BRPop() = %q, %q, %v; want q, first", key, value, err)
	}

	start := time.Now()
	if _, _, err := c.BRPop(ctx, time.Millisecond, "empty"); err != redis.ErrNil {
		t.Errorf("BRPop() on an empty list = %v, want ErrNil", err)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("BRPop() gave up after %v; a timeout is at least a second", waited)
	}
}

func TestBRPopWakesUpOnPush(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)
	go func() {
		time.Sleep(50 * time.Millisecond)
		c.Do(ctx, "LPUSH", "q", "late")
	}()

	if _, value, err := c.BRPop(ctx, 5*time.Second, "q"); value != "late" || err != nil {
		t.Errorf("BRPop() = %q, %v; want late", value, err)
	}
}

func TestBRPopStopsWhenContextIsCancelled(t *testing.T) {
	c, _ := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)

	start := time.Now()
	if _, _, err := c.BRPop(ctx, 30*time.Second, "q"); !errors.Is(err, context.Canceled) {
		t.Errorf("BRPop() = %v, want context.Canceled", err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("BRPop() returned %v after the cancellation", waited)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Errorf("Ping() after a cancelled command = %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	c, _ := newClient(t)
	const n = 3 * redis.PoolSize
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if _, err := c.Do(ctx, "HSET", "h", strconv.Itoa(i), strconv.Itoa(i*i)); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	for i := 0; i < n; i++ {
		if v, err := redis.String(c.Do(ctx, "HGET", "h", strconv.Itoa(i))); v != strconv.Itoa(i*i) || err != nil {
			t.Errorf("HGET h %d = %q, %v", i, v, err)
		}
	}
}

func TestPoolIsBounded(t *testing.T) {
	c, _ := newClient(t)
	blocked, unblock := context.WithCancel(context.Background())
	defer unblock()
	var wg sync.WaitGroup
	for i := 0; i < redis.PoolSize; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.BRPop(blocked, 30*time.Second, "q")
		}()
	}
	time.Sleep(100 * time.Millisecond) // let the pops take every connection

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := c.Ping(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Ping() with every connection busy = %v, want it to wait for one", err)
	}
	unblock()
	wg.Wait()
	if err := c.Ping(context.Background()); err != nil {
		t.Errorf("Ping() once connections are free = %v", err)
	}
}

func TestServerGoneIsAnError(t *testing.T) {
	ctx := context.Background()
	c, srv := newClient(t)
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Close()

	if err := c.Ping(ctx); err == nil {
		t.Error("Ping() succeeded after the server closed")
	}
}

func TestClosedClient(t *testing.T) {
	c, _ := newClient(t)
	c.Close()
	if err := c.Ping(context.Background()); err != redis.ErrClosed {
		t.Errorf("Ping() on a closed client = %v, want ErrClosed", err)
	}
}
