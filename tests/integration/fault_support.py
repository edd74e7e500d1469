"""Helpers for the resilience tests (test_faults, test_circuit_breaker, test_rate_limit, test_metrics):
per-provider calls against the mocks, fault arming, a thread that hammers a healthy tenant while a
backend misbehaves, and /metrics checked by promtool (Prometheus's own parser) and read strictly.
"""
import math
import re
import shutil
import subprocess
import threading
import time

from harness import TOKENS, request, tenant

# How each provider's tenant reads a profile: (path, customer token or None).
READS = {
    "django": ("/v1/profile", TOKENS["django"]),
    "shop": ("/v1/profile", TOKENS["shop"]),
    "v1rest": ("/v1/customers/123/profile", TOKENS["v1rest"]),
    "partner": ("/v1/customers/MTD0018232/profile", None),
    "salla": ("/v1/profile", TOKENS["salla"]),
}
PROVIDERS = tuple(READS)

PARTNER_EXTRA = {"upstream": {"headers": {"api-version": "2", "x-client-id": "web", "Accept-Language": "tr"}},
                 "service_auth": {"type": "digest", "username": "gw", "password": "partner-secret"}}
SALLA_EXTRA = {"upstream": {"headers": {"Store-Identifier": "demo-store"}}}


def provider_tenant(tid, provider, mocks, key, upstream=None, **extra):
    """A tenant of `provider` on `mocks`, with the provider's fixed headers and service auth."""
    base = {"partner": PARTNER_EXTRA, "salla": SALLA_EXTRA}.get(provider, {})
    ups = dict(base.get("upstream", {}))
    ups.update(upstream or {})
    if "headers" in base.get("upstream", {}) and upstream and "headers" in upstream:
        ups["headers"] = dict(base["upstream"]["headers"], **upstream["headers"])
    kw = {k: v for k, v in base.items() if k != "upstream"}
    kw.update(extra)
    return tenant(tid, provider, mocks.url(provider), key, upstream=ups, **kw)


def read(gw, provider, key, timeout=10.0):
    path, token = READS[provider]
    hdrs = {"X-Api-Key": key}
    if token:
        hdrs["Authorization"] = "Bearer " + token
    return request(gw.port, "GET", path, headers=hdrs, timeout=timeout)


def timed(fn, *args, **kwargs):
    start = time.monotonic()
    result = fn(*args, **kwargs)
    return result, time.monotonic() - start


def arm(mocks, provider, mode, delay_ms=None, count=None):
    body = {"mode": mode}
    if delay_ms is not None:
        body["delay_ms"] = delay_ms
    if count is not None:
        body["count"] = count
    resp = mocks.control(provider, "POST", "fault", body)
    assert resp.status in (200, 204), resp


def disarm(mocks, provider):
    mocks.control(provider, "DELETE", "fault")


def backend_requests(mocks, provider):
    return mocks.stats(provider)["requests"]


class Hammer:
    """Reads a healthy tenant in a loop on its own thread, recording status and latency of each."""

    def __init__(self, gw, provider, key):
        self.gw, self.provider, self.key = gw, provider, key
        self.results = []  # (status, seconds)
        self.errors = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def _run(self):
        while not self._stop.is_set():
            try:
                resp, seconds = timed(read, self.gw, self.provider, self.key, timeout=5.0)
                self.results.append((resp.status, seconds))
            except OSError as e:  # a refused or timed-out connection is a finding, not a crash
                self.errors.append(repr(e))

    def wait_for(self, n, timeout=5.0):
        """Waits until `n` requests have been answered (or failed)."""
        deadline = time.monotonic() + timeout
        while len(self.results) + len(self.errors) < n and time.monotonic() < deadline:
            time.sleep(0.005)

    def stop(self):
        self._stop.set()
        self._thread.join(10)

    def assert_healthy(self, test, min_requests=5, max_seconds=0.4):
        """Every request answered 200, none slower than `max_seconds` (the faulty tenant's timeout is
        longer: a healthy request that waited on the faulty backend would show up here)."""
        test.assertEqual(self.errors, [], "healthy tenant's requests failed at the socket level")
        test.assertGreaterEqual(len(self.results), min_requests, "the hammer barely ran")
        statuses = sorted({s for s, _ in self.results})
        test.assertEqual(statuses, [200], "healthy tenant got other statuses: %r" % statuses)
        slowest = max(t for _, t in self.results)
        test.assertLess(slowest, max_seconds, "a healthy request took %.3f s" % slowest)
        return len(self.results), slowest


# --- /metrics -------------------------------------------------------------------------------------

_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_SAMPLE = re.compile(r"(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?P<labels>.*)\})? (?P<value>\S+)")
_LABEL_PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"')
_SUFFIXES = {"histogram": ("_bucket", "_sum", "_count"), "counter": ("",), "gauge": ("",)}


def promtool_check(text):
    """(ok, output) of `promtool check metrics`: Prometheus's own text-format parser and linter. None
    when promtool is not installed (scripts/bootstrap installs Debian's prometheus package)."""
    promtool = shutil.which("promtool")
    if promtool is None:
        return None
    proc = subprocess.run([promtool, "check", "metrics"], input=text.encode(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=60)
    return proc.returncode == 0, proc.stdout.decode()


def number(text):
    return float({"+Inf": "inf", "-Inf": "-inf", "NaN": "nan"}.get(text, text))


def _labels(text):
    labels, pos = {}, 0
    while pos < len(text):
        m = _LABEL_PAIR.match(text, pos)
        if not m:
            raise ValueError("bad labels: " + text)
        if m.group(1) in labels:
            raise ValueError("label repeated: " + text)
        labels[m.group(1)] = re.sub(r'\\(.)', lambda e: "\n" if e.group(1) == "n" else e.group(1), m.group(2))
        pos = m.end()
        if pos < len(text):
            if text[pos] != ",":
                raise ValueError("bad labels: " + text)
            pos += 1
    return labels


def parse_exposition(text):
    """A strict reading of the text format 0.0.4 as /metrics writes it: every family declared by
    HELP then TYPE before its samples, once, its samples contiguous and named by the type's suffixes,
    label syntax and escapes, numeric values. Returns {family: {"type", "help", "samples":
    [(sample name, labels, value)]}}; raises ValueError naming the first offending line."""
    families, current = {}, None
    for number_, line in enumerate(text.split("\n"), 1):
        if line == "":
            continue
        if line.startswith("# HELP "):
            name, _, help_text = line[7:].partition(" ")
            if name in families or not _NAME.fullmatch(name):
                raise ValueError("line %d: family %r declared again or badly named" % (number_, name))
            current = families[name] = {"help": help_text, "type": None, "samples": []}
            current["name"] = name
            continue
        if line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            if current is None or current["name"] != name or current["type"] or current["samples"]:
                raise ValueError("line %d: TYPE not right after its HELP" % number_)
            if kind not in _SUFFIXES:
                raise ValueError("line %d: unexpected type %r" % (number_, kind))
            current["type"] = kind
            continue
        if line.startswith("#"):
            continue
        m = _SAMPLE.fullmatch(line)
        if not m:
            raise ValueError("line %d: not a sample: %r" % (number_, line))
        if current is None or m.group("name") not in [current["name"] + s for s in _SUFFIXES[current["type"]]]:
            raise ValueError("line %d: sample outside its family: %r" % (number_, line))
        current["samples"].append((m.group("name"), _labels(m.group("labels") or ""), number(m.group("value"))))
    for name, family in families.items():
        if family["type"] is None:
            raise ValueError("family %s has no TYPE" % name)
    return families


def check_histograms(test, families):
    """Per label set: buckets cumulative and ending in le="+Inf", which equals _count; a _sum."""
    for name, family in families.items():
        if family["type"] != "histogram":
            continue
        series = {}
        for sample_name, labels, val in family["samples"]:
            key = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
            entry = series.setdefault(key, {"buckets": [], "sum": None, "count": None})
            if sample_name.endswith("_bucket"):
                entry["buckets"].append((number(labels["le"]), val))
            elif sample_name.endswith("_sum"):
                entry["sum"] = val
            else:
                entry["count"] = val
        for key, entry in series.items():
            bounds = [b for b, _ in entry["buckets"]]
            counts = [c for _, c in entry["buckets"]]
            test.assertEqual(bounds, sorted(bounds), "%s%r: buckets out of order" % (name, key))
            test.assertEqual(counts, sorted(counts), "%s%r: buckets not cumulative" % (name, key))
            test.assertTrue(bounds and math.isinf(bounds[-1]), "%s%r: no le=+Inf" % (name, key))
            test.assertEqual(counts[-1], entry["count"], "%s%r: +Inf bucket != _count" % (name, key))
            test.assertIsNotNone(entry["sum"], "%s%r: no _sum" % (name, key))


def samples(families, name, suffix="", **labels):
    """(labels, value) of family `name`'s samples named name+suffix whose labels include `labels`."""
    family = families.get(name)
    if family is None:
        return []
    return [(l, v) for n, l, v in family["samples"]
            if n == name + suffix and all(l.get(k) == want for k, want in labels.items())]


def value(families, name, suffix="", **labels):
    """The sum of the matching samples' values (0 when none)."""
    return sum(v for _, v in samples(families, name, suffix, **labels))
