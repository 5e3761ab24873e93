#!/bin/sh
# Redis for the sample: started in the foreground, and, when ETCD_ENDPOINTS names etcd,
# registered there as /turret-sample/services/redis once it answers, so that services find it
# without REDIS_MASTER. Redis has no etcd client: the sample's own `register` command writes the key.
set -e
if [ -n "$ETCD_ENDPOINTS" ]; then
    (
        until /usr/bin/redis-cli -p 6379 ping >/dev/null 2>&1; do
            sleep 0.2
        done
        /usr/local/bin/register /turret-sample/services/redis "${ADVERTISE_ADDR:-$(hostname):6379}"
    ) &
fi
exec /usr/bin/redis-server --protected-mode no --save "" --appendonly no
