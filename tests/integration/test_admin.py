"""The admin API over real HTTP (CONTRACT.md section 4): bearer-token auth, routes only on the admin
listener, redaction of every secret in answers and logs, partner onboarding end to end (Digest
against the partner mock, surviving a restart), 422 with config paths for an invalid tenant (file
untouched), the probe, POST /admin/reload, and crash safety of the atomic write-back under SIGKILL."""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

from harness import (PROFILEGW_BIN, Gateway, Mocks, demo_tenants, free_port, request, sha256_key,
                     wait_until)

ADMIN_TOKEN = "admin-secret-token"
PARTNER_PASSWORD = "partner-secret"  # the partner mock's default Digest password
JOHN = "MTD0018232"
JOHN_PATH = "/v1/customers/%s/profile" % JOHN
NEW_KEY = "onboarded-partner-api-key-7f3a"


def partner_tenant(mocks, tid="new-partner", key=NEW_KEY, password=PARTNER_PASSWORD):
    return {
        "id": tid,
        "api_keys": [sha256_key(key)],
        "provider": "partner",
        "upstream": {"base_url": mocks.url("partner"), "timeout_ms": 2000, "connect_timeout_ms": 500,
                     "headers": {"api-version": "2", "x-client-id": "onboarding", "Accept-Language": "en"}},
        "service_auth": {"type": "digest", "username": "gw", "password": password},
    }


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class AdminCase(unittest.TestCase):
    """Mocks for the class; each test that changes or restarts the gateway gets its own."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-admin-")
        cls.mocks = Mocks(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.mocks.stop()
        cls.tmp.cleanup()

    def setUp(self):
        self.mocks.reset()
        self.workdir = tempfile.mkdtemp(dir=self.tmp.name)
        self.gw = Gateway(self.workdir, demo_tenants(self.mocks), admin=True)

    def tearDown(self):
        self.gw.stop()

    def admin(self, method, path, body=None, token=ADMIN_TOKEN, raw_body=None, headers=None):
        hdrs = {"Authorization": "Bearer " + token} if token else {}
        hdrs.update(headers or {})
        return request(self.gw.admin_port, method, path, body=body, headers=hdrs, raw_body=raw_body)

    def assertProblem(self, resp, status, code):
        self.assertEqual(resp.status, status, resp)
        self.assertEqual(resp.header("content-type"), "application/problem+json", resp)
        doc = resp.json()
        self.assertEqual(doc["status"], status)
        self.assertEqual(doc["code"], code, doc)
        self.assertEqual(doc["type"], "https://profilegw.dev/problems/" + code)
        self.assertTrue(doc["request_id"])
        return doc

    def assertNoSecrets(self, text, extra=()):
        for secret in (PARTNER_PASSWORD, ADMIN_TOKEN, NEW_KEY, *extra):
            self.assertNotIn(secret, text)


class AuthAndRoutingTest(AdminCase):
    def test_missing_or_wrong_token_is_401_with_challenge(self):
        for token in (None, "wrong-token", ADMIN_TOKEN + "x", ADMIN_TOKEN[:-1]):
            for method, path in (("GET", "/admin/tenants"), ("GET", "/admin/tenants/t-django"),
                                 ("PUT", "/admin/tenants/x"), ("POST", "/admin/reload"),
                                 ("GET", "/admin/nothing")):
                r = self.admin(method, path, token=token, body={} if method == "PUT" else None)
                self.assertProblem(r, 401, "unauthorized")
                self.assertTrue(r.header("www-authenticate").startswith("Bearer"), r.headers)
        r = request(self.gw.admin_port, "GET", "/admin/tenants", headers={"Authorization": "Basic " + ADMIN_TOKEN})
        self.assertProblem(r, 401, "unauthorized")

    def test_admin_routes_absent_from_public_listener(self):
        for method, path in (("GET", "/admin/tenants"), ("GET", "/admin/tenants/t-django"),
                             ("POST", "/admin/reload"), ("PUT", "/admin/tenants/t-django")):
            r = request(self.gw.port, method, path, headers={"Authorization": "Bearer " + ADMIN_TOKEN},
                        body={} if method == "PUT" else None)
            self.assertEqual(r.status, 404, r)
            self.assertEqual(r.json()["code"], "not_found")

    def test_unknown_route_method_and_tenant(self):
        self.assertProblem(self.admin("GET", "/admin/nothing"), 404, "not_found")
        self.assertProblem(self.admin("GET", "/admin/tenants/nobody"), 404, "not_found")
        self.assertProblem(self.admin("DELETE", "/admin/tenants/nobody"), 404, "not_found")
        self.assertProblem(self.admin("POST", "/admin/tenants/nobody/probe"), 404, "not_found")
        r = self.admin("POST", "/admin/tenants/t-django")
        self.assertProblem(r, 405, "method_not_allowed")
        self.assertEqual(r.header("allow"), "GET, HEAD, PUT, DELETE")
        r = self.admin("GET", "/admin/reload")
        self.assertProblem(r, 405, "method_not_allowed")
        self.assertEqual(r.header("allow"), "POST")


class ReadTest(AdminCase):
    def test_list_and_get_are_redacted(self):
        r = self.admin("GET", "/admin/tenants")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("content-type"), "application/json")
        doc = r.json()
        ids = [t["id"] for t in doc["tenants"]]
        self.assertEqual(ids, ["t-django", "t-shop", "t-v1rest", "t-partner", "t-salla"])
        self.assertEqual(doc["config_generation"], 1)
        self.assertNoSecrets(r.body.decode())
        self.assertNotIn(sha256_key("partner-key"), r.body.decode())

        r = self.admin("GET", "/admin/tenants/t-partner")
        self.assertEqual(r.status, 200, r)
        t = r.json()
        self.assertEqual(t["id"], "t-partner")
        self.assertEqual(t["provider"], "partner")
        self.assertEqual(t["service_auth"], {"type": "digest", "username": "gw", "password": "***"})
        self.assertEqual(t["api_keys"], ["***"])
        self.assertEqual(t["upstream"]["headers"]["x-client-id"], "web")
        self.assertNoSecrets(r.body.decode())


class OnboardingTest(AdminCase):
    def test_new_partner_serves_at_once_survives_restart_and_delete_revokes(self):
        self.assertProblem(self.gw.get(JOHN_PATH, key=NEW_KEY), 401, "invalid_api_key")

        r = self.admin("PUT", "/admin/tenants/new-partner", body=partner_tenant(self.mocks))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("location"), "/admin/tenants/new-partner")
        created = r.json()
        self.assertEqual(created["id"], "new-partner")
        self.assertEqual(created["service_auth"]["password"], "***")
        self.assertNoSecrets(r.body.decode())

        # At once, through the public listener, with Digest against the partner mock.
        r = self.gw.get(JOHN_PATH, key=NEW_KEY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["id"], JOHN)
        sent = self.mocks.last_request("partner")
        self.assertIn(["x-client-id", "onboarding"], [[k.lower(), v] for k, v in sent["headers"]])

        # Written back: the file has it, and a restart on the same file keeps it.
        with open(self.gw.config_path) as f:
            on_disk = json.load(f)
        self.assertIn("new-partner", [t["id"] for t in on_disk["tenants"]])
        self.gw.stop()
        self.gw.start()
        r = self.gw.get(JOHN_PATH, key=NEW_KEY)
        self.assertEqual(r.status, 200, r)

        # Replacing with the redacted answer keeps the stored password (Digest still works).
        r = self.admin("PUT", "/admin/tenants/new-partner", body=created)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.gw.get(JOHN_PATH, key=NEW_KEY).status, 200)

        r = self.admin("DELETE", "/admin/tenants/new-partner")
        self.assertEqual(r.status, 204, r)
        self.assertEqual(r.body, b"")
        self.assertProblem(self.gw.get(JOHN_PATH, key=NEW_KEY), 401, "invalid_api_key")
        self.assertProblem(self.admin("GET", "/admin/tenants/new-partner"), 404, "not_found")
        # The other tenants are untouched.
        self.assertEqual(self.gw.get(JOHN_PATH, key="partner-key").status, 200)

        self.gw.stop()
        self.gw.start()
        self.assertProblem(self.gw.get(JOHN_PATH, key=NEW_KEY), 401, "invalid_api_key")
        self.assertNoSecrets(self.gw.read_log())

    def test_id_from_path_when_absent_and_mismatch_refused(self):
        body = partner_tenant(self.mocks, tid="ignored")
        del body["id"]
        r = self.admin("PUT", "/admin/tenants/from-path", body=body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["id"], "from-path")

        before = read_bytes(self.gw.config_path)
        body["id"] = "something-else"
        body["api_keys"] = [sha256_key("another-key")]
        doc = self.assertProblem(self.admin("PUT", "/admin/tenants/other", body=body), 422, "validation_failed")
        self.assertEqual(doc["errors"][0]["field"], "id")
        self.assertEqual(read_bytes(self.gw.config_path), before)


class InvalidChangeTest(AdminCase):
    def test_invalid_tenant_is_422_with_paths_and_changes_nothing(self):
        before = read_bytes(self.gw.config_path)
        generation = request(self.gw.port, "GET", "/readyz").json()["config_generation"]

        bad = partner_tenant(self.mocks, tid="t-django")
        bad["upstream"]["base_url"] = "ftp://nowhere"
        bad["upstream"]["timeout_ms"] = -5
        bad["provider_typo"] = "x"
        r = self.admin("PUT", "/admin/tenants/t-django", body=bad)
        doc = self.assertProblem(r, 422, "validation_failed")
        fields = {e["field"] for e in doc["errors"]}
        self.assertIn("upstream.base_url", fields)
        self.assertIn("upstream.timeout_ms", fields)
        self.assertIn("provider_typo", fields)
        for e in doc["errors"]:
            self.assertTrue(e["code"] and e["message"], e)
        self.assertNoSecrets(r.body.decode())

        # A key another tenant already has.
        dup = partner_tenant(self.mocks, tid="dup", key="django-key")
        doc = self.assertProblem(self.admin("PUT", "/admin/tenants/dup", body=dup), 422, "validation_failed")
        self.assertEqual(doc["errors"][0]["field"], "api_keys[0]")

        # "***" for a tenant with nothing stored.
        redacted_new = partner_tenant(self.mocks, tid="fresh", password="***")
        doc = self.assertProblem(self.admin("PUT", "/admin/tenants/fresh", body=redacted_new), 422,
                                 "validation_failed")
        self.assertEqual(doc["errors"][0]["field"], "service_auth.password")

        self.assertProblem(self.admin("PUT", "/admin/tenants/x", raw_body=b"{not json",
                                      headers={"Content-Type": "application/json"}), 400, "malformed_request")
        self.assertProblem(self.admin("PUT", "/admin/tenants/x", raw_body=b"[1, 2]",
                                      headers={"Content-Type": "application/json"}), 400, "malformed_request")
        # Not UTF-8 once decoded: raw bytes, or a lone surrogate escape in a header value. Accepted,
        # it would be written to the config file, which would then not load at the next start.
        # The tenant is valid otherwise (before the fix, the escape was accepted with 201).
        valid = partner_tenant(self.mocks, tid="x", key="utf8-key")
        valid["upstream"].setdefault("headers", {})["X-S"] = "@@"
        for bad_value in (b"\xff", b"a\\ude54"):
            raw = json.dumps(valid).encode().replace(b"@@", bad_value)
            with self.subTest(raw=raw):
                self.assertProblem(self.admin("PUT", "/admin/tenants/x", raw_body=raw,
                                              headers={"Content-Type": "application/json"}), 400, "malformed_request")
        self.assertProblem(self.admin("PUT", "/admin/tenants/x", raw_body=b"a=b",
                                      headers={"Content-Type": "application/x-www-form-urlencoded"}),
                           415, "unsupported_media_type")

        self.assertEqual(read_bytes(self.gw.config_path), before)
        self.assertEqual(request(self.gw.port, "GET", "/readyz").json()["config_generation"], generation)
        r = self.gw.get("/v1/profile", key="django-key", token="django-token-alice")
        self.assertEqual(r.status, 200, r)


class ProbeTest(AdminCase):
    def test_probe_reports_each_step(self):
        r = self.admin("POST", "/admin/tenants/t-partner/probe")
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["tenant"], "t-partner")
        self.assertTrue(doc["ok"], doc)
        self.assertEqual([s["step"] for s in doc["steps"]], ["connect", "service_auth"])
        for s in doc["steps"]:
            self.assertTrue(s["ok"], s)
            self.assertGreaterEqual(s["ms"], 0)
        self.assertNotIn(doc["steps"][1]["status"], (401, 403))

        # A tenant without service credentials: only the connection is checked.
        doc = self.admin("POST", "/admin/tenants/t-django/probe").json()
        self.assertTrue(doc["ok"], doc)
        self.assertEqual([s["step"] for s in doc["steps"]], ["connect"])

    def test_probe_detects_rejected_credentials_and_unreachable_backend(self):
        wrong = partner_tenant(self.mocks, tid="wrong-password", key="wrong-password-key",
                               password="not-the-partner-password")
        self.assertEqual(self.admin("PUT", "/admin/tenants/wrong-password", body=wrong).status, 201)
        doc = self.admin("POST", "/admin/tenants/wrong-password/probe").json()
        self.assertFalse(doc["ok"], doc)
        auth = doc["steps"][-1]
        self.assertEqual(auth["step"], "service_auth")
        self.assertFalse(auth["ok"])
        self.assertEqual(auth["status"], 401)

        closed = partner_tenant(self.mocks, tid="unreachable", key="unreachable-key")
        closed["upstream"]["base_url"] = "http://127.0.0.1:%d" % free_port()
        self.assertEqual(self.admin("PUT", "/admin/tenants/unreachable", body=closed).status, 201)
        doc = self.admin("POST", "/admin/tenants/unreachable/probe").json()
        self.assertFalse(doc["ok"], doc)
        self.assertEqual([(s["step"], s["ok"]) for s in doc["steps"]], [("connect", False)])
        self.assertNoSecrets(self.gw.read_log(), extra=("not-the-partner-password",))


def make_ca_and_server_cert(directory):
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl CLI)."""
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=30)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=profilegw admin probe test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    with open(os.path.join(directory, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext")


@unittest.skipIf(shutil.which("openssl") is None, "the openssl command-line tool is not installed")
class TlsProbeTest(AdminCase):
    def test_tls_handshake_step(self):
        pki = tempfile.mkdtemp(dir=self.tmp.name)
        make_ca_and_server_cert(pki)
        tls_mocks = Mocks(pki, ("--django", "0", "--tls-cert", os.path.join(pki, "server.pem"),
                                "--tls-key", os.path.join(pki, "server.key")))
        try:
            base = "https://127.0.0.1:%d" % tls_mocks.ports["django"]
            trusted = {"id": "tls-trusted", "api_keys": [sha256_key("tls-trusted-key")], "provider": "django",
                       "upstream": {"base_url": base, "tls": {"ca_file": os.path.join(pki, "ca.pem")}}}
            untrusted = {"id": "tls-untrusted", "api_keys": [sha256_key("tls-untrusted-key")], "provider": "django",
                         "upstream": {"base_url": base}}
            for t in (trusted, untrusted):
                self.assertEqual(self.admin("PUT", "/admin/tenants/" + t["id"], body=t).status, 201)

            doc = self.admin("POST", "/admin/tenants/tls-trusted/probe").json()
            self.assertTrue(doc["ok"], doc)
            self.assertEqual([(s["step"], s["ok"]) for s in doc["steps"]], [("connect", True), ("tls_handshake", True)])

            doc = self.admin("POST", "/admin/tenants/tls-untrusted/probe").json()
            self.assertFalse(doc["ok"], doc)
            self.assertEqual([(s["step"], s["ok"]) for s in doc["steps"]], [("connect", True), ("tls_handshake", False)])
            self.assertIn("verify", doc["steps"][1]["detail"])
        finally:
            tls_mocks.stop()


class ReloadRouteTest(AdminCase):
    def test_reload_route_accepts_and_rejects(self):
        r = self.admin("POST", "/admin/reload")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json(), {"ok": True, "config_generation": 2})

        cfg = json.loads(json.dumps(self.gw.config))
        cfg["tenants"][0]["upstream"]["base_url"] = "not a url"
        cfg["tenants"][1]["nonsense"] = 1
        self.gw.write_config(cfg)
        doc = self.assertProblem(self.admin("POST", "/admin/reload"), 422, "validation_failed")
        fields = {e["field"] for e in doc["errors"]}
        self.assertEqual(fields, {"tenants[0].upstream.base_url", "tenants[1].nonsense"})
        ready = request(self.gw.port, "GET", "/readyz").json()
        self.assertEqual(ready["config_generation"], 2)
        self.assertEqual(ready["last_reload"]["ok"], False)
        self.assertEqual(ready["last_reload"]["problems"], 2)
        metrics = request(self.gw.port, "GET", "/metrics").body.decode()
        self.assertIn('profilegw_config_reloads_total{result="failure"} 1', metrics)
        self.assertIn("profilegw_config_last_reload_success 0", metrics)
        # The config in force still serves.
        self.assertEqual(self.gw.get("/v1/profile", key="django-key", token="django-token-alice").status, 200)
        log = self.gw.read_log()
        self.assertIn("config_reload_rejected", log)
        self.assertIn("tenants[0].upstream.base_url", log)

    def test_every_admin_action_is_audited_without_secrets(self):
        self.admin("GET", "/admin/tenants")
        self.admin("PUT", "/admin/tenants/audited", body=partner_tenant(self.mocks, tid="audited"))
        self.admin("GET", "/admin/tenants", token="wrong-token")
        self.gw.stop()
        with open(self.gw.log_path, encoding="utf-8") as f:
            log = f.read()
        lines = [json.loads(l) for l in log.splitlines() if l.startswith("{")]
        audit = [l for l in lines if l.get("event") == "admin_audit" or l.get("msg") == "admin_audit"]
        self.assertEqual(len(audit), 3, audit)
        put = [a for a in audit if a.get("action") == "tenant.put"][0]
        self.assertEqual(put["tenant"], "audited")
        self.assertEqual(put["status"], 201)
        self.assertEqual(put["config_generation"], 2)
        self.assertTrue(put["remote"].startswith("127.0.0.1:"))
        self.assertEqual(sorted(a["status"] for a in audit), [200, 201, 401])
        self.assertNoSecrets(log)


class CrashSafetyTest(AdminCase):
    """SIGKILL at a random moment during a stream of admin writes: the file always parses, passes
    --check-config, and holds every change answered 2xx before the kill."""

    ROUNDS = 3
    WRITES = 40

    def setUp(self):
        super().setUp()
        seed = int(os.environ.get("PROFILEGW_TEST_SEED", "0")) or random.randrange(1 << 30)
        print("crash safety seed", seed)
        self.rng = random.Random(seed)

    def operations(self):
        """Creates, replaces of an earlier create, deletes of an earlier create: (method, tid, marker)."""
        for seq in range(self.WRITES):
            if seq % 5 == 4:
                yield "DELETE", "crash-%d" % (seq - 3), None
            elif seq % 5 == 3:
                yield "PUT", "crash-%d" % (seq - 1), seq
            else:
                yield "PUT", "crash-%d" % seq, seq

    def write_stream(self, state):
        for method, tid, marker in self.operations():
            body = None
            if method == "PUT":
                body = partner_tenant(self.mocks, tid=tid, key="crash-key-%d" % marker)
                body["upstream"]["headers"]["x-crash-seq"] = str(marker)
            state["in_flight"] = (tid, marker)
            try:
                r = self.admin(method, "/admin/tenants/" + tid, body=body)
            except OSError:
                return  # killed mid-request: this one stays uncertain
            state["in_flight"] = None
            if r.status not in (200, 201, 204):
                raise AssertionError("admin write failed: %r" % r)
            state["acknowledged"][tid] = marker
            state["count"] += 1

    def test_kill_during_admin_writes_keeps_every_acknowledged_change(self):
        for round_no in range(self.ROUNDS):
            state = {"acknowledged": {}, "in_flight": None, "count": 0, "error": None}

            def writer():
                try:
                    self.write_stream(state)
                except Exception as e:  # reported below
                    state["error"] = e

            kill_after = self.rng.randint(5, 30)
            t = threading.Thread(target=writer)
            t.start()
            wait_until(lambda: state["count"] >= kill_after or not t.is_alive(), timeout=60,
                       what="%d acknowledged admin writes" % kill_after)
            time.sleep(self.rng.random() * 0.02)  # land the kill anywhere inside the next write
            self.gw.proc.send_signal(signal.SIGKILL)
            self.gw.proc.wait(10)
            t.join(30)
            self.assertFalse(t.is_alive())
            self.assertIsNone(state["error"])
            # Every 2xx the writer received was sent before the kill, so it counts.
            acknowledged = state["acknowledged"]
            uncertain = state["in_flight"]

            with open(self.gw.config_path) as f:
                cfg = json.load(f)
            check = subprocess.run([PROFILEGW_BIN, "--config", self.gw.config_path, "--check-config"],
                                   capture_output=True, timeout=30)
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)

            on_disk = {t["id"]: t["upstream"].get("headers", {}).get("x-crash-seq")
                       for t in cfg["tenants"] if t["id"].startswith("crash-")}
            def state_of(marker):
                return None if marker is None else str(marker)
            for tid in set(acknowledged) | set(on_disk):
                allowed = {state_of(acknowledged.get(tid))}
                if uncertain and uncertain[0] == tid:
                    allowed.add(state_of(uncertain[1]))
                self.assertIn(on_disk.get(tid), allowed,
                              "round %d, %s: acknowledged %r, uncertain %r" % (round_no, tid, acknowledged.get(tid),
                                                                                uncertain))

            # The gateway starts again on that file and has exactly what the file has.
            self.gw.log.close()
            self.gw.start()
            listed = {t["id"] for t in self.admin("GET", "/admin/tenants").json()["tenants"]}
            self.assertEqual({tid for tid in listed if tid.startswith("crash-")}, set(on_disk))
            for tid in on_disk:  # the next round starts from the demo tenants again
                self.assertEqual(self.admin("DELETE", "/admin/tenants/" + tid).status, 204)


if __name__ == "__main__":
    unittest.main()
