package redis

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

const (
	// PoolSize bounds the connections a Client holds open, busy or idle.
	PoolSize    = 8
	dialTimeout = 5 * time.Second
	// ioTimeout bounds one round trip, on top of any time the server is asked to block for,
	// so a server that went away without closing the connection cannot hang a caller.
	ioTimeout = 5 * time.Second
)

// ErrClosed is returned by the commands of a closed Client.
var ErrClosed = errors.New("redis: client is closed")

// Client talks to one Redis server over a small pool of connections. It is safe for
// concurrent use: each command has a connection to itself for its round trip.
type Client struct {
	addr   string
	dialer net.Dialer
	slots  chan struct{} // holds a token per connection taken from the pool

	mu     sync.Mutex
	idle   []*conn
	closed bool
}

type conn struct {
	nc net.Conn
	br *bufio.Reader
	bw *bufio.Writer
}

// NewClient returns a client of the server at addr (host:port). It does not connect:
// connections are dialled when commands need them; use Ping to check the server.
func NewClient(addr string) *Client {
	return &Client{
		addr:   addr,
		dialer: net.Dialer{Timeout: dialTimeout},
		slots:  make(chan struct{}, PoolSize),
	}
}

// Addr returns the server's address, as given to NewClient.
func (c *Client) Addr() string { return c.addr }

// Close closes the idle connections, and the busy ones as they finish.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, cn := range c.idle {
		cn.nc.Close()
	}
	c.idle = nil
	return nil
}

// roundTrip sends cmds in one write and reads one reply each. Error replies are values
// in the result; the error is for the connection, or ctx's error when ctx ended first.
// block is how long the server may take on purpose (a blocking command's timeout).
func (c *Client) roundTrip(ctx context.Context, block time.Duration, cmds ...[]string) ([]any, error) {
	for _, cmd := range cmds {
		if len(cmd) == 0 {
			return nil, errors.New("redis: empty command")
		}
	}
	cn, err := c.get(ctx)
	if err != nil {
		return nil, err
	}
	replies, err := cn.roundTrip(ctx, block, cmds)
	// After an I/O error the stream may be out of step with the commands: drop it.
	c.put(cn, err == nil)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("redis %s: %w", c.addr, err)
	}
	return replies, nil
}

func (cn *conn) roundTrip(ctx context.Context, block time.Duration, cmds [][]string) ([]any, error) {
	deadline := time.Now().Add(ioTimeout + block)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := cn.nc.SetDeadline(deadline); err != nil {
		return nil, err
	}
	if ctx.Done() != nil {
		// A cancelled ctx interrupts the reads and writes in progress by moving the deadline.
		stop, watched := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(watched)
			select {
			case <-ctx.Done():
				cn.nc.SetDeadline(time.Unix(1, 0))
			case <-stop:
			}
		}()
		defer func() { close(stop); <-watched }()
	}

	for _, cmd := range cmds {
		if err := WriteCommand(cn.bw, cmd...); err != nil {
			return nil, err
		}
	}
	if err := cn.bw.Flush(); err != nil {
		return nil, err
	}
	replies := make([]any, len(cmds))
	for i := range replies {
		r, err := ReadReply(cn.br)
		if err != nil {
			return nil, err
		}
		replies[i] = r
	}
	return replies, nil
}

// get takes an idle connection or dials one, waiting while PoolSize are busy.
func (c *Client) get(ctx context.Context) (*conn, error) {
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		<-c.slots
		return nil, ErrClosed
	}
	if n := len(c.idle); n > 0 {
		cn := c.idle[n-1]
		c.idle = c.idle[:n-1]
		c.mu.Unlock()
		return cn, nil
	}
	c.mu.Unlock()

	nc, err := c.dialer.DialContext(ctx, "tcp", c.addr)
	if err != nil {
		<-c.slots
		return nil, fmt.Errorf("redis: %w", err)
	}
	return &conn{nc: nc, br: bufio.NewReader(nc), bw: bufio.NewWriter(nc)}, nil
}

// put returns cn to the pool, or closes it when it is no longer usable.
func (c *Client) put(cn *conn, usable bool) {
	c.mu.Lock()
	if usable && !c.closed {
		c.idle = append(c.idle, cn)
	} else {
		cn.nc.Close()
	}
	c.mu.Unlock()
	<-c.slots
}
