# Context: the project folder (its .dockerignore lets in frontend/app and bench-data only).
# BASE: another platform's base (the engine holds one image per name), e.g. turret-sample/python:bookworm-1-arm64.
ARG BASE=turret-sample/python:bookworm-1
FROM $BASE
COPY frontend/app /srv/app
WORKDIR /srv
ENV PYTHONDONTWRITEBYTECODE=1 PORT=8000
USER 65532:65532
EXPOSE 8000
ENTRYPOINT ["/usr/bin/python3", "-m", "app"]
