package discovery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// ErrNotFound is returned by Get for a key etcd does not hold.
var ErrNotFound = errors.New("no such key")

// requestTimeout bounds one request to one endpoint, so that a hung endpoint does not use
// up the whole wait of Resolve or Register.
const requestTimeout = 2 * time.Second

// Client is a minimal etcd v3 client over etcd's JSON gateway (POST /v3/kv/...), which
// needs nothing but net/http. Each call tries the endpoints in turn until one answers.
type Client struct {
	endpoints []string
	http      *http.Client
}

// NewClient returns a client of the etcd members at endpoints, base URLs like
// "http://etcd:2379".
func NewClient(endpoints []string) *Client {
	return &Client{endpoints: endpoints, http: &http.Client{Timeout: requestTimeout}}
}

// Endpoints returns the etcd endpoints named by ETCD_ENDPOINTS (comma-separated), or nil
// when it is not set.
func Endpoints() []string {
	var endpoints []string
	for _, e := range strings.Split(os.Getenv(EndpointsEnv), ",") {
		if e = strings.TrimSpace(e); e != "" {
			endpoints = append(endpoints, strings.TrimSuffix(e, "/"))
		}
	}
	return endpoints
}

// The gateway's JSON: the gRPC messages' fields, with bytes in standard base64, which is
// how encoding/json writes and reads a []byte.
type keyValue struct {
	Key   []byte `json:"key"`
	Value []byte `json:"value,omitempty"`
}

type rangeRequest struct {
	Key      []byte `json:"key"`
	RangeEnd []byte `json:"range_end,omitempty"`
}

type rangeResponse struct {
	Kvs []keyValue `json:"kvs"`
}

// Get returns the value of key, or an error wrapping ErrNotFound when etcd has no such key.
func (c *Client) Get(ctx context.Context, key string) (string, error) {
	var resp rangeResponse
	if err := c.call(ctx, "/v3/kv/range", rangeRequest{Key: []byte(key)}, &resp); err != nil {
		return "", err
	}
	if len(resp.Kvs) == 0 {
		return "", fmt.Errorf("etcd: get %s: %w", key, ErrNotFound)
	}
	return string(resp.Kvs[0].Value), nil
}

// List returns every key under prefix with its value.
func (c *Client) List(ctx context.Context, prefix string) (map[string]string, error) {
	var resp rangeResponse
	if err := c.call(ctx, "/v3/kv/range", rangeRequest{Key: []byte(prefix), RangeEnd: prefixEnd(prefix)}, &resp); err != nil {
		return nil, err
	}
	kvs := make(map[string]string, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		kvs[string(kv.Key)] = string(kv.Value)
	}
	return kvs, nil
}

// Put sets key to value.
func (c *Client) Put(ctx context.Context, key, value string) error {
	return c.call(ctx, "/v3/kv/put", keyValue{Key: []byte(key), Value: []byte(value)}, nil)
}

// prefixEnd is the range_end that makes a range request cover every key starting with
// prefix: prefix with its last byte incremented (etcd's clientv3.GetPrefixRangeEnd).
func prefixEnd(prefix string) []byte {
	end := []byte(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return []byte{0} // every key
}

// call posts req to path on the first endpoint that answers and decodes its answer into
// resp, when resp is not nil.
func (c *Client) call(ctx context.Context, path string, req, resp any) error {
	if len(c.endpoints) == 0 {
		return errors.New("etcd: no endpoints")
	}
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	var errs []string
	for _, endpoint := range c.endpoints {
		err := c.post(ctx, endpoint+path, body, resp)
		if err == nil {
			return nil
		}
		errs = append(errs, err.Error())
		if ctx.Err() != nil {
			break
		}
	}
	return fmt.Errorf("etcd: %s", strings.Join(errs, "; "))
}

func (c *Client) post(ctx context.Context, url string, body []byte, resp any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	r, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer r.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("POST %s: %w", url, err)
	}
	if r.StatusCode != http.StatusOK {
		// The gateway explains a refusal as {"error": "...", "code": N, "message": "..."}.
		var e struct{ Message string }
		if json.Unmarshal(answer, &e) != nil || e.Message == "" {
			e.Message = strings.TrimSpace(string(answer))
		}
		return fmt.Errorf("POST %s: %s: %s", url, r.Status, e.Message)
	}
	if resp == nil {
		return nil
	}
	if err := json.Unmarshal(answer, resp); err != nil {
		return fmt.Errorf("POST %s: %w", url, err)
	}
	return nil
}
