"""HTTP server of the front end: ``GET /`` renders the jobs page, ``GET /healthz`` answers ok."""

import logging
import os
import signal
import socket
import sys
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from app import discovery
from app.api import ApiUnavailable, fetch_recent_jobs
from app.page import render_jobs_page, render_unavailable_page

log = logging.getLogger(__name__)

DEFAULT_API_URL = "http://api:8080"

FetchJobs = Callable[[], list[dict]]


class FrontendServer(ThreadingHTTPServer):
    """Serves the front end, reading jobs through fetch_jobs."""

    def __init__(self, address: tuple[str, int], fetch_jobs: FetchJobs):
        super().__init__(address, _Handler)
        self.fetch_jobs = fetch_jobs


class _Handler(BaseHTTPRequestHandler):
    server: FrontendServer

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/healthz":
            self._respond(HTTPStatus.OK, "text/plain; charset=utf-8", "ok")
        elif path == "/":
            self._respond(HTTPStatus.OK, "text/html; charset=utf-8", self._jobs_page())
        else:
            self._respond(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found")

    def _jobs_page(self) -> str:
        try:
            return render_jobs_page(self.server.fetch_jobs())
        except ApiUnavailable as err:
            log.warning("api unavailable: %s", err)
            return render_unavailable_page()

    def _respond(self, status: HTTPStatus, content_type: str, body: str) -> None:
        encoded = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(encoded)))
        self.end_headers()
        self.wfile.write(encoded)

    def log_message(self, format: str, *args) -> None:
        log.info("%s %s", self.address_string(), format % args)


def resolve_api_url(environ: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """The api's base URL and where it came from: API_URL, else etcd, else the default.

    Raises discovery.DiscoveryError when ETCD_ENDPOINTS is set but the api is not
    registered there in time.
    """
    value, source = discovery.resolve("API_URL", discovery.API_KEY, environ)
    if value is None:
        return DEFAULT_API_URL, "default"
    if source != "API_URL":
        value = "http://" + value  # etcd holds the api's host:port
    return value, source


def advertise_addr(port: int, environ: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """Where others reach this front end, and where that came from: ADVERTISE_ADDR, else
    the hostname and the port it listens on."""
    if environ.get("ADVERTISE_ADDR"):
        return environ["ADVERTISE_ADDR"], "ADVERTISE_ADDR"
    return f"{socket.gethostname()}:{port}", "hostname and port"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="frontend: %(asctime)s %(message)s")
    # SIGTERM (docker stop) then stops the front end as Ctrl-C does, while it waits for etcd too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server = start()
    except discovery.DiscoveryError as err:
        log.error("%s", err)
        sys.exit(1)
    except KeyboardInterrupt:
        return
    with server:
        log.info("listening on port %d", server.server_address[1])
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            log.info("shutting down")


def start(environ: Mapping[str, str] = os.environ) -> FrontendServer:
    """Resolve the api, listen on PORT and, when ETCD_ENDPOINTS is set, register in etcd.

    Registering once listening but before serving makes answering /healthz mean being
    registered; connections meanwhile wait in the listen backlog.
    """
    api_url, source = resolve_api_url(environ)
    log.info("api at %s (from %s)", api_url, source)
    server = FrontendServer(("", int(environ.get("PORT", "8000"))), lambda: fetch_recent_jobs(api_url))
    try:
        if discovery.endpoints(environ):
            addr, addr_source = advertise_addr(server.server_address[1], environ)
            discovery.register(discovery.FRONTEND_KEY, addr, environ)
            log.info("registered as %s (from %s) in etcd %s", addr, addr_source, discovery.FRONTEND_KEY)
    except BaseException:
        server.server_close()
        raise
    return server
