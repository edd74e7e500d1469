"""Per-upstream circuit breaker (tenants[].upstream.circuit_breaker): after failure_threshold
consecutive failed calls the circuit opens and calls are answered 503 upstream_unavailable with
Retry-After at once, without touching the backend (its /__mock/stats count does not move); after
open_ms one probe call goes through (half-open); its success closes the circuit, its failure opens
it again. The breaker belongs to the upstream (pool key), so tenants sharing a backend share it,
and other backends are unaffected. 4xx answers are not failures.
"""
import re
import tempfile
import threading
import time
import unittest

from fault_support import arm, backend_requests, disarm, provider_tenant, read, timed
from harness import Gateway, Mocks, TOKENS, request

OPEN_MS = 1500


class CircuitBreaker(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-cb-")
        cls.mocks = Mocks(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.mocks.stop()
        cls.tmp.cleanup()

    def setUp(self):
        # A fresh gateway per test: breaker state lives as long as the process.
        self.mocks.reset()
        breaker = {"failure_threshold": 3, "open_ms": OPEN_MS}
        upstream = {"timeout_ms": 400, "retries": 0, "circuit_breaker": breaker}
        tenants = [
            provider_tenant("cb", "django", self.mocks, "cb-key", upstream=upstream),
            # Same backend, so same pool key: shares the breaker.
            provider_tenant("cb-twin", "django", self.mocks, "twin-key", upstream=upstream),
            provider_tenant("other", "shop", self.mocks, "other-key", upstream=upstream),
            # No circuit_breaker key: the defaults (5 failures, 5000 ms) and retries 1.
            provider_tenant("defaults", "v1rest", self.mocks, "defaults-key"),
        ]
        self.gw = Gateway(tempfile.mkdtemp(dir=self.tmp.name), tenants)

    def tearDown(self):
        self.gw.stop()

    def assertUnavailable(self, resp):
        self.assertEqual(resp.status, 503, resp)
        doc = resp.json()
        self.assertEqual(doc["code"], "upstream_unavailable", doc)
        retry_after = int(resp.header("retry-after"))
        self.assertGreaterEqual(retry_after, 1)
        return retry_after

    def circuit_state(self, tenant):
        text = request(self.gw.port, "GET", "/metrics").body.decode()
        m = re.search(r'^profilegw_circuit_state\{tenant="%s",[^}]*\} (\S+)$' % re.escape(tenant), text, re.M)
        self.assertIsNotNone(m, "no circuit state for " + tenant)
        return float(m.group(1))

    def open_circuit(self):
        arm(self.mocks, "django", "503")
        for _ in range(3):
            resp = read(self.gw, "django", "cb-key")
            self.assertEqual(resp.json()["code"], "upstream_error", resp)
        self.assertEqual(backend_requests(self.mocks, "django"), 3)

    def test_opens_after_threshold_and_refuses_without_calling_the_backend(self):
        self.assertEqual(self.circuit_state("cb"), 0)
        self.open_circuit()
        self.assertEqual(self.circuit_state("cb"), 1)
        for _ in range(5):
            resp, seconds = timed(read, self.gw, "django", "cb-key")
            retry_after = self.assertUnavailable(resp)
            self.assertLessEqual(retry_after, OPEN_MS // 1000 + 1)
            self.assertLess(seconds, 0.1)
        self.assertEqual(backend_requests(self.mocks, "django"), 3, "an open circuit must not call the backend")
        # The twin tenant shares the backend, hence the circuit; another backend is unaffected.
        self.assertUnavailable(read(self.gw, "django", "twin-key"))
        self.assertEqual(read(self.gw, "shop", "other-key").status, 200)
        self.assertEqual(backend_requests(self.mocks, "django"), 3)
        print("  open: refused in %.1f ms with Retry-After %d, backend untouched" % (seconds * 1000, retry_after))

    def test_half_open_after_open_ms_lets_one_probe_through_and_closes_on_success(self):
        self.open_circuit()
        disarm(self.mocks, "django")
        time.sleep(OPEN_MS / 1000 + 0.1)
        # The backend is healthy but slow: while the probe is out, everyone else is refused.
        arm(self.mocks, "django", "delay", delay_ms=300)
        answers = []
        lock = threading.Lock()

        def call():
            resp = read(self.gw, "django", "cb-key")
            with lock:
                answers.append(resp)

        threads = [threading.Thread(target=call) for _ in range(6)]
        for t in threads:
            t.start()
            time.sleep(0.01)
        for t in threads:
            t.join()
        statuses = sorted(r.status for r in answers)
        self.assertEqual(statuses, [200, 503, 503, 503, 503, 503], answers)
        self.assertEqual(backend_requests(self.mocks, "django"), 4, "exactly one probe reached the backend")
        self.assertEqual(self.circuit_state("cb"), 0)
        disarm(self.mocks, "django")
        for _ in range(3):
            self.assertEqual(read(self.gw, "django", "cb-key").status, 200)
            self.assertEqual(read(self.gw, "django", "twin-key").status, 200)

    def test_a_failed_probe_opens_the_circuit_again(self):
        self.open_circuit()
        time.sleep(OPEN_MS / 1000 + 0.1)
        resp = read(self.gw, "django", "cb-key")  # the probe: still 503 upstream
        self.assertEqual(resp.json()["code"], "upstream_error", resp)
        self.assertEqual(backend_requests(self.mocks, "django"), 4)
        retry_after = self.assertUnavailable(read(self.gw, "django", "cb-key"))
        self.assertEqual(retry_after, 2)  # a full open_ms again (1.5 s, rounded up)
        self.assertEqual(backend_requests(self.mocks, "django"), 4)
        self.assertEqual(self.circuit_state("cb"), 1)

    def test_retry_after_counts_down_the_open_time(self):
        self.open_circuit()
        first = self.assertUnavailable(read(self.gw, "django", "cb-key"))
        time.sleep(0.8)
        later = self.assertUnavailable(read(self.gw, "django", "cb-key"))
        self.assertEqual(first, 2)
        self.assertEqual(later, 1)

    def test_client_errors_do_not_open_the_circuit(self):
        for _ in range(6):
            resp = self.gw.get("/v1/profile", key="cb-key", token="not-a-valid-token")
            self.assertEqual(resp.status, 401, resp)
        arm(self.mocks, "django", "429")
        for _ in range(6):
            self.assertEqual(read(self.gw, "django", "cb-key").status, 429)
        self.assertEqual(self.circuit_state("cb"), 0)
        disarm(self.mocks, "django")
        self.assertEqual(read(self.gw, "django", "cb-key").status, 200)

    def test_timeouts_open_the_circuit(self):
        arm(self.mocks, "django", "hang")
        for _ in range(3):
            self.assertEqual(read(self.gw, "django", "cb-key").status, 504)
        resp, seconds = timed(read, self.gw, "django", "cb-key")
        self.assertUnavailable(resp)
        self.assertLess(seconds, 0.1, "an open circuit answers at once instead of waiting timeout_ms")

    def test_defaults_twenty_failed_calls_retries_counted_once(self):
        arm(self.mocks, "v1rest", "503")
        for _ in range(20):
            self.assertEqual(read(self.gw, "v1rest", "defaults-key").json()["code"], "upstream_error")
        # retries 1: each failed GET was tried twice, but a call counts once towards the threshold.
        self.assertEqual(backend_requests(self.mocks, "v1rest"), 40)
        retry_after = self.assertUnavailable(read(self.gw, "v1rest", "defaults-key"))
        self.assertEqual(retry_after, 5)
        self.assertEqual(backend_requests(self.mocks, "v1rest"), 40)


if __name__ == "__main__":
    unittest.main()
