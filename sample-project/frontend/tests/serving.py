"""Runs a server on a free local port in a background thread, for the duration of a test."""

import threading
import unittest
from socketserver import BaseServer


def serve_in_thread(test: unittest.TestCase, server: BaseServer) -> str:
    """Start server, stop it when test ends, and return its base URL."""
    # A short poll interval keeps shutdown, which waits for the next poll, fast.
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    test.addCleanup(server.server_close)
    test.addCleanup(server.shutdown)
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"
