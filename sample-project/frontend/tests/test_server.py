"""Tests of the front end's HTTP server, running on a free local port."""

import json
import socket
import unittest
import urllib.error
import urllib.request
from http.server import HTTPServer
from unittest import mock

from app import discovery
from app.api import ApiUnavailable
from app.server import FrontendServer, advertise_addr, resolve_api_url, start
from tests.fake_etcd import start_fake_etcd
from tests.serving import serve_in_thread
from tests.test_api import fake_api


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


class ResolveApiUrlTest(unittest.TestCase):
    def test_api_url_wins(self):
        self.assertEqual(resolve_api_url({"API_URL": "http://api-1:8080", "ETCD_ENDPOINTS": "http://nowhere:2379"}),
                         ("http://api-1:8080", "API_URL"))

    def test_from_etcd(self):
        etcd, url = start_fake_etcd(self)
        etcd.kvs[discovery.API_KEY] = "api-1:8080"

        self.assertEqual(resolve_api_url({"ETCD_ENDPOINTS": url}),
                         ("http://api-1:8080", "etcd /turret-sample/services/api"))

    def test_default(self):
        self.assertEqual(resolve_api_url({}), ("http://api:8080", "default"))


class AdvertiseAddrTest(unittest.TestCase):
    def test_advertise_addr_wins(self):
        self.assertEqual(advertise_addr(8000, {"ADVERTISE_ADDR": "web:80"}), ("web:80", "ADVERTISE_ADDR"))

    def test_hostname_and_port(self):
        self.assertEqual(advertise_addr(8000, {}), (f"{socket.gethostname()}:8000", "hostname and port"))


class StartTest(unittest.TestCase):
    """start, wired through etcd only, as in production."""

    def test_finds_the_api_in_etcd_and_registers_itself(self):
        jobs = [{"id": "e1", "payload": "via etcd"}]
        api = serve_in_thread(self, HTTPServer(("127.0.0.1", 0), fake_api(200, json.dumps({"jobs": jobs}).encode())))
        etcd, etcd_url = start_fake_etcd(self)
        etcd.kvs[discovery.API_KEY] = api.removeprefix("http://")

        with self.assertLogs("app.server", "INFO") as logs:
            server = start({"ETCD_ENDPOINTS": etcd_url, "PORT": "0"})
        url = serve_in_thread(self, server)
        port = server.server_address[1]

        self.assertEqual(etcd.kvs[discovery.FRONTEND_KEY], f"{socket.gethostname()}:{port}")
        self.assertIn(f"api at {api} (from etcd /turret-sample/services/api)", "\n".join(logs.output))
        with urllib.request.urlopen(url + "/", timeout=5) as response:
            self.assertIn("<td>e1</td><td>via etcd</td>", response.read().decode())

    @mock.patch.object(discovery, "RETRY_EVERY", 0.01)
    @mock.patch.object(discovery, "WAIT", 0.1)
    def test_fails_when_the_api_never_registers(self):
        _, etcd_url = start_fake_etcd(self)

        with self.assertRaisesRegex(discovery.DiscoveryError, "API_URL is not set, and /turret-sample/services/api"):
            start({"ETCD_ENDPOINTS": etcd_url, "PORT": "0"})

    def test_without_etcd_registers_nothing(self):
        with self.assertLogs("app.server", "INFO") as logs:
            server = start({"API_URL": "http://api-1:8080", "PORT": "0"})
        server.server_close()

        self.assertEqual(logs.output, ["INFO:app.server:api at http://api-1:8080 (from API_URL)"])


if __name__ == "__main__":
    unittest.main()
