"""Config reload under load (CONTRACT.md section 1): 50 reloads through SIGHUP and POST
/admin/reload, alternately valid and invalid, while keep-alive clients keep calling the gateway:
not one request fails, every valid reload is visible to the next request, every invalid one is
rejected, logged and counted while the old config keeps serving. Then the file watch: an edit
reloads within about 2 s, an invalid edit is rejected and counted."""
import copy
import http.client
import json
import os
import signal
import tempfile
import threading
import time
import unittest

from harness import TOKENS, Gateway, Mocks, demo_tenants, request, sha256_key, wait_until

ADMIN_TOKEN = "admin-secret-token"


def metric(port, name, labels=""):
    text = request(port, "GET", "/metrics").body.decode()
    wanted = name + labels + " "
    for line in text.splitlines():
        if line.startswith(wanted):
            return float(line[len(wanted):])
    return 0.0


def readyz(port):
    return request(port, "GET", "/readyz").json()


class LoadClient(threading.Thread):
    """One keep-alive connection calling GET /v1/profile on the shop tenant until told to stop."""

    def __init__(self, port, stop, limit):
        super().__init__(daemon=True)
        self.port, self.stop_event, self.limit = port, stop, limit
        self.ok = 0
        self.failures = []

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"X-Api-Key": "shop-key", "Authorization": "Bearer " + TOKENS["shop"]}
        try:
            while not self.stop_event.is_set() and self.ok + len(self.failures) < self.limit:
                try:
                    conn.request("GET", "/v1/profile", headers=headers)
                    resp = conn.getresponse()
                    body = resp.read()
                    if resp.status == 200 and json.loads(body)["provider"] == "shop":
                        self.ok += 1
                    else:
                        self.failures.append((resp.status, body[:200]))
                    if resp.getheader("connection", "").lower() == "close":
                        self.failures.append(("closed", b""))
                        conn.close()
                except (OSError, http.client.HTTPException, ValueError) as e:
                    self.failures.append(("error", repr(e)))
                    conn.close()
        finally:
            conn.close()


class ReloadUnderLoadTest(unittest.TestCase):
    RELOADS = 50

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-reload-")
        cls.mocks = Mocks(cls.tmp.name)
        cls.gw = Gateway(cls.tmp.name, demo_tenants(cls.mocks), admin=True,
                         env={"RELOAD_TEST_LANGUAGE": "de"})

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def django_headers_seen(self):
        r = self.gw.get("/v1/profile", key="django-key", token=TOKENS["django"])
        self.assertEqual(r.status, 200, r)
        sent = self.mocks.last_request("django")
        return {k.lower(): v for k, v in sent["headers"]}

    def valid_config(self, n):
        """Generation n's config: a marker header on django, and a rotating second API key."""
        cfg = copy.deepcopy(self.gw.config)
        django = cfg["tenants"][0]
        django["upstream"]["headers"] = {"X-Reload-Marker": "reload-%d" % n,
                                         "Accept-Language": "${RELOAD_TEST_LANGUAGE}"}
        django["api_keys"] = [sha256_key("django-key"), sha256_key("rotating-key-%d" % n)]
        return cfg

    def invalid_config(self, n):
        cfg = copy.deepcopy(self.gw.config)
        kind = n % 4
        if kind == 0:
            return "{ this is not JSON"
        if kind == 1:
            cfg["tenants"][0]["upstream"]["base_url"] = "not a url"
        elif kind == 2:
            cfg["tenants"][1]["upstrem"] = {}
        else:
            cfg["tenants"][2]["upstream"]["headers"] = {"X-Missing": "${RELOAD_TEST_MISSING_VARIABLE}"}
        return json.dumps(cfg, indent=2)

    def write(self, text):
        tmp = self.gw.config_path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, self.gw.config_path)

    def admin_reload(self):
        return request(self.gw.admin_port, "POST", "/admin/reload",
                       headers={"Authorization": "Bearer " + ADMIN_TOKEN})

    def test_fifty_reloads_under_load_lose_nothing(self):
        stop = threading.Event()
        clients = [LoadClient(self.gw.port, stop, limit=4000) for _ in range(3)]
        for c in clients:
            c.start()
        try:
            generation = readyz(self.gw.port)["config_generation"]
            failures_counted = metric(self.gw.port, "profilegw_config_reloads_total", '{result="failure"}')
            last_valid = None
            for n in range(self.RELOADS):
                use_signal = (n // 2) % 2 == 0
                valid = n % 2 == 0
                if valid:
                    self.write(json.dumps(self.valid_config(n), indent=2))
                else:
                    self.write(self.invalid_config(n))
                if use_signal:
                    self.gw.signal(signal.SIGHUP)
                    if valid:
                        wait_until(lambda: readyz(self.gw.port)["config_generation"] == generation + 1,
                                   timeout=10, what="SIGHUP reload %d" % n)
                    else:
                        wait_until(lambda: metric(self.gw.port, "profilegw_config_reloads_total",
                                                  '{result="failure"}') == failures_counted + 1,
                                   timeout=10, what="SIGHUP rejection %d" % n)
                else:
                    r = self.admin_reload()
                    if valid:
                        self.assertEqual(r.status, 200, r)
                        self.assertEqual(r.json()["config_generation"], generation + 1)
                    else:
                        self.assertEqual(r.status, 422, r)
                        self.assertEqual(r.json()["code"], "validation_failed")
                        self.assertTrue(r.json()["errors"])
                ready = readyz(self.gw.port)
                self.assertEqual(ready["last_reload"]["ok"], valid, ready)
                if valid:
                    generation += 1
                    last_valid = n
                else:
                    failures_counted += 1
                self.assertEqual(ready["config_generation"], generation)

                # The next request sees the config in force: the valid one just loaded, or the
                # last valid one when this file was rejected.
                seen = self.django_headers_seen()
                self.assertEqual(seen.get("x-reload-marker"), "reload-%d" % last_valid if last_valid is not None
                                 else None, "reload %d" % n)
                if last_valid is not None:
                    self.assertEqual(seen.get("accept-language"), "de")
                    ok = self.gw.get("/v1/profile", key="rotating-key-%d" % last_valid, token=TOKENS["django"])
                    self.assertEqual(ok.status, 200, ok)
                    if last_valid >= 2:
                        gone = self.gw.get("/v1/profile", key="rotating-key-%d" % (last_valid - 2),
                                           token=TOKENS["django"])
                        self.assertEqual(gone.status, 401, gone)
                # Spread the reloads over the load: some requests between any two of them.
                done = sum(c.ok + len(c.failures) for c in clients)
                wait_until(lambda: sum(c.ok + len(c.failures) for c in clients) >= done + 50
                           or not any(c.is_alive() for c in clients), timeout=10, what="load between reloads")
        finally:
            stop.set()
            for c in clients:
                c.join(30)
        total = sum(c.ok for c in clients)
        failures = [f for c in clients for f in c.failures]
        self.assertEqual(failures, [], "%d failed of %d" % (len(failures), total + len(failures)))
        self.assertGreaterEqual(total, 50 * self.RELOADS, "the load must run during the reloads")
        self.assertEqual(metric(self.gw.port, "profilegw_config_reloads_total", '{result="failure"}'),
                         failures_counted)
        self.assertEqual(metric(self.gw.port, "profilegw_config_reloads_total", '{result="success"}'),
                         self.RELOADS // 2)
        self.assertEqual(metric(self.gw.port, "profilegw_config_generation"), generation)
        log = self.gw.read_log()
        self.assertIn("config_reload_rejected", log)
        self.assertIn("RELOAD_TEST_MISSING_VARIABLE", log)  # the problem names the variable
        self.assertNotIn("partner-secret", log)
        self.assertNotIn(ADMIN_TOKEN, log)


class ConfigSettle:
    # Well past the watcher's settle time (150 ms), so a reload it would do has happened.
    SECONDS = 0.8


class WatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-watch-")
        cls.mocks = Mocks(cls.tmp.name)
        cls.gw = Gateway(cls.tmp.name, demo_tenants(cls.mocks), extra={"watch": True}, admin=True)

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def marker_config(self, marker):
        cfg = copy.deepcopy(self.gw.config)
        cfg["tenants"][0]["upstream"]["headers"] = {"X-Watch-Marker": marker}
        return cfg

    def marker_seen(self):
        r = self.gw.get("/v1/profile", key="django-key", token=TOKENS["django"])
        self.assertEqual(r.status, 200, r)
        sent = self.mocks.last_request("django")
        return {k.lower(): v for k, v in sent["headers"]}.get("x-watch-marker")

    def wait_for_marker(self, marker, timeout=3.0):
        started = time.monotonic()
        wait_until(lambda: self.marker_seen() == marker, timeout=timeout, interval=0.05,
                   what="marker %s" % marker)
        return time.monotonic() - started

    def test_edits_reload_and_invalid_edits_are_rejected(self):
        generation = readyz(self.gw.port)["config_generation"]

        # Rename-over, as editors and config management tools write.
        self.gw.write_config(self.marker_config("renamed"))
        self.assertLess(self.wait_for_marker("renamed"), 2.5)
        self.assertEqual(readyz(self.gw.port)["config_generation"], generation + 1)

        # In place: truncate and write.
        with open(self.gw.config_path, "w") as f:
            json.dump(self.marker_config("in-place"), f, indent=2)
        self.assertLess(self.wait_for_marker("in-place"), 2.5)
        generation = readyz(self.gw.port)["config_generation"]

        # Invalid: rejected, counted, the old config keeps serving.
        failures = metric(self.gw.port, "profilegw_config_reloads_total", '{result="failure"}')
        with open(self.gw.config_path, "w") as f:
            f.write('{"listen": ')
        wait_until(lambda: metric(self.gw.port, "profilegw_config_reloads_total", '{result="failure"}')
                   == failures + 1, timeout=3, what="the rejected edit")
        ready = readyz(self.gw.port)
        self.assertEqual(ready["config_generation"], generation)
        self.assertFalse(ready["last_reload"]["ok"])
        self.assertEqual(ready["last_reload"]["trigger"], "watch")
        self.assertEqual(self.marker_seen(), "in-place")

        # A file next to it changing reloads nothing.
        with open(os.path.join(self.tmp.name, "unrelated.txt"), "w") as f:
            f.write("x")
        time.sleep(ConfigSettle.SECONDS)
        self.assertEqual(readyz(self.gw.port)["config_generation"], generation)

        # Fixed again: back to reloading.
        self.gw.write_config(self.marker_config("fixed"))
        self.wait_for_marker("fixed")
        self.assertEqual(readyz(self.gw.port)["config_generation"], generation + 1)
        self.assertIn("config_reload_rejected", self.gw.read_log())

    def test_admin_writes_are_not_reloaded_again_by_the_watch(self):
        generation = readyz(self.gw.port)["config_generation"]
        successes = metric(self.gw.port, "profilegw_config_reloads_total", '{result="success"}')
        r = request(self.gw.admin_port, "PUT", "/admin/tenants/watched",
                    body={"api_keys": [sha256_key("watched-key")], "provider": "django",
                          "upstream": {"base_url": self.mocks.url("django")}},
                    headers={"Authorization": "Bearer " + ADMIN_TOKEN})
        self.assertEqual(r.status, 201, r)
        time.sleep(ConfigSettle.SECONDS)
        self.assertEqual(readyz(self.gw.port)["config_generation"], generation + 1)
        self.assertEqual(metric(self.gw.port, "profilegw_config_reloads_total", '{result="success"}'), successes)
        self.assertEqual(request(self.gw.admin_port, "DELETE", "/admin/tenants/watched",
                                 headers={"Authorization": "Bearer " + ADMIN_TOKEN}).status, 204)


def established_to(port):
    """Client sockets in ESTABLISHED state whose peer is 127.0.0.1:port (from /proc/net/tcp)."""
    count = 0
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            remote, state = fields[2], fields[3]
            if state == "01" and int(remote.split(":")[1], 16) == port:
                count += 1
    return count


class PoolDrainTest(unittest.TestCase):
    """After a config change, each thread closes the pools of upstreams the config no longer names
    and keeps the others."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-pools-")
        cls.mocks = Mocks(cls.tmp.name)
        cls.gw = Gateway(cls.tmp.name, demo_tenants(cls.mocks), admin=True)

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def test_removed_upstream_pools_close_and_others_stay(self):
        v1rest_port, django_port = self.mocks.ports["v1rest"], self.mocks.ports["django"]
        # Fresh client connections land on both server threads (SO_REUSEPORT hashing).
        for _ in range(20):
            self.assertEqual(self.gw.get("/v1/customers/123/profile", key="v1rest-key",
                                         token=TOKENS["v1rest"]).status, 200)
            self.assertEqual(self.gw.get("/v1/profile", key="django-key", token=TOKENS["django"]).status, 200)
        self.assertGreater(established_to(v1rest_port), 0)
        django_before = established_to(django_port)
        self.assertGreater(django_before, 0)

        r = request(self.gw.admin_port, "DELETE", "/admin/tenants/t-v1rest",
                    headers={"Authorization": "Bearer " + ADMIN_TOKEN})
        self.assertEqual(r.status, 204, r)

        def drained():
            for _ in range(10):  # every thread sees a request on the new config
                request(self.gw.port, "GET", "/healthz")
            return established_to(v1rest_port) == 0
        wait_until(drained, timeout=10, what="the removed upstream's pool to close")
        self.assertEqual(established_to(django_port), django_before)
        self.assertEqual(self.gw.get("/v1/profile", key="django-key", token=TOKENS["django"]).status, 200)
        self.assertEqual(established_to(django_port), django_before)


if __name__ == "__main__":
    unittest.main()
