"""The DRF-family mocks against the real DRF peer (tests/peers/drf): the same requests, sent straight
to both, must get the same status, the same JSON body (errors) or the same shape (records), and the
same Allow / WWW-Authenticate / Location, in both error dialects. The mocks were written from the
seeds alone; this is what keeps them honest (see the divergences listed in mocks/README.md).

Only requests whose answer does not depend on the seeded values (which differ on purpose) or on
earlier writes are compared. Not compared: Vary (the peer renders JSON only, so it never varies on
Accept), and the wording of JSON parse errors (Python's json module against RapidJSON)."""
import json
import os
import sys
import tempfile
import threading
import unittest

from harness import SOURCE_DIR, Mocks, request

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "peers", "drf"))
import run_peer  # noqa: E402
from test_drf_peer import peer_packages_missing  # noqa: E402

PEERS = {}
MOCKS = None
TMP = None
COMPARED_HEADERS = ("content-type", "allow", "www-authenticate", "location")

# (family, credential, method, path, body); credentials: see credential() below.
CASES = [
    ("django", "none", "GET", "/api/customers/me/", None),
    ("django", "garbage", "GET", "/api/customers/me/", None),
    ("django", "expired", "GET", "/api/customers/me/", None),
    ("django", "lowercase-scheme", "GET", "/api/customers/me/", None),
    ("django", "scheme-only", "GET", "/api/customers/me/", None),
    ("django", "main", "GET", "/api/customers/me", None),
    ("django", "main", "PATCH", "/api/customers/me/update", {"full_name": "X"}),
    ("django", "main", "PATCH", "/api/customers/me/update/", {"gender": "male"}),
    ("django", "main", "PATCH", "/api/customers/me/update/", {"gender": None, "language": "fr"}),
    ("django", "main", "PATCH", "/api/customers/me/update/", {"email": "bad", "birth_date": "1990-13-01"}),
    ("django", "main", "PATCH", "/api/customers/me/update/", [1]),
    ("django", "main", "PATCH", "/api/customers/me/update/", "form"),
    ("django", "main", "PUT", "/api/customers/me/update/", {}),
    ("django", "main", "GET", "/api/customers/me/update/", None),
    ("django", "main", "PATCH", "/api/customers/me/", {}),
    ("django", "main", "GET", "/api/customers/nothing/", None),
    ("django", "main", "GET", "/api/customers/me/", None),
    ("shop", "none", "GET", "/api/shop/customers/me", None),
    ("shop", "garbage", "GET", "/api/shop/customers/me", None),
    ("shop", "scheme-only", "GET", "/api/shop/customers/me", None),
    ("shop", "main", "GET", "/api/shop/customers/me/", None),
    ("shop", "main", "PATCH", "/api/shop/customers/me/", {"first_name": "X"}),
    ("shop", "main", "PATCH", "/api/shop/customers/me", {"gender": "M"}),
    ("shop", "main", "PATCH", "/api/shop/customers/me", {"username": "", "avatar": "nope", "first_name": None}),
    ("shop", "main", "PUT", "/api/shop/customers/me", {}),
    ("shop", "main", "GET", "/api/shop/customers/me", None),
    ("v1rest", "none", "GET", "/api/v1/customers/123/", None),
    ("v1rest", "garbage", "GET", "/api/v1/customers/123/", None),
    ("v1rest", "main", "GET", "/api/v1/customers/123/", None),
    ("v1rest", "main", "GET", "/api/v1/customers/124/", None),
    ("v1rest", "main", "GET", "/api/v1/customers/999999/", None),
    ("v1rest", "main", "GET", "/api/v1/customers/abc/", None),
    ("v1rest", "main", "GET", "/api/v1/customers/123", None),
    ("v1rest", "main", "PATCH", "/api/v1/customers/123/", {}),
    ("v1rest", "main", "PUT", "/api/v1/customers/124/", {}),
    ("v1rest", "main", "PUT", "/api/v1/customers/123/", {}),
    ("v1rest", "main", "PUT", "/api/v1/customers/123/", {"email": "customer@example.com", "address": None}),
    ("v1rest", "main", "PUT", "/api/v1/customers/123/", {"email": "customer@example.com",
                                                        "address": {"street_address": "x"}}),
    ("v1rest", "main", "PUT", "/api/v1/customers/123/", {
        "email": "x", "first_name": "y" * 51, "date_of_birth": "15.01.1990",
        "address": {"street_address": "1" * 31, "postal_code": -1, "city": "C", "state": "", "country": "USA"}}),
    ("v1rest", "main", "PUT", "/api/v1/customers/123/", {
        "email": "frank.miller@example.com",
        "address": {"street_address": "1 A St", "postal_code": "12.5", "city": "Boston", "state": "MA",
                    "country": "United States"}}),
]


def setUpModule():
    global MOCKS, TMP
    if peer_packages_missing():
        raise unittest.SkipTest("the DRF peer needs Debian's python3-django, python3-djangorestframework and "
                                "python3-djangorestframework-simplejwt (scripts/bootstrap installs them)")
    TMP = tempfile.TemporaryDirectory(prefix="profilegw-parity-")
    peers = {"plain": run_peer.Peer(), "standardized": run_peer.Peer(errors="standardized")}
    errors = []

    def start(peer):
        try:
            peer.start()
        except Exception as error:  # re-raised below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(p,)) for p in peers.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    PEERS.update(peers)
    try:
        if errors:
            raise errors[0]
        MOCKS = Mocks(TMP.name, ("--django", "0", "--shop", "0", "--v1rest", "0"))
    except Exception:
        tearDownModule()
        raise


def tearDownModule():
    if MOCKS is not None:
        MOCKS.stop()
    for peer in PEERS.values():
        peer.stop()
    if TMP is not None:
        TMP.cleanup()


MOCK_TOKENS = {"django": "django-token-alice", "shop": "shop-token-carol", "v1rest": "v1rest-token-erin"}
PEER_USERS = {"django": "alice", "shop": "carol", "v1rest": "erin"}


def credential(side, dialect, family, kind):
    """The Authorization value for one side (peer or mock) and kind of credential."""
    scheme = "Token" if family == "shop" else "Bearer"
    if kind == "none":
        return None
    if kind == "garbage":
        return scheme + " not-a-valid-credential"
    if kind == "scheme-only":
        return scheme
    if side == "mock":
        token = "expired-or-otherwise-invalid" if kind == "expired" else MOCK_TOKENS[family]
    else:
        creds = PEERS[dialect].credentials[family][PEER_USERS[family]]  # JWTs are signed per peer
        token = creds["token"] if family == "shop" else creds["expired" if kind == "expired" else "access"]
    if kind == "lowercase-scheme":
        scheme = scheme.lower()
    return scheme + " " + token


def send(side, dialect, family, kind, method, path, body):
    port = PEERS[dialect].port if side == "peer" else MOCKS.ports[family]
    headers = {"Accept": "application/json"}
    auth = credential(side, dialect, family, kind)
    if auth:
        headers["Authorization"] = auth
    if side == "mock" and dialect == "standardized":
        headers["X-Mock-Errors"] = "standardized"
    raw = None
    if body == "form":
        raw = b"full_name=x"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        raw = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    return request(port, method, path, headers=headers, raw_body=raw)


def shape(value):
    """Keys and JSON types, not values: the two sides' seed data differ on purpose."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(v) for v in value[:1]]
    return type(value).__name__ if value is not None else "null-or-any"


def comparable(response):
    headers = {name: response.header(name) for name in COMPARED_HEADERS}
    ctype = (headers["content-type"] or "").split(";")[0]
    headers["content-type"] = ctype
    if ctype == "application/json":
        body = json.loads(response.body)
        if response.status == 200:
            body = shape(body)
    else:
        body = response.body.decode("utf-8", "replace").strip()
    return response.status, headers, body


def null_tolerant(a, b):
    """Shapes: a null on one side matches any type on the other (nullable columns, other seed)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(null_tolerant(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(null_tolerant(x, y) for x, y in zip(a, b))
    return a == b or "null-or-any" in (a, b) or {a, b} <= {"int", "float"}


class MockParityTest(unittest.TestCase):
    maxDiff = None

    def check(self, dialect):
        for family, kind, method, path, body in CASES:
            with self.subTest(dialect=dialect, case="%s %s %s %s" % (kind, method, path, json.dumps(body)[:60])):
                peer = comparable(send("peer", dialect, family, kind, method, path, body))
                mock = comparable(send("mock", dialect, family, kind, method, path, body))
                self.assertEqual(mock[0], peer[0], (mock, peer))
                self.assertEqual(mock[1], peer[1])
                if mock[0] == 200:
                    self.assertTrue(null_tolerant(mock[2], peer[2]), (mock[2], peer[2]))
                else:
                    self.assertEqual(mock[2], peer[2])

    def test_plain_dialect(self):
        self.check("plain")

    def test_standardized_dialect(self):
        self.check("standardized")


if __name__ == "__main__":
    unittest.main()
