"""Client of the api's ``GET /jobs``."""

import json
import urllib.request


class ApiUnavailable(Exception):
    """The api could not be reached or gave an unusable answer."""


def fetch_recent_jobs(base_url: str, timeout: float = 2.0) -> list[dict]:
    """Return the api's recent jobs, newest first, or raise ApiUnavailable."""
    url = base_url.rstrip("/") + "/jobs"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            jobs = json.load(response)["jobs"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ApiUnavailable(f"{url}: {err}") from err
    if not isinstance(jobs, list):
        raise ApiUnavailable(f"{url}: 'jobs' is not a list")
    return jobs
