"""Per-tenant rate limits (token bucket, tenants[].rate_limit): a burst over the bucket gets exactly
the expected number of 429 rate_limited with Retry-After, before any upstream call; other tenants
are unaffected; tokens refill at requests_per_second. A backend's own throttling (429 with
Retry-After) comes back with the same code and its Retry-After. And the per-process cap on requests
in flight (limits.max_in_flight) sheds load at once with 503 service_unavailable, Retry-After: 1.
"""
import tempfile
import threading
import time
import unittest

from fault_support import PROVIDERS, arm, backend_requests, disarm, provider_tenant, read
from harness import Gateway, Mocks, request


class TenantRateLimit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-rl-")
        cls.mocks = Mocks(cls.tmp.name)
        tenants = [
            # A refill so slow (one token per 1000 s) that the count of 429s is exact.
            provider_tenant("bursty", "django", cls.mocks, "bursty-key",
                            rate_limit={"requests_per_second": 0.001, "burst": 5}),
            provider_tenant("neighbour", "django", cls.mocks, "neighbour-key",
                            rate_limit={"requests_per_second": 0.001, "burst": 50}),
            provider_tenant("unlimited", "django", cls.mocks, "unlimited-key"),
            provider_tenant("refill", "shop", cls.mocks, "refill-key",
                            rate_limit={"requests_per_second": 5, "burst": 1}),
        ]
        tenants += [provider_tenant("t-" + p, p, cls.mocks, p + "-key") for p in PROVIDERS]
        try:
            cls.gw = Gateway(cls.tmp.name, tenants)
        except Exception:
            cls.mocks.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def setUp(self):
        self.mocks.reset()

    def test_burst_over_the_bucket_gets_exactly_the_excess_as_429(self):
        answers = [read(self.gw, "django", "bursty-key") for _ in range(8)]
        self.assertEqual([r.status for r in answers], [200] * 5 + [429] * 3)
        for r in answers[5:]:
            self.assertEqual(r.header("content-type"), "application/problem+json")
            doc = r.json()
            self.assertEqual(doc["code"], "rate_limited")
            self.assertEqual(doc["tenant"], "bursty")
            # The next token is ~1000 s away at 0.001 requests per second.
            self.assertGreaterEqual(int(r.header("retry-after")), 999)
        # Refused requests never reached the backend.
        self.assertEqual(backend_requests(self.mocks, "django"), 5)
        # The neighbour on the same backend, and an unlimited tenant, are unaffected.
        for _ in range(10):
            self.assertEqual(read(self.gw, "django", "neighbour-key").status, 200)
            self.assertEqual(read(self.gw, "django", "unlimited-key").status, 200)
        metrics = request(self.gw.port, "GET", "/metrics").body.decode()
        self.assertIn('profilegw_rate_limited_total{tenant="bursty"} 3\n', metrics)
        self.assertNotIn('profilegw_rate_limited_total{tenant="neighbour"}', metrics)

    def test_tokens_refill_at_the_configured_rate(self):
        self.assertEqual(read(self.gw, "shop", "refill-key").status, 200)
        limited = read(self.gw, "shop", "refill-key")
        self.assertEqual(limited.status, 429)
        self.assertEqual(limited.header("retry-after"), "1")  # 0.2 s to the next token, rounded up
        time.sleep(0.25)
        self.assertEqual(read(self.gw, "shop", "refill-key").status, 200)

    def test_backend_throttling_passes_through_with_its_retry_after(self):
        for provider in PROVIDERS:
            with self.subTest(provider=provider):
                arm(self.mocks, provider, "429")
                try:
                    resp = read(self.gw, provider, provider + "-key")
                finally:
                    disarm(self.mocks, provider)
                self.assertEqual(resp.status, 429, resp)
                self.assertEqual(resp.json()["code"], "rate_limited")
                self.assertEqual(resp.header("retry-after"), "7")
                self.assertEqual(resp.json()["upstream"]["status"], 429)


class InFlightCap(unittest.TestCase):
    """limits.max_in_flight 2, a backend answering in 600 ms: of 5 simultaneous requests, 2 are
    served and 3 shed at once; health, readiness and metrics still answer."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-inflight-")
        cls.mocks = Mocks(cls.tmp.name)
        try:
            cls.gw = Gateway(cls.tmp.name, [provider_tenant("busy", "django", cls.mocks, "busy-key")],
                             extra={"limits": {"max_in_flight": 2}})
        except Exception:
            cls.mocks.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def test_over_max_in_flight_is_shed_at_once(self):
        arm(self.mocks, "django", "delay", delay_ms=600)
        answers = []
        lock = threading.Lock()

        def call():
            start = time.monotonic()
            resp = read(self.gw, "django", "busy-key")
            with lock:
                answers.append((resp, time.monotonic() - start))

        threads = [threading.Thread(target=call) for _ in range(5)]
        for t in threads:
            t.start()
            time.sleep(0.02)
        # While two requests hold the cap, the operational routes still answer.
        self.assertEqual(request(self.gw.port, "GET", "/healthz").status, 200)
        metrics = request(self.gw.port, "GET", "/metrics").body.decode()
        self.assertIn("profilegw_in_flight_requests 2\n", metrics)
        for t in threads:
            t.join()
        served = [(r, s) for r, s in answers if r.status == 200]
        shed = [(r, s) for r, s in answers if r.status != 200]
        self.assertEqual(len(served), 2, answers)
        self.assertEqual(len(shed), 3, answers)
        for r, seconds in shed:
            self.assertEqual(r.status, 503)
            self.assertEqual(r.json()["code"], "service_unavailable")
            self.assertEqual(r.header("retry-after"), "1")
            self.assertLess(seconds, 0.2, "shed at once, not queued")
        self.assertEqual(backend_requests(self.mocks, "django"), 2)
        disarm(self.mocks, "django")
        self.assertEqual(read(self.gw, "django", "busy-key").status, 200)
        metrics = request(self.gw.port, "GET", "/metrics").body.decode()
        self.assertIn('profilegw_overload_rejections_total{tenant="busy"} 3\n', metrics)
        self.assertIn("profilegw_in_flight_requests 0\n", metrics)


if __name__ == "__main__":
    unittest.main()
