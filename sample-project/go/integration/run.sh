#!/bin/sh
# Runs the integration tests against the running system and writes their JUnit report.
#
# Usage, from the module root: sh integration/run.sh REPORTS_DIR
# Needs API_URL and REDIS_MASTER, or ETCD_ENDPOINTS (see doc.go). Writes
# REPORTS_DIR/TEST-go-integration.xml, prints the tests' output, and exits with go test's status.
set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 REPORTS_DIR" >&2
	exit 2
fi
mkdir -p "$1"
reports=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

json=$(mktemp)
trap 'rm -f "$json"' EXIT

# Standard error too: a compiler error then shows in the report, not only in the log.
status=0
go test -tags integration -json -count=1 ./integration/... >"$json" 2>&1 || status=$?

go run ./tools/gotest2junit -print -o "$reports/TEST-go-integration.xml" "$json"
echo "go test exited with status $status"
exit "$status"
