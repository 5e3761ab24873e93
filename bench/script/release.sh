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
# PLATFORMS (e.g. "linux/amd64 linux/arm64") releases each of them, as the sample's pom does with
# Turret: the Go binaries cross-compiled (GOARCH) into target/bin/ARCH, each platform's images built
# with docker build --platform (which the image's config then names, a scratch one's too) from that
# platform's base, each platform tested (another one emulated: docker run --platform), every image
# pushed as SUFFIX-ARCH, then SUFFIX made a manifest list of them (docker manifest). Unset, the
# engine's own platform only, the commands above.
# The file generated-services (one name a line), when the project has it, names more Go services of the Go
# module (go/cmd/NAME, the benchmark's many-services scenario): each is built with the rest, gets an image of
# docker/generated.Dockerfile from its binary alone (target/context/[ARCH/]NAME), is started in the test
# environment (which waits for its "NAME serving on" line) and is pushed.
set -eu

: "${REGISTRY:?}" "${NAMESPACE:?}" "${SUFFIX:?}"
CACHE_VOLUME=${CACHE_VOLUME:-bench-script-go-cache}
PLATFORMS=${PLATFORMS:-}
GO_BUILDER=turret-sample/go-builder:bookworm-1
PYTHON=turret-sample/python:bookworm-1
GENERATED=$(cat generated-services 2>/dev/null || true)
SERVICES="api worker frontend redis $GENERATED"
project=$(pwd)

# SERVICE [ARCH]: the image's name; with ARCH, that platform's image (the engine holds one image per name).
image() {
    echo "$REGISTRY/$NAMESPACE/$1:$SUFFIX${2:+-$2}"
}

# The architectures of PLATFORMS: "amd64 arm64".
arches() {
    for platform in $PLATFORMS; do
        echo "${platform#*/}"
    done
}

build() {
    mkdir -p target/bin
    # one Go builder run: vet and test once (natively), then a build per platform (GOARCH) into /out/ARCH/
    docker run --rm -v "$project/go:/workspace/go" -v "$project/target/bin:/out" -v "$CACHE_VOLUME:/cache" \
        -e CGO_ENABLED=0 -e GOCACHE=/cache/go-build -e ARCHES="$(arches)" -w /workspace/go --network none "$GO_BUILDER" sh -ec '
            go vet ./...
            go test ./...
            if [ -z "$ARCHES" ]; then
                go build -trimpath -ldflags=-buildid= -o /out/ ./cmd/...
            fi
            for arch in $ARCHES; do
                GOARCH=$arch go build -trimpath -ldflags=-buildid= -o /out/$arch/ ./cmd/...
            done'
    cp redis/start.sh target/bin/start-redis
    chmod 755 target/bin/start-redis
    for arch in $(arches); do
        cp target/bin/start-redis "target/bin/$arch/start-redis"
    done
    generated_contexts
    docker run --rm -v "$project/frontend:/workspace/frontend:ro" -e PYTHONDONTWRITEBYTECODE=1 \
        -w /workspace/frontend --network none "$PYTHON" python3 -m unittest discover -v -s tests -t .
}

# Each generated service's binary alone in a folder, target/context/[ARCH/]SERVICE/service: its image's build
# context (target/bin, the others' context, holds every binary).
generated_contexts() {
    for service in $GENERATED; do
        if [ -z "$PLATFORMS" ]; then
            mkdir -p "target/context/$service"
            cp "target/bin/$service" "target/context/$service/service"
        fi
        for arch in $(arches); do
            mkdir -p "target/context/$arch/$service"
            cp "target/bin/$arch/$service" "target/context/$arch/$service/service"
        done
    done
}

# The Go services and redis from the build output (target/bin), the front end from the project
# (.dockerignore lets in its app files only).
images() {
    if [ -n "$PLATFORMS" ]; then
        images_per_platform
        return
    fi
    for service in api worker redis; do
        docker build -q -f "docker/$service.Dockerfile" -t "$(image "$service")" target/bin
    done
    docker build -q -f docker/frontend.Dockerfile -t "$(image frontend)" .
    for service in $GENERATED; do
        docker build -q -f docker/generated.Dockerfile -t "$(image "$service")" "target/context/$service"
    done
}

# ARCH: the --build-arg naming the base of redis and the front end for that platform (the Dockerfiles'
# own FROM for amd64, the engine's platform here; another platform's base has its own name).
base_arg() {
    [ "$2" = amd64 ] || echo "--build-arg=BASE=turret-sample/$1:bookworm-1-$2"
}

# Each platform's images, tagged SUFFIX-ARCH. --platform, because without it the engine's own
# architecture goes into the config of an image FROM scratch, and docker manifest reads it there.
images_per_platform() {
    for arch in $(arches); do
        for service in api worker; do
            docker build -q --platform "linux/$arch" -f "docker/$service.Dockerfile" \
                -t "$(image "$service" "$arch")" "target/bin/$arch"
        done
        # shellcheck disable=SC2046 # base_arg: one word or none
        docker build -q --platform "linux/$arch" $(base_arg redis "$arch") -f docker/redis.Dockerfile \
            -t "$(image redis "$arch")" "target/bin/$arch"
        # shellcheck disable=SC2046
        docker build -q --platform "linux/$arch" $(base_arg python "$arch") -f docker/frontend.Dockerfile \
            -t "$(image frontend "$arch")" .
        for service in $GENERATED; do
            docker build -q --platform "linux/$arch" -f docker/generated.Dockerfile -t "$(image "$service" "$arch")" \
                "target/context/$arch/$service"
        done
    done
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

# [ARCH]: the environment of that platform's images (emulated unless it is the engine's), the runner natively.
test_environment() {
    arch=${1:-}
    net=bench-script-$$${arch:+-$arch}
    run="docker run${arch:+ --platform linux/$arch}"
    containers="$net-redis $net-api $net-worker $net-frontend"
    for service in $GENERATED; do
        containers="$containers $net-$service"
    done
    trap 'docker rm -f $containers >/dev/null 2>&1 || true;
          docker network rm $net >/dev/null 2>&1 || true' EXIT
    docker network create "$net" >/dev/null
    # the generated services first: they need nothing, and come up while the others are waited for
    for service in $GENERATED; do
        $run -d --name "$net-$service" --network "$net" --network-alias "$service" "$(image "$service" "$arch")" >/dev/null
    done
    $run -d --name "$net-redis" --network "$net" --network-alias redis "$(image redis "$arch")" >/dev/null
    wait_log "$net-redis" "Ready to accept connections"
    $run -d --name "$net-api" --network "$net" --network-alias api -p 127.0.0.1::8080 \
        -e REDIS_MASTER=redis:6379 -e ENVIRONMENT=test-env-wired -e DEPLOY_SUFFIX="$SUFFIX" "$(image api "$arch")" >/dev/null
    $run -d --name "$net-worker" --network "$net" --network-alias worker \
        -e REDIS_MASTER=redis:6379 -e DEPLOY_SUFFIX="$SUFFIX" "$(image worker "$arch")" >/dev/null
    wait_http "$net-api" 8080 /healthz
    wait_log "$net-worker" "taking jobs from redis:6379"
    $run -d --name "$net-frontend" --network "$net" --network-alias frontend -p 127.0.0.1::8000 \
        -e API_URL=http://api:8080 -e DEPLOY_SUFFIX="$SUFFIX" "$(image frontend "$arch")" >/dev/null
    wait_http "$net-frontend" 8000 /healthz
    for service in $GENERATED; do
        wait_log "$net-$service" "$service serving on"
    done
    mkdir -p target/reports
    docker run --rm --network "$net" -v "$project/go:/workspace/go" -v "$project/target/reports:/reports" \
        -v "$CACHE_VOLUME:/cache" -e CGO_ENABLED=0 -e GOCACHE=/cache/go-build \
        -e API_URL=http://api:8080 -e REDIS_MASTER=redis:6379 -e DEPLOY_SUFFIX="$SUFFIX" \
        -w /workspace/go "$GO_BUILDER" sh integration/run.sh /reports
}

push() {
    echo "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null
    if [ -n "$PLATFORMS" ]; then
        push_per_platform
        return
    fi
    for service in $SERVICES; do
        docker push -q "$(image "$service")"
    done
}

# Every platform's image by its SUFFIX-ARCH tag, then per service SUFFIX as a manifest list of them
# (docker manifest reads each platform from the pushed image's config).
push_per_platform() {
    for service in $SERVICES; do
        for arch in $(arches); do
            docker push -q "$(image "$service" "$arch")"
        done
    done
    for service in $SERVICES; do
        # a list a failed run left in DOCKER_CONFIG would be refused ("no --amend flag")
        DOCKER_CLI_EXPERIMENTAL=enabled docker manifest rm "$(image "$service")" >/dev/null 2>&1 || true
        # shellcheck disable=SC2046 # one image name per platform
        DOCKER_CLI_EXPERIMENTAL=enabled docker manifest create "$(image "$service")" \
            $(for arch in $(arches); do image "$service" "$arch"; done) >/dev/null
        DOCKER_CLI_EXPERIMENTAL=enabled docker manifest push --purge "$(image "$service")" 2>/dev/null \
            || put_list "$(image "$service")"
    done
}

# The docker CLI counts a registry on 127.0.0.0/8 as insecure and sends its manifest push plain HTTP,
# which the registry's TLS port refuses (a registry elsewhere takes the push): the list created above
# goes up with curl, over TLS with the CA Docker trusts for the registry.
put_list() {
    path=${1#"$REGISTRY"/}
    DOCKER_CLI_EXPERIMENTAL=enabled docker manifest inspect "$1" | curl -fsS -X PUT --data-binary @- \
        --cacert "/etc/docker/certs.d/$REGISTRY/ca.crt" -u "$REGISTRY_USER:$REGISTRY_PASSWORD" \
        -H "Content-Type: application/vnd.docker.distribution.manifest.list.v2+json" \
        "https://$REGISTRY/v2/${path%:*}/manifests/${path##*:}"
    DOCKER_CLI_EXPERIMENTAL=enabled docker manifest rm "$1" >/dev/null
}

# The test environment once per platform of PLATFORMS, or once for the engine's own.
test_every_platform() {
    if [ -z "$PLATFORMS" ]; then
        (test_environment)
        return
    fi
    for arch in $(arches); do
        (test_environment "$arch")
    done
}

[ "$#" -gt 0 ] || set -- build images test push
for step in "$@"; do
    case "$step" in
        build) build ;;
        images) images ;;
        test) test_every_platform ;;
        push) push ;;
        *) echo "unknown step $step" >&2; exit 2 ;;
    esac
done
