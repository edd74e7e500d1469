"""v1rest over real HTTP: customers addressed by id, the read-modify-write PUT (checked in the body
the backend received), postal code and length rules before any call, 403/404 from the backend,
nested errors mapped to `address.<field>`, and the token route refused."""
import json
import unittest

from harness import TOKENS, GatewayTestCase

KEY = "v1rest-key"
ERIN = TOKENS["v1rest"]          # owns customer 123
FRANK = TOKENS["v1rest_frank"]   # owns customer 124
ERIN_PATH = "/v1/customers/123/profile"
BACKEND_PATH = "/api/v1/customers/123/"

ERIN_ADDRESS = {"line1": "456 Oak Avenue", "postal_code": "54321", "city": "Los Angeles",
                "state": "California", "country": "United States"}


class V1restTest(GatewayTestCase):
    def backend_requests(self):
        return self.mocks.stats("v1rest")["requests"]

    def sent_body(self):
        sent = self.mocks.last_request("v1rest")
        return sent, json.loads(sent["body"]) if sent["body"] else None

    def test_read_profile(self):
        r = self.gw.get(ERIN_PATH, key=KEY, token=ERIN)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("content-type"), "application/json")
        doc = r.json()
        self.assertEqual(doc["id"], "123")  # the record has no id: it is the path id
        self.assertEqual(doc["provider"], "v1rest")
        self.assertEqual(doc["first_name"], "John")
        self.assertEqual(doc["last_name"], "Doe")
        self.assertEqual(doc["full_name"], "John Doe")
        self.assertEqual(doc["email"], "customer@example.com")
        self.assertEqual(doc["birth_date"], "1990-01-15")
        self.assertEqual(doc["address"], ERIN_ADDRESS)
        self.assertIsInstance(doc["address"]["postal_code"], str)
        for absent in ("username", "middle_name", "phone", "gender", "avatar_url", "language", "national_id",
                       "profile_completed"):
            self.assertIn(absent, doc)
            self.assertIsNone(doc[absent], absent)
        self.assertEqual(doc["extra"]["slug"], "john-doe")
        self.assertIn("last_purchase_date", doc["extra"])
        self.assertTrue(r.header("etag").startswith('"'), r.headers)
        sent = self.mocks.last_request("v1rest")
        self.assertEqual((sent["method"], sent["target"]), ("GET", BACKEND_PATH))
        auth = [v for k, v in sent["headers"] if k.lower() == "authorization"]
        self.assertEqual(auth, ["Bearer " + ERIN])

    def test_read_modify_write_keeps_untouched_fields(self):
        r = self.gw.patch(ERIN_PATH, {"first_name": "Johnny", "address": {"city": "San Diego"}}, key=KEY, token=ERIN)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["full_name"], "Johnny Doe")
        self.assertEqual(doc["address"], dict(ERIN_ADDRESS, city="San Diego"))
        self.assertEqual(doc["extra"]["slug"], "johnny-doe")

        sent, body = self.sent_body()
        self.assertEqual((sent["method"], sent["target"]), ("PUT", BACKEND_PATH))
        # The PUT replaces the record: everything the PATCH did not name goes back unchanged,
        # and the nested address is merged key by key (postal_code stays an integer).
        self.assertEqual(body["email"], "customer@example.com")
        self.assertEqual(body["first_name"], "Johnny")
        self.assertEqual(body["last_name"], "Doe")
        self.assertEqual(body["date_of_birth"], "1990-01-15")
        self.assertEqual(body["address"], {"street_address": "456 Oak Avenue", "postal_code": 54321,
                                           "city": "San Diego", "state": "California",
                                           "country": "United States"})
        stats = self.mocks.stats("v1rest")["by_request"]
        self.assertEqual(stats.get("GET " + BACKEND_PATH), 1, stats)
        self.assertEqual(stats.get("PUT " + BACKEND_PATH), 1, stats)

        again = self.gw.get(ERIN_PATH, key=KEY, token=ERIN).json()
        self.assertEqual(again["first_name"], "Johnny")
        self.assertEqual(again["address"]["city"], "San Diego")
        self.assertEqual(again["address"]["line1"], "456 Oak Avenue")

    def test_address_line1_and_postal_code_written_in_backend_types(self):
        r = self.gw.patch(ERIN_PATH, {"address": {"line1": "1 Main St", "postal_code": "90210"},
                                      "birth_date": "1991-02-03", "email": "john@example.org"}, key=KEY, token=ERIN)
        self.assertEqual(r.status, 200, r)
        _, body = self.sent_body()
        self.assertEqual(body["address"]["street_address"], "1 Main St")
        self.assertEqual(body["address"]["postal_code"], 90210)
        self.assertEqual(body["address"]["city"], "Los Angeles")
        self.assertEqual(body["date_of_birth"], "1991-02-03")
        self.assertEqual(body["email"], "john@example.org")
        self.assertEqual(body["first_name"], "John")
        doc = r.json()
        self.assertEqual(doc["address"]["postal_code"], "90210")
        self.assertEqual(doc["email"], "john@example.org")

    def test_null_clears_optional_fields(self):
        # DRF's blank-able name columns take "" for "no value"; date_of_birth is nullable.
        r = self.gw.patch(ERIN_PATH, {"first_name": None, "birth_date": None}, key=KEY, token=ERIN)
        self.assertEqual(r.status, 200, r)
        _, body = self.sent_body()
        self.assertEqual(body["first_name"], "")
        self.assertIsNone(body["date_of_birth"])
        self.assertEqual(body["last_name"], "Doe")
        doc = r.json()
        self.assertIsNone(doc["first_name"])
        self.assertIsNone(doc["birth_date"])
        self.assertEqual(doc["full_name"], "Doe")

    def test_backend_refuses_another_customers_email(self):
        r = self.gw.patch(ERIN_PATH, {"email": "frank.miller@example.com"}, key=KEY, token=ERIN)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual([e["field"] for e in doc["errors"]], ["email"], doc)
        self.assertEqual(doc["upstream"]["status"], 400)

    def test_postal_code_rules_before_any_call(self):
        for bad in ("ABC12", "12.5", "-1", "1 234", "", "02134"):
            with self.subTest(postal_code=bad):
                before = self.backend_requests()
                r = self.gw.patch(ERIN_PATH, {"address": {"postal_code": bad}}, key=KEY, token=ERIN)
                doc = self.assertProblem(r, 422, "validation_failed")
                self.assertEqual([e["field"] for e in doc["errors"]], ["address.postal_code"], doc)
                self.assertEqual(self.backend_requests(), before)
        # A number where the unified API wants a string is a malformed request, also without a call.
        r = self.gw.patch(ERIN_PATH, {"address": {"postal_code": 12345}}, key=KEY, token=ERIN)
        self.assertProblem(r, 400, "malformed_request")
        self.assertEqual(self.backend_requests(), 0)

    def test_backend_limits_before_any_call(self):
        cases = [
            ({"address": {"line1": "x" * 31}}, "address.line1"),
            ({"address": {"country": "USA"}}, "address.country"),
            ({"address": {"country": "C" * 31}}, "address.country"),
            ({"address": {"city": "c" * 51}}, "address.city"),
            ({"address": {"state": "s" * 51}}, "address.state"),
        ]
        for patch, field in cases:
            with self.subTest(field=field, patch=patch):
                r = self.gw.patch(ERIN_PATH, patch, key=KEY, token=ERIN)
                doc = self.assertProblem(r, 422, "validation_failed")
                self.assertIn(field, [e["field"] for e in doc["errors"]], doc)
        self.assertEqual(self.backend_requests(), 0)
        # The limits themselves are allowed.
        ok = {"address": {"line1": "x" * 30, "country": "Peru", "city": "c" * 50, "state": "s" * 50}}
        r = self.gw.patch(ERIN_PATH, ok, key=KEY, token=ERIN)
        self.assertEqual(r.status, 200, r)

    def test_all_errors_reported_at_once(self):
        r = self.gw.patch(ERIN_PATH, {"address": {"line1": "x" * 31, "postal_code": "x1"}}, key=KEY, token=ERIN)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual(sorted(e["field"] for e in doc["errors"]), ["address.line1", "address.postal_code"])

    def test_read_only_and_missing_fields(self):
        for field, value in (("full_name", "X Y"), ("phone", "+966500000000"), ("gender", "male"),
                             ("id", "9"), ("extra", {}), ("profile_completed", True)):
            with self.subTest(field=field):
                r = self.gw.patch(ERIN_PATH, {field: value}, key=KEY, token=ERIN)
                doc = self.assertProblem(r, 422, "unsupported_field")
                self.assertEqual(doc["errors"][0]["field"], field)
        self.assertEqual(self.backend_requests(), 0)

    def test_email_cannot_be_cleared(self):
        r = self.gw.patch(ERIN_PATH, {"email": None}, key=KEY, token=ERIN)
        self.assertEqual(r.status, 422, r)
        self.assertEqual(self.backend_requests(), 0)

    def test_another_customers_record_is_forbidden(self):
        r = self.gw.get("/v1/customers/124/profile", key=KEY, token=ERIN)
        doc = self.assertProblem(r, 403, "customer_forbidden")
        self.assertEqual(doc["upstream"]["status"], 403)
        # The write never happens: the read that precedes it is already refused.
        r = self.gw.patch("/v1/customers/124/profile", {"first_name": "Mallory"}, key=KEY, token=ERIN)
        self.assertProblem(r, 403, "customer_forbidden")
        stats = self.mocks.stats("v1rest")["by_request"]
        self.assertNotIn("PUT /api/v1/customers/124/", stats)
        self.assertEqual(self.gw.get("/v1/customers/124/profile", key=KEY, token=FRANK).json()["first_name"],
                         "Frank")

    def test_unknown_customer_is_not_found(self):
        r = self.gw.get("/v1/customers/999999/profile", key=KEY, token=ERIN)
        doc = self.assertProblem(r, 404, "customer_not_found")
        self.assertEqual(doc["upstream"]["status"], 404)
        r = self.gw.patch("/v1/customers/999999/profile", {"first_name": "Nobody"}, key=KEY, token=ERIN)
        self.assertProblem(r, 404, "customer_not_found")
        # An id the backend's URL pattern does not even match (Django's HTML 404) is the same answer.
        r = self.gw.get("/v1/customers/abc/profile", key=KEY, token=ERIN)
        self.assertProblem(r, 404, "customer_not_found")

    def test_customer_id_is_percent_encoded_upstream(self):
        self.gw.get("/v1/customers/a%20b%3F/profile", key=KEY, token=ERIN)
        sent = self.mocks.last_request("v1rest")
        self.assertEqual(sent["target"], "/api/v1/customers/a%20b%3F/")

    def test_invalid_email_before_any_call(self):
        r = self.gw.patch(ERIN_PATH, {"email": "customer@@example"}, key=KEY, token=ERIN)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual([e["field"] for e in doc["errors"]], ["email"], doc)
        self.assertEqual(self.backend_requests(), 0)

    def test_nested_backend_error_maps_to_address_country(self):
        # "  ab  " passes the gateway's 4..30 rule, but DRF trims it to "ab" and answers
        # {"address": {"country": ["Ensure this field has at least 4 characters."]}}.
        r = self.gw.patch(ERIN_PATH, {"address": {"country": "  ab  "}}, key=KEY, token=ERIN)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual([e["field"] for e in doc["errors"]], ["address.country"], doc)
        self.assertIn("4 characters", doc["errors"][0]["message"])
        self.assertEqual(doc["upstream"]["status"], 400)
        sent, body = self.sent_body()
        self.assertEqual(sent["method"], "PUT")
        self.assertEqual(body["address"]["country"], "  ab  ")

    def test_token_route_not_supported(self):
        for method, body in (("GET", None), ("PATCH", {"first_name": "X"})):
            r = self.gw.call(method, "/v1/profile", body=body, key=KEY, token=ERIN)
            doc = self.assertProblem(r, 404, "route_not_supported")
            self.assertIn("/v1/customers/", doc["detail"])
        self.assertEqual(self.backend_requests(), 0)

    def test_customer_credential(self):
        self.assertProblem(self.gw.get(ERIN_PATH, key=KEY), 401, "customer_unauthorized")
        self.assertEqual(self.backend_requests(), 0)
        self.assertProblem(self.gw.get(ERIN_PATH, key=KEY, token="forged"), 401, "customer_unauthorized")

    def test_if_match(self):
        etag = self.gw.get(ERIN_PATH, key=KEY, token=ERIN).header("etag")
        r = self.gw.patch(ERIN_PATH, {"last_name": "Roe"}, key=KEY, token=ERIN, headers={"If-Match": etag})
        self.assertEqual(r.status, 200, r)
        self.assertNotEqual(r.header("etag"), etag)
        before = self.mocks.stats("v1rest")["by_request"].get("PUT " + BACKEND_PATH, 0)
        r = self.gw.patch(ERIN_PATH, {"last_name": "Poe"}, key=KEY, token=ERIN, headers={"If-Match": etag})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.mocks.stats("v1rest")["by_request"].get("PUT " + BACKEND_PATH, 0), before)

    def test_backend_failures(self):
        self.mocks.control("v1rest", "POST", "fault", {"mode": "500", "count": 1})
        self.assertProblem(self.gw.get(ERIN_PATH, key=KEY, token=ERIN), 502, "upstream_error")
        self.mocks.control("v1rest", "POST", "fault", {"mode": "429", "count": 1})
        r = self.gw.get(ERIN_PATH, key=KEY, token=ERIN)
        self.assertProblem(r, 429, "rate_limited")
        self.assertEqual(r.header("retry-after"), "7")
        # The read succeeds, the PUT fails: the backend kept nothing and the caller is told.
        self.mocks.control("v1rest", "POST", "fault", {"mode": "non_json", "count": 1})
        self.assertProblem(self.gw.get(ERIN_PATH, key=KEY, token=ERIN), 502, "upstream_bad_response")

    def test_capabilities(self):
        doc = self.gw.get("/v1/capabilities", key=KEY).json()
        self.assertEqual(doc["provider"], "v1rest")
        self.assertEqual(doc["addressing"], "id")
        postal = doc["fields"]["address.postal_code"]
        self.assertTrue(postal["writable"])
        self.assertFalse(postal["nullable"])
        self.assertEqual(doc["fields"]["address.country"]["constraints"], {"min_length": 4, "max_length": 30})
        self.assertEqual(doc["fields"]["address.line1"]["constraints"].get("max_length"), 30)
        self.assertFalse(doc["fields"]["full_name"]["writable"])
        self.assertFalse(doc["fields"]["phone"]["readable"])


if __name__ == "__main__":
    unittest.main()
