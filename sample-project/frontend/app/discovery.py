"""Service discovery as production does it, as the Go services' internal/discovery does.

A service takes the address of what it needs from an environment variable when one is set,
and otherwise from etcd, where every service registers its own address once it is up. etcd
is named by ``ETCD_ENDPOINTS`` (comma-separated base URLs, e.g. ``http://etcd:2379``) and
spoken to through its JSON gateway (``POST /v3/kv/range`` and ``/v3/kv/put``, keys and
values in base64), which needs nothing but urllib.
"""

import base64
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Mapping

ENDPOINTS_ENV = "ETCD_ENDPOINTS"

REDIS_KEY = "/turret-sample/services/redis"
API_KEY = "/turret-sample/services/api"
FRONTEND_KEY = "/turret-sample/services/frontend"
WORKERS_PREFIX = "/turret-sample/services/worker/"

# How long resolve and register keep trying: services start in any order, and one may come
# up before etcd does, or before what it needs has registered.
WAIT = 15.0
RETRY_EVERY = 0.5
# Bounds one request to one endpoint, so that a hung endpoint does not use up the wait.
REQUEST_TIMEOUT = 2.0


class EtcdError(Exception):
    """etcd could not be reached, or gave an unusable answer."""


class KeyNotFound(EtcdError):
    """etcd does not hold the key."""


class DiscoveryError(Exception):
    """An address could not be resolved or registered in time."""


def endpoints(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The etcd endpoints named by ETCD_ENDPOINTS, or none when it is not set."""
    return [e.strip().rstrip("/") for e in environ.get(ENDPOINTS_ENV, "").split(",") if e.strip()]


class EtcdClient:
    """A minimal etcd v3 client over the JSON gateway; each call tries the endpoints in turn."""

    def __init__(self, endpoints: list[str], timeout: float = REQUEST_TIMEOUT):
        self.endpoints = endpoints
        self.timeout = timeout

    def get(self, key: str) -> str:
        """Return the value of key, or raise KeyNotFound or EtcdError."""
        answer = self._call("/v3/kv/range", {"key": _b64(key)})
        kvs = answer.get("kvs") or []  # the gateway leaves out an empty list
        if not kvs:
            raise KeyNotFound(f"etcd: get {key}: no such key")
        try:
            return base64.b64decode(kvs[0].get("value", "")).decode()
        except (ValueError, AttributeError) as err:
            raise EtcdError(f"etcd: get {key}: {err}") from err

    def put(self, key: str, value: str) -> None:
        """Set key to value, or raise EtcdError."""
        self._call("/v3/kv/put", {"key": _b64(key), "value": _b64(value)})

    def _call(self, path: str, body: dict) -> dict:
        if not self.endpoints:
            raise EtcdError("etcd: no endpoints")
        errors = []
        for endpoint in self.endpoints:
            url = endpoint + path
            request = urllib.request.Request(
                url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    answer = json.load(response)
                if isinstance(answer, dict):
                    return answer
                errors.append(f"POST {url}: not a JSON object")
            except urllib.error.HTTPError as err:
                errors.append(f"POST {url}: {err.code} {_message(err)}")
            except (OSError, ValueError) as err:
                errors.append(f"POST {url}: {err}")
        raise EtcdError("etcd: " + "; ".join(errors))


def resolve(env_name: str, key: str, environ: Mapping[str, str] = os.environ,
            wait: float | None = None) -> tuple[str | None, str | None]:
    """Return (value, where it came from) for env_name, else for key in etcd.

    The value of the environment variable env_name wins; otherwise, when ETCD_ENDPOINTS is
    set, the value of key in etcd, waiting up to wait (default WAIT) seconds for etcd to
    answer and for key to be registered, and raising DiscoveryError, naming both, if it is not. The source is
    env_name or "etcd KEY". With neither set it returns (None, None).
    """
    if environ.get(env_name):
        return environ[env_name], env_name
    names = endpoints(environ)
    if not names:
        return None, None
    wait = WAIT if wait is None else wait
    client = EtcdClient(names)
    try:
        return _retry(lambda: client.get(key), wait), f"etcd {key}"
    except EtcdError as err:
        raise DiscoveryError(
            f"{env_name} is not set, and {key} could not be read from etcd "
            f"({ENDPOINTS_ENV}={','.join(names)}) within {wait:g}s: {err}"
        ) from err


def register(key: str, value: str, environ: Mapping[str, str] = os.environ, wait: float | None = None) -> None:
    """Set key to value in the etcd named by ETCD_ENDPOINTS, trying for up to wait (default
    WAIT) seconds while etcd does not answer."""
    names = endpoints(environ)
    if not names:
        raise DiscoveryError(f"cannot register {key}: {ENDPOINTS_ENV} is not set")
    wait = WAIT if wait is None else wait
    client = EtcdClient(names)
    try:
        _retry(lambda: client.put(key, value), wait)
    except EtcdError as err:
        raise DiscoveryError(
            f"could not register {key}={value} in etcd ({ENDPOINTS_ENV}={','.join(names)}) within {wait:g}s: {err}"
        ) from err


def _retry(attempt, wait: float):
    """Call attempt until it returns, for up to wait seconds, then raise its last EtcdError."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return attempt()
        except EtcdError:
            if time.monotonic() + RETRY_EVERY > deadline:
                raise
        time.sleep(RETRY_EVERY)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode("ascii")


def _message(err: urllib.error.HTTPError) -> str:
    """The gateway explains a refusal as {"error": "...", "code": N, "message": "..."}."""
    try:
        return json.load(err)["message"]
    except (OSError, ValueError, KeyError, TypeError):
        return err.reason
