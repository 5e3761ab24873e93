// Package integration holds the tests of the running system: an api and a worker sharing
// a Redis. They are behind the build tag "integration", so go test ./... skips them:
//
//	API_URL=http://api:8080 REDIS_MASTER=redis:6379 go test -tags integration -count=1 ./integration/...
//
// run.sh runs them and writes a JUnit report.
package integration
