"""HTML rendering of the jobs page. Everything that comes from the api is escaped."""

from html import escape

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Turret sample: recent jobs</title>
</head>
<body>
<h1>Recent jobs</h1>
{content}
</body>
</html>
"""


def render_jobs_page(jobs: list[dict]) -> str:
    """Render the jobs, newest first as the api lists them, as a table."""
    if not jobs:
        return _PAGE.format(content="<p>No jobs yet.</p>")
    rows = "\n".join(_render_row(job) for job in jobs)
    return _PAGE.format(
        content=f"<table>\n<tr><th>id</th><th>payload</th><th>status</th></tr>\n{rows}\n</table>"
    )


def render_unavailable_page() -> str:
    """Render the page for when the api cannot be reached."""
    return _PAGE.format(content='<p class="error">api unavailable: recent jobs cannot be shown.</p>')


def _render_row(job: dict) -> str:
    result = job.get("result")
    if result:
        status = f"done: {_text(result.get('words'))} words, {_text(result.get('upper'))}"
    else:
        status = "queued"
    return f"<tr><td>{_text(job.get('id'))}</td><td>{_text(job.get('payload'))}</td><td>{status}</td></tr>"


def _text(value: object) -> str:
    return "" if value is None else escape(str(value))
