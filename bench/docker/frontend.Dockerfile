# Context: the project folder (its .dockerignore lets in frontend/app and bench-data only).
FROM turret-sample/python:bookworm-1
COPY frontend/app /srv/app
WORKDIR /srv
ENV PYTHONDONTWRITEBYTECODE=1 PORT=8000
USER 65532:65532
EXPOSE 8000
ENTRYPOINT ["/usr/bin/python3", "-m", "app"]
