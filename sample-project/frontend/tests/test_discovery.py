"""Tests of service discovery against a fake etcd gateway served on a local port."""

import socket
import threading
import unittest
from unittest import mock

from app import discovery
from tests.fake_etcd import start_fake_etcd


def closed_endpoint() -> str:
    """An endpoint nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@mock.patch.object(discovery, "RETRY_EVERY", 0.01)
class EtcdClientTest(unittest.TestCase):
    def test_put_then_get(self):
        _, url = start_fake_etcd(self)
        client = discovery.EtcdClient([url])

        client.put(discovery.API_KEY, "api-1:8080")

        self.assertEqual(client.get(discovery.API_KEY), "api-1:8080")

    def test_missing_key(self):
        _, url = start_fake_etcd(self)

        with self.assertRaises(discovery.KeyNotFound):
            discovery.EtcdClient([url]).get(discovery.API_KEY)

    def test_tries_the_next_endpoint(self):
        etcd, url = start_fake_etcd(self)
        etcd.kvs[discovery.REDIS_KEY] = "redis:6379"

        self.assertEqual(discovery.EtcdClient([closed_endpoint(), url]).get(discovery.REDIS_KEY), "redis:6379")

    def test_reports_the_gateways_message(self):
        etcd, url = start_fake_etcd(self)
        etcd.fail_next = 1

        with self.assertRaisesRegex(discovery.EtcdError, "503 etcdserver: not capable"):
            discovery.EtcdClient([url]).put("/k", "v")

    def test_endpoints(self):
        self.assertEqual(discovery.endpoints({"ETCD_ENDPOINTS": " http://a:2379/, ,http://b:2379"}),
                         ["http://a:2379", "http://b:2379"])
        self.assertEqual(discovery.endpoints({}), [])


@mock.patch.object(discovery, "RETRY_EVERY", 0.01)
class ResolveTest(unittest.TestCase):
    def test_the_environment_wins(self):
        etcd, url = start_fake_etcd(self)
        etcd.kvs[discovery.API_KEY] = "from-etcd:8080"

        resolved = discovery.resolve("API_URL", discovery.API_KEY, {"API_URL": "http://x", "ETCD_ENDPOINTS": url})

        self.assertEqual(resolved, ("http://x", "API_URL"))
        self.assertEqual(etcd.requests, 0)

    def test_from_etcd(self):
        etcd, url = start_fake_etcd(self)
        etcd.kvs[discovery.API_KEY] = "api:8080"

        resolved = discovery.resolve("API_URL", discovery.API_KEY, {"ETCD_ENDPOINTS": url})

        self.assertEqual(resolved, ("api:8080", "etcd /turret-sample/services/api"))

    def test_with_neither(self):
        self.assertEqual(discovery.resolve("API_URL", discovery.API_KEY, {}), (None, None))

    def test_waits_for_etcd_and_the_key(self):
        etcd, url = start_fake_etcd(self)
        etcd.fail_next = 3  # etcd starting
        # The api registers a little after the front end starts looking for it.
        timer = threading.Timer(0.1, etcd.kvs.__setitem__, (discovery.API_KEY, "api:8080"))
        timer.start()
        self.addCleanup(timer.cancel)

        value, _ = discovery.resolve("API_URL", discovery.API_KEY, {"ETCD_ENDPOINTS": url}, wait=5)

        self.assertEqual(value, "api:8080")

    def test_gives_up_naming_the_variable_and_the_key(self):
        _, url = start_fake_etcd(self)

        with self.assertRaises(discovery.DiscoveryError) as caught:
            discovery.resolve("API_URL", discovery.API_KEY, {"ETCD_ENDPOINTS": url}, wait=0.1)

        for name in ("API_URL", discovery.API_KEY, f"ETCD_ENDPOINTS={url}", "no such key"):
            self.assertIn(name, str(caught.exception))


@mock.patch.object(discovery, "RETRY_EVERY", 0.01)
class RegisterTest(unittest.TestCase):
    def test_puts_the_key_once_etcd_answers(self):
        etcd, url = start_fake_etcd(self)
        etcd.fail_next = 2

        discovery.register(discovery.FRONTEND_KEY, "frontend-1:8000", {"ETCD_ENDPOINTS": url}, wait=5)

        self.assertEqual(etcd.kvs, {discovery.FRONTEND_KEY: "frontend-1:8000"})

    def test_gives_up_naming_etcd(self):
        endpoint = closed_endpoint()

        with self.assertRaisesRegex(discovery.DiscoveryError, f"{discovery.FRONTEND_KEY}=f:8000 .*{endpoint}"):
            discovery.register(discovery.FRONTEND_KEY, "f:8000", {"ETCD_ENDPOINTS": endpoint}, wait=0.1)

    def test_needs_etcd(self):
        with self.assertRaisesRegex(discovery.DiscoveryError, "ETCD_ENDPOINTS is not set"):
            discovery.register(discovery.FRONTEND_KEY, "f:8000", {})


if __name__ == "__main__":
    unittest.main()
