"""Real Django REST Framework in the loop (tests/peers/drf): the same scenario list for the django,
shop and v1rest families, once against a peer speaking plain DRF errors and once against one
speaking drf-standardized-errors. Writes are checked in the peer's database, not only in the
gateway's answer. Both peers throttle each user at THROTTLE_RATE requests a minute, so a second
customer per family runs into a genuine 429.

What the unified API answers when the backend itself refuses the method (a tenant whose update path
points at a read-only view): 502 upstream_error. A redirect (Django's APPEND_SLASH on a path
without its slash) is never followed on a write: 502 upstream_bad_response, nothing written."""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from harness import SOURCE_DIR, Gateway, request, tenant

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "peers", "drf"))
import run_peer  # noqa: E402

THROTTLE_RATE = 15  # per user and minute; the main customers' scenarios stay well below it
DIALECTS = ("plain", "standardized")
PEERS = {}
GW = None
TMP = None


def peer_packages_missing():
    try:
        done = subprocess.run([run_peer.PYTHON, "-c", "import django, rest_framework, rest_framework_simplejwt"],
                              capture_output=True, timeout=30)
    except OSError:
        return True
    return done.returncode != 0


def setUpModule():
    global GW, TMP
    if peer_packages_missing():
        raise unittest.SkipTest("the DRF peer needs Debian's python3-django, python3-djangorestframework and "
                                "python3-djangorestframework-simplejwt (scripts/bootstrap installs them)")
    TMP = tempfile.TemporaryDirectory(prefix="profilegw-drf-")
    peers = {"plain": run_peer.Peer(user_rate="%d/min" % THROTTLE_RATE),
             "standardized": run_peer.Peer(errors="standardized", user_rate="%d/min" % THROTTLE_RATE)}
    errors = []

    def start(peer):
        try:
            peer.start()
        except Exception as error:  # re-raised below, after both have finished
            errors.append(error)

    # Both at once: migrating and seeding is most of a peer's start-up time.
    threads = [threading.Thread(target=start, args=(p,)) for p in peers.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    PEERS.update(peers)
    if errors:
        tearDownModule()
        raise errors[0]
    tenants = []
    for dialect, peer in PEERS.items():
        for family in ("django", "shop", "v1rest"):
            tenants.append(tenant("%s-%s" % (family, dialect), family, peer.base_url, "%s-%s-key" % (family, dialect)))
    plain = PEERS["plain"].base_url
    # Misconfigured on purpose: the update path of a read-only view (405), and one without its slash (301).
    tenants.append(tenant("django-405", "django", plain, "django-405-key",
                          upstream={"paths": {"update": "/api/customers/me/"}}))
    tenants.append(tenant("django-noslash", "django", plain, "django-noslash-key",
                          upstream={"paths": {"update": "/api/customers/me/update"}}))
    try:
        GW = Gateway(TMP.name, tenants)
    except Exception:
        tearDownModule()
        raise


def tearDownModule():
    if GW is not None:
        GW.stop()
    for peer in PEERS.values():
        peer.stop()
    if TMP is not None:
        TMP.cleanup()


# --- the peer's side: its database and its request log ---

def db_row(peer, sql, *args):
    conn = sqlite3.connect("file:%s?mode=ro" % (peer.state_dir / "db.sqlite3"), uri=True, timeout=5)
    try:
        conn.row_factory = sqlite3.Row
        row = conn.execute(sql, args).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


LOG_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.[01]" (?P<status>\d{3})')


def settled_log_length(peer):
    """How many requests the peer has logged, once the count holds still: runserver writes each
    line after its response, so a request that just finished may not be in the file yet."""
    deadline = time.monotonic() + 3
    count = len(peer_log(peer))
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = len(peer_log(peer))
        if now == count:
            break
        count = now
    return count


def peer_log(peer):
    """(method, path, status) of every request runserver logged so far."""
    with open(peer.state_dir / "server.log", "rb") as f:
        text = f.read().decode("utf-8", "replace")
    return [(m["method"], m["path"], int(m["status"])) for m in LOG_LINE.finditer(text)]


# --- the three families ---

class DjangoFamily:
    name = "django"
    tables = "customers_customer"

    @staticmethod
    def credential(peer, main=True):
        return peer.credentials["django"]["alice" if main else "bob"]["access"]

    @staticmethod
    def expired(peer):
        return peer.credentials["django"]["alice"]["expired"]

    @staticmethod
    def path(peer, main=True):
        return "/v1/profile"

    @staticmethod
    def row(peer):
        return db_row(peer, "SELECT * FROM customers_customer WHERE id = 42")

    @staticmethod
    def backend_get(peer):
        token = peer.credentials["django"]["bob"]["access"]
        return request(peer.port, "GET", "/api/customers/me/", headers={"Authorization": "Bearer " + token})

    @staticmethod
    def check_against_row(test, doc, row):
        test.assertEqual(doc["id"], "42")
        test.assertEqual(doc["full_name"], row["full_name"])
        test.assertEqual(" ".join(p for p in (doc["first_name"], doc["last_name"]) if p), row["full_name"])
        test.assertEqual(doc["email"] or "", row["email"])
        test.assertEqual(doc["phone"], row["phone_number"])
        test.assertEqual({"M": "male", "F": "female", "NS": "unspecified"}[row["gender"]], doc["gender"])
        test.assertEqual(doc["birth_date"], row["birth_date"])
        test.assertEqual(doc["language"], row["language"])
        test.assertEqual(doc["profile_completed"], bool(row["is_profile_completed"]))
        test.assertIn("wallet", doc["extra"])

    update = {"last_name": "Doe-Update", "gender": "unspecified", "birth_date": None}

    @staticmethod
    def check_update(test, before, after):
        test.assertEqual(after["full_name"], before["full_name"].rsplit(" ", 1)[0] + " Doe-Update")
        test.assertEqual(after["gender"], "NS")
        test.assertIsNone(after["birth_date"])
        test.assertFalse(after["is_profile_completed"])  # the peer recomputes it: no birth date now
        for untouched in ("email", "language", "phone_number", "primary_address"):
            test.assertEqual(after[untouched], before[untouched], untouched)

    # Plausible to the gateway, refused by Django's validators.
    invalid = [
        ({"email": "john..doe@example.com"}, ["email"]),
        ({"email": "john@example.c"}, ["email"]),
    ]


class ShopFamily:
    name = "shop"

    @staticmethod
    def credential(peer, main=True):
        return peer.credentials["shop"]["carol" if main else "dave"]["token"]

    expired = None  # DRF tokens do not expire

    @staticmethod
    def path(peer, main=True):
        return "/v1/profile"

    @staticmethod
    def row(peer):
        return db_row(peer, "SELECT * FROM shop_shopcustomer WHERE id = 1")

    @staticmethod
    def backend_get(peer):
        token = peer.credentials["shop"]["dave"]["token"]
        return request(peer.port, "GET", "/api/shop/customers/me", headers={"Authorization": "Token " + token})

    @staticmethod
    def check_against_row(test, doc, row):
        test.assertEqual(doc["id"], "1")
        test.assertEqual(doc["username"], row["username"])
        test.assertEqual(doc["first_name"] or "", row["first_name"])
        test.assertEqual(doc["last_name"] or "", row["last_name"])
        test.assertEqual(doc["email"], row["email"])
        test.assertEqual(doc["phone"], row["mobile_number"])
        test.assertEqual(doc["avatar_url"], row["avatar"])
        test.assertEqual(doc["gender"] or "", row["gender"])
        test.assertEqual(doc["profile_completed"], bool(row["is_profile_completed"]))

    update = {"first_name": "Behrooz", "gender": None, "avatar_url": None}

    @staticmethod
    def check_update(test, before, after):
        test.assertEqual(after["first_name"], "Behrooz")
        test.assertEqual(after["gender"], "")  # "no value" of a blank-able choice column
        test.assertIsNone(after["avatar"])
        for untouched in ("username", "last_name", "email", "mobile_number"):
            test.assertEqual(after[untouched], before[untouched], untouched)

    invalid = [
        ({"username": "sara_k"}, ["username"]),  # dave's: unique
        ({"avatar_url": "http://exa_mple"}, ["avatar_url"]),
        ({"username": "sara_k", "avatar_url": "http://exa_mple"}, ["avatar_url", "username"]),
    ]


class V1restFamily:
    name = "v1rest"

    @staticmethod
    def credential(peer, main=True):
        return peer.credentials["v1rest"]["erin" if main else "frank"]["access"]

    @staticmethod
    def expired(peer):
        return peer.credentials["v1rest"]["erin"]["expired"]

    @staticmethod
    def path(peer, main=True):
        return "/v1/customers/%d/profile" % (123 if main else 124)

    @staticmethod
    def backend_get(peer):
        token = peer.credentials["v1rest"]["frank"]["access"]
        return request(peer.port, "GET", "/api/v1/customers/124/", headers={"Authorization": "Bearer " + token})

    @staticmethod
    def row(peer):
        customer = db_row(peer, "SELECT * FROM v1rest_customer WHERE id = 123")
        address = db_row(peer, "SELECT * FROM v1rest_address WHERE customer_id = 123")
        return dict(customer, **{"address." + k: v for k, v in address.items()})

    @staticmethod
    def check_against_row(test, doc, row):
        test.assertEqual(doc["id"], "123")
        test.assertEqual(doc["email"], row["email"])
        test.assertEqual(doc["first_name"] or "", row["first_name"])
        test.assertEqual(doc["last_name"] or "", row["last_name"])
        test.assertEqual(doc["birth_date"], row["date_of_birth"])
        test.assertEqual(doc["extra"]["slug"], row["slug"])
        test.assertEqual(doc["address"], {"line1": row["address.street_address"],
                                          "postal_code": str(row["address.postal_code"]),
                                          "city": row["address.city"], "state": row["address.state"],
                                          "country": row["address.country"]})

    update = {"last_name": "Doe-Update", "address": {"city": "San Diego"}}

    @staticmethod
    def check_update(test, before, after):
        # The PUT replaced the record: only what the PATCH named (and the slug the backend derives
        # from the names) may differ, every other column must hold its old value.
        changed = {k for k in before if before[k] != after[k]}
        test.assertEqual(changed, {"last_name", "slug", "address.city"}, (before, after))
        test.assertEqual(after["last_name"], "Doe-Update")
        test.assertEqual(after["address.city"], "San Diego")

    invalid = [
        ({"first_name": "x" * 51}, ["first_name"]),               # the peer's column holds 50
        ({"email": "frank.miller@example.com"}, ["email"]),     # unique
        ({"address": {"country": "  ab  "}}, ["address.country"]),    # DRF trims, then min 4
        ({"address": {"line1": "   ", "country": "  ab  "}}, ["address.country", "address.line1"]),
        ({"email": "a..b@example.com", "address": {"line1": "   "}}, ["address.line1", "email"]),
    ]


class Scenarios:
    """The scenario list; subclasses say which family and which peer (error dialect)."""

    family = None
    dialect = None

    @property
    def peer(self):
        return PEERS[self.dialect]

    @property
    def key(self):
        return "%s-%s-key" % (self.family.name, self.dialect)

    def call(self, method, body=None, main=True, token=None, **kw):
        token = self.family.credential(self.peer, main) if token is None else token
        return GW.call(method, self.family.path(self.peer, main), body=body, key=self.key, token=token or None, **kw)

    def setUp(self):
        self.log_mark = len(peer_log(self.peer))

    def tearDown(self):
        # The gateway never sends a method the backend refuses.
        settled_log_length(self.peer)
        refused = [entry for entry in peer_log(self.peer)[self.log_mark:] if entry[2] == 405]
        self.assertEqual(refused, [])

    def assertProblem(self, r, status, code, upstream_status=None):
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.header("content-type"), "application/problem+json")
        doc = r.json()
        self.assertEqual(doc["code"], code, doc)
        if upstream_status is not None:
            self.assertEqual(doc.get("upstream", {}).get("status"), upstream_status, doc)
        return doc

    def test_read_matches_database(self):
        r = self.call("GET")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["provider"], self.family.name)
        self.family.check_against_row(self, r.json(), self.family.row(self.peer))

    def test_partial_update_visible_in_next_read_and_database(self):
        before = self.family.row(self.peer)
        r = self.call("PATCH", self.family.update)
        self.assertEqual(r.status, 200, r)
        after = self.family.row(self.peer)
        self.family.check_update(self, before, after)
        self.family.check_against_row(self, r.json(), after)
        again = self.call("GET")
        self.assertEqual(again.status, 200, again)
        self.assertEqual(again.json(), r.json())
        self.assertEqual(again.header("etag"), r.header("etag"))

    def test_validation_errors_mapped_to_unified_fields(self):
        before = self.family.row(self.peer)
        for patch, fields in self.family.invalid:
            with self.subTest(patch=patch):
                doc = self.assertProblem(self.call("PATCH", patch), 422, "validation_failed", upstream_status=400)
                self.assertEqual(sorted(e["field"] for e in doc["errors"]), fields, doc)
                for e in doc["errors"]:
                    self.assertTrue(e["message"], doc)
        self.assertEqual(self.family.row(self.peer), before)

    def test_rejected_credentials(self):
        mark = settled_log_length(self.peer)
        self.assertProblem(self.call("GET", token=""), 401, "customer_unauthorized")
        self.assertEqual(settled_log_length(self.peer), mark)  # refused before any upstream call
        self.assertProblem(self.call("GET", token="not-a-valid-credential"), 401, "customer_unauthorized", 401)
        self.assertProblem(self.call("PATCH", {"first_name": "Mallory"}, token="not-a-valid-credential"), 401,
                           "customer_unauthorized", 401)
        if self.family.expired:
            self.assertProblem(self.call("GET", token=self.family.expired(self.peer)), 401,
                               "customer_unauthorized", 401)

    def test_wrong_content_type_is_refused_at_the_gateway(self):
        mark = settled_log_length(self.peer)
        r = self.call("PATCH", raw_body=b"first_name=Zed", headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertProblem(r, 415, "unsupported_media_type")
        r = self.call("PATCH", raw_body=b'{"first_name": "Zed"}', headers={"Content-Type": "text/plain"})
        self.assertProblem(r, 415, "unsupported_media_type")
        self.assertEqual(settled_log_length(self.peer), mark)

    def test_throttled_passes_retry_after(self):
        # The second customer of the family, so the main one's scenarios are not throttled.
        for i in range(THROTTLE_RATE + 1):
            r = self.call("GET", main=False)
            if r.status != 200:
                break
        doc = self.assertProblem(r, 429, "rate_limited", upstream_status=429)
        self.assertGreaterEqual(i, THROTTLE_RATE - 1, "throttled after %d reads" % i)
        retry_after = r.header("retry-after")
        self.assertTrue(retry_after and retry_after.isdigit(), r.headers)
        self.assertTrue(1 <= int(retry_after) <= 60, retry_after)
        self.assertIn("throttled", doc["detail"])
        # The backend's own Retry-After for the same customer, asked directly a moment later.
        direct = self.family.backend_get(self.peer)
        self.assertEqual(direct.status, 429, direct)
        self.assertLessEqual(abs(int(direct.header("retry-after")) - int(retry_after)), 1)


def scenario_class(family, dialect):
    name = "%s%sTest" % (family.name.capitalize(), dialect.capitalize())
    return type(name, (Scenarios, unittest.TestCase), {"family": family, "dialect": dialect})


for _family in (DjangoFamily, ShopFamily, V1restFamily):
    for _dialect in DIALECTS:
        _cls = scenario_class(_family, _dialect)
        globals()[_cls.__name__] = _cls
del _family, _dialect, _cls


class MisconfiguredUpstreamTest(unittest.TestCase):
    """What the unified API answers when the backend itself refuses the request the gateway built."""

    def test_backend_405_is_upstream_error(self):
        peer = PEERS["plain"]
        before = DjangoFamily.row(peer)
        r = GW.patch("/v1/profile", {"language": "ar"}, key="django-405-key",
                     token=peer.credentials["django"]["alice"]["access"])
        self.assertEqual(r.status, 502, r)
        doc = r.json()
        self.assertEqual(doc["code"], "upstream_error", doc)
        self.assertEqual(doc["upstream"]["status"], 405, doc)
        self.assertEqual(DjangoFamily.row(peer), before)
        settled_log_length(peer)  # its 405 must not land in the next test's window

    def test_redirect_on_write_is_not_followed(self):
        peer = PEERS["plain"]
        before = DjangoFamily.row(peer)
        mark = settled_log_length(peer)
        r = GW.patch("/v1/profile", {"language": "ar"}, key="django-noslash-key",
                     token=peer.credentials["django"]["alice"]["access"])
        self.assertEqual(r.status, 502, r)
        self.assertEqual(r.json()["code"], "upstream_bad_response", r)
        self.assertEqual(DjangoFamily.row(peer), before)
        settled_log_length(peer)
        log = peer_log(peer)[mark:]
        self.assertEqual(log, [("PATCH", "/api/customers/me/update", 301)], log)


if __name__ == "__main__":
    unittest.main()
