"""/metrics after a scripted run of successes and failures: promtool (Prometheus's own text-format
parser and linter, Debian's prometheus package) accepts it, a strict reading of the format finds
each family declared once with its samples contiguous and its histograms consistent, and it has the
series operators need: requests by tenant, provider, route
and status; latency histograms (total and upstream); upstream errors by kind per tenant and provider;
retries and refusals; circuit state per upstream; pool figures; rate-limit and overload rejections;
mapping failures by provider; config reloads; requests in flight. Label values are bounded: no
customer ids, raw paths, tokens or API keys.
"""
import signal
import tempfile
import threading
import unittest

from fault_support import (PROVIDERS, arm, check_histograms, disarm, parse_exposition, promtool_check,
                           provider_tenant, read, samples, value)
from harness import Gateway, Mocks, TOKENS, free_port, request, wait_until


class MetricsAfterAScriptedRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-metrics-")
        cls.mocks = Mocks(cls.tmp.name)
        cls.other_mocks = Mocks(tempfile.mkdtemp(dir=cls.tmp.name))
        try:
            cls.run_script()
        except Exception:
            cls.mocks.stop()
            cls.other_mocks.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.other_mocks.stop()
        cls.tmp.cleanup()

    @classmethod
    def run_script(cls):
        m, other = cls.mocks, cls.other_mocks
        tenants = [provider_tenant("t-" + p, p, m, p + "-key", upstream={"timeout_ms": 300}) for p in PROVIDERS]
        unreachable = provider_tenant("unreachable", "django", m, "unreachable-key")
        unreachable["upstream"]["base_url"] = "http://127.0.0.1:%d" % free_port()
        tenants += [
            unreachable,
            provider_tenant("limited", "django", m, "limited-key",
                            rate_limit={"requests_per_second": 0.001, "burst": 1}),
            # On a backend of their own: the breaker and the pool are per upstream.
            provider_tenant("flaky", "django", other, "flaky-key",
                            upstream={"retries": 0, "circuit_breaker": {"failure_threshold": 2, "open_ms": 60000}}),
            provider_tenant("pooled", "v1rest", other, "pooled-key", upstream={"max_connections": 1}),
        ]
        cls.gw = gw = Gateway(cls.tmp.name, tenants)

        for p in PROVIDERS:  # successes
            for _ in range(2):
                assert read(gw, p, p + "-key").status == 200
        assert gw.patch("/v1/profile", {"language": "ar"}, key="django-key", token=TOKENS["django"]).status == 200
        cls.scripted_fault(m, "shop", "500", 502)
        cls.scripted_fault(m, "salla", "hang", 504)
        cls.scripted_fault(m, "partner", "reset", 502)  # a GET: tried twice (retries 1)
        cls.scripted_fault(m, "django", "non_json", 502)
        assert read(gw, "django", "unreachable-key").status == 503  # refused: tried twice too
        assert read(gw, "django", "limited-key").status == 200
        assert read(gw, "django", "limited-key").status == 429
        arm(other, "django", "503")
        statuses = [read(gw, "django", "flaky-key").status for _ in range(4)]
        assert statuses == [502, 502, 503, 503], statuses
        # Two server threads with one connection each to this backend: four slow calls at once
        # make at least two meet on one thread, where one waits for the other's connection.
        arm(other, "v1rest", "delay", delay_ms=150)
        threads = [threading.Thread(target=read, args=(gw, "v1rest", "pooled-key")) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        gw.signal(signal.SIGHUP)
        wait_until(lambda: 'profilegw_config_reloads_total{result="success"} 1' in
                   request(gw.port, "GET", "/metrics").body.decode(), what="the reload to show")
        cls.text = request(gw.port, "GET", "/metrics").body.decode()

    @classmethod
    def scripted_fault(cls, mocks, provider, mode, status):
        arm(mocks, provider, mode)
        try:
            resp = read(cls.gw, provider, provider + "-key")
        finally:
            disarm(mocks, provider)
        assert resp.status == status, (provider, mode, resp)

    def setUp(self):
        self.families = parse_exposition(self.text)

    def test_served_as_prometheus_text_0_0_4(self):
        resp = request(self.gw.port, "GET", "/metrics")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.header("content-type"), "text/plain; version=0.0.4; charset=utf-8")

    def test_promtool_accepts_it(self):
        checked = promtool_check(self.text)
        if checked is None:
            self.skipTest("promtool not installed (scripts/bootstrap installs Debian's prometheus package)")
        ok, output = checked
        self.assertTrue(ok, "promtool check metrics:\n" + output)
        self.assertEqual(output.strip(), "", "promtool lint findings:\n" + output)
        # promtool is strict: it does reject what the format forbids.
        bad = self.text + "# HELP profilegw_requests_total again\n# TYPE profilegw_requests_total counter\n"
        self.assertFalse(promtool_check(bad)[0])

    def test_every_family_is_well_formed(self):
        check_histograms(self, self.families)
        types = {name: f["type"] for name, f in self.families.items()}
        expected = {
            "profilegw_requests_total": "counter",
            "profilegw_request_duration_seconds": "histogram",
            "profilegw_upstream_duration_seconds": "histogram",
            "profilegw_upstream_errors_total": "counter",
            "profilegw_upstream_retries_total": "counter",
            "profilegw_upstream_rejections_total": "counter",
            "profilegw_circuit_state": "gauge",
            "profilegw_circuit_opened_total": "counter",
            "profilegw_upstream_connections": "gauge",
            "profilegw_upstream_pool_waiting": "gauge",
            "profilegw_upstream_pool_waits_total": "counter",
            "profilegw_upstream_pool_exhausted_total": "counter",
            "profilegw_rate_limited_total": "counter",
            "profilegw_overload_rejections_total": "counter",
            "profilegw_in_flight_requests": "gauge",
            "profilegw_mapping_failures_total": "counter",
            "profilegw_config_reloads_total": "counter",
        }
        for name, kind in expected.items():
            self.assertEqual(types.get(name), kind, name)

    def test_requests_by_tenant_provider_route_and_status(self):
        f = self.families
        self.assertGreaterEqual(value(f, "profilegw_requests_total", tenant="t-django", provider="django",
                                      route="/v1/profile", status="200"), 3)
        self.assertEqual(value(f, "profilegw_requests_total", tenant="t-partner", provider="partner",
                               route="/v1/customers/{customer_id}/profile", status="502"), 1)
        self.assertEqual(value(f, "profilegw_requests_total", tenant="t-salla", status="504"), 1)
        self.assertEqual(value(f, "profilegw_requests_total", tenant="limited", status="429"), 1)
        self.assertEqual(value(f, "profilegw_requests_total", tenant="flaky", status="503"), 2)

    def test_latency_histograms_total_and_upstream(self):
        for name in ("profilegw_request_duration_seconds", "profilegw_upstream_duration_seconds"):
            count = value(self.families, name, "_count", tenant="t-shop", provider="shop")
            self.assertEqual(count, 3, name)  # two reads and the 500
            buckets = samples(self.families, name, "_bucket", tenant="t-shop", provider="shop")
            self.assertIn("+Inf", {labels["le"] for labels, _ in buckets})
        self.assertGreaterEqual(value(self.families, "profilegw_request_duration_seconds", "_sum", tenant="t-salla"),
                                0.3)  # the 504 waited timeout_ms

    def test_upstream_errors_by_kind_per_tenant_and_provider(self):
        f = self.families
        errors = "profilegw_upstream_errors_total"
        self.assertEqual(value(f, errors, tenant="t-shop", provider="shop", kind="status_5xx"), 1)
        self.assertEqual(value(f, errors, tenant="t-salla", provider="salla", kind="timeout"), 1)
        self.assertEqual(value(f, errors, tenant="t-partner", provider="partner", kind="reset"), 2)
        self.assertEqual(value(f, errors, tenant="unreachable", provider="django", kind="connect"), 2)
        self.assertEqual(value(f, errors, tenant="flaky", kind="status_5xx"), 2)
        kinds = {labels["kind"] for labels, _ in samples(f, errors)}
        self.assertLessEqual(kinds, {"connect", "timeout", "reset", "bad_response", "tls", "status_5xx"})
        self.assertEqual(value(f, errors, tenant="t-django"), 0)  # non_json is a mapping failure instead
        self.assertEqual(value(f, "profilegw_upstream_retries_total", tenant="t-partner"), 1)
        self.assertEqual(value(f, "profilegw_upstream_retries_total", tenant="unreachable"), 1)

    def test_mapping_failures_by_provider(self):
        self.assertEqual(value(self.families, "profilegw_mapping_failures_total", provider="django"), 1)

    def test_circuit_state_per_upstream_and_refusals(self):
        f = self.families
        state = {labels["tenant"]: v for labels, v in samples(f, "profilegw_circuit_state")}
        self.assertEqual(state["flaky"], 1)
        for tenant in ("t-" + p for p in PROVIDERS):
            self.assertEqual(state[tenant], 0, tenant)
        flaky = samples(f, "profilegw_circuit_state", tenant="flaky")[0][0]
        self.assertEqual(flaky["provider"], "django")
        self.assertEqual(value(f, "profilegw_circuit_opened_total", upstream=flaky["upstream"]), 1)
        self.assertEqual(value(f, "profilegw_upstream_rejections_total", tenant="flaky", reason="circuit_open"), 2)

    def test_pool_figures(self):
        f = self.families
        pooled = samples(f, "profilegw_circuit_state", tenant="pooled")[0][0]["upstream"]
        self.assertGreaterEqual(value(f, "profilegw_upstream_pool_waits_total", upstream=pooled), 1)
        self.assertEqual(value(f, "profilegw_upstream_pool_waiting", upstream=pooled), 0)
        self.assertEqual(value(f, "profilegw_upstream_pool_exhausted_total", upstream=pooled), 0)
        self.assertGreaterEqual(value(f, "profilegw_upstream_connections", upstream=pooled), 1)
        self.assertLessEqual(value(f, "profilegw_upstream_connections", upstream=pooled), 2)

    def test_rejections_reloads_and_in_flight(self):
        f = self.families
        self.assertEqual(value(f, "profilegw_rate_limited_total", tenant="limited"), 1)
        self.assertEqual(value(f, "profilegw_config_reloads_total", result="success"), 1)
        self.assertEqual(value(f, "profilegw_in_flight_requests"), 0)  # /metrics itself is not counted
        self.assertEqual(value(f, "profilegw_overload_rejections_total"), 0)

    def test_label_values_are_bounded(self):
        # Customer ids, tokens and API keys never become label values; routes are templates.
        for secret in ("MTD0018232", "/customers/123/", "django-token-alice", "django-key", "partner-secret"):
            self.assertNotIn(secret, self.text)
        routes = {labels["route"] for labels, _ in samples(self.families, "profilegw_requests_total")}
        for route in routes:
            self.assertTrue(route == "unmatched" or "{" in route or route.count("/") <= 2, route)


if __name__ == "__main__":
    unittest.main()
