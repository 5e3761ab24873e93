"""Web front end of the Turret sample: a page listing the jobs recently submitted to the api.

Run it with ``python3 -m app``. Environment: ``API_URL`` (default ``http://api:8080``)
and ``PORT`` (default 8000).
"""
