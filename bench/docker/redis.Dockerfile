# Redis with the sample's start script and register command. Context: target/bin.
FROM turret-sample/redis:bookworm-1
COPY start-redis /usr/local/bin/start-redis
COPY register /usr/local/bin/register
USER redis
EXPOSE 6379
ENTRYPOINT ["/bin/sh", "/usr/local/bin/start-redis"]
