package discovery

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	"example.com/turret-sample/internal/discovery/etcdtest"
)

func init() {
	retryEvery = 10 * time.Millisecond
}

func TestClientPutGetList(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	c := NewClient([]string{etcd.URL()})
	ctx := context.Background()

	for key, value := range map[string]string{
		APIKey:            "api:8080",
		WorkerKey("w1"):   "w1",
		WorkerKey("w2"):   "w2",
		WorkersPrefix[:5]: "outside",
	} {
		if err := c.Put(ctx, key, value); err != nil {
			t.Fatalf("Put(%s): %v", key, err)
		}
	}

	if got, err := c.Get(ctx, APIKey); err != nil || got != "api:8080" {
		t.Errorf("Get(%s) = %q, %v; want api:8080", APIKey, got, err)
	}
	if _, err := c.Get(ctx, FrontendKey); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing key: %v, want ErrNotFound", err)
	}
	workers, err := c.List(ctx, WorkersPrefix)
	want := map[string]string{WorkersPrefix + "w1": "w1", WorkersPrefix + "w2": "w2"}
	if err != nil || !reflect.DeepEqual(workers, want) {
		t.Errorf("List(%s) = %v, %v; want %v", WorkersPrefix, workers, err, want)
	}
}

func TestClientTriesTheNextEndpoint(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.Set(RedisKey, "redis:6379")
	c := NewClient([]string{"http://" + closedAddr(t), etcd.URL()})

	if got, err := c.Get(context.Background(), RedisKey); err != nil || got != "redis:6379" {
		t.Errorf("Get = %q, %v; want redis:6379 from the second endpoint", got, err)
	}
}

func TestClientReportsTheGatewaysMessage(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.FailNext(1)

	err := NewClient([]string{etcd.URL()}).Put(context.Background(), APIKey, "api:8080")

	if err == nil || !strings.Contains(err.Error(), "503") || !strings.Contains(err.Error(), "etcdserver: not capable") {
		t.Errorf("Put against a failing etcd: %v, want its status and message", err)
	}
}

func TestEndpoints(t *testing.T) {
	t.Setenv(EndpointsEnv, " http://etcd-1:2379/, ,http://etcd-2:2379")
	if got, want := Endpoints(), []string{"http://etcd-1:2379", "http://etcd-2:2379"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Endpoints() = %q, want %q", got, want)
	}
	t.Setenv(EndpointsEnv, "")
	if got := Endpoints(); got != nil || Enabled() {
		t.Errorf("Endpoints() = %q without %s, want none", got, EndpointsEnv)
	}
}

func TestResolvePrefersTheEnvironment(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.Set(RedisKey, "from-etcd:6379")
	t.Setenv(EndpointsEnv, etcd.URL())
	t.Setenv("REDIS_MASTER", "from-env:6379")

	value, from, err := Resolve(context.Background(), "REDIS_MASTER", RedisKey)

	if value != "from-env:6379" || from != "REDIS_MASTER" || err != nil {
		t.Errorf("Resolve = %q, %q, %v; want from-env:6379 from REDIS_MASTER", value, from, err)
	}
	if etcd.Requests() != 0 {
		t.Errorf("etcd was asked %d times, want never", etcd.Requests())
	}
}

func TestResolveFromEtcd(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.Set(RedisKey, "redis:6379")
	t.Setenv(EndpointsEnv, etcd.URL())
	t.Setenv("REDIS_MASTER", "")

	value, from, err := Resolve(context.Background(), "REDIS_MASTER", RedisKey)

	if value != "redis:6379" || from != "etcd "+RedisKey || err != nil {
		t.Errorf("Resolve = %q, %q, %v; want redis:6379 from etcd %s", value, from, err, RedisKey)
	}
}

func TestResolveWithNeitherIsEmpty(t *testing.T) {
	t.Setenv(EndpointsEnv, "")
	t.Setenv("REDIS_MASTER", "")

	value, from, err := Resolve(context.Background(), "REDIS_MASTER", RedisKey)

	if value != "" || from != "" || err != nil {
		t.Errorf("Resolve = %q, %q, %v; want nothing and no error", value, from, err)
	}
}

func TestResolveWaitsForEtcdAndTheKey(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.FailNext(3) // etcd starting
	t.Setenv(EndpointsEnv, etcd.URL())
	t.Setenv("API_URL", "")
	go func() {
		// The api registers a little after the front end starts looking for it.
		time.Sleep(100 * time.Millisecond)
		etcd.Set(APIKey, "api:8080")
	}()

	value, _, err := Resolve(context.Background(), "API_URL", APIKey)

	if value != "api:8080" || err != nil {
		t.Errorf("Resolve = %q, %v; want api:8080 once registered", value, err)
	}
}

func TestResolveNamesTheVariableAndTheKeyWhenItGivesUp(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	t.Setenv(EndpointsEnv, etcd.URL())
	t.Setenv("REDIS_MASTER", "")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()

	_, _, err := Resolve(ctx, "REDIS_MASTER", RedisKey)

	if err == nil || !errors.Is(err, ErrNotFound) {
		t.Fatalf("Resolve of a key never registered: %v, want ErrNotFound", err)
	}
	for _, want := range []string{"REDIS_MASTER", RedisKey, EndpointsEnv + "=" + etcd.URL()} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestRegister(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.FailNext(2)
	t.Setenv(EndpointsEnv, etcd.URL())

	if err := Register(context.Background(), WorkerKey("w1"), "w1"); err != nil {
		t.Fatal(err)
	}
	if got, ok := etcd.Get(WorkersPrefix + "w1"); got != "w1" || !ok {
		t.Errorf("etcd holds %q, %v; want w1", got, ok)
	}
}

func TestRegisterGivesUpNamingEtcd(t *testing.T) {
	addr := closedAddr(t)
	t.Setenv(EndpointsEnv, "http://"+addr)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()

	err := Register(ctx, APIKey, "api:8080")

	if err == nil || !strings.Contains(err.Error(), APIKey) || !strings.Contains(err.Error(), addr) {
		t.Errorf("Register with etcd down: %v, want an error naming the key and etcd", err)
	}
}

func TestRegisterWithoutEtcd(t *testing.T) {
	t.Setenv(EndpointsEnv, "")

	if err := Register(context.Background(), APIKey, "api:8080"); err == nil || !strings.Contains(err.Error(), EndpointsEnv) {
		t.Errorf("Register without %s: %v, want an error naming it", EndpointsEnv, err)
	}
}

func TestPrefixEnd(t *testing.T) {
	for prefix, want := range map[string]string{"/a/": "/a0", "a\xff": "b", "\xff\xff": "\x00"} {
		if got := string(prefixEnd(prefix)); got != want {
			t.Errorf("prefixEnd(%q) = %q, want %q", prefix, got, want)
		}
	}
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
