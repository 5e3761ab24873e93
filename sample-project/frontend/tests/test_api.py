"""Tests of the api client against a fake api served on a local port."""

import json
import socket
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

from app.api import ApiUnavailable, fetch_recent_jobs
from tests.serving import serve_in_thread


def fake_api(status: int, body: bytes) -> type[BaseHTTPRequestHandler]:
    """A handler answering every GET /jobs with status and body."""

    class FakeApi(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/jobs":
                self.send_error(404)
                return
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    return FakeApi


class FetchRecentJobsTest(unittest.TestCase):
    def serve(self, status: int, body: bytes) -> str:
        return serve_in_thread(self, HTTPServer(("127.0.0.1", 0), fake_api(status, body)))

    def test_returns_the_jobs(self):
        jobs = [{"id": "a", "payload": "x"}]
        url = self.serve(200, json.dumps({"jobs": jobs}).encode())

        self.assertEqual(fetch_recent_jobs(url + "/"), jobs)

    def test_error_status_is_unavailable(self):
        url = self.serve(500, b'{"error":"internal error"}')

        with self.assertRaises(ApiUnavailable):
            fetch_recent_jobs(url)

    def test_unusable_answers_are_unavailable(self):
        for body in (b"not json", b"[]", b"{}", b'{"jobs": "a"}'):
            with self.subTest(body=body):
                url = self.serve(200, body)
                with self.assertRaises(ApiUnavailable):
                    fetch_recent_jobs(url)

    def test_refused_connection_is_unavailable(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # Nothing listens on port any more.
        with self.assertRaises(ApiUnavailable):
            fetch_recent_jobs(f"http://127.0.0.1:{port}")


if __name__ == "__main__":
    unittest.main()
