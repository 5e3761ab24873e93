package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"example.com/turret-sample/internal/discovery"
	"example.com/turret-sample/internal/discovery/etcdtest"
)

func TestRegistersTheKey(t *testing.T) {
	etcd := etcdtest.NewServer(t)
	etcd.FailNext(1) // not ready yet: register tries again
	t.Setenv(discovery.EndpointsEnv, etcd.URL())
	var stdout, stderr bytes.Buffer

	code := run(context.Background(), []string{discovery.RedisKey, "redis-1:6379"}, &stdout, &stderr)

	if code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, stderr.String())
	}
	if got, _ := etcd.Get(discovery.RedisKey); got != "redis-1:6379" {
		t.Errorf("etcd holds %q, want redis-1:6379", got)
	}
	if want := discovery.RedisKey + "=redis-1:6379\n"; !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("stdout %q, want it to end with %q", stdout.String(), want)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"/k"}, {"", "v"}, {"/k", "v", "extra"}} {
		var stderr bytes.Buffer
		if code := run(context.Background(), args, &bytes.Buffer{}, &stderr); code != 2 || !strings.HasPrefix(stderr.String(), "usage:") {
			t.Errorf("run(%q) = %d, %q; want 2 and the usage", args, code, stderr.String())
		}
	}
}

func TestFailsWithoutEtcd(t *testing.T) {
	t.Setenv(discovery.EndpointsEnv, "")
	var stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()

	if code := run(ctx, []string{"/k", "v"}, &bytes.Buffer{}, &stderr); code != 1 || !strings.Contains(stderr.String(), discovery.EndpointsEnv) {
		t.Errorf("run without %s = %d, %q; want 1 and an error naming it", discovery.EndpointsEnv, code, stderr.String())
	}
}
