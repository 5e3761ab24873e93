"""An in-process stand-in for etcd's JSON gateway, answering as etcd 3.4 does."""

import base64
import json
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.serving import serve_in_thread

_HEADER = {"cluster_id": "14841639068965178418", "member_id": "10276657743932975437", "revision": "2", "raft_term": "2"}


class FakeEtcd(ThreadingHTTPServer):
    """Keeps its keys in memory; fail_next makes it answer that many requests with 503."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Gateway)
        self.lock = threading.Lock()
        self.kvs: dict[str, str] = {}
        self.fail_next = 0
        self.requests = 0


def start_fake_etcd(test: unittest.TestCase) -> tuple[FakeEtcd, str]:
    """Start a fake etcd for the duration of test; return it and its endpoint URL."""
    etcd = FakeEtcd()
    return etcd, serve_in_thread(test, etcd)


class _Gateway(BaseHTTPRequestHandler):
    server: FakeEtcd

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.requests += 1
            if self.server.fail_next > 0:
                self.server.fail_next -= 1
                self._answer(503, {"error": "etcdserver: not capable", "code": 14, "message": "etcdserver: not capable"})
                return
            try:
                request = json.loads(body)
                key = base64.b64decode(request["key"], validate=True).decode()
            except (ValueError, KeyError, TypeError) as err:
                self._answer(400, {"error": str(err), "code": 3, "message": str(err)})
                return
            if self.path == "/v3/kv/put":
                self.server.kvs[key] = base64.b64decode(request.get("value", "")).decode()
                self._answer(200, {"header": _HEADER})
            elif self.path == "/v3/kv/range":
                answer = {"header": _HEADER}
                if key in self.server.kvs:  # the gateway leaves out empty fields
                    value = base64.b64encode(self.server.kvs[key].encode()).decode()
                    answer["kvs"] = [{"key": request["key"], "create_revision": "2", "mod_revision": "2",
                                      "version": "1", "value": value}]
                    answer["count"] = "1"
                self._answer(200, answer)
            else:
                self._answer(404, {"code": 5, "message": "Not Found"})

    def _answer(self, status: int, body: dict) -> None:
        encoded = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(encoded)))
        self.end_headers()
        self.wfile.write(encoded)

    def log_message(self, format, *args):
        pass
