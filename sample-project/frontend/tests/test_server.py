"""Tests of the front end's HTTP server, running on a free local port."""

import unittest
import urllib.error
import urllib.request

from app.api import ApiUnavailable
from app.server import FrontendServer
from tests.serving import serve_in_thread


def unreachable_api() -> list[dict]:
    raise ApiUnavailable("connection refused")


class FrontendServerTest(unittest.TestCase):
    def start(self, fetch_jobs) -> str:
        return serve_in_thread(self, FrontendServer(("127.0.0.1", 0), fetch_jobs))

    def get(self, url: str) -> tuple[int, str, str]:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()

    def test_healthz(self):
        url = self.start(unreachable_api)

        self.assertEqual(self.get(url + "/healthz"), (200, "text/plain; charset=utf-8", "ok"))

    def test_root_lists_the_jobs(self):
        url = self.start(lambda: [{"id": "a1", "payload": "hello"}])

        status, content_type, body = self.get(url + "/?refresh=1")

        self.assertEqual((status, content_type), (200, "text/html; charset=utf-8"))
        self.assertIn("<td>a1</td><td>hello</td>", body)

    def test_root_renders_when_the_api_is_unavailable(self):
        url = self.start(unreachable_api)

        with self.assertLogs("app.server", "WARNING"):
            status, _, body = self.get(url + "/")

        self.assertEqual(status, 200)
        self.assertIn("api unavailable", body)

    def test_unknown_path_is_not_found(self):
        url = self.start(unreachable_api)

        with self.assertRaises(urllib.error.HTTPError) as caught:
            self.get(url + "/nope")
        self.assertEqual(caught.exception.code, 404)


if __name__ == "__main__":
    unittest.main()
