package redis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// ErrNil is returned for a nil reply: a missing key or field, or a blocking pop that timed out.
var ErrNil = errors.New("redis: nil reply")

// Do sends one command, such as Do(ctx, "HGET", key, field), and returns its reply as
// ReadReply describes it. An error reply is returned as the error, of type Error.
func (c *Client) Do(ctx context.Context, args ...string) (any, error) {
	replies, err := c.roundTrip(ctx, 0, args)
	if err != nil {
		return nil, err
	}
	if err := asError(replies[0]); err != nil {
		return nil, err
	}
	return replies[0], nil
}

// Ping checks that the server answers.
func (c *Client) Ping(ctx context.Context) error {
	pong, err := String(c.Do(ctx, "PING"))
	if err == nil && pong != "PONG" {
		err = fmt.Errorf("redis: PING answered %q", pong)
	}
	return err
}

// Exec runs cmds as one transaction (MULTI, cmds, EXEC), sent in a single write, and
// returns their replies. It fails if the server refused or failed any of them.
func (c *Client) Exec(ctx context.Context, cmds ...[]string) ([]any, error) {
	all := make([][]string, 0, len(cmds)+2)
	all = append(all, []string{"MULTI"})
	all = append(all, cmds...)
	all = append(all, []string{"EXEC"})
	replies, err := c.roundTrip(ctx, 0, all...)
	if err != nil {
		return nil, err
	}
	// A command refused while queueing is reported again, less precisely, by EXEC's
	// EXECABORT: report the first refusal instead.
	for _, r := range replies[:len(replies)-1] {
		if err := asError(r); err != nil {
			return nil, err
		}
	}
	results, err := Values(replies[len(replies)-1], nil)
	if err != nil {
		return nil, err
	}
	if len(results) != len(cmds) {
		return nil, fmt.Errorf("redis: EXEC returned %d replies for %d commands", len(results), len(cmds))
	}
	for _, r := range results {
		if err := asError(r); err != nil {
			return results, err
		}
	}
	return results, nil
}

// BRPop pops the last element of the first non-empty list among keys, waiting up to
// timeout (rounded up to whole seconds, at least one) for one to have an element.
// It returns ErrNil when the time ran out, and ctx's error as soon as ctx ends.
func (c *Client) BRPop(ctx context.Context, timeout time.Duration, keys ...string) (key, value string, err error) {
	secs := int(math.Ceil(timeout.Seconds()))
	if secs < 1 {
		secs = 1 // 0 would mean forever
	}
	args := append([]string{"BRPOP"}, keys...)
	args = append(args, strconv.Itoa(secs))
	replies, err := c.roundTrip(ctx, time.Duration(secs)*time.Second, args)
	if err != nil {
		return "", "", err
	}
	pair, err := Strings(replies[0], asError(replies[0]))
	if err != nil {
		return "", "", err
	}
	if len(pair) != 2 {
		return "", "", fmt.Errorf("redis: BRPOP returned %d elements", len(pair))
	}
	return pair[0], pair[1], nil
}

// String returns a string reply, or ErrNil for a nil one. It takes Do's results as they are:
// String(c.Do(ctx, "GET", key)).
func String(v any, err error) (string, error) {
	if err != nil {
		return "", err
	}
	switch v := v.(type) {
	case string:
		return v, nil
	case nil:
		return "", ErrNil
	default:
		return "", fmt.Errorf("redis: want a string reply, got %T", v)
	}
}

// Strings returns an array reply of strings, or ErrNil for a nil array.
func Strings(v any, err error) ([]string, error) {
	elems, err := Values(v, err)
	if err != nil {
		return nil, err
	}
	strs := make([]string, len(elems))
	for i, e := range elems {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("redis: want an array of strings, got a %T in it", e)
		}
		strs[i] = s
	}
	return strs, nil
}

// Values returns an array reply, or ErrNil for a nil array.
func Values(v any, err error) ([]any, error) {
	if err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case []any:
		return v, nil
	case nil:
		return nil, ErrNil
	default:
		return nil, fmt.Errorf("redis: want an array reply, got %T", v)
	}
}

// asError returns an error reply as an error, and nil for any other reply.
func asError(v any) error {
	if e, ok := v.(Error); ok {
		return e
	}
	return nil
}
