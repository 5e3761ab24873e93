#!/bin/sh
# The release script a team writes beside its Jenkins job, for the sample: the benchmark's
# baseline. It does what the sample's pom.xml asks of Turret, with the docker CLI only:
#   build  - the Go builder compiles and tests the Go module, the Python image runs the front
#            end's unit tests (sources mounted with docker run -v)
#   images - docker build of one Dockerfile per service (docker/SERVICE.Dockerfile)
#   test   - redis, api, worker and frontend on a network of their own, then the Go
#            integration runner on it
#   push   - docker push of every image with the suffix
# Usage, from the project folder: sh release.sh [build|images|test|push]... (all four by default)
# Needs REGISTRY, NAMESPACE, SUFFIX; REGISTRY_USER and REGISTRY_PASSWORD for docker login.
# CACHE_VOLUME names the Go cache volume (default bench-script-go-cache).
set -eu

: "${REGISTRY:?}" "${NAMESPACE:?}" "${SUFFIX:?}"
CACHE_VOLUME=${CACHE_VOLUME:-bench-script-go-cache}
GO_BUILDER=turret-sample/go-builder:bookworm-1
PYTHON=turret-sample/python:bookworm-1
SERVICES="api worker frontend redis"
project=$(pwd)

image() {
    echo "$REGISTRY/$NAMESPACE/$1:$SUFFIX"
}

build() {
    mkdir -p target/bin
    docker run --rm -v "$project/go:/workspace/go" -v "$project/target/bin:/out" -v "$CACHE_VOLUME:/cache" \
        -e CGO_ENABLED=0 -e GOCACHE=/cache/go-build -w /workspace/go --network none "$GO_BUILDER" sh -ec '
            go vet ./...
            go test ./...
            go build -trimpath -ldflags=-buildid= -o /out/ ./cmd/...'
    cp redis/start.sh target/bin/start-redis
    chmod 755 target/bin/start-redis
    docker run --rm -v "$project/frontend:/workspace/frontend:ro" -e PYTHONDONTWRITEBYTECODE=1 \
        -w /workspace/frontend --network none "$PYTHON" python3 -m unittest discover -v -s tests -t .
}

# The Go services and redis from the build output (target/bin), the front end from the project
# (.dockerignore lets in its app files only).
images() {
    for service in api worker redis; do
        docker build -q -f "docker/$service.Dockerfile" -t "$(image "$service")" target/bin
    done
    docker build -q -f docker/frontend.Dockerfile -t "$(image frontend)" .
}

# Waits until a container's log holds a line.
wait_log() {
    tries=0
    until docker logs "$1" 2>&1 | grep -q "$2"; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || { echo "$1 did not log '$2'" >&2; docker logs "$1" >&2; return 1; }
        sleep 0.1
    done
}

# Waits until a container's published port answers GET PATH with 200.
wait_http() {
    address=$(docker port "$1" "$2" | head -n 1)
    tries=0
    until curl -fs -o /dev/null "http://$address$3"; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || { echo "$1 did not answer $3" >&2; docker logs "$1" >&2; return 1; }
        sleep 0.1
    done
}

test_environment() {
    net=bench-script-$$
    trap 'docker rm -f $net-redis $net-api $net-worker $net-frontend >/dev/null 2>&1 || true;
          docker network rm $net >/dev/null 2>&1 || true' EXIT
    docker network create "$net" >/dev/null
    docker run -d --name "$net-redis" --network "$net" --network-alias redis "$(image redis)" >/dev/null
    wait_log "$net-redis" "Ready to accept connections"
    docker run -d --name "$net-api" --network "$net" --network-alias api -p 127.0.0.1::8080 \
        -e REDIS_MASTER=redis:6379 -e ENVIRONMENT=test-env-wired -e DEPLOY_SUFFIX="$SUFFIX" "$(image api)" >/dev/null
    docker run -d --name "$net-worker" --network "$net" --network-alias worker \
        -e REDIS_MASTER=redis:6379 -e DEPLOY_SUFFIX="$SUFFIX" "$(image worker)" >/dev/null
    wait_http "$net-api" 8080 /healthz
    wait_log "$net-worker" "taking jobs from redis:6379"
    docker run -d --name "$net-frontend" --network "$net" --network-alias frontend -p 127.0.0.1::8000 \
        -e API_URL=http://api:8080 -e DEPLOY_SUFFIX="$SUFFIX" "$(image frontend)" >/dev/null
    wait_http "$net-frontend" 8000 /healthz
    mkdir -p target/reports
    docker run --rm --network "$net" -v "$project/go:/workspace/go" -v "$project/target/reports:/reports" \
        -v "$CACHE_VOLUME:/cache" -e CGO_ENABLED=0 -e GOCACHE=/cache/go-build \
        -e API_URL=http://api:8080 -e REDIS_MASTER=redis:6379 -e DEPLOY_SUFFIX="$SUFFIX" \
        -w /workspace/go "$GO_BUILDER" sh integration/run.sh /reports
}

push() {
    echo "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null
    for service in $SERVICES; do
        docker push -q "$(image "$service")"
    done
}

[ "$#" -gt 0 ] || set -- build images test push
for step in "$@"; do
    case "$step" in
        build) build ;;
        images) images ;;
        test) (test_environment) ;;
        push) push ;;
        *) echo "unknown step $step" >&2; exit 2 ;;
    esac
done
