package io.turret.it.bench;

import java.util.List;

/**
 * A real {@code turret:release} of the sample after one Python change, as the benchmark logged it
 * (it/target/bench/bench-turret/sample-project/maven-output.log, 25 November 2026): the Go builder
 * and three services' images reused, the front end built, tested and assembled, the environment up,
 * the integration runner run, the front end's image pushed.
 */
final class PythonChangeLog {
    static final List<String> LINES = """
            \033[0m\033[0m22:08:06.822 [INFO] Scanning for projects...
            22:08:06.938 [INFO]\s
            22:08:06.938 [INFO] -------------------< io.turret.sample:turret-bench >--------------------
            22:08:06.938 [INFO] Building turret-bench 1.0.0-SNAPSHOT
            22:08:06.938 [INFO] --------------------------------[ jar ]---------------------------------
            22:08:06.941 [INFO]\s
            22:08:06.942 [INFO] --- turret-maven-plugin:0.1.0-SNAPSHOT:release (default-cli) @ turret-bench ---
            22:08:07.391 [INFO] Registry 127.0.0.1:42267: credential from settings.xml <server> '127.0.0.1:42267'
            22:08:07.957 [INFO] Registry 127.0.0.1:42267 accepts the credential and pushes to every service's repository.
            22:08:08.553 [INFO] [go] reused the outputs of run 20261125-220538-a6ec (inputs unchanged)
            22:08:08.642 [INFO] [worker] reused target/turret/images/worker.tar sha256:c704c7c81a7a0c3a0151b4d7a7032fa3b5f7fb7a74da12fca499b382dc6bd461 (inputs unchanged)
            22:08:08.654 [INFO] [api] reused target/turret/images/api.tar sha256:f6bdc1686897c95096872b49af3f9697dfc253177bad6d7a5cf5811049981175 (inputs unchanged)
            22:08:08.673 [INFO] [redis] reused target/turret/images/redis.tar sha256:8566b7e94dd40db58860aeb3292a3d5054aa320857c49aeeee602ad277701b9f (inputs unchanged)
            22:08:08.739 [INFO] [frontend] started in turret-sample/python:bookworm-1
            22:08:08.814 [INFO] [frontend] test_error_status_is_unavailable (tests.test_api.FetchRecentJobsTest.test_error_status_is_unavailable) ... ok
            22:08:08.815 [INFO] [frontend] test_refused_connection_is_unavailable (tests.test_api.FetchRecentJobsTest.test_refused_connection_is_unavailable) ... ok
            22:08:08.825 [INFO] [frontend] test_returns_the_jobs (tests.test_api.FetchRecentJobsTest.test_returns_the_jobs) ... ok
            22:08:08.867 [INFO] [frontend] test_unusable_answers_are_unavailable (tests.test_api.FetchRecentJobsTest.test_unusable_answers_are_unavailable) ... ok
            22:08:08.867 [INFO] [frontend] test_endpoints (tests.test_discovery.EtcdClientTest.test_endpoints) ... ok
            22:08:08.879 [INFO] [frontend] test_missing_key (tests.test_discovery.EtcdClientTest.test_missing_key) ... ok
            22:08:08.891 [INFO] [frontend] test_put_then_get (tests.test_discovery.EtcdClientTest.test_put_then_get) ... ok
            22:08:08.903 [INFO] [frontend] test_reports_the_gateways_message (tests.test_discovery.EtcdClientTest.test_reports_the_gateways_message) ... ok
            22:08:08.916 [INFO] [frontend] test_tries_the_next_endpoint (tests.test_discovery.EtcdClientTest.test_tries_the_next_endpoint) ... ok
            22:08:09.010 [INFO] [frontend] test_gives_up_naming_etcd (tests.test_discovery.RegisterTest.test_gives_up_naming_etcd) ... ok
            22:08:09.011 [INFO] [frontend] test_needs_etcd (tests.test_discovery.RegisterTest.test_needs_etcd) ... ok
            22:08:09.046 [INFO] [frontend] test_puts_the_key_once_etcd_answers (tests.test_discovery.RegisterTest.test_puts_the_key_once_etcd_answers) ... ok
            22:08:09.057 [INFO] [frontend] test_from_etcd (tests.test_discovery.ResolveTest.test_from_etcd) ... ok
            22:08:09.163 [INFO] [frontend] test_gives_up_naming_the_variable_and_the_key (tests.test_discovery.ResolveTest.test_gives_up_naming_the_variable_and_the_key) ... ok
            22:08:09.173 [INFO] [frontend] test_the_environment_wins (tests.test_discovery.ResolveTest.test_the_environment_wins) ... ok
            22:08:09.296 [INFO] [frontend] test_waits_for_etcd_and_the_key (tests.test_discovery.ResolveTest.test_waits_for_etcd_and_the_key) ... ok
            22:08:09.296 [INFO] [frontend] test_with_neither (tests.test_discovery.ResolveTest.test_with_neither) ... ok
            22:08:09.296 [INFO] [frontend] test_escapes_everything_from_the_api (tests.test_page.RenderJobsPageTest.test_escapes_everything_from_the_api) ... ok
            22:08:09.296 [INFO] [frontend] test_lists_queued_and_done_jobs (tests.test_page.RenderJobsPageTest.test_lists_queued_and_done_jobs) ... ok
            22:08:09.296 [INFO] [frontend] test_says_when_there_are_no_jobs (tests.test_page.RenderJobsPageTest.test_says_when_there_are_no_jobs) ... ok
            22:08:09.296 [INFO] [frontend] test_tolerates_missing_fields (tests.test_page.RenderJobsPageTest.test_tolerates_missing_fields) ... ok
            22:08:09.296 [INFO] [frontend] test_says_the_api_is_unavailable (tests.test_page.RenderUnavailablePageTest.test_says_the_api_is_unavailable) ... ok
            22:08:09.296 [INFO] [frontend] test_advertise_addr_wins (tests.test_server.AdvertiseAddrTest.test_advertise_addr_wins) ... ok
            22:08:09.296 [INFO] [frontend] test_hostname_and_port (tests.test_server.AdvertiseAddrTest.test_hostname_and_port) ... ok
            22:08:09.307 [INFO] [frontend] test_healthz (tests.test_server.FrontendServerTest.test_healthz) ... ok
            22:08:09.318 [INFO] [frontend] test_root_lists_the_jobs (tests.test_server.FrontendServerTest.test_root_lists_the_jobs) ... ok
            22:08:09.330 [INFO] [frontend] test_root_renders_when_the_api_is_unavailable (tests.test_server.FrontendServerTest.test_root_renders_when_the_api_is_unavailable) ... ok
            22:08:09.342 [INFO] [frontend] test_unknown_path_is_not_found (tests.test_server.FrontendServerTest.test_unknown_path_is_not_found) ... ok
            22:08:09.342 [INFO] [frontend] test_api_url_wins (tests.test_server.ResolveApiUrlTest.test_api_url_wins) ... ok
            22:08:09.343 [INFO] [frontend] test_default (tests.test_server.ResolveApiUrlTest.test_default) ... ok
            22:08:09.354 [INFO] [frontend] test_from_etcd (tests.test_server.ResolveApiUrlTest.test_from_etcd) ... ok
            22:08:09.464 [INFO] [frontend] test_fails_when_the_api_never_registers (tests.test_server.StartTest.test_fails_when_the_api_never_registers) ... ok
            22:08:09.489 [INFO] [frontend] test_finds_the_api_in_etcd_and_registers_itself (tests.test_server.StartTest.test_finds_the_api_in_etcd_and_registers_itself) ... ok
            22:08:09.489 [INFO] [frontend] test_without_etcd_registers_nothing (tests.test_server.StartTest.test_without_etcd_registers_nothing) ... ok
            22:08:09.489 [INFO] [frontend]\s
            22:08:09.489 [INFO] [frontend] ----------------------------------------------------------------------
            22:08:09.490 [INFO] [frontend] Ran 34 tests in 0.678s
            22:08:09.490 [INFO] [frontend]\s
            22:08:09.490 [INFO] [frontend] OK
            22:08:09.608 [INFO] [frontend] passed in 1 s, 7 output file(s) in target/turret/build/frontend
            22:08:10.342 [INFO] [frontend] assembled 127.0.0.1:42267/bench-turret/frontend:bench sha256:f33f7140aa23a18ae2c2187cd9581996f745097589e0d68e836d92161ef167ba (2 layers, 101.7 MiB)
            22:08:10.762 [INFO] [redis] up (a log line matching 'Ready to accept connections')
            22:08:11.160 [INFO] [worker] up (a log line matching 'taking jobs from redis:6379')
            22:08:11.209 [INFO] [api] up on 127.0.0.1:33288 (HTTP 200 from GET /healthz on port 8080)
            22:08:11.582 [INFO] [frontend] up on 127.0.0.1:33289 (HTTP 200 from GET /healthz on port 8000)
            22:08:11.894 [INFO] [go-integration] started in turret-sample/go-builder:bookworm-1
            22:08:12.341 [INFO] [go-integration] gotest2junit: wrote /reports/TEST-go-integration.xml: 4 tests, 0 failed, 1 skipped
            22:08:12.341 [INFO] [go-integration] === RUN   TestEveryServiceRegistered
            22:08:12.341 [INFO] [go-integration]     registration_test.go:21: ETCD_ENDPOINTS is not set: the system is wired by environment variables, not etcd
            22:08:12.341 [INFO] [go-integration] --- SKIP: TestEveryServiceRegistered (0.00s)
            22:08:12.341 [INFO] [go-integration] === RUN   TestHealthz
            22:08:12.342 [INFO] [go-integration] --- PASS: TestHealthz (0.00s)
            22:08:12.342 [INFO] [go-integration] === RUN   TestVersion
            22:08:12.342 [INFO] [go-integration] --- PASS: TestVersion (0.00s)
            22:08:12.342 [INFO] [go-integration] === RUN   TestJobGoesThroughTheWorker
            22:08:12.342 [INFO] [go-integration] --- PASS: TestJobGoesThroughTheWorker (0.00s)
            22:08:12.342 [INFO] [go-integration] PASS
            22:08:12.342 [INFO] [go-integration] ok  \texample.com/turret-sample/integration\t0.009s
            22:08:12.346 [INFO] [go-integration] go test exited with status 0
            22:08:12.476 [INFO] [go-integration] passed in 0 s, 1 output file(s) in target/turret/reports/it-go-integration
            22:08:12.541 [INFO] [api] bench-turret/api:bench already points at sha256:f6bdc1686897c95096872b49af3f9697dfc253177bad6d7a5cf5811049981175: nothing to push
            22:08:12.577 [INFO] [worker] bench-turret/worker:bench already points at sha256:c704c7c81a7a0c3a0151b4d7a7032fa3b5f7fb7a74da12fca499b382dc6bd461: nothing to push
            22:08:12.721 [INFO] [redis] bench-turret/redis:bench already points at sha256:8566b7e94dd40db58860aeb3292a3d5054aa320857c49aeeee602ad277701b9f: nothing to push
            22:08:12.983 [INFO] [frontend] pushed bench-turret/frontend@sha256:f33f7140aa23a18ae2c2187cd9581996f745097589e0d68e836d92161ef167ba (2 of 3 blobs uploaded, the rest were there)
            22:08:13.159 [INFO] Pushed 4 image(s) to 127.0.0.1:42267 (2 blob(s) uploaded, 0 mounted); target/turret/release.json records them:
            22:08:13.163 [INFO] service   reference                                    digest                    size
            22:08:13.163 [INFO] api       127.0.0.1:42267/bench-turret/api:bench       sha256:f6bdc1686897    4.1 MiB
            22:08:13.163 [INFO] worker    127.0.0.1:42267/bench-turret/worker:bench    sha256:c704c7c81a7a    3.8 MiB
            22:08:13.164 [INFO] frontend  127.0.0.1:42267/bench-turret/frontend:bench  sha256:f33f7140aa23  101.7 MiB
            22:08:13.164 [INFO] redis     127.0.0.1:42267/bench-turret/redis:bench     sha256:8566b7e94dd4   89.2 MiB
            22:08:13.260 [INFO] ------------------------------------------------------------------------
            22:08:13.260 [INFO] BUILD SUCCESS
            22:08:13.260 [INFO] ------------------------------------------------------------------------
            22:08:13.261 [INFO] Total time:  6.479 s
            22:08:13.262 [INFO] Finished at: 2026-11-25T22:08:13Z
            22:08:13.262 [INFO] ------------------------------------------------------------------------
            \033[0m\033[0m
            """.lines().toList();

    private PythonChangeLog() {
    }
}
