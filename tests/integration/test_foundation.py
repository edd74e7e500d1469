"""The foundation over real HTTP: django and shop through the gateway, every error the contract
lists for them, request ids, Accept-Language forwarding and the access log."""
import json
import socket
import unittest

from harness import TOKENS, GatewayTestCase, request

DJANGO = "django-key"
SHOP = "shop-key"


class DjangoTest(GatewayTestCase):
    def test_read_profile(self):
        r = self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("content-type"), "application/json")
        doc = r.json()
        self.assertEqual(doc["id"], "42")
        self.assertEqual(doc["provider"], "django")
        self.assertEqual(doc["first_name"], "John")
        self.assertEqual(doc["last_name"], "Doe")
        self.assertEqual(doc["full_name"], "John Doe")
        self.assertEqual(doc["phone"], "+966500000000")
        self.assertEqual(doc["gender"], "male")
        self.assertEqual(doc["birth_date"], "1990-01-01")
        self.assertEqual(doc["language"], "en")
        self.assertIsNone(doc["address"])
        self.assertIsNone(doc["username"])
        self.assertTrue(doc["profile_completed"])
        self.assertEqual(doc["extra"]["wallet"]["balance_currency"], "SAR")
        self.assertTrue(r.header("etag").startswith('"'))
        self.assertTrue(r.header("x-request-id"))

    def test_patch_visible_in_next_read(self):
        r = self.gw.patch("/v1/profile", {"last_name": "Smith", "gender": "female"}, key=DJANGO,
                          token=TOKENS["django"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["full_name"], "John Smith")
        sent = self.mocks.last_request("django")
        self.assertEqual(sent["method"], "PATCH")
        self.assertEqual(sent["target"], "/api/customers/me/update/")
        body = json.loads(sent["body"])
        self.assertEqual(body, {"full_name": "John Smith", "gender": "F"})
        again = self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"]).json()
        self.assertEqual(again["last_name"], "Smith")
        self.assertEqual(again["gender"], "female")

    def test_read_only_field_is_unsupported_field(self):
        r = self.gw.patch("/v1/profile", {"phone": "+966511111111"}, key=DJANGO, token=TOKENS["django"])
        doc = self.assertProblem(r, 422, "unsupported_field")
        self.assertEqual(doc["errors"][0]["field"], "phone")
        self.assertEqual(self.mocks.stats("django")["requests"], 0)

    def test_backend_validation_maps_to_unified_field(self):
        # The gateway lets a syntactically plausible e-mail through; the backend's message comes back.
        r = self.gw.patch("/v1/profile", {"email": "not-an-email@"}, key=DJANGO, token=TOKENS["django"])
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertEqual(doc["errors"][0]["field"], "email")

    def test_missing_customer_token(self):
        r = self.gw.get("/v1/profile", key=DJANGO)
        self.assertProblem(r, 401, "customer_unauthorized")

    def test_rejected_customer_token(self):
        r = self.gw.get("/v1/profile", key=DJANGO, token="not-a-token")
        self.assertProblem(r, 401, "customer_unauthorized")

    def test_unknown_api_key(self):
        self.assertProblem(self.gw.get("/v1/profile", key="nope", token=TOKENS["django"]), 401, "invalid_api_key")
        self.assertProblem(self.gw.get("/v1/profile", token=TOKENS["django"]), 401, "invalid_api_key")

    def test_id_route_not_supported(self):
        doc = self.assertProblem(self.gw.get("/v1/customers/42/profile", key=DJANGO, token=TOKENS["django"]),
                                 404, "route_not_supported")
        self.assertIn("/v1/profile", doc["detail"])

    def test_unknown_route_and_method(self):
        self.assertProblem(self.gw.get("/v1/nothing", key=DJANGO), 404, "not_found")
        r = self.gw.call("DELETE", "/v1/profile", key=DJANGO, token=TOKENS["django"])
        self.assertProblem(r, 405, "method_not_allowed")
        self.assertEqual(r.header("allow"), "GET, PATCH")

    def test_malformed_and_media_type(self):
        r = self.gw.call("PATCH", "/v1/profile", key=DJANGO, token=TOKENS["django"], raw_body=b"{nope",
                         headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "malformed_request")
        r = self.gw.call("PATCH", "/v1/profile", key=DJANGO, token=TOKENS["django"], raw_body=b"first_name=x",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertProblem(r, 415, "unsupported_media_type")
        r = self.gw.patch("/v1/profile", {"first_name": 5}, key=DJANGO, token=TOKENS["django"])
        self.assertProblem(r, 400, "malformed_request")

    def test_payload_too_large(self):
        big = {"full_name": "x" * 70000}
        r = self.gw.patch("/v1/profile", big, key=DJANGO, token=TOKENS["django"])
        self.assertProblem(r, 413, "payload_too_large")

    def test_unsupported_value(self):
        r = self.gw.patch("/v1/profile", {"language": "fr"}, key=DJANGO, token=TOKENS["django"])
        self.assertEqual(r.status, 422, r)

    def test_request_id_accepted_and_forwarded(self):
        r = self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"], headers={"X-Request-Id": "abc-123.x_y"})
        self.assertEqual(r.header("x-request-id"), "abc-123.x_y")
        sent = self.mocks.last_request("django")
        self.assertIn(["X-Request-Id", "abc-123.x_y"], [[k, v] for k, v in sent["headers"]])
        bad = self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"], headers={"X-Request-Id": "bad id!"})
        self.assertNotEqual(bad.header("x-request-id"), "bad id!")
        self.assertTrue(bad.header("x-request-id"))

    def test_accept_language_forwarded(self):
        self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"], headers={"Accept-Language": "ar"})
        sent = self.mocks.last_request("django")
        langs = [v for k, v in sent["headers"] if k.lower() == "accept-language"]
        self.assertEqual(langs, ["ar"])

    def test_upstream_throttling_passes_retry_after(self):
        self.mocks.control("django", "POST", "fault", {"mode": "429", "count": 1})
        r = self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"])
        self.assertProblem(r, 429, "rate_limited")
        self.assertEqual(r.header("retry-after"), "7")

    def test_upstream_5xx_and_garbage(self):
        self.mocks.control("django", "POST", "fault", {"mode": "500", "count": 1})
        self.assertProblem(self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"]), 502, "upstream_error")
        self.mocks.control("django", "POST", "fault", {"mode": "non_json", "count": 1})
        self.assertProblem(self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"]), 502,
                           "upstream_bad_response")

    def test_capabilities(self):
        r = self.gw.get("/v1/capabilities", key=DJANGO)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["provider"], "django")
        self.assertEqual(doc["addressing"], "token")
        self.assertTrue(doc["fields"]["first_name"]["writable"])
        self.assertFalse(doc["fields"]["phone"]["writable"])
        self.assertTrue(doc["fields"]["phone"]["readable"])

    def test_health_and_readiness(self):
        self.assertEqual(self.gw.get("/healthz").status, 200)
        r = self.gw.get("/readyz")
        self.assertEqual(r.status, 200)
        self.assertGreaterEqual(r.json()["config_generation"], 1)


class ShopTest(GatewayTestCase):
    def test_read_and_patch(self):
        r = self.gw.get("/v1/profile", key=SHOP, token=TOKENS["shop"])
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["id"], "1")
        self.assertEqual(doc["username"], "behrooz3500")
        self.assertEqual(doc["full_name"], "behrooz ghorbanie")
        self.assertEqual(doc["gender"], "male")
        r = self.gw.patch("/v1/profile", {"first_name": "Behrooz", "username": "behrooz"}, key=SHOP,
                          token=TOKENS["shop"])
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["full_name"], "Behrooz ghorbanie")
        sent = self.mocks.last_request("shop")
        auth = [v for k, v in sent["headers"] if k.lower() == "authorization"]
        self.assertEqual(auth, ["Token " + TOKENS["shop"]])

    def test_read_only_email(self):
        r = self.gw.patch("/v1/profile", {"email": "x@example.com"}, key=SHOP, token=TOKENS["shop"])
        self.assertProblem(r, 422, "unsupported_field")

    def test_unspecified_gender_is_unsupported_value(self):
        r = self.gw.patch("/v1/profile", {"gender": "unspecified"}, key=SHOP, token=TOKENS["shop"])
        self.assertProblem(r, 422, "unsupported_value")

    def test_wrong_token(self):
        self.assertProblem(self.gw.get("/v1/profile", key=SHOP, token="wrong"), 401, "customer_unauthorized")


class LogHygieneTest(GatewayTestCase):
    def test_no_secret_or_profile_value_in_log(self):
        self.gw.get("/v1/profile", key=DJANGO, token=TOKENS["django"])
        self.gw.patch("/v1/profile", {"first_name": "Zelda"}, key=DJANGO, token=TOKENS["django"])
        self.gw.get("/v1/profile", key=SHOP, token=TOKENS["shop"])
        self.gw.get("/v1/profile", key="wrong-key-value", token="wrong-token-value")
        log = self.gw.read_log()
        self.assertIn('"event":"access"', log)
        for secret in [DJANGO, SHOP, TOKENS["django"], TOKENS["shop"], "wrong-key-value", "wrong-token-value",
                       "Zelda", "John", "john.doe@example.com", "+966500000000", "behrooz3500",
                       "partner-secret"]:
            self.assertNotIn(secret, log)
        for line in log.splitlines():
            if '"event":"access"' in line:
                entry = json.loads(line)
                for field in ("request_id", "tenant", "method", "route", "status", "upstream_status",
                              "upstream_ms", "total_ms"):
                    self.assertIn(field, entry)


if __name__ == "__main__":
    unittest.main()
