package redis

import (
	"bufio"
	"context"
	"errors"
	"net"
	"testing"
)

// A connection that gave a malformed reply is out of step with its commands: it must not
// be reused.
func TestClientDropsAConnectionAfterAProtocolError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	answers := []string{"?garbage\r\n", "+PONG\r\n"}
	go func() {
		for _, answer := range answers {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
			if _, err := ReadReply(bufio.NewReader(c)); err != nil {
				return
			}
			c.Write([]byte(answer))
		}
	}()
	c := NewClient(ln.Addr().String())
	defer c.Close()

	if err := c.Ping(context.Background()); !errors.Is(err, ErrProtocol) {
		t.Fatalf("Ping() answered with garbage = %v, want ErrProtocol", err)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Errorf("Ping() on a new connection = %v", err)
	}
}
