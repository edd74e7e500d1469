"""The attacks a gateway must stop, one test each, over real HTTP with raw sockets where http.client
would refuse the bytes. The mocks' /__mock/last-request shows exactly what reached the upstream.

- header injection: CR, LF, NUL and obs-fold in every value the gateway could forward;
- path traversal and injection in {customer_id}: one encoded segment upstream, or 400;
- tenant isolation: Host games, absolute-form targets, duplicate X-Api-Key / Authorization (400);
- request smuggling: ambiguous framing is 400 and the connection closes, nothing reaches a backend;
- slow clients (header, body and idle timeouts) and the connection cap;
- oversized headers and bodies: 431 / 413 at once, without reading them.
TLS upstreams are in test_security_tls.py, log hygiene in test_security_logs.py."""
import re
import socket
import time
import unittest
import urllib.parse

from harness import TOKENS, Gateway, GatewayTestCase, Mocks, demo_tenants, tenant
from security_support import RawClient, exchange

DJANGO, SHOP, V1REST, PARTNER, SALLA = "django-key", "shop-key", "v1rest-key", "partner-key", "salla-key"
ALICE = TOKENS["django"]
ERIN = TOKENS["v1rest"]
V1REST_SEGMENT = re.compile(r"^/api/v1/customers/([A-Za-z0-9\-._~%]+)/$")
PARTNER_SEGMENT = re.compile(r"^/partner/customer/([A-Za-z0-9\-._~%]+)$")


def raw_get(path, headers, host="gw.example"):
    lines = ["GET %s HTTP/1.1" % path, "Host: " + host] + list(headers) + ["Connection: close", "", ""]
    return "\r\n".join(lines)


class SecurityCase(GatewayTestCase):
    def last(self, provider):
        """The last request the provider's mock received, or None when nothing reached it."""
        r = self.mocks.control(provider, "GET", "last-request")
        if r.status == 404:
            return None
        self.assertEqual(r.status, 200, r)
        return r.json()

    def requests_seen(self, provider):
        return self.mocks.stats(provider)["requests"]

    def assertRawProblem(self, r, status, code):
        self.assertIsNotNone(r, "no answer")
        self.assertEqual(r.status, status, r)
        self.assertEqual(r.header("content-type"), "application/problem+json", r)
        self.assertIn(('"code":"%s"' % code).encode(), r.body, r)
        self.assertTrue(r.header("x-request-id"), r)


class HeaderInjectionTest(SecurityCase):
    """Nothing a caller sends can start a new header line upstream."""

    PAYLOADS = {
        "bare LF": "abc\nInjected: lf",
        "bare CR": "abc\rInjected: cr",
        "NUL": "abc\x00Injected: nul",
        "obs-fold": "abc\r\n Injected: fold",
        "obs-fold tab": "abc\r\n\tInjected: foldtab",
        "encoded CRLF": "abc%0d%0aInjected: pct",
        "CRLF CRLF (request splitting)": "abc\r\n\r\nGET /api/customers/me/ HTTP/1.1\r\nInjected: split",
    }

    def assertNothingInjected(self, provider, answer=None):
        last = self.last(provider)
        if last is None:
            return
        names = [n.lower() for n, _ in last["headers"]]
        self.assertNotIn("injected", names, last)
        for name, value in last["headers"]:
            self.assertFalse(set(value) & {"\r", "\n", "\x00"}, (name, value))
        self.assertNotIn("Injected", last["target"])
        if answer is not None:
            # The id sent upstream is the one the caller got back: a valid one, never the raw bytes.
            ids = [v for n, v in last["headers"] if n.lower() == "x-request-id"]
            self.assertEqual(ids, [answer.header("x-request-id")], last)
            self.assertRegex(ids[0], r"^[A-Za-z0-9._-]{1,128}$")

    def check(self, header_name, payload, provider="django", key=DJANGO, token=ALICE, path="/v1/profile"):
        self.mocks.reset()
        headers = ["X-Api-Key: " + key]
        if header_name != "Authorization":
            headers.append("Authorization: Bearer " + token)
        headers.append("%s: %s" % (header_name, payload))
        r, _ = exchange(self.gw.port, raw_get(path, headers))
        # Either the parser refuses the line (400, nothing sent upstream) or the value is forwarded
        # whole, as one header, or dropped; never as a new header line.
        self.assertIsNotNone(r)
        if r.status == 400:
            self.assertIsNone(self.last(provider), "a rejected request reached the upstream")
        else:
            self.assertIn(r.status, (200, 401), r)
        self.assertNothingInjected(provider, answer=r if r.status == 200 else None)
        return r

    def test_request_id(self):
        for name, payload in self.PAYLOADS.items():
            with self.subTest(payload=name):
                self.check("X-Request-Id", payload)

    def test_accept_language(self):
        for name, payload in self.PAYLOADS.items():
            with self.subTest(payload=name):
                self.check("Accept-Language", payload)
        # partner replaces its fixed Accept-Language with the caller's: the same rules hold there.
        for name, payload in self.PAYLOADS.items():
            with self.subTest(provider="partner", payload=name):
                self.check("Accept-Language", payload, provider="partner", key=PARTNER,
                           path="/v1/customers/MTD0018232/profile")

    def test_customer_token(self):
        for name, payload in self.PAYLOADS.items():
            with self.subTest(payload=name):
                r = self.check("Authorization", "Bearer " + ALICE + payload[3:])
                if "splitting" not in name:  # CRLF CRLF ends the header: the token before it is whole
                    self.assertNotEqual(r.status, 200, r)

    def test_customer_id(self):
        for raw in ("abc%0d%0aInjected:%20x", "abc%0aInjected:x", "abc%0dInjected:x", "abc%00x"):
            with self.subTest(customer_id=raw):
                self.mocks.reset()
                r, _ = exchange(self.gw.port, raw_get("/v1/customers/%s/profile" % raw,
                                                      ["X-Api-Key: " + V1REST, "Authorization: Bearer " + ERIN]))
                self.assertRawProblem(r, 400, "malformed_request")
                self.assertIsNone(self.last("v1rest"))

    def test_valid_values_pass_through(self):
        self.mocks.reset()
        r, _ = exchange(self.gw.port, raw_get("/v1/profile", ["X-Api-Key: " + DJANGO, "Authorization: Bearer " + ALICE,
                                                             "X-Request-Id: trace-1.a_b", "Accept-Language: ar"]))
        self.assertEqual(r.status, 200, r)
        last = self.last("django")
        self.assertIn(["X-Request-Id", "trace-1.a_b"], last["headers"])
        self.assertIn(["Accept-Language", "ar"], last["headers"])
        self.assertIn(["Authorization", "Bearer " + ALICE], last["headers"])


class PathInjectionTest(SecurityCase):
    """{customer_id} becomes exactly one percent-encoded segment upstream, or the request is refused."""

    IDS = ["../", "..%2f", "..%2F", "%2e%2e%2f", "%2e%2e", "..", ".", "%2e", "a%2f..%2f..%2fadmin", "..%5c",
           "..\\", "%3f", "a%3Fx=1", "%23frag", "a;b=c", "%25", "%252e%252e%252f", "%c0%ae%c0%ae%2f",
           "%00", "a%00b", "%0d%0a", "%7f", "a%20b", "123%2f..%2f124", "~erin", "x" * 128, "x" * 129, "x" * 5000,
           "%", "%4", "%zz", "%%32%65"]

    def expect(self, raw, provider, key, token, pattern, answer_statuses):
        self.mocks.reset()
        headers = ["X-Api-Key: " + key] + (["Authorization: Bearer " + token] if token else [])
        r, _ = exchange(self.gw.port, raw_get("/v1/customers/%s/profile" % raw, headers))
        self.assertIsNotNone(r)
        last = self.last(provider)
        refused = r.status in (400, 431) or (r.status == 404 and b'"code":"not_found"' in r.body)
        if refused:
            # Refused by the gateway (no route, or a bad id): nothing went upstream.
            self.assertIsNone(last, (r, last))
            if r.status == 400:
                self.assertRawProblem(r, 400, "malformed_request")
            return r, None
        # Otherwise the backend answered (its 403/404 for ids that are not the caller's).
        self.assertIn(r.status, answer_statuses, r)
        self.assertIsNotNone(last, r)
        m = pattern.match(last["target"])
        self.assertIsNotNone(m, last["target"])
        segment = m.group(1)
        self.assertNotIn(segment, (".", ".."))
        # The segment decodes back to exactly the id the gateway decoded from the caller's path.
        self.assertEqual(urllib.parse.unquote(segment, errors="surrogateescape"),
                         urllib.parse.unquote(raw, errors="surrogateescape"))
        return r, segment

    def test_v1rest(self):
        for raw in self.IDS:
            with self.subTest(customer_id=raw[:40]):
                self.expect(raw, "v1rest", V1REST, ERIN, V1REST_SEGMENT, (403, 404))

    def test_partner(self):
        for raw in self.IDS:
            with self.subTest(customer_id=raw[:40]):
                self.expect(raw, "partner", PARTNER, None, PARTNER_SEGMENT, (404,))

    def test_encoded_traversal_stays_one_segment(self):
        _, segment = self.expect("%2e%2e%2f124", "v1rest", V1REST, ERIN, V1REST_SEGMENT, (403, 404))
        self.assertIsNone(segment)  # '/' inside an id is refused before any call
        _, segment = self.expect("..", "v1rest", V1REST, ERIN, V1REST_SEGMENT, (403, 404))
        self.assertEqual(segment, "%2E%2E")

    def test_own_id_still_works(self):
        r, segment = self.expect("123", "v1rest", V1REST, ERIN, V1REST_SEGMENT, (200,))
        self.assertEqual(segment, "123")


class TenantIsolationTest(SecurityCase):
    """A tenant's key reaches that tenant's upstream and nothing else, whatever else the caller sends."""

    def upstream_counts(self):
        return {p: self.requests_seen(p) for p in ("django", "shop", "v1rest", "partner", "salla")}

    def test_host_header_does_not_choose_the_upstream(self):
        salla_host = "127.0.0.1:%d" % self.mocks.ports["salla"]
        for host in (salla_host, "localhost", "evil.example", "127.0.0.1:%d" % self.gw.port):
            with self.subTest(host=host):
                self.mocks.reset()
                r, _ = exchange(self.gw.port, raw_get("/v1/profile", ["X-Api-Key: " + DJANGO,
                                                                      "Authorization: Bearer " + ALICE], host=host))
                self.assertEqual(r.status, 200, r)
                counts = self.upstream_counts()
                self.assertEqual(counts, {"django": 1, "shop": 0, "v1rest": 0, "partner": 0, "salla": 0})
                sent_hosts = [v for n, v in self.last("django")["headers"] if n.lower() == "host"]
                self.assertEqual(sent_hosts, ["127.0.0.1:%d" % self.mocks.ports["django"]])

    def test_forwarding_headers_do_not_choose_the_upstream(self):
        self.mocks.reset()
        other = "127.0.0.1:%d" % self.mocks.ports["shop"]
        r, _ = exchange(self.gw.port, raw_get("/v1/profile", [
            "X-Api-Key: " + DJANGO, "Authorization: Bearer " + ALICE, "X-Forwarded-Host: " + other,
            "Forwarded: host=" + other, "X-Original-URL: /api/shop/customers/me", "X-Rewrite-URL: /x"]))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.upstream_counts()["shop"], 0)
        last = self.last("django")
        self.assertEqual(last["target"], "/api/customers/me/")
        names = {n.lower() for n, _ in last["headers"]}
        self.assertFalse(names & {"x-forwarded-host", "forwarded", "x-original-url", "x-rewrite-url", "x-api-key"},
                         last["headers"])

    def test_absolute_form_target_is_not_a_proxy_request(self):
        salla = "http://127.0.0.1:%d" % self.mocks.ports["salla"]
        for target in (salla + "/v1/profile", "http://gw.example/v1/profile", salla + "/store/v1/auth/user"):
            with self.subTest(target=target):
                self.mocks.reset()
                r, _ = exchange(self.gw.port, raw_get(target, ["X-Api-Key: " + DJANGO, "Authorization: Bearer " + ALICE]))
                # Only origin-form routes exist: no route, and nothing reached any upstream.
                self.assertRawProblem(r, 404, "not_found")
                self.assertEqual(sum(self.upstream_counts().values()), 0)

    def test_duplicate_api_key_is_400(self):
        for keys in ((DJANGO, SHOP), (SHOP, DJANGO), (DJANGO, DJANGO), ("unknown", DJANGO)):
            with self.subTest(keys=keys):
                self.mocks.reset()
                r, _ = exchange(self.gw.port, raw_get("/v1/profile", ["X-Api-Key: " + keys[0], "X-Api-Key: " + keys[1],
                                                                      "Authorization: Bearer " + ALICE]))
                self.assertRawProblem(r, 400, "malformed_request")
                self.assertIn(b"X-Api-Key", r.body)
                self.assertEqual(sum(self.upstream_counts().values()), 0)

    def test_duplicate_authorization_is_400(self):
        self.mocks.reset()
        r, _ = exchange(self.gw.port, raw_get("/v1/profile", ["X-Api-Key: " + DJANGO, "Authorization: Bearer " + ALICE,
                                                              "Authorization: Bearer " + TOKENS["django_bob"]]))
        self.assertRawProblem(r, 400, "malformed_request")
        self.assertEqual(sum(self.upstream_counts().values()), 0)

    def test_comma_joined_keys_are_unknown(self):
        r, _ = exchange(self.gw.port, raw_get("/v1/profile", ["X-Api-Key: %s, %s" % (DJANGO, SHOP),
                                                              "Authorization: Bearer " + ALICE]))
        self.assertRawProblem(r, 401, "invalid_api_key")

    def test_key_of_one_tenant_cannot_use_another_tenants_route(self):
        self.mocks.reset()
        # django is token-addressed: the id route is refused before any call.
        r = self.gw.get("/v1/customers/MTD0018232/profile", key=DJANGO, token=ALICE)
        self.assertProblem(r, 404, "route_not_supported")
        # partner is id-addressed and has no customer credential: a caller's Authorization is not forwarded.
        r = self.gw.get("/v1/customers/MTD0018232/profile", key=PARTNER, token="caller-supplied-credential")
        self.assertEqual(r.status, 200, r)
        sent = self.last("partner")
        auth = [v for n, v in sent["headers"] if n.lower() == "authorization"]
        self.assertTrue(auth and auth[0].startswith("Digest "), sent["headers"])
        self.assertNotIn("caller-supplied-credential", str(sent))
        counts = self.upstream_counts()
        self.assertGreaterEqual(counts.pop("partner"), 1)  # 2 when the Digest nonce had to be fetched
        self.assertEqual(counts, {"django": 0, "shop": 0, "v1rest": 0, "salla": 0})

    def test_api_key_is_never_forwarded(self):
        self.mocks.reset()
        self.assertEqual(self.gw.get("/v1/profile", key=DJANGO, token=ALICE).status, 200)
        self.assertNotIn(DJANGO, str(self.last("django")))


class VerificationIdIsolationTest(SecurityCase):
    """A verification id minted for tenant A is refused for tenant B (same backend, same key)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gw.stop()
        tenants = demo_tenants(cls.mocks) + [tenant("t-salla-b", "salla", cls.mocks.url("salla"), "salla-b-key",
                                                    upstream={"headers": {"Store-Identifier": "store-b"}})]
        cls.gw = Gateway(cls.tmp.name, tenants)

    def test_id_for_a_refused_for_b(self):
        r = self.gw.patch("/v1/profile", {"email": "grace.isolation@example.com"}, key=SALLA, token=TOKENS["salla"])
        self.assertEqual(r.status, 202, r)
        vid = r.json()["verification_id"]
        before = self.requests_seen("salla")
        r = self.gw.call("POST", "/v1/profile/verification", body={"verification_id": vid, "code": "1234"},
                         key="salla-b-key", token=TOKENS["salla"])
        self.assertProblem(r, 422, "invalid_verification_code")
        self.assertEqual(self.requests_seen("salla"), before)
        r = self.gw.call("POST", "/v1/profile/verification", body={"verification_id": vid, "code": "1234"},
                         key=SALLA, token=TOKENS["salla"])
        self.assertEqual(r.status, 200, r)


class SmugglingTest(SecurityCase):
    """Ambiguous framing: 400, the connection closed, and the smuggled bytes never become a request."""

    SMUGGLED = ("GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\n"
                "Authorization: Bearer django-token-alice\r\n\r\n")

    def post(self, framing, body):
        return ("POST /v1/profile/verification HTTP/1.1\r\nHost: gw\r\nX-Api-Key: salla-key\r\n"
                "Content-Type: application/json\r\n" + framing + "\r\n" + body)

    CASES = {
        "CL then TE": ("Content-Length: 6\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + SMUGGLED),
        "TE then CL": ("Transfer-Encoding: chunked\r\nContent-Length: 6\r\n", "0\r\n\r\n" + SMUGGLED),
        "duplicate CL, different": ("Content-Length: 0\r\nContent-Length: %d\r\n" % len(SMUGGLED), SMUGGLED),
        "duplicate CL, equal": ("Content-Length: 2\r\nContent-Length: 2\r\n", "{}" + SMUGGLED),
        "CL list": ("Content-Length: 2, 2\r\n", "{}" + SMUGGLED),
        "CL with sign": ("Content-Length: +2\r\n", "{}" + SMUGGLED),
        "CL hex": ("Content-Length: 0x2\r\n", "{}" + SMUGGLED),
        "CL negative": ("Content-Length: -1\r\n", SMUGGLED),
        "CL overflow": ("Content-Length: 99999999999999999999999\r\n", SMUGGLED),
        "space before colon": ("Content-Length : 2\r\n", "{}" + SMUGGLED),
        "TE not chunked": ("Transfer-Encoding: identity\r\n", SMUGGLED),
        "TE chunked not last": ("Transfer-Encoding: chunked, identity\r\n", "0\r\n\r\n" + SMUGGLED),
        "TE chunked twice": ("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + SMUGGLED),
        "TE xchunked": ("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n" + SMUGGLED),
        "TE in HTTP/1.0": None,
        "oversized chunk size": ("Transfer-Encoding: chunked\r\n", "ffffffffffffffffff\r\nx\r\n0\r\n\r\n" + SMUGGLED),
        "chunk size 2^64": ("Transfer-Encoding: chunked\r\n", "10000000000000000\r\nx\r\n0\r\n\r\n"),
        "chunk size not hex": ("Transfer-Encoding: chunked\r\n", "zz\r\nx\r\n0\r\n\r\n" + SMUGGLED),
        "chunk size with spaces": ("Transfer-Encoding: chunked\r\n", "2 \r\n{}\r\n0\r\n\r\n"),
        "chunk without CRLF": ("Transfer-Encoding: chunked\r\n", "2\r\n{}XX0\r\n\r\n" + SMUGGLED),
        "bare LF in chunk line": ("Transfer-Encoding: chunked\r\n", "2\n{}\r\n0\r\n\r\n" + SMUGGLED),
    }

    def test_ambiguous_framing(self):
        for name, case in self.CASES.items():
            with self.subTest(case=name):
                self.mocks.reset()
                if case is None:
                    data = ("POST /v1/profile/verification HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n"
                            "\r\n0\r\n\r\n" + self.SMUGGLED)
                else:
                    data = self.post(*case)
                r, closed = exchange(self.gw.port, data)
                self.assertIn(r.status, (400, 413), r)
                self.assertRawProblem(r, r.status, "malformed_request" if r.status == 400 else "payload_too_large")
                if case is not None:  # an HTTP/1.0 answer closes without saying so
                    self.assertEqual(r.header("connection"), "close", r)
                self.assertTrue(closed, "the connection stayed open")
                self.assertEqual(self.requests_seen("django"), 0, "the smuggled request was served")

    def test_folded_transfer_encoding_is_unfolded_consistently(self):
        # RFC 9112 section 5.2 lets a server unfold obs-fold instead of refusing it; the gateway
        # unfolds, so the body is framed as chunked and what follows the last chunk is the next
        # request on the connection, exactly as the client framed it (no desync inside the gateway).
        data = self.post("Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n") + (
            "GET /healthz HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
        with RawClient(self.gw.port) as c:
            c.send(data)
            first = c.read_response()
            second = c.read_response()
        self.assertRawProblem(first, 400, "malformed_request")
        self.assertIn(b"body must be a JSON object", first.body)  # an empty chunked body
        self.assertEqual(second.status, 200, second)

    def test_bare_lf_and_header_without_colon(self):
        for data in ("GET /healthz HTTP/1.1\nHost: gw\n\n", "GET /healthz HTTP/1.1\r\nHost: gw\r\nNoColon\r\n\r\n",
                     "GET /healthz HTTP/1.1\r\nHost: gw\r\n\x00X: y\r\n\r\n", "GET /healthz HTTP/1.1\r\n Host: gw\r\n\r\n"):
            with self.subTest(data=data):
                r, closed = exchange(self.gw.port, data)
                self.assertRawProblem(r, 400, "malformed_request")
                self.assertTrue(closed)

    def test_pipelined_requests_stay_separate(self):
        # Well-framed pipelining is served request by request; a body never leaks into the next one.
        body = '{"verification_id":"x","code":"1"}'
        data = ("POST /v1/profile/verification HTTP/1.1\r\nHost: gw\r\nX-Api-Key: salla-key\r\n"
                "Authorization: Bearer salla-token-grace\r\nContent-Type: application/json\r\n"
                "Content-Length: %d\r\n\r\n%s" % (len(body), body)) + "GET /healthz HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
        with RawClient(self.gw.port) as c:
            c.send(data)
            first = c.read_response()
            second = c.read_response()
        self.assertRawProblem(first, 422, "invalid_verification_code")
        self.assertEqual(second.status, 200, second)
        self.assertEqual(second.body, b'{"status":"ok"}')


class SizeLimitTest(SecurityCase):
    """Oversized requests are answered at once, from the header alone."""

    gateway_extra = {"limits": {"max_body_bytes": 4096, "max_header_bytes": 8192}}

    def test_huge_content_length_answered_at_once(self):
        with RawClient(self.gw.port) as c:
            started = time.monotonic()
            c.send("PATCH /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\n"
                   "Authorization: Bearer django-token-alice\r\nContent-Type: application/json\r\n"
                   "Content-Length: 104857600\r\n\r\n")
            r = c.read_response(timeout=5)
            elapsed = time.monotonic() - started
            self.assertRawProblem(r, 413, "payload_too_large")
            self.assertLess(elapsed, 1.0)
            # The gateway does not wait for (or read) the 100 MB: it closes.
            self.assertTrue(c.closed_within(5))
        self.assertEqual(self.requests_seen("django"), 0)

    def test_body_over_limit_while_streaming(self):
        with RawClient(self.gw.port) as c:
            c.send("PATCH /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\n"
                   "Authorization: Bearer django-token-alice\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n")
            sent = 0
            started = time.monotonic()
            # Keep sending chunks: the answer must come once the limit is passed, not at the end.
            while sent < 1024 * 1024 and c.send_partial("400\r\n" + "x" * 1024 + "\r\n"):
                sent += 1024
                try:
                    c.sock.settimeout(0.001)
                    peek = c.sock.recv(1, socket.MSG_PEEK)
                    if peek:
                        break
                except (socket.timeout, BlockingIOError):
                    pass
                except OSError:
                    break
            r = c.read_response(timeout=5)
            self.assertRawProblem(r, 413, "payload_too_large")
            self.assertLess(sent, 64 * 1024, "the gateway read far past max_body_bytes")
            self.assertLess(time.monotonic() - started, 3)

    def rss_kb(self):
        with open("/proc/%d/status" % self.gw.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def flood(self, head):
        """Sends `head`, then filler bytes for up to 2 s or 64 MiB, until the gateway answers."""
        with RawClient(self.gw.port) as c:
            c.send(head)
            block = "a" * 65536
            sent = 0
            started = time.monotonic()
            while sent < 64 * 1024 * 1024 and time.monotonic() - started < 2:
                if not c.send_partial(block):
                    break
                sent += len(block)
                c.sock.settimeout(0)
                try:
                    if c.sock.recv(1, socket.MSG_PEEK):
                        break
                except (BlockingIOError, socket.timeout):
                    pass
                except OSError:
                    break
            try:
                r = c.read_response(timeout=5)
            except ConnectionError:
                r = None
            return r, sent

    def test_endless_chunk_extension_and_trailer_are_bounded(self):
        # Beast bounds neither; the connection's buffer limit does (regression: 125 MB buffered in 4 s).
        before = self.rss_kb()
        for name, head in (("chunk extension", "1;ext="), ("trailer", "1\r\nx\r\n0\r\nX-Trailer: ")):
            with self.subTest(case=name):
                r, sent = self.flood("PATCH /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\n"
                                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + head)
                if r is not None:  # the answer may be lost to the reset when the client kept sending
                    self.assertRawProblem(r, 400, "malformed_request")
                self.assertLess(self.rss_kb() - before, 32 * 1024, "the gateway buffered the flood")
        self.assertEqual(self.requests_seen("django"), 0)

    def test_header_over_limit(self):
        for name, extra in (("one long header", ["X-Pad: " + "a" * 9000]),
                            ("many headers", ["X-Pad-%d: %s" % (i, "b" * 20) for i in range(1000)]),
                            ("long request line", [])):
            with self.subTest(case=name):
                path = "/v1/profile" + ("?q=" + "c" * 9000 if name == "long request line" else "")
                started = time.monotonic()
                r, closed = exchange(self.gw.port, raw_get(path, ["X-Api-Key: " + DJANGO] + extra))
                self.assertRawProblem(r, 431, "headers_too_large")
                self.assertTrue(closed)
                self.assertLess(time.monotonic() - started, 3)

    def test_body_at_limit_is_read(self):
        body = '{"first_name":"%s"}' % ("a" * (4096 - 17))
        self.assertEqual(len(body), 4096)
        r = self.gw.call("PATCH", "/v1/profile", raw_body=body.encode(), key=DJANGO, token=ALICE,
                         headers={"Content-Type": "application/json"})
        self.assertNotEqual(r.status, 413, r)
        r = self.gw.call("PATCH", "/v1/profile", raw_body=(body + " ").encode(), key=DJANGO, token=ALICE,
                         headers={"Content-Type": "application/json"})
        self.assertProblem(r, 413, "payload_too_large")


class SlowClientTest(SecurityCase):
    """Slowloris and idle connections are closed at the configured deadlines."""

    gateway_extra = {"limits": {"header_timeout_ms": 1500, "idle_timeout_ms": 2500}}

    def test_slow_header_closed_at_header_timeout(self):
        with RawClient(self.gw.port) as c:
            started = time.monotonic()
            closed = False
            request = "GET /healthz HTTP/1.1\r\nHost: gw\r\nX-Slow: " + "s" * 200
            for ch in request:
                if not c.send_partial(ch) or c.closed_within(0.1):
                    closed = True
                    break
            elapsed = time.monotonic() - started
        self.assertTrue(closed, "a dribbling header kept the connection open")
        self.assertGreater(elapsed, 1.0)
        self.assertLess(elapsed, 4.5)

    def test_silent_connection_closed_at_header_timeout(self):
        with RawClient(self.gw.port) as c:
            started = time.monotonic()
            self.assertTrue(c.closed_within(6))
            self.assertLess(time.monotonic() - started, 4.5)

    def test_slow_body_closed(self):
        with RawClient(self.gw.port) as c:
            c.send("PATCH /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\nContent-Type: application/json\r\n"
                   "Content-Length: 100\r\n\r\n{\"first_name\":")
            started = time.monotonic()
            self.assertTrue(c.closed_within(6))
            self.assertLess(time.monotonic() - started, 4.5)
        self.assertEqual(self.requests_seen("django"), 0)

    def test_idle_keep_alive_closed_at_idle_timeout(self):
        with RawClient(self.gw.port) as c:
            c.send("GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
            self.assertEqual(c.read_response().status, 200)
            started = time.monotonic()
            # Still open after the header timeout (it is idle, not slow) ...
            self.assertFalse(c.closed_within(1.8))
            # ... and closed at the idle timeout.
            self.assertTrue(c.closed_within(4))
            self.assertGreater(time.monotonic() - started, 2.0)


class ConnectionCapTest(SecurityCase):
    """limits.max_connections bounds the open client connections of the whole process."""

    gateway_extra = {"listen": {"threads": 2}, "limits": {"max_connections": 4, "header_timeout_ms": 20000}}

    def test_connections_over_the_cap_are_closed_at_once(self):
        held = [RawClient(self.gw.port) for _ in range(4)]
        try:
            # Each held connection is accepted and counted (a request on it proves it).
            for c in held:
                c.send("GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
                self.assertEqual(c.read_response().status, 200)
            extra = [RawClient(self.gw.port) for _ in range(3)]
            for c in extra:
                self.assertTrue(c.closed_within(2), "a connection over the cap stayed open")
                c.close()
            # Closing one frees a slot.
            held.pop().close()
            time.sleep(0.3)
            with RawClient(self.gw.port) as c:
                c.send("GET /healthz HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
                self.assertEqual(c.read_response().status, 200)
        finally:
            for c in held:
                c.close()


if __name__ == "__main__":
    unittest.main()
