"""Entry point for ``python3 -m app``."""

from app.server import main

main()
