"""HTTP server of the front end: ``GET /`` renders the jobs page, ``GET /healthz`` answers ok."""

import logging
import os
import signal
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from app.api import ApiUnavailable, fetch_recent_jobs
from app.page import render_jobs_page, render_unavailable_page

log = logging.getLogger(__name__)

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


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="frontend: %(asctime)s %(message)s")
    api_url = os.environ.get("API_URL", "http://api:8080")
    port = int(os.environ.get("PORT", "8000"))
    server = FrontendServer(("", port), lambda: fetch_recent_jobs(api_url))
    # SIGTERM (docker stop) then stops the server as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with server:
        log.info("listening on port %d, api at %s", port, api_url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            log.info("shutting down")
