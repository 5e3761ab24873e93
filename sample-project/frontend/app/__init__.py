"""Web front end of the Turret sample: a page listing the jobs recently submitted to the api.

Run it with ``python3 -m app``. Environment:

- ``API_URL``: the api's base URL. When it is not set and ``ETCD_ENDPOINTS`` is, the api's
  host:port is read from etcd's ``/turret-sample/services/api``, waiting up to 15 seconds
  for it to be registered; with neither, ``http://api:8080``.
- ``PORT``: where to listen (default 8000).
- ``ETCD_ENDPOINTS``: etcd's comma-separated base URLs, e.g. ``http://etcd:2379``. When set,
  the front end registers ``ADVERTISE_ADDR`` under ``/turret-sample/services/frontend``
  once it listens and before it serves, and exits with an error if etcd does not take it
  within 15 seconds.
- ``ADVERTISE_ADDR``: the host:port where others reach the front end (default: the
  hostname and ``PORT``).
"""
