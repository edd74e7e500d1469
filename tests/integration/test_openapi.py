"""GET /openapi.json against validators nobody on the project wrote: the document is a valid
OpenAPI 3.1 document (@seriousme/openapi-schema-validator), and every response the gateway gives,
for every provider and every error status it can produce, is documented there with a body that
matches its schema (ajv, through tests/openapi/check_responses.mjs).

The npm packages are installed by scripts/bootstrap (`npm ci` in tests/openapi); without them this
test fails, it does not skip."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import (SOURCE_DIR, TOKENS, Gateway, Mocks, demo_tenants, free_port, request, tenant)

OPENAPI_DIR = os.path.join(SOURCE_DIR, "tests", "openapi")
NODE = os.environ.get("PROFILEGW_NODE") or shutil.which("node") or "/usr/bin/node"
REQUIRED_PACKAGES = ("@seriousme/openapi-schema-validator", "ajv", "ajv-formats")

PROFILE = "/v1/profile"
BY_ID = "/v1/customers/{customer_id}/profile"
VERIFY = "/v1/profile/verification"
MAX_BODY = 8192


def node_tools_problem():
    """Why the validators cannot run, or None."""
    if not os.path.exists(NODE):
        return "node is not installed (scripts/bootstrap installs nodejs)"
    missing = [p for p in REQUIRED_PACKAGES
               if not os.path.exists(os.path.join(OPENAPI_DIR, "node_modules", p, "package.json"))]
    if missing:
        return ("npm packages missing in tests/openapi/node_modules: %s; run scripts/bootstrap "
                "(or: cd tests/openapi && npm ci)" % ", ".join(missing))
    return None


def run_node(script, *args):
    return subprocess.run([NODE, os.path.join(OPENAPI_DIR, script), *args], cwd=OPENAPI_DIR,
                          capture_output=True, text=True, timeout=120)


class OpenApiTest(unittest.TestCase):
    """One gateway with a tenant per provider plus the tenants that make the rarer statuses happen."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-openapi-")
        cls.mocks = Mocks(cls.tmp.name)
        tenants = demo_tenants(cls.mocks)
        # 504: a backend that hangs, with a short timeout.
        tenants.append(tenant("t-slow", "django", cls.mocks.url("django"), "slow-key",
                              upstream={"timeout_ms": 300, "retries": 0}))
        # 503: nothing listens on this port.
        tenants.append(tenant("t-down", "django", "http://127.0.0.1:%d" % free_port(), "down-key",
                              upstream={"retries": 0}))
        # 429 from the gateway's own limiter: one request, then empty for a long while.
        tenants.append(tenant("t-limited", "shop", cls.mocks.url("shop"), "limited-key",
                              rate_limit={"requests_per_second": 0.01, "burst": 1}))
        try:
            cls.gw = Gateway(cls.tmp.name, tenants, extra={"limits": {"max_body_bytes": MAX_BODY}}, admin=True)
        except Exception:
            cls.mocks.stop()
            raise
        cls.records = []

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def setUp(self):
        problem = node_tools_problem()
        if problem:
            self.fail(problem)

    # --- helpers ---------------------------------------------------------------------------

    def call(self, method, path, template, key=None, token=None, body=None, raw_body=None, headers=None,
             expect=None):
        r = self.gw.call(method, path, body=body, key=key, token=token, headers=headers, raw_body=raw_body)
        self.records.append({
            "method": method, "path_template": template, "status": r.status,
            "content_type": r.header("content-type") or "", "headers": r.headers,
            "body": r.body.decode("utf-8", "replace"),
        })
        if expect is not None:
            status, code = expect if isinstance(expect, tuple) else (expect, None)
            self.assertEqual(r.status, status, "%s %s: %r" % (method, path, r))
            if code is not None:
                self.assertEqual(r.json()["code"], code, r)
        return r

    def admin(self, method, path, template, body=None, token="admin-secret-token", raw_body=None, headers=None,
              expect=None):
        hdrs = dict(headers or {})
        if token:
            hdrs["Authorization"] = "Bearer " + token
        r = request(self.gw.admin_port, method, path, body=body, headers=hdrs, raw_body=raw_body)
        self.records.append({
            "method": method, "path_template": template, "status": r.status,
            "content_type": r.header("content-type") or "", "headers": r.headers,
            "body": r.body.decode("utf-8", "replace"),
        })
        if expect is not None:
            self.assertEqual(r.status, expect, "admin %s %s: %r" % (method, path, r))
        return r

    def fetch_document(self):
        r = self.call("GET", "/openapi.json", "/openapi.json", expect=200)
        self.assertEqual(r.header("content-type"), "application/json")
        path = os.path.join(self.tmp.name, "openapi.json")
        with open(path, "wb") as f:
            f.write(r.body)
        return path, r.json()

    # --- the document ----------------------------------------------------------------------

    def test_document_is_valid_openapi_3_1(self):
        path, doc = self.fetch_document()
        self.assertEqual(doc["openapi"], "3.1.0")
        result = run_node("validate_document.mjs", path)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        for route in (PROFILE, BY_ID, VERIFY, "/v1/capabilities", "/healthz", "/readyz", "/metrics",
                      "/openapi.json", "/admin/tenants", "/admin/reload"):
            self.assertIn(route, doc["paths"])
        schemes = doc["components"]["securitySchemes"]
        self.assertEqual(schemes["ApiKey"], {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-Api-Key"})
        self.assertEqual(schemes["CustomerBearer"]["scheme"], "bearer")

    def test_validator_rejects_a_broken_document(self):
        # The validator must be able to fail: a document without `info` and with a dangling $ref.
        path, doc = self.fetch_document()
        del doc["info"]
        doc["paths"][PROFILE]["get"]["responses"]["200"] = {"$ref": "#/components/responses/Nope"}
        broken = os.path.join(self.tmp.name, "broken.json")
        with open(broken, "w") as f:
            json.dump(doc, f)
        result = run_node("validate_document.mjs", broken)
        self.assertNotEqual(result.returncode, 0, result.stdout)

    def test_check_responses_rejects_undocumented_answers(self):
        path, _ = self.fetch_document()
        bad = [
            {"method": "GET", "path_template": PROFILE, "status": 418, "content_type": "application/json",
             "headers": {"x-request-id": "a"}, "body": "{}"},
            {"method": "GET", "path_template": PROFILE, "status": 200, "content_type": "application/json",
             "headers": {"x-request-id": "a", "etag": '"x"'}, "body": json.dumps({"id": 42})},
            {"method": "GET", "path_template": PROFILE, "status": 401, "content_type": "application/problem+json",
             "headers": {"x-request-id": "a"},
             "body": json.dumps({"type": "https://profilegw.dev/problems/not_found", "title": "Not found",
                                 "status": 401, "code": "not_found", "detail": "x", "request_id": "a"})},
        ]
        records = os.path.join(self.tmp.name, "bad.jsonl")
        with open(records, "w") as f:
            f.write("\n".join(json.dumps(r) for r in bad) + "\n")
        result = run_node("check_responses.mjs", path, records)
        self.assertNotEqual(result.returncode, 0, result.stdout)
        self.assertIn("0 match the document, 3 do not", result.stdout, result.stdout + result.stderr)

    # --- real responses against the document -------------------------------------------------

    def test_every_response_matches_the_document(self):
        self.records.clear()
        doc_path, _ = self.fetch_document()
        self.drive_operations_routes()
        self.drive_django()
        self.drive_shop()
        self.drive_v1rest()
        self.drive_partner()
        self.drive_salla()
        self.drive_request_errors()
        self.drive_upstream_failures()
        self.drive_admin()

        records = os.path.join(self.tmp.name, "responses.jsonl")
        with open(records, "w") as f:
            for rec in self.records:
                f.write(json.dumps(rec) + "\n")
        result = run_node("check_responses.mjs", doc_path, records)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

        seen = {(r["status"], self.code_of(r)) for r in self.records}
        wanted = {
            (200, None), (202, None), (400, "malformed_request"), (401, "invalid_api_key"),
            (401, "customer_unauthorized"), (403, "customer_forbidden"), (404, "route_not_supported"),
            (404, "not_found"), (404, "customer_not_found"), (405, "method_not_allowed"),
            (412, "precondition_failed"), (413, "payload_too_large"), (415, "unsupported_media_type"),
            (422, "validation_failed"), (422, "unsupported_field"), (422, "unsupported_value"),
            (422, "invalid_verification_code"), (429, "rate_limited"), (502, "upstream_error"),
            (502, "upstream_bad_response"), (503, "upstream_unavailable"), (504, "upstream_timeout"),
        }
        self.assertEqual(wanted - seen, set(), "statuses this test meant to produce but did not")

    @staticmethod
    def code_of(record):
        if not record["content_type"].startswith("application/problem+json"):
            return None
        return json.loads(record["body"])["code"]

    def drive_operations_routes(self):
        self.call("GET", "/healthz", "/healthz", expect=200)
        self.call("GET", "/readyz", "/readyz", expect=200)
        r = self.call("GET", "/metrics", "/metrics", expect=200)
        self.assertTrue(r.header("content-type").startswith("text/plain"))
        self.call("POST", "/healthz", "/healthz", expect=(405, "method_not_allowed"))
        for provider in ("django", "shop", "v1rest", "partner", "salla"):
            self.call("GET", "/v1/capabilities", "/v1/capabilities", key=provider + "-key", expect=200)
        self.call("GET", "/v1/capabilities", "/v1/capabilities", expect=(401, "invalid_api_key"))
        self.call("GET", "/v1/capabilities", "/v1/capabilities", key="nope", expect=(401, "invalid_api_key"))

    def drive_django(self):
        k, t = "django-key", TOKENS["django"]
        r = self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=200)
        etag = r.header("etag")
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"first_name": "Johnny"},
                  headers={"If-Match": '"0000"'}, expect=(412, "precondition_failed"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"first_name": "Johnny", "gender": "unspecified"},
                  headers={"If-Match": etag}, expect=200)
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"phone": "+966511111111"},
                  expect=(422, "unsupported_field"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"id": "1"}, expect=(422, "unsupported_field"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"email": "not-an-email@"},
                  expect=(422, "validation_failed"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"language": "fr"}, expect=422)
        self.call("GET", PROFILE, PROFILE, key=k, expect=(401, "customer_unauthorized"))
        self.call("GET", PROFILE, PROFILE, key=k, token="not-a-token", expect=(401, "customer_unauthorized"))
        self.call("GET", "/v1/customers/42/profile", BY_ID, key=k, token=t, expect=(404, "route_not_supported"))
        self.call("POST", VERIFY, VERIFY, key=k, token=t, body={"verification_id": "x", "code": "1"},
                  expect=(404, "route_not_supported"))
        self.call("GET", PROFILE, PROFILE, key=k, token=t, headers={"Accept-Language": "ar", "X-Request-Id": "my-id.1"},
                  expect=200)

    def drive_shop(self):
        k, t = "shop-key", TOKENS["shop"]
        self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=200)
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"last_name": "Ghorbani"}, expect=200)
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"email": "new@example.com"},
                  expect=(422, "unsupported_field"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"gender": "unspecified"},
                  expect=(422, "unsupported_value"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"birth_date": "1990-01-01"},
                  expect=(422, "unsupported_field"))

    def drive_v1rest(self):
        k, t = "v1rest-key", TOKENS["v1rest"]
        self.call("GET", "/v1/customers/123/profile", BY_ID, key=k, token=t, expect=200)
        self.call("PATCH", "/v1/customers/123/profile", BY_ID, key=k, token=t, body={"address": {"city": "San Diego"}},
                  expect=200)
        self.call("PATCH", "/v1/customers/123/profile", BY_ID, key=k, token=t,
                  body={"address": {"postal_code": "AB-12"}}, expect=(422, "validation_failed"))
        self.call("PATCH", "/v1/customers/123/profile", BY_ID, key=k, token=t, body={"gender": "male"},
                  expect=(422, "unsupported_field"))
        self.call("GET", "/v1/customers/124/profile", BY_ID, key=k, token=t, expect=(403, "customer_forbidden"))
        self.call("GET", "/v1/customers/999/profile", BY_ID, key=k, token=t, expect=404)
        self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=(404, "route_not_supported"))

    def drive_partner(self):
        k = "partner-key"
        self.call("GET", "/v1/customers/MTD0018232/profile", BY_ID, key=k, expect=200)
        self.call("PATCH", "/v1/customers/MTD0018232/profile", BY_ID, key=k, body={"middle_name": "Ali"}, expect=200)
        self.call("PATCH", "/v1/customers/MTD0018232/profile", BY_ID, key=k, body={"first_name": "Al"},
                  expect=(422, "validation_failed"))
        self.call("GET", "/v1/customers/NOPE-1/profile", BY_ID, key=k, expect=(404, "customer_not_found"))
        self.call("GET", "/v1/customers/MTD-SOFT-FAIL/profile", BY_ID, key=k, expect=502)
        # A caller's Authorization is ignored for customer_auth none.
        self.call("GET", "/v1/customers/MTD0018233/profile", BY_ID, key=k, token="whatever", expect=200)

    def drive_salla(self):
        k, t = "salla-key", TOKENS["salla"]
        self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=200)
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"birth_date": "1985-12-10"}, expect=200)
        r = self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"phone": "+966501112222"}, expect=202)
        verification_id = r.json()["verification_id"]
        self.call("POST", VERIFY, VERIFY, key=k, token=t, body={"verification_id": verification_id, "code": "0000"},
                  expect=(422, "invalid_verification_code"))
        self.call("POST", VERIFY, VERIFY, key=k, token=t, body={"verification_id": "forged.id", "code": "1234"},
                  expect=(422, "invalid_verification_code"))
        self.call("POST", VERIFY, VERIFY, key=k, token=t, body={"verification_id": verification_id, "code": "1234"},
                  expect=200)
        self.call("POST", VERIFY, VERIFY, key=k, token=t, body={"code": "1234"}, expect=(400, "malformed_request"))
        self.call("POST", VERIFY, VERIFY, key=k, token=t, raw_body=b"code=1234",
                  headers={"Content-Type": "application/x-www-form-urlencoded"}, expect=(415, "unsupported_media_type"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"email": None}, expect=(422, "unsupported_value"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"gender": "unspecified"},
                  expect=(422, "unsupported_value"))

    def drive_request_errors(self):
        k, t = "django-key", TOKENS["django"]
        self.call("GET", "/v1/nothing", "/v1/nothing", key=k, expect=(404, "not_found"))
        self.call("DELETE", PROFILE, PROFILE, key=k, token=t, expect=(405, "method_not_allowed"))
        self.call("PUT", "/v1/customers/1/profile", BY_ID, key=k, token=t, body={}, expect=(405, "method_not_allowed"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, raw_body=b"{nope",
                  headers={"Content-Type": "application/json"}, expect=(400, "malformed_request"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"first_name": 5}, expect=(400, "malformed_request"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"nickname": "x"}, expect=(400, "malformed_request"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, raw_body=b"first_name=x",
                  headers={"Content-Type": "text/plain"}, expect=(415, "unsupported_media_type"))
        self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"full_name": "x" * (MAX_BODY + 100)},
                  expect=(413, "payload_too_large"))
        self.call("GET", "/v1/profile", PROFILE, key="nope", token=t, expect=(401, "invalid_api_key"))
        self.call("GET", "/v1/customers/%00/profile", BY_ID, key="v1rest-key", token=TOKENS["v1rest"],
                  expect=(400, "malformed_request"))
        self.call("GET", PROFILE, PROFILE, key="limited-key", token=TOKENS["shop"])
        self.call("GET", PROFILE, PROFILE, key="limited-key", token=TOKENS["shop"], expect=(429, "rate_limited"))

    def drive_upstream_failures(self):
        k, t = "django-key", TOKENS["django"]
        try:
            self.mocks.control("django", "POST", "fault", {"mode": "500", "count": 1})
            self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=(502, "upstream_error"))
            self.mocks.control("django", "POST", "fault", {"mode": "non_json", "count": 1})
            self.call("GET", PROFILE, PROFILE, key=k, token=t, expect=(502, "upstream_bad_response"))
            self.mocks.control("django", "POST", "fault", {"mode": "429", "count": 1})
            r = self.call("PATCH", PROFILE, PROFILE, key=k, token=t, body={"first_name": "X"},
                          expect=(429, "rate_limited"))
            self.assertEqual(r.header("retry-after"), "7")
            self.mocks.control("django", "POST", "fault", {"mode": "hang", "count": 2})
            self.call("GET", PROFILE, PROFILE, key="slow-key", token=t, expect=(504, "upstream_timeout"))
        finally:
            self.mocks.control("django", "DELETE", "fault")
        self.call("GET", PROFILE, PROFILE, key="down-key", token=t, expect=(503, "upstream_unavailable"))
        self.call("PATCH", PROFILE, PROFILE, key="down-key", token=t, body={"first_name": "X"},
                  expect=(503, "upstream_unavailable"))

    def drive_admin(self):
        one = "/admin/tenants/{tenant_id}"
        self.admin("GET", "/admin/tenants", "/admin/tenants", expect=200)
        self.admin("GET", "/admin/tenants/t-django", one, expect=200)
        self.admin("GET", "/admin/tenants/nobody", one, expect=404)
        self.admin("GET", "/admin/tenants", "/admin/tenants", token=None, expect=401)
        self.admin("GET", "/admin/tenants", "/admin/tenants", token="wrong", expect=401)
        new = {"api_keys": ["sha256:" + "ab" * 32], "provider": "shop", "upstream": {"base_url": self.mocks.url("shop")}}
        self.admin("PUT", "/admin/tenants/t-new", one, body=new, expect=201)
        self.admin("PUT", "/admin/tenants/t-new", one, body=new, expect=200)
        self.admin("PUT", "/admin/tenants/t-new", one, body={"provider": "nope"}, expect=422)
        self.admin("PUT", "/admin/tenants/t-new", one, raw_body=b"{", headers={"Content-Type": "application/json"},
                   expect=400)
        self.admin("PUT", "/admin/tenants/t-new", one, raw_body=b"x=1", headers={"Content-Type": "text/plain"},
                   expect=415)
        self.admin("POST", "/admin/tenants/t-new/probe", one + "/probe", expect=200)
        self.admin("POST", "/admin/tenants/t-partner/probe", one + "/probe", expect=200)
        self.admin("DELETE", "/admin/tenants/t-new", one, expect=204)
        self.admin("DELETE", "/admin/tenants/t-new", one, expect=404)
        self.admin("PATCH", "/admin/tenants/t-django", one, body={}, expect=405)
        self.admin("POST", "/admin/reload", "/admin/reload", expect=200)
        self.admin("GET", "/admin/nothing", "/admin/nothing", expect=404)


if __name__ == "__main__":
    unittest.main()
