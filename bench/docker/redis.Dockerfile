# Redis with the sample's start script and register command. Context: target/bin (target/bin/ARCH for one
# of several platforms). BASE: another platform's base, e.g. turret-sample/redis:bookworm-1-arm64.
ARG BASE=turret-sample/redis:bookworm-1
FROM $BASE
COPY start-redis /usr/local/bin/start-redis
COPY register /usr/local/bin/register
USER redis
EXPOSE 6379
ENTRYPOINT ["/bin/sh", "/usr/local/bin/start-redis"]
