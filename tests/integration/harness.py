"""Integration test harness: starts real profilegw and profilegw-mocks processes on ephemeral
loopback ports, writes their config, and speaks HTTP to them. Python standard library only.

Binaries come from the environment (set by ctest): PROFILEGW_BIN, PROFILEGW_MOCKS_BIN.
"""
import contextlib
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import unittest

PROFILEGW_BIN = os.environ.get("PROFILEGW_BIN", "build/release/gateway/profilegw")
MOCKS_BIN = os.environ.get("PROFILEGW_MOCKS_BIN", "build/release/mocks/profilegw-mocks")
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# In the sanitizer builds (asan-ubsan, tsan presets) a report goes to the process's log and, for
# ThreadSanitizer and LeakSanitizer, the process keeps running or exits late; so stopping a gateway or
# the mocks fails (AssertionError) when its log holds a report, and the report is shown.
SANITIZER_REPORT = re.compile(
    rb"^(==\d+==ERROR: (AddressSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|\S+:\d+:\d+: runtime error: )",
    re.M)


def check_sanitizer_log(path, offset=0):
    with open(path, "rb") as f:
        f.seek(offset)
        text = f.read()
    m = SANITIZER_REPORT.search(text)
    if m:
        start = text.rfind(b"\n", 0, max(m.start() - 200, 0)) + 1
        raise AssertionError("sanitizer report in %s:\n%s" % (path, text[start:m.start() + 8000].decode("utf-8", "replace")))


# Demo credentials seeded by the mocks (mocks/README or profilegw-mocks source).
TOKENS = {
    "django": "django-token-alice",
    "django_bob": "django-token-bob",
    "shop": "shop-token-carol",
    "shop_dave": "shop-token-dave",
    "v1rest": "v1rest-token-erin",
    "v1rest_frank": "v1rest-token-frank",
    "salla": "salla-token-grace",
    "salla_heidi": "salla-token-heidi",
}
VERIFICATION_KEY = "integration-verification-key-0123456789"


def free_port():
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sha256_key(key):
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def wait_until(predicate, timeout=15.0, interval=0.05, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise TimeoutError("timed out waiting for " + what)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # dict, lower-case names
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return "Response(%d, %r)" % (self.status, self.body[:400])


def request(port, method, path, body=None, headers=None, timeout=10.0, raw_body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        hdrs = dict(headers or {})
        data = raw_body
        if body is not None:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        payload = resp.read()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload)
    finally:
        conn.close()


class Mocks:
    """profilegw-mocks with every provider on an ephemeral port."""

    def __init__(self, workdir, extra_args=()):
        self.ports_file = os.path.join(workdir, "mock-ports.json")
        self.log_path = os.path.join(workdir, "mocks.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([MOCKS_BIN, "--ports-file", self.ports_file, *extra_args],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: os.path.exists(self.ports_file) or self.proc.poll() is not None,
                   what="mock ports file")
        if self.proc.poll() is not None:
            raise RuntimeError("profilegw-mocks exited with %s" % self.proc.returncode)
        with open(self.ports_file) as f:
            self.ports = json.load(f)

    def url(self, provider):
        base = "http://127.0.0.1:%d" % self.ports[provider]
        return base + "/store/v1" if provider == "salla" else base

    def control(self, provider, method, path, body=None):
        return request(self.ports[provider], method, "/__mock/" + path, body=body)

    def last_request(self, provider):
        return self.control(provider, "GET", "last-request").json()

    def stats(self, provider):
        return self.control(provider, "GET", "stats").json()

    def reset(self):
        for p in self.ports:
            self.control(p, "POST", "reset")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()
            check_sanitizer_log(self.log_path)


def tenant(tid, provider, base_url, key, **extra):
    t = {"id": tid, "api_keys": [sha256_key(key)], "provider": provider,
         "upstream": {"base_url": base_url, "timeout_ms": 2000, "connect_timeout_ms": 500}}
    for k, v in extra.items():
        if k == "upstream":
            t["upstream"].update(v)
        else:
            t[k] = v
    return t


def demo_tenants(mocks):
    """One tenant per provider against the mocks; API key '<provider>-key'."""
    return [
        tenant("t-django", "django", mocks.url("django"), "django-key"),
        tenant("t-shop", "shop", mocks.url("shop"), "shop-key"),
        tenant("t-v1rest", "v1rest", mocks.url("v1rest"), "v1rest-key"),
        tenant("t-partner", "partner", mocks.url("partner"), "partner-key",
               upstream={"headers": {"api-version": "2", "x-client-id": "web", "Accept-Language": "tr"}},
               service_auth={"type": "digest", "username": "gw", "password": "partner-secret"}),
        tenant("t-salla", "salla", mocks.url("salla"), "salla-key",
               upstream={"headers": {"Store-Identifier": "demo-store"}}),
    ]


class Gateway:
    """A profilegw process with a generated config file."""

    def __init__(self, workdir, tenants, extra=None, env=None, admin=False, log_format="json",
                 log_level="info", wait=True):
        self.workdir = workdir
        self.port = free_port()
        self.admin_port = free_port() if admin else None
        cfg = {
            "listen": {"address": "127.0.0.1", "port": self.port, "threads": 2},
            "limits": {"max_body_bytes": 65536, "header_timeout_ms": 5000, "idle_timeout_ms": 60000,
                       "drain_timeout_ms": 3000},
            "log": {"format": log_format, "level": log_level},
            "secrets": {"verification_key": VERIFICATION_KEY},
            "tenants": tenants,
        }
        if admin:
            cfg["admin"] = {"address": "127.0.0.1", "port": self.admin_port, "token": "admin-secret-token"}
        for k, v in (extra or {}).items():
            if isinstance(v, dict) and isinstance(cfg.get(k), dict):
                cfg[k].update(v)
            else:
                cfg[k] = v
        self.config = cfg
        self.config_path = os.path.join(workdir, "profilegw.json")
        self.write_config(cfg)
        self.log_path = os.path.join(workdir, "gateway.log")
        self.env = dict(os.environ, **(env or {}))
        self.proc = None
        self.start(wait)

    def write_config(self, cfg):
        tmp = self.config_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(cfg, f, indent=2)
        os.replace(tmp, self.config_path)

    def start(self, wait=True):
        self.log_offset = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([PROFILEGW_BIN, "--config", self.config_path],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        if wait:
            self.wait_ready()

    def wait_ready(self):
        def ready():
            if self.proc.poll() is not None:
                raise RuntimeError("profilegw exited with %s; log:\n%s" % (self.proc.returncode, self.read_log()))
            try:
                return request(self.port, "GET", "/readyz", timeout=1).status == 200
            except OSError:
                return False
        wait_until(ready, what="gateway readiness")

    def get(self, path, key=None, token=None, headers=None):
        return self.call("GET", path, key=key, token=token, headers=headers)

    def patch(self, path, body, key=None, token=None, headers=None):
        return self.call("PATCH", path, body=body, key=key, token=token, headers=headers)

    def call(self, method, path, body=None, key=None, token=None, headers=None, raw_body=None):
        hdrs = {}
        if key is not None:
            hdrs["X-Api-Key"] = key
        if token is not None:
            hdrs["Authorization"] = "Bearer " + token
        hdrs.update(headers or {})
        return request(self.port, method, path, body=body, headers=hdrs, raw_body=raw_body)

    def admin(self, method, path, body=None, token="admin-secret-token"):
        hdrs = {"Authorization": "Bearer " + token} if token else {}
        return request(self.admin_port, method, path, body=body, headers=hdrs)

    def read_log(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if not self.log.closed:
            self.log.close()
            check_sanitizer_log(self.log_path, self.log_offset)
        return self.proc.returncode

    # Defined after stop(): in the class body this name would hide the signal module from stop's default.
    def signal(self, sig):
        self.proc.send_signal(sig)


class GatewayTestCase(unittest.TestCase):
    """Starts the mocks and one gateway with a tenant per provider for the whole class."""

    gateway_extra = None
    mock_args = ()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-it-")
        cls.mocks = Mocks(cls.tmp.name, cls.mock_args)
        try:
            cls.gw = Gateway(cls.tmp.name, demo_tenants(cls.mocks), extra=cls.gateway_extra)
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

    def assertProblem(self, resp, status, code):
        self.assertEqual(resp.status, status, resp)
        self.assertEqual(resp.header("content-type"), "application/problem+json", resp)
        doc = resp.json()
        self.assertEqual(doc["code"], code, doc)
        self.assertEqual(doc["status"], status)
        self.assertEqual(doc["type"], "https://profilegw.dev/problems/" + code)
        self.assertTrue(doc["request_id"])
        return doc
