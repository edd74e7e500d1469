"""partner over real HTTP: Digest with a reused nonce (challenges counted by the backend), the
required-field fill on PATCH, length rules before any call, the {data, success, code, message}
envelope (success:false inside a 200 is an error), 422 per-field mapping, 404 Record Not Found,
and the token route refused."""
import json
import unittest

from harness import GatewayTestCase

KEY = "partner-key"
JOHN = "MTD0018232"
JOHN_PATH = "/v1/customers/%s/profile" % JOHN
BACKEND_PATH = "/partner/customer/" + JOHN


def header_values(sent, name):
    return [v for k, v in sent["headers"] if k.lower() == name.lower()]


class PartnerTest(GatewayTestCase):
    def stats(self):
        return self.mocks.stats("partner")

    def sent_patch(self):
        sent = self.mocks.last_request("partner")
        self.assertEqual((sent["method"], sent["target"]), ("PATCH", BACKEND_PATH))
        return json.loads(sent["body"])

    def test_read_profile(self):
        r = self.gw.get(JOHN_PATH, key=KEY)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["id"], JOHN)
        self.assertEqual(doc["provider"], "partner")
        self.assertEqual(doc["first_name"], "John")
        self.assertEqual(doc["last_name"], "Due")
        self.assertEqual(doc["full_name"], "John Due")
        self.assertEqual(doc["email"], "john.due@example.com")
        self.assertEqual(doc["phone"], "+905071112233")
        self.assertEqual(doc["gender"], "male")
        self.assertEqual(doc["birth_date"], "1970-01-31")
        self.assertEqual(doc["national_id"], "12345677938")
        self.assertIsNone(doc["middle_name"])  # "" in the backend: no middle name
        for absent in ("username", "avatar_url", "language", "address", "profile_completed"):
            self.assertIsNone(doc[absent], absent)
        self.assertIn("wallets", doc["extra"])
        self.assertTrue(r.header("etag"))

    def test_upstream_headers_and_no_customer_credential(self):
        # partner authenticates with service_auth: a caller's Authorization is never forwarded.
        r = self.gw.get(JOHN_PATH, key=KEY, token="caller-secret-token")
        self.assertEqual(r.status, 200, r)
        sent = self.mocks.last_request("partner")
        self.assertEqual((sent["method"], sent["target"]), ("GET", BACKEND_PATH))
        auth = header_values(sent, "authorization")
        self.assertEqual(len(auth), 1)
        self.assertTrue(auth[0].startswith("Digest "), auth)
        self.assertNotIn("caller-secret-token", json.dumps(sent))
        self.assertEqual(header_values(sent, "api-version"), ["2"])
        self.assertEqual(header_values(sent, "x-client-id"), ["web"])
        self.assertEqual(header_values(sent, "accept-language"), ["tr"])
        # The caller's language wins over the tenant's default.
        self.gw.get(JOHN_PATH, key=KEY, headers={"Accept-Language": "en"})
        self.assertEqual(header_values(self.mocks.last_request("partner"), "accept-language"), ["en"])

    def test_digest_nonce_reused(self):
        for i in range(20):
            r = self.gw.get(JOHN_PATH, key=KEY)
            self.assertEqual(r.status, 200, (i, r))
        stats = self.stats()
        self.assertLessEqual(stats["digest_challenges"], 2, stats)
        # One round trip per call once a nonce is known (each thread of the gateway learns one).
        self.assertLessEqual(stats["requests"], 20 + 2, stats)

    def test_patch_fills_required_fields_from_current(self):
        r = self.gw.patch(JOHN_PATH, {"email": "john.new@example.com"}, key=KEY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["email"], "john.new@example.com")
        body = self.sent_patch()
        self.assertEqual(body["email"], "john.new@example.com")
        self.assertEqual(body["firstname"], "John")
        self.assertEqual(body["lastname"], "Due")
        self.assertEqual(body["phone"], "+905071112233")
        self.assertEqual(body["identity_number"], "12345677938")
        # One read, one write (plus the first call's Digest challenge, counted by the backend too).
        stats = self.stats()
        by_request = stats["by_request"]
        self.assertEqual(by_request.get("GET " + BACKEND_PATH, 0) + by_request.get("PATCH " + BACKEND_PATH, 0),
                         2 + stats["digest_challenges"], stats)
        self.assertGreaterEqual(by_request.get("PATCH " + BACKEND_PATH, 0), 1, stats)
        self.assertEqual(self.gw.get(JOHN_PATH, key=KEY).json()["email"], "john.new@example.com")

    def test_patch_values_in_backend_form(self):
        patch = {"first_name": "Johann", "middle_name": "Sebastian", "gender": "female",
                 "birth_date": "1971-02-28", "national_id": "999", "phone": "+905079998877"}
        r = self.gw.patch(JOHN_PATH, patch, key=KEY)
        self.assertEqual(r.status, 200, r)
        body = self.sent_patch()
        self.assertEqual(body["firstname"], "Johann")
        self.assertEqual(body["middlename"], "Sebastian")
        self.assertEqual(body["lastname"], "Due")
        self.assertEqual(body["gender"], "F")
        self.assertEqual(body["birthdate"], "1971-02-28")
        self.assertEqual(body["identity_number"], "999")
        self.assertEqual(body["phone"], "+905079998877")
        doc = r.json()
        self.assertEqual(doc["full_name"], "Johann Sebastian Due")
        self.assertEqual(doc["gender"], "female")
        self.assertEqual(doc["middle_name"], "Sebastian")
        # Clearing the middle name sends the backend's own "no value".
        r = self.gw.patch(JOHN_PATH, {"middle_name": None}, key=KEY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.sent_patch()["middlename"], "")
        self.assertIsNone(r.json()["middle_name"])

    def test_length_rules_before_any_call(self):
        cases = [
            ({"first_name": "Al"}, "first_name"),
            ({"first_name": "x" * 41}, "first_name"),
            ({"last_name": "Li"}, "last_name"),
            ({"last_name": "y" * 41}, "last_name"),
            ({"middle_name": "Jo"}, "middle_name"),
            ({"middle_name": "z" * 41}, "middle_name"),
            ({"national_id": "12"}, "national_id"),
            ({"birth_date": "31-01-1970"}, "birth_date"),
            ({"birth_date": "1970-02-30"}, "birth_date"),
            ({"first_name": None}, "first_name"),
            ({"national_id": None}, "national_id"),
            ({"phone": None}, "phone"),
        ]
        for patch, field in cases:
            with self.subTest(patch=patch):
                r = self.gw.patch(JOHN_PATH, patch, key=KEY)
                self.assertEqual(r.status, 422, r)
                doc = r.json()
                self.assertIn(field, [e["field"] for e in doc["errors"]], doc)
        self.assertEqual(self.stats()["requests"], 0)
        # Lengths count characters, not bytes: three Turkish letters are three.
        r = self.gw.patch(JOHN_PATH, {"first_name": "Çağ", "last_name": "x" * 40}, key=KEY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.sent_patch()["firstname"], "Çağ")

    def test_unsupported_fields_and_values(self):
        for patch, code in (({"avatar_url": "https://x.example/a.png"}, "unsupported_field"),
                            ({"full_name": "A B"}, "unsupported_field"),
                            ({"address": {"city": "Ankara"}}, "unsupported_field"),
                            ({"gender": "unspecified"}, "unsupported_value")):
            with self.subTest(patch=patch):
                self.assertProblem(self.gw.patch(JOHN_PATH, patch, key=KEY), 422, code)
        self.assertEqual(self.stats()["requests"], 0)

    def test_envelope_failure_inside_200_is_upstream_error(self):
        r = self.gw.get("/v1/customers/MTD-SOFT-FAIL/profile", key=KEY)
        doc = self.assertProblem(r, 502, "upstream_error")
        self.assertEqual(doc["upstream"]["status"], 200)
        r = self.gw.patch("/v1/customers/MTD-SOFT-FAIL/profile", {"first_name": "Johnny"}, key=KEY)
        self.assertProblem(r, 502, "upstream_error")
        self.assertNotIn("PATCH /partner/customer/MTD-SOFT-FAIL", self.stats()["by_request"])

    def test_backend_422_maps_per_field(self):
        # "  Al  " has six characters for the gateway, but the backend trims input (Laravel's
        # TrimStrings) and then answers 422 Parameter Error for firstname.
        r = self.gw.patch(JOHN_PATH, {"first_name": "  Al  "}, key=KEY)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual([e["field"] for e in doc["errors"]], ["first_name"], doc)
        self.assertIn("at least 3", doc["errors"][0]["message"])
        self.assertEqual(doc["upstream"]["status"], 422)
        self.assertEqual(self.gw.get(JOHN_PATH, key=KEY).json()["first_name"], "John")

    def test_record_not_found(self):
        r = self.gw.get("/v1/customers/MTD0000000/profile", key=KEY)
        doc = self.assertProblem(r, 404, "customer_not_found")
        self.assertEqual(doc["upstream"]["status"], 404)
        r = self.gw.patch("/v1/customers/MTD0000000/profile", {"email": "x@example.com"}, key=KEY)
        self.assertProblem(r, 404, "customer_not_found")

    def test_token_route_not_supported(self):
        for method, body in (("GET", None), ("PATCH", {"first_name": "Johnny"})):
            doc = self.assertProblem(self.gw.call(method, "/v1/profile", body=body, key=KEY), 404,
                                     "route_not_supported")
            self.assertIn("/v1/customers/", doc["detail"])
        r = self.gw.call("POST", "/v1/profile/verification", body={"verification_id": "x", "code": "1"}, key=KEY)
        self.assertProblem(r, 404, "route_not_supported")
        self.assertEqual(self.stats()["requests"], 0)

    def test_if_match(self):
        etag = self.gw.get(JOHN_PATH, key=KEY).header("etag")
        r = self.gw.patch(JOHN_PATH, {"last_name": "Doe"}, key=KEY, headers={"If-Match": etag})
        self.assertEqual(r.status, 200, r)
        r = self.gw.patch(JOHN_PATH, {"last_name": "Roe"}, key=KEY, headers={"If-Match": etag})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.stats()["by_request"].get("PATCH " + BACKEND_PATH), 1)

    def test_backend_failures(self):
        # Every request, not just one: a GET may be retried once after a 503.
        self.mocks.control("partner", "POST", "fault", {"mode": "503"})
        try:
            self.assertProblem(self.gw.get(JOHN_PATH, key=KEY), 502, "upstream_error")
        finally:
            self.mocks.control("partner", "DELETE", "fault")
        self.mocks.control("partner", "POST", "fault", {"mode": "500", "count": 1})
        r = self.gw.patch(JOHN_PATH, {"email": "x@example.com"}, key=KEY)  # the read fails: nothing written
        self.assertProblem(r, 502, "upstream_error")
        self.assertNotIn("PATCH " + BACKEND_PATH, self.stats()["by_request"])
        self.mocks.control("partner", "POST", "fault", {"mode": "non_json", "count": 1})
        self.assertProblem(self.gw.get(JOHN_PATH, key=KEY), 502, "upstream_bad_response")


class PartnerWrongCredentialsTest(GatewayTestCase):
    """The gateway's own Digest credentials refused: not the customer's fault."""

    mock_args = ("--digest-password", "another-secret")

    def test_wrong_service_password(self):
        # The gateway's own credential, not the customer's: a backend failure, not a 401.
        self.assertProblem(self.gw.get(JOHN_PATH, key=KEY), 502, "upstream_error")
        # One challenge answered once, never a loop.
        self.assertLessEqual(self.mocks.stats("partner")["requests"], 3)


class PartnerStaleNonceTest(GatewayTestCase):
    """The backend retires each nonce after 5 uses: every stale=true challenge is answered once."""

    mock_args = ("--nonce-max-uses", "5")

    def test_stale_nonce_answered_once(self):
        for i in range(20):
            r = self.gw.get(JOHN_PATH, key=KEY)
            self.assertEqual(r.status, 200, (i, r))
        stats = self.mocks.stats("partner")
        # 20 calls at 5 per nonce: about 4 challenges per thread, each costing one extra round trip.
        self.assertLessEqual(stats["digest_challenges"], 2 + 20 // 5 + 1, stats)
        self.assertEqual(stats["requests"], 20 + stats["digest_challenges"], stats)


class PartnerSha256Test(GatewayTestCase):
    mock_args = ("--digest-algorithm", "SHA-256")

    def test_sha256_digest(self):
        for _ in range(5):
            self.assertEqual(self.gw.get(JOHN_PATH, key=KEY).status, 200)
        self.assertLessEqual(self.mocks.stats("partner")["digest_challenges"], 2)


if __name__ == "__main__":
    unittest.main()
