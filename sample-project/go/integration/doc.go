// Package integration holds the tests of the running system: an api and a worker sharing
// a Redis. They are behind the build tag "integration", so go test ./... skips them:
//
//	API_URL=http://api:8080 REDIS_MASTER=redis:6379 go test -tags integration -count=1 ./integration/...
//
// or, with the system wired as in production, finding the api and Redis in etcd as the
// services do (API_URL and REDIS_MASTER, when set, still win):
//
//	ETCD_ENDPOINTS=http://etcd:2379 go test -tags integration -count=1 ./integration/...
//
// With ETCD_ENDPOINTS set they also check that every service registered itself there.
// ENVIRONMENT and DEPLOY_SUFFIX, when set, are what the api must report.
//
// run.sh runs them and writes a JUnit report.
package integration
