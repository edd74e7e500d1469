"""Backends onboarded by configuration alone (provider "mapped", docs/mapping.md): the WooCommerce
and Shopify mocks, which resemble none of the five built-in families, are onboarded through
PUT /admin/tenants/{id} with the example tenants in config/examples/mappings/ (nothing but JSON),
then driven over real HTTP through every route and error; broken mappings are refused by
`profilegw --check-config` and by the admin API with the path of the value at fault."""
import copy
import json
import os
import re
import subprocess
import tempfile
import unittest

from harness import TOKENS, PROFILEGW_BIN, SOURCE_DIR, Gateway, Mocks, demo_tenants, free_port, request, sha256_key
from test_openapi import node_tools_problem, run_node

ADMIN_TOKEN = "admin-secret-token"
EXAMPLES = os.path.join(SOURCE_DIR, "config", "examples", "mappings")
# What the mocks accept (mocks/README.md); the example tenants take them from the environment.
WOO_KEY = "ck_demo_4f1e2d3c4b5a69788796a5b4c3d2e1f0"
WOO_SECRET = "cs_demo_0a1b2c3d4e5f60718293a4b5c6d7e8f9"
SHOPIFY_TOKEN = "shpat_demo_5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
ENV = {"WOO_CONSUMER_KEY": WOO_KEY, "WOO_CONSUMER_SECRET": WOO_SECRET, "SHOPIFY_ACCESS_TOKEN": SHOPIFY_TOKEN}
WOO = "example-woo-key"          # the examples' API keys (their sha256 is in the files)
SHOPIFY = "example-shopify-key"
JOHN = "/v1/customers/25/profile"
JANE = "/v1/customers/26/profile"
BOB = "/v1/customers/207119551/profile"
ANA = "/v1/customers/207119552/profile"
VERIFY = "/v1/profile/verification"
# The built-in providers that are expressible as mappings (docs/mapping.md), onboarded next to
# their built-in tenant from demo_tenants() against the same mock: (example, mock, API key).
AS_MAPPING = {"django": "django-as-mapping-key", "shop": "shop-as-mapping-key", "v1rest": "v1rest-as-mapping-key"}


def example_tenant(name, base_url):
    with open(os.path.join(EXAMPLES, name + ".json")) as f:
        tenant = json.load(f)
    tenant["upstream"].update({"base_url": base_url, "timeout_ms": 2000, "connect_timeout_ms": 500})
    return tenant


def as_mapping_tenant(provider, base_url):
    tenant = example_tenant(provider, base_url)
    tenant["api_keys"] = [sha256_key(AS_MAPPING[provider])]
    return tenant


def header_of(sent, name):
    for k, v in sent["headers"]:
        if k.lower() == name.lower():
            return v
    return None


class MappedCase(unittest.TestCase):
    """One gateway with the demo tenants; the two mapped tenants are added through the admin API."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-mapped-")
        cls.mocks = Mocks(cls.tmp.name)
        try:
            cls.gw = Gateway(cls.tmp.name, demo_tenants(cls.mocks), admin=True, env=ENV)
        except Exception:
            cls.mocks.stop()
            raise
        cls.onboarded = {}
        for name, mock, tid in (("woocommerce", "woo", "woo-store"), ("shopify", "shopify", "shopify-store")):
            r = cls.admin("PUT", "/admin/tenants/" + tid, example_tenant(name, cls.mocks.url(mock)))
            cls.onboarded[tid] = r
        for provider in AS_MAPPING:
            r = cls.admin("PUT", "/admin/tenants/%s-as-mapping" % provider,
                          as_mapping_tenant(provider, cls.mocks.url(provider)))
            cls.onboarded["%s-as-mapping" % provider] = r

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    @classmethod
    def admin(cls, method, path, body=None):
        return request(cls.gw.admin_port, method, path, body=body, headers={"Authorization": "Bearer " + ADMIN_TOKEN})

    def setUp(self):
        self.mocks.reset()

    def assertProblem(self, resp, status, code):
        self.assertEqual(resp.status, status, resp)
        self.assertEqual(resp.header("content-type"), "application/problem+json", resp)
        doc = resp.json()
        self.assertEqual(doc["code"], code, doc)
        self.assertEqual(doc["status"], status)
        self.assertTrue(doc["request_id"])
        return doc


class OnboardingTest(MappedCase):
    def test_onboarded_through_the_admin_api_by_config_only(self):
        for tid, r in self.onboarded.items():
            self.assertEqual(r.status, 201, r)
            self.assertEqual(r.json()["provider"], "mapped")
        listed = {t["id"]: t for t in self.admin("GET", "/admin/tenants").json()["tenants"]}
        self.assertEqual(listed["woo-store"]["provider"], "mapped")
        self.assertIn("fields", listed["woo-store"]["mapping"])
        # Secrets stay secret: the consumer secret and the access-token header are redacted.
        text = self.admin("GET", "/admin/tenants").body.decode()
        self.assertNotIn(WOO_SECRET, text)
        self.assertNotIn(SHOPIFY_TOKEN, text)
        # Written back with the mapping and its ${NAME} placeholders intact.
        with open(self.gw.config_path) as f:
            on_disk = {t["id"]: t for t in json.load(f)["tenants"]}
        self.assertEqual(on_disk["woo-store"]["service_auth"]["password"], "${WOO_CONSUMER_SECRET}")
        self.assertEqual(on_disk["shopify-store"]["mapping"]["response"]["record"], "/customer")

    def test_capabilities_reflect_the_mapping_like_a_built_in(self):
        caps = self.gw.get("/v1/capabilities", key=WOO)
        self.assertEqual(caps.status, 200, caps)
        doc = caps.json()
        builtin = self.gw.get("/v1/capabilities", key="v1rest-key").json()
        self.assertEqual(set(doc), set(builtin))
        self.assertEqual(set(doc["fields"]), set(builtin["fields"]))
        self.assertEqual(doc["provider"], "mapped")
        self.assertEqual(doc["addressing"], "id")
        self.assertEqual(doc["routes"]["profile"], "/v1/customers/{customer_id}/profile")
        self.assertEqual(doc["customer_auth"], "none")
        fields = doc["fields"]
        self.assertEqual(fields["gender"]["constraints"]["enum"], ["male", "female"])
        self.assertEqual(fields["birth_date"]["constraints"]["format"], "date")
        self.assertTrue(fields["username"]["readable"])
        self.assertFalse(fields["username"]["writable"])
        self.assertFalse(fields["email"]["nullable"])
        self.assertFalse(fields["language"]["readable"])
        self.assertTrue(fields["address.city"]["writable"])
        self.assertEqual(fields["address.country"]["constraints"], {"min_length": 2, "max_length": 2})
        self.assertFalse(fields["profile_completed"]["readable"])

        shop = self.gw.get("/v1/capabilities", key=SHOPIFY).json()
        self.assertFalse(shop["fields"]["gender"]["readable"])
        self.assertTrue(shop["fields"]["phone"]["writable"])
        self.assertEqual(shop["fields"]["phone"]["constraints"]["format"], "e164")

    def test_openapi_names_the_mapped_provider(self):
        r = request(self.gw.port, "GET", "/openapi.json")
        self.assertEqual(r.status, 200, r)
        self.assertIn('"mapped"', r.body.decode())

    def test_survives_a_restart(self):
        # Its own gateway: restarting the shared one would race the other tests.
        workdir = tempfile.mkdtemp(dir=self.tmp.name)
        gw = Gateway(workdir, demo_tenants(self.mocks), admin=True, env=ENV)
        try:
            r = request(gw.admin_port, "PUT", "/admin/tenants/woo-store",
                        body=example_tenant("woocommerce", self.mocks.url("woo")),
                        headers={"Authorization": "Bearer " + ADMIN_TOKEN})
            self.assertEqual(r.status, 201, r)
            gw.stop()
            gw.start()
            r = gw.get(JOHN, key=WOO)
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["email"], "john.doe@example.com")
        finally:
            gw.stop()


class WooCommerceTest(MappedCase):
    def test_read(self):
        r = self.gw.get(JOHN, key=WOO, headers={"Authorization": "Bearer caller-token-never-forwarded"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("content-type"), "application/json")
        self.assertTrue(r.header("etag"))
        doc = r.json()
        self.assertEqual(doc["id"], "25")
        self.assertEqual(doc["provider"], "mapped")
        self.assertEqual(doc["username"], "john.doe")
        self.assertEqual(doc["first_name"], "John")
        self.assertEqual(doc["full_name"], "John Doe")
        self.assertEqual(doc["phone"], "+14155550100")  # "+1 (415) 555-0100" in billing
        self.assertEqual(doc["birth_date"], "1990-01-15")  # "15/01/1990" in meta_data[0]
        self.assertEqual(doc["gender"], "male")  # "m" in meta_data[1]
        self.assertEqual(doc["address"], {"line1": "969 Market", "postal_code": "94103", "city": "San Francisco",
                                          "state": "CA", "country": "US"})
        self.assertIsNone(doc["language"])
        self.assertIsNone(doc["profile_completed"])
        self.assertEqual(doc["extra"]["role"], "customer")
        self.assertEqual(doc["extra"]["shipping"]["city"], "San Francisco")
        self.assertNotIn("_links", doc["extra"])
        sent = self.mocks.last_request("woo")
        self.assertEqual(sent["method"], "GET")
        self.assertEqual(sent["target"], "/wp-json/wc/v3/customers/25")
        self.assertTrue(header_of(sent, "Authorization").startswith("Basic "))

    def test_blank_values_read_as_null(self):
        doc = self.gw.get(JANE, key=WOO).json()
        self.assertEqual(doc["phone"], "+442079460958")  # "0044 20 7946 0958"
        self.assertIsNone(doc["birth_date"])
        self.assertIsNone(doc["gender"])
        self.assertEqual(doc["address"], {"line1": None, "postal_code": None, "city": None, "state": None,
                                          "country": None})

    def test_patch_nested_members_and_meta_data(self):
        r = self.gw.patch(JOHN, {"first_name": "Johnny", "phone": "+14155550199", "birth_date": "1991-02-01",
                                 "gender": "female", "address": {"city": "Oakland", "postal_code": "94607"}},
                          key=WOO)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["full_name"], "Johnny Doe")
        self.assertEqual(doc["phone"], "+14155550199")
        self.assertEqual(doc["birth_date"], "1991-02-01")
        self.assertEqual(doc["gender"], "female")
        self.assertEqual(doc["address"]["city"], "Oakland")
        self.assertEqual(doc["address"]["line1"], "969 Market")
        sent = self.mocks.last_request("woo")
        self.assertEqual(sent["method"], "PUT")
        body = json.loads(sent["body"])
        self.assertEqual(body["first_name"], "Johnny")
        self.assertEqual(body["billing"], {"phone": "+14155550199", "city": "Oakland", "postcode": "94607"})
        self.assertEqual(body["meta_data"], [{"id": 101, "key": "birth_date", "value": "01/02/1991"},
                                             {"id": 102, "key": "gender", "value": "f"}])
        self.assertNotIn("email", body)
        again = self.gw.get(JOHN, key=WOO).json()
        self.assertEqual(again, doc)

    def test_clear_and_partial_patch_without_reading_first(self):
        stats_before = self.mocks.stats("woo")["requests"]
        r = self.gw.patch(JOHN, {"last_name": None, "address": {"state": None}}, key=WOO)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json()["last_name"])
        self.assertIsNone(r.json()["address"]["state"])
        self.assertEqual(r.json()["full_name"], "John")
        # A member outside any array needs no read before the write: one call.
        self.assertEqual(self.mocks.stats("woo")["requests"] - stats_before, 1)
        self.assertEqual(json.loads(self.mocks.last_request("woo")["body"]),
                         {"last_name": "", "billing": {"state": ""}})

    def test_if_match(self):
        etag = self.gw.get(JOHN, key=WOO).header("etag")
        self.assertProblem(self.gw.patch(JOHN, {"first_name": "X"}, key=WOO, headers={"If-Match": '"nope"'}),
                           412, "precondition_failed")
        r = self.gw.patch(JOHN, {"first_name": "Y"}, key=WOO, headers={"If-Match": etag})
        self.assertEqual(r.status, 200, r)

    def test_gateway_side_rules_cost_no_upstream_call(self):
        cases = [({"gender": "unspecified"}, 422, "unsupported_value", "gender"),
                 ({"username": "jd"}, 422, "unsupported_field", "username"),
                 ({"language": "en"}, 422, "unsupported_field", "language"),
                 ({"email": None}, 422, "validation_failed", "email"),
                 ({"birth_date": "1990-02-30"}, 422, "validation_failed", "birth_date"),
                 ({"phone": "415 555 0100"}, 422, "validation_failed", "phone"),
                 ({"address": {"country": "USA"}}, 422, "validation_failed", "address.country"),
                 ({"gender": 1}, 400, "malformed_request", "gender"),
                 ({"id": "7"}, 422, "unsupported_field", "id")]
        for body, status, code, field in cases:
            with self.subTest(body=body):
                doc = self.assertProblem(self.gw.patch(JOHN, body, key=WOO), status, code)
                self.assertEqual(doc["errors"][0]["field"], field)
        self.assertEqual(self.mocks.stats("woo")["requests"], 0)

    def test_backend_validation_maps_to_unified_fields(self):
        # The gateway's e-mail check is light; WordPress's is not.
        doc = self.assertProblem(self.gw.patch(JOHN, {"email": "john..doe@example.com"}, key=WOO), 422,
                                 "validation_failed")
        self.assertEqual(doc["errors"], [{"field": "email", "code": "invalid", "message": "Invalid email address."}])
        self.assertEqual(doc["upstream"]["status"], 400)

        doc = self.assertProblem(self.gw.patch(JOHN, {"email": "jane.smith@example.com"}, key=WOO), 422,
                                 "validation_failed")
        self.assertIn("already registered", doc["detail"])

    def test_unknown_customer_and_route(self):
        doc = self.assertProblem(self.gw.get("/v1/customers/99/profile", key=WOO), 404, "customer_not_found")
        self.assertEqual(doc["detail"], "Invalid ID.")
        self.assertEqual(doc["upstream"]["status"], 404)
        self.assertProblem(self.gw.patch("/v1/customers/99/profile", {"first_name": "A"}, key=WOO), 404,
                           "customer_not_found")
        doc = self.assertProblem(self.gw.get("/v1/profile", key=WOO, token="t"), 404, "route_not_supported")
        self.assertIn("/v1/customers/{customer_id}/profile", doc["detail"])
        self.assertProblem(self.gw.get(JOHN, key="nope"), 401, "invalid_api_key")

    def test_rejected_service_credentials(self):
        bad = example_tenant("woocommerce", self.mocks.url("woo"))
        bad["id"] = "woo-bad-secret"
        bad["api_keys"] = [sha256_key("woo-bad-secret-key")]
        bad["service_auth"]["password"] = "cs_wrong"
        self.assertEqual(self.admin("PUT", "/admin/tenants/woo-bad-secret", bad).status, 201)
        try:
            doc = self.assertProblem(self.gw.get(JOHN, key="woo-bad-secret-key"), 502, "upstream_error")
            self.assertIn("gateway's own credentials", doc["detail"])
            self.assertEqual(doc["upstream"]["status"], 401)
            # The admin probe reaches a mapped tenant's backend with its service credentials. It asks
            # for customer "0": WordPress's route only matches numeric ids and answers any other id
            # 404 before it checks credentials, which would make a wrong secret look accepted.
            good = self.admin("POST", "/admin/tenants/woo-store/probe").json()
            self.assertTrue(good["ok"], good)
            self.assertEqual([s["step"] for s in good["steps"]], ["connect", "service_auth"])
            self.assertEqual(good["steps"][1]["status"], 404)  # no customer 0, but the secret was accepted
            wrong = self.admin("POST", "/admin/tenants/woo-bad-secret/probe").json()
            self.assertFalse(wrong["ok"], wrong)
            self.assertEqual([s["step"] for s in wrong["steps"]], ["connect", "service_auth"])
            auth = wrong["steps"][1]
            self.assertFalse(auth["ok"], auth)
            self.assertEqual(auth["status"], 401)
            self.assertEqual(auth["detail"], "credentials rejected")
        finally:
            self.assertEqual(self.admin("DELETE", "/admin/tenants/woo-bad-secret").status, 204)

    def test_the_worked_example_in_the_docs_is_true(self):
        # docs/mapping.md shows the WooCommerce and Shopify tenants and the profile the gateway answers
        # for customer 25: a partner engineer copying them gets what the page says.
        with open(os.path.join(SOURCE_DIR, "docs", "mapping.md")) as f:
            blocks = re.findall(r"```json\n(.*?)```", f.read(), re.S)
        shown = {}
        for block in blocks:
            try:
                doc = json.loads(block)
            except ValueError:
                continue  # the record and error excerpts are abridged on purpose
            if isinstance(doc, dict):
                shown[doc.get("id")] = doc
        for name in ("woocommerce", "shopify"):
            with open(os.path.join(EXAMPLES, name + ".json")) as f:
                tenant = json.load(f)
            tenant["mapping"].pop("description", None)
            self.assertEqual(shown[tenant["id"]], tenant, name)
        profile = self.gw.get(JOHN, key=WOO).json()
        documented = shown["25"]
        self.assertEqual(documented["extra"].pop("shipping"), {"...": "..."})
        self.assertIsInstance(profile["extra"].pop("shipping"), dict)
        self.assertEqual(profile, documented)

    def test_verification_route_is_not_supported(self):
        # The mapping declares no one-time-code flow, so the route answers as for any provider
        # without one (docs/mapping.md, "Routes").
        doc = self.assertProblem(self.gw.call("POST", VERIFY, body={"verification_id": "x", "code": "1234"}, key=WOO),
                                 404, "route_not_supported")
        self.assertEqual(doc["detail"], "provider mapped has no contact verification")
        self.assertIsNone(self.gw.get("/v1/capabilities", key=WOO).json()["routes"]["verification"])
        self.assertEqual(self.mocks.stats("woo")["requests"], 0)

    def test_backend_failures(self):
        # Safe requests are retried once (upstream.retries), so the fault outlasts the retry.
        self.mocks.control("woo", "POST", "fault", {"mode": "503", "count": 2})
        doc = self.assertProblem(self.gw.get(JOHN, key=WOO), 502, "upstream_error")
        self.assertEqual(doc["upstream"]["status"], 503)
        self.mocks.control("woo", "POST", "fault", {"mode": "429", "count": 1})
        r = self.gw.get(JOHN, key=WOO)
        self.assertProblem(r, 429, "rate_limited")
        self.assertEqual(r.header("retry-after"), "7")
        self.mocks.control("woo", "POST", "fault", {"mode": "non_json", "count": 1})
        self.assertProblem(self.gw.get(JOHN, key=WOO), 502, "upstream_bad_response")


class ShopifyTest(MappedCase):
    def test_read_unwraps_the_envelope(self):
        r = self.gw.get(BOB, key=SHOPIFY)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["id"], "207119551")
        self.assertEqual(doc["full_name"], "Bob Norman")
        self.assertEqual(doc["email"], "bob.norman@mail.example.com")
        self.assertEqual(doc["phone"], "+16136120707")
        self.assertEqual(doc["address"], {"line1": "Chestnut Street 92", "postal_code": "40202", "city": "Louisville",
                                          "state": "Kentucky", "country": "United States"})
        self.assertEqual(doc["extra"]["tags"], "Léon, Noël")
        self.assertIsNone(doc["gender"])
        sent = self.mocks.last_request("shopify")
        self.assertEqual(sent["target"], "/admin/api/2024-01/customers/207119551.json")
        self.assertEqual(header_of(sent, "X-Shopify-Access-Token"), SHOPIFY_TOKEN)
        self.assertIsNone(header_of(sent, "Authorization"))

    def test_patch_wraps_the_body(self):
        r = self.gw.patch(BOB, {"last_name": "Normand", "email": "bob@new.example"}, key=SHOPIFY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["full_name"], "Bob Normand")
        self.assertEqual(r.json()["email"], "bob@new.example")
        sent = self.mocks.last_request("shopify")
        self.assertEqual(sent["method"], "PUT")
        self.assertEqual(json.loads(sent["body"]), {"customer": {"last_name": "Normand", "email": "bob@new.example"}})

    def test_patch_inside_the_addresses_array(self):
        r = self.gw.patch(BOB, {"address": {"city": "Lexington", "postal_code": "40507"}}, key=SHOPIFY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["address"]["city"], "Lexington")
        self.assertEqual(r.json()["address"]["line1"], "Chestnut Street 92")
        sent = json.loads(self.mocks.last_request("shopify")["body"])
        address = sent["customer"]["addresses"][0]
        self.assertEqual(address["id"], 207119551)  # the current element, so Shopify updates it in place
        self.assertEqual((address["city"], address["zip"], address["province"]), ("Lexington", "40507", "Kentucky"))
        self.assertEqual(self.gw.get(BOB, key=SHOPIFY).json()["address"]["postal_code"], "40507")

    def test_first_address_is_created(self):
        r = self.gw.patch(ANA, {"address": {"line1": "Rua Augusta 1", "city": "Recife"}}, key=SHOPIFY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["address"], {"line1": "Rua Augusta 1", "postal_code": None, "city": "Recife",
                                               "state": None, "country": None})

    def test_backend_validation(self):
        doc = self.assertProblem(self.gw.patch(ANA, {"phone": "+16136120707"}, key=SHOPIFY), 422, "validation_failed")
        self.assertEqual(doc["errors"], [{"field": "phone", "code": "invalid", "message": "has already been taken"}])
        self.assertEqual(doc["upstream"]["status"], 422)
        doc = self.assertProblem(self.gw.patch(ANA, {"email": "ana..lima@mail.example.com",
                                                     "first_name": "A" * 256}, key=SHOPIFY), 422,
                                 "validation_failed")
        self.assertEqual(doc["errors"][0]["field"], "first_name")  # gateway-side max_length, before any call

    def test_errors(self):
        doc = self.assertProblem(self.gw.get("/v1/customers/1/profile", key=SHOPIFY), 404, "customer_not_found")
        self.assertEqual(doc["detail"], "Not Found")
        self.assertProblem(self.gw.patch(BOB, {"birth_date": "1990-01-01"}, key=SHOPIFY), 422, "unsupported_field")
        self.mocks.control("shopify", "POST", "fault", {"mode": "500", "count": 1})
        doc = self.assertProblem(self.gw.patch(BOB, {"first_name": "B"}, key=SHOPIFY), 502, "upstream_error")
        self.assertEqual(doc["upstream"]["status"], 500)

    def test_clear_phone(self):
        r = self.gw.patch(BOB, {"phone": None}, key=SHOPIFY)
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json()["phone"])

    def test_backend_field_errors_name_unified_fields(self):
        doc = self.assertProblem(self.gw.patch(BOB, {"email": "ana.lima@mail.example.com"}, key=SHOPIFY), 422,
                                 "validation_failed")
        self.assertEqual(doc["errors"], [{"field": "email", "code": "invalid", "message": "has already been taken"}])
        # The gateway's e-mail check is light; Shopify's is not.
        doc = self.assertProblem(self.gw.patch(BOB, {"email": "bob..norman@mail.example.com"}, key=SHOPIFY), 422,
                                 "validation_failed")
        self.assertEqual(doc["errors"], [{"field": "email", "code": "invalid", "message": "is invalid"}])
        self.assertEqual(doc["detail"], "email: is invalid")

    def test_unknown_customer_on_patch_and_wrong_route(self):
        doc = self.assertProblem(self.gw.patch("/v1/customers/1/profile", {"first_name": "A"}, key=SHOPIFY), 404,
                                 "customer_not_found")
        self.assertEqual(doc["upstream"]["status"], 404)
        self.assertProblem(self.gw.get("/v1/profile", key=SHOPIFY, token="t"), 404, "route_not_supported")
        self.assertProblem(self.gw.get(BOB, key="not-a-key"), 401, "invalid_api_key")

    def test_rejected_access_token(self):
        bad = example_tenant("shopify", self.mocks.url("shopify"))
        bad["id"] = "shopify-bad-token"
        bad["api_keys"] = [sha256_key("shopify-bad-token-key")]
        bad["upstream"]["headers"]["X-Shopify-Access-Token"] = "shpat_wrong"
        self.assertEqual(self.admin("PUT", "/admin/tenants/shopify-bad-token", bad).status, 201)
        try:
            doc = self.assertProblem(self.gw.get(BOB, key="shopify-bad-token-key"), 502, "upstream_error")
            self.assertIn("gateway's own credentials", doc["detail"])
            self.assertEqual(doc["upstream"]["status"], 401)
            self.assertProblem(self.gw.patch(BOB, {"first_name": "B"}, key="shopify-bad-token-key"), 502,
                               "upstream_error")
        finally:
            self.assertEqual(self.admin("DELETE", "/admin/tenants/shopify-bad-token").status, 204)

    def test_verification_route_is_not_supported(self):
        doc = self.assertProblem(
            self.gw.call("POST", VERIFY, body={"verification_id": "x", "code": "1234"}, key=SHOPIFY), 404,
            "route_not_supported")
        self.assertEqual(doc["detail"], "provider mapped has no contact verification")
        self.assertEqual(self.mocks.stats("shopify")["requests"], 0)

    def test_backend_failures(self):
        self.mocks.control("shopify", "POST", "fault", {"mode": "429", "count": 1})
        r = self.gw.get(BOB, key=SHOPIFY)
        self.assertProblem(r, 429, "rate_limited")
        self.assertEqual(r.header("retry-after"), "7")
        self.mocks.control("shopify", "POST", "fault", {"mode": "502", "count": 2})
        doc = self.assertProblem(self.gw.get(BOB, key=SHOPIFY), 502, "upstream_error")
        self.assertEqual(doc["upstream"]["status"], 502)
        self.mocks.control("shopify", "POST", "fault", {"mode": "truncated", "count": 2})
        self.assertIn(self.gw.get(BOB, key=SHOPIFY).status, (502, 503))
        self.mocks.control("shopify", "POST", "fault", {"mode": "non_json", "count": 1})
        self.assertProblem(self.gw.patch(BOB, {"first_name": "B"}, key=SHOPIFY), 502, "upstream_bad_response")


class UnreachableAndSlowTest(MappedCase):
    """The transport failures, per mapped backend: nothing listening (503) and no answer in time (504)."""

    def variant(self, name, mock, tid, **upstream):
        tenant = example_tenant(name, self.mocks.url(mock))
        tenant["id"] = tid
        tenant["api_keys"] = [sha256_key(tid + "-key")]
        tenant["upstream"].update(upstream)
        r = self.admin("PUT", "/admin/tenants/" + tid, tenant)
        self.assertEqual(r.status, 201, r)
        self.addCleanup(self.admin, "DELETE", "/admin/tenants/" + tid)
        return tid + "-key"

    def test_unreachable_backend(self):
        for name, mock, path in (("woocommerce", "woo", JOHN), ("shopify", "shopify", BOB)):
            with self.subTest(backend=name):
                key = self.variant(name, mock, name + "-down", base_url="http://127.0.0.1:%d" % free_port(),
                                   retries=0)
                r = self.gw.get(path, key=key)
                self.assertProblem(r, 503, "upstream_unavailable")
                self.assertTrue(r.header("retry-after"))
                self.assertProblem(self.gw.patch(path, {"first_name": "A"}, key=key), 503, "upstream_unavailable")

    def test_backend_timeout(self):
        for name, mock, path in (("woocommerce", "woo", JOHN), ("shopify", "shopify", BOB)):
            with self.subTest(backend=name):
                key = self.variant(name, mock, name + "-slow", timeout_ms=300, retries=0)
                self.mocks.control(mock, "POST", "fault", {"mode": "hang", "count": 1})
                self.assertProblem(self.gw.get(path, key=key), 504, "upstream_timeout")
                self.mocks.control(mock, "DELETE", "fault")


# The partner backend (HTTP Digest, a {data, success, code, message} envelope, four fields required on
# every update) reached through a mapping: Digest service auth, an envelope with a success flag and
# envelope error codes, and always_send, over real HTTP.
PARTNER_BY_MAPPING = {
    "id": "partner-by-mapping", "provider": "mapped",
    "api_keys": [sha256_key("partner-by-mapping-key")],
    "upstream": {"headers": {"x-client-id": "web"}, "timeout_ms": 2000, "connect_timeout_ms": 500},
    "service_auth": {"type": "digest", "username": "gw", "password": "partner-secret"},
    "mapping": {
        "addressing": "id",
        "read": {"path": "/partner/customer/{id}"},
        "update": {"method": "PATCH", "path": "/partner/customer/{id}",
                   "always_send": ["first_name", "last_name", "phone", "national_id"]},
        "response": {"record": "/data", "success": "/success"},
        "errors": {"code": "/code", "message": "/message", "fields": "/errors",
                   "validation": {"codes": [422]}, "not_found": {"codes": [404]}},
        "fields": {
            "id": "/external_id",
            "first_name": {"pointer": "/firstname", "max_length": 40},
            "middle_name": "/middlename",
            "last_name": {"pointer": "/lastname", "max_length": 40},
            "full_name": {"read": "/fullname", "read_only": True},
            "email": "/email",
            "phone": {"pointer": "/phone", "convert": "phone"},
            "gender": {"pointer": "/gender", "values": {"male": "M", "female": "F"}},
            "national_id": "/identity_number",
            "birth_date": "/birthdate",
        },
        "extra": ["/wallets"],
    },
}
PARTNER_JOHN = "/v1/customers/MTD0018232/profile"


class DigestEnvelopeMappingTest(MappedCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tenant = copy.deepcopy(PARTNER_BY_MAPPING)
        tenant["upstream"]["base_url"] = cls.mocks.url("partner")
        cls.onboarded["partner-by-mapping"] = cls.admin("PUT", "/admin/tenants/partner-by-mapping", tenant)

    KEY = "partner-by-mapping-key"

    def test_read_through_digest_and_the_envelope(self):
        self.assertEqual(self.onboarded["partner-by-mapping"].status, 201, self.onboarded)
        r = self.gw.get(PARTNER_JOHN, key=self.KEY)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual((doc["id"], doc["first_name"], doc["full_name"], doc["gender"], doc["national_id"]),
                         ("MTD0018232", "John", "John Due", "male", "12345677938"))
        self.assertIsNone(doc["middle_name"])
        self.assertEqual(doc["extra"]["wallets"][0]["currency"], "TRY")
        # Digest, with the nonce the gateway keeps across calls (mocks reset counters, not nonces).
        self.assertTrue(header_of(self.mocks.last_request("partner"), "Authorization").startswith("Digest "))

    def test_required_fields_are_sent_on_every_update(self):
        r = self.gw.patch(PARTNER_JOHN, {"birth_date": "1971-02-01"}, key=self.KEY)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["birth_date"], "1971-02-01")
        sent = json.loads(self.mocks.last_request("partner")["body"])
        self.assertEqual(sent, {"firstname": "John", "lastname": "Due", "phone": "+905071112233",
                                "identity_number": "12345677938", "birthdate": "1971-02-01"})

    def test_envelope_failures(self):
        doc = self.assertProblem(self.gw.patch(PARTNER_JOHN, {"middle_name": "Al"}, key=self.KEY), 422,
                                 "validation_failed")
        self.assertEqual([e["field"] for e in doc["errors"]], ["middle_name"])
        doc = self.assertProblem(self.gw.get("/v1/customers/MTD-SOFT-FAIL/profile", key=self.KEY), 502,
                                 "upstream_error")
        self.assertEqual(doc["detail"], "Internal partner error")
        self.assertProblem(self.gw.get("/v1/customers/NOPE/profile", key=self.KEY), 404, "customer_not_found")

def comparable(resp):
    """A response with what legitimately differs between two tenants taken out: the tenant's name,
    the provider's name, the request id and the ETag (which hashes the provider name)."""
    ctype = resp.header("content-type")
    if ctype == "application/problem+json":
        doc = resp.json()
        doc.pop("request_id", None)
        doc.pop("tenant", None)
        if doc.get("code") == "route_not_supported":
            doc.pop("detail", None)  # names the provider
        return resp.status, ctype, doc
    doc = resp.json()
    doc.pop("provider", None)
    return resp.status, ctype, doc


class BuiltinAsMappingTest(MappedCase):
    """django, shop and v1rest expressed as mappings (config/examples/mappings/), onboarded through the
    admin API next to their built-in tenants and driven against the same mock: every answer, and every
    request the backend receives, is the same as the hand-written adapter's."""

    CASES = {
        "django": [
            ("GET", "/v1/profile", None, TOKENS["django"]),
            ("GET", "/v1/profile", None, TOKENS["django_bob"]),
            ("PATCH", "/v1/profile", {"first_name": "Johnny"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"last_name": None}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"full_name": "Jo Ann Smith", "gender": "unspecified", "language": "ar",
                                      "birth_date": "1991-02-03"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"birth_date": None, "email": "bob2@example.com"}, TOKENS["django_bob"]),
            ("PATCH", "/v1/profile", {"email": "not-an-email@"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"email": "bob@example.com"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"phone": "+966511111111"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"language": "fr"}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"first_name": None}, TOKENS["django"]),
            ("PATCH", "/v1/profile", {"address": {"city": "Riyadh"}}, TOKENS["django"]),
            ("GET", "/v1/profile", None, None),
            ("GET", "/v1/profile", None, "not-a-token"),
            ("PATCH", "/v1/profile", {"first_name": "X"}, "not-a-token"),
            ("GET", "/v1/customers/42/profile", None, TOKENS["django"]),
            ("POST", VERIFY, {"verification_id": "x", "code": "1"}, TOKENS["django"]),
        ],
        "shop": [
            ("GET", "/v1/profile", None, TOKENS["shop"]),
            ("GET", "/v1/profile", None, TOKENS["shop_dave"]),
            ("PATCH", "/v1/profile", {"last_name": "Ghorbani", "first_name": "Sara"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"username": None, "phone": "+966500000001"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"gender": "unspecified"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"gender": "female"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"email": "new@example.com"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"birth_date": "1990-01-01"}, TOKENS["shop"]),
            ("PATCH", "/v1/profile", {"first_name": "A" * 300}, TOKENS["shop"]),
            ("GET", "/v1/profile", None, "not-a-token"),
            ("GET", "/v1/customers/1/profile", None, TOKENS["shop"]),
        ],
        "v1rest": [
            ("GET", "/v1/customers/123/profile", None, TOKENS["v1rest"]),
            ("PATCH", "/v1/customers/123/profile", {"address": {"city": "San Diego"}}, TOKENS["v1rest"]),
            ("PATCH", "/v1/customers/123/profile", {"first_name": "Erin", "address": None}, TOKENS["v1rest"]),
            ("PATCH", "/v1/customers/123/profile", {"address": {"postal_code": "AB-12"}}, TOKENS["v1rest"]),
            ("PATCH", "/v1/customers/123/profile", {"gender": "male"}, TOKENS["v1rest"]),
            ("GET", "/v1/customers/124/profile", None, TOKENS["v1rest"]),
            ("GET", "/v1/customers/999/profile", None, TOKENS["v1rest"]),
            ("PATCH", "/v1/customers/999/profile", {"first_name": "Z"}, TOKENS["v1rest"]),
            ("GET", "/v1/customers/123/profile", None, "not-a-token"),
            ("GET", "/v1/profile", None, TOKENS["v1rest"]),
        ],
    }

    def run_case(self, provider, key, method, path, body, token):
        self.mocks.reset()
        r = self.gw.call(method, path, body=body, key=key, token=token)
        sent = self.mocks.last_request(provider) if self.mocks.stats(provider)["requests"] else None
        if sent is not None:
            sent = {"method": sent["method"], "target": sent["target"],
                    "body": json.loads(sent["body"]) if sent["body"] else None,
                    "authorization": header_of(sent, "Authorization")}
        return comparable(r), sent, self.mocks.stats(provider)["by_request"]

    def test_onboarded(self):
        for provider in AS_MAPPING:
            self.assertEqual(self.onboarded[provider + "-as-mapping"].status, 201, self.onboarded)

    def test_same_answers_and_same_upstream_calls(self):
        for provider, cases in self.CASES.items():
            seen = set()
            for method, path, body, token in cases:
                with self.subTest(provider=provider, method=method, path=path, body=body, token=token):
                    builtin = self.run_case(provider, provider + "-key", method, path, body, token)
                    mapped = self.run_case(provider, AS_MAPPING[provider], method, path, body, token)
                    self.assertEqual(mapped, builtin)
                    status, _, doc = builtin[0]
                    seen.add((status, doc.get("code") if status >= 400 else None))
            # The cases reach successes and every kind of refusal, not one answer over and over.
            with self.subTest(provider=provider, seen=sorted(seen, key=str)):
                self.assertIn((200, None), seen)
                self.assertIn((401, "customer_unauthorized"), seen)
                self.assertIn((404, "route_not_supported"), seen)
                self.assertTrue({c for s, c in seen if s == 422}, seen)

    def test_customer_credentials_refused_by_the_backend(self):
        # Token addressing: the customer's own credential, refused by the backend, is the caller's
        # problem (401), unlike the gateway's service credentials (502, above).
        doc = self.assertProblem(self.gw.get("/v1/profile", key=AS_MAPPING["django"], token="not-a-token"), 401,
                                 "customer_unauthorized")
        self.assertEqual(doc["upstream"]["status"], 401)
        self.assertProblem(self.gw.get("/v1/profile", key=AS_MAPPING["django"]), 401, "customer_unauthorized")

    def test_capabilities_equal_the_built_in(self):
        for provider, key in AS_MAPPING.items():
            with self.subTest(provider=provider):
                builtin = self.gw.get("/v1/capabilities", key=provider + "-key").json()
                mapped = self.gw.get("/v1/capabilities", key=key).json()
                self.assertEqual(mapped.pop("provider"), "mapped")
                self.assertEqual(builtin.pop("provider"), provider)
                self.assertEqual(mapped.pop("tenant"), provider + "-as-mapping")
                builtin.pop("tenant")
                self.assertEqual(mapped, builtin)


class OpenApiConformanceTest(MappedCase):
    """Every answer a mapped tenant gives, success and error, is documented in /openapi.json with a body
    that matches its schema (the validators of tests/integration/test_openapi.py)."""

    def setUp(self):
        super().setUp()
        problem = node_tools_problem()
        if problem:
            self.fail(problem)
        self.records = []

    def call(self, method, path, template, key, body=None, status=None, token=None):
        r = self.gw.call(method, path, body=body, key=key, token=token)
        self.records.append({"method": method, "path_template": template, "status": r.status,
                             "content_type": r.header("content-type") or "", "headers": r.headers,
                             "body": r.body.decode("utf-8", "replace")})
        if status is not None:
            self.assertEqual(r.status, status, "%s %s: %r" % (method, path, r))
        return r

    def test_mapped_answers_match_the_document(self):
        doc = request(self.gw.port, "GET", "/openapi.json")
        self.assertEqual(doc.status, 200)
        document = doc.json()
        doc_path = os.path.join(self.tmp.name, "openapi.json")
        with open(doc_path, "wb") as f:
            f.write(doc.body)
        # The provider is named like the built-in ones.
        self.assertIn("mapped", json.dumps(document["components"]["schemas"]))

        by_id = "/v1/customers/{customer_id}/profile"
        for key in (WOO, SHOPIFY, AS_MAPPING["django"]):
            self.call("GET", "/v1/capabilities", "/v1/capabilities", key, status=200)
        self.call("GET", JOHN, by_id, WOO, status=200)
        self.call("PATCH", JOHN, by_id, WOO, body={"first_name": "Johnny", "gender": "female"}, status=200)
        self.call("PATCH", JOHN, by_id, WOO, body={"email": "john..doe@example.com"}, status=422)
        self.call("PATCH", JOHN, by_id, WOO, body={"gender": "unspecified"}, status=422)
        self.call("PATCH", JOHN, by_id, WOO, body={"username": "x"}, status=422)
        self.call("GET", "/v1/customers/99/profile", by_id, WOO, status=404)
        self.call("GET", "/v1/profile", "/v1/profile", WOO, token="t", status=404)
        self.call("POST", VERIFY, VERIFY, WOO, body={"verification_id": "x", "code": "1"}, status=404)
        self.call("GET", BOB, by_id, SHOPIFY, status=200)
        self.call("PATCH", BOB, by_id, SHOPIFY, body={"address": {"city": "Lexington"}}, status=200)
        self.call("PATCH", ANA, by_id, SHOPIFY, body={"phone": "+16136120707"}, status=422)
        self.mocks.control("shopify", "POST", "fault", {"mode": "500", "count": 2})
        self.call("GET", BOB, by_id, SHOPIFY, status=502)
        self.mocks.control("shopify", "POST", "fault", {"mode": "429", "count": 1})
        self.call("GET", BOB, by_id, SHOPIFY, status=429)
        self.call("GET", "/v1/profile", "/v1/profile", AS_MAPPING["django"], token=TOKENS["django"], status=200)
        self.call("GET", "/v1/profile", "/v1/profile", AS_MAPPING["django"], token="bad", status=401)

        records = os.path.join(self.tmp.name, "mapped-responses.jsonl")
        with open(records, "w") as f:
            for rec in self.records:
                f.write(json.dumps(rec) + "\n")
        result = run_node("check_responses.mjs", doc_path, records)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)


class InvalidMappingTest(MappedCase):
    BROKEN = {"addressing": "id", "read": {"path": "/c/{id}"}, "update": {"path": "/c/{id}"},
              "fields": {"email": "email", "gender": {"pointer": "/g", "values": {"male": "m", "female": "m"}},
                         "birth_date": {"pointer": "/dob", "convert": "unix"}}}

    def test_admin_api_refuses_with_paths_and_changes_nothing(self):
        tenant = example_tenant("woocommerce", self.mocks.url("woo"))
        tenant["id"] = "woo-broken"
        tenant["api_keys"] = [sha256_key("woo-broken-key")]
        tenant["mapping"] = self.BROKEN
        with open(self.gw.config_path, "rb") as f:
            before = f.read()
        doc = self.assertProblem(self.admin("PUT", "/admin/tenants/woo-broken", tenant), 422, "validation_failed")
        by_field = {e["field"]: e["message"] for e in doc["errors"]}
        self.assertEqual(by_field["mapping.fields.gender.values"], 'not one-to-one ("m" appears twice)')
        self.assertIn("bad pointer", by_field["mapping.fields.email"])
        self.assertIn('unknown conversion "unix"', by_field["mapping.fields.birth_date.convert"])
        with open(self.gw.config_path, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertProblem(self.gw.get(JOHN, key="woo-broken-key"), 401, "invalid_api_key")

    def test_check_config_refuses_with_paths(self):
        workdir = tempfile.mkdtemp(dir=self.tmp.name)
        tenant = example_tenant("woocommerce", self.mocks.url("woo"))
        cfg = {"tenants": [tenant]}
        path = os.path.join(workdir, "good.json")
        with open(path, "w") as f:
            json.dump(cfg, f)
        env = dict(os.environ, **ENV)
        ok = subprocess.run([PROFILEGW_BIN, "--config", path, "--check-config"], capture_output=True, text=True,
                            env=env, timeout=30)
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)

        broken = copy.deepcopy(cfg)
        broken["tenants"][0]["mapping"] = self.BROKEN
        path = os.path.join(workdir, "broken.json")
        with open(path, "w") as f:
            json.dump(broken, f)
        bad = subprocess.run([PROFILEGW_BIN, "--config", path, "--check-config"], capture_output=True, text=True,
                             env=env, timeout=30)
        self.assertEqual(bad.returncode, 2, bad.stdout + bad.stderr)
        self.assertIn('tenants[0].mapping.fields.gender.values: not one-to-one ("m" appears twice)', bad.stdout)
        self.assertIn("tenants[0].mapping.fields.email: bad pointer", bad.stdout)
        self.assertIn('tenants[0].mapping.fields.birth_date.convert: unknown conversion "unix"', bad.stdout)


def _set(tenant, dotted, value):
    """tenant with `value` at the dotted path (created on the way); None deletes the member."""
    node = tenant
    *parents, last = dotted.split(".")
    for k in parents:
        node = node.setdefault(k, {})
    if value is None:
        node.pop(last, None)
    else:
        node[last] = value


# One broken thing each, in the WooCommerce example; the problem each must be reported with (the
# path inside the tenant, or the paths when the one mistake breaks several values, and the message). --check-config prefixes "tenants[i]."; the admin API
# gives the path as errors[].field.
BROKEN_MAPPINGS = [
    ("bad pointer, no leading slash", "mapping.fields.email", "email",
     "mapping.fields.email", 'bad pointer "email": expected a JSON Pointer starting with \'/\' (RFC 6901), '
     'like "/billing/phone"'),
    ("bad pointer, bad escape", "mapping.fields.phone", {"pointer": "/billing/~2phone", "convert": "phone"},
     "mapping.fields.phone.pointer",
     'bad pointer "/billing/~2phone": \'~\' must be followed by 0 (for \'~\') or 1 (for \'/\') (RFC 6901)'),
    ("bad pointer, past the end", "mapping.fields.address.city", "/billing/-",
     "mapping.fields.address.city",
     'bad pointer "/billing/-": \'-\' (the element after the last) names no value that can be read or written'),
    ("bad pointer, record envelope", "mapping.response", {"record": "customer"},
     "mapping.response.record", 'bad pointer "customer": expected a JSON Pointer starting with \'/\' (RFC 6901), '
     'like "/billing/phone"'),
    ("unknown conversion", "mapping.fields.birth_date.convert", "unix",
     "mapping.fields.birth_date.convert",
     'unknown conversion "unix" (known: string, integer, date, datetime, phone, phone_split)'),
    ("conversion on the wrong field", "mapping.fields.email", {"pointer": "/email", "convert": "date"},
     "mapping.fields.email.convert", 'conversion "date" applies to birth_date only'),
    ("bad date layout", "mapping.fields.birth_date.date_format", "DD/MM/YY",
     "mapping.fields.birth_date.date_format", 'unknown token at "YY" (use YYYY, MM, DD and separators)'),
    ("always-sent field with no source", "mapping.update.always_send", ["national_id"],
     "mapping.update.always_send[0]",
     '"national_id" has no source: map it in mapping.fields with a write location'),
    ("required field that cannot be written", "mapping.fields.avatar_url",
     {"read": "/avatar_url", "required": True},
     "mapping.fields.avatar_url.required", "has no source to send: the field has no write location"),
    ("required field with no location", "mapping.fields.national_id", {"required": True},
     "mapping.fields.national_id", 'has no source: give "pointer", "read" or "write"'),
    ("enum not one-to-one", "mapping.fields.gender.values", {"male": "m", "female": "m"},
     "mapping.fields.gender.values", 'not one-to-one ("m" appears twice)'),
    ("enum with a value the unified API lacks", "mapping.fields.gender.values", {"male": "m", "other": "o"},
     "mapping.fields.gender.values.other", '"other" is not a unified gender (male, female, unspecified)'),
    ("id route without {id}", "mapping.read.path", "/wp-json/wc/v3/customers/me",
     "mapping.read.path", 'must contain {id}: with addressing "id" the path says which customer'),
    ("two fields write one member", "mapping.fields.last_name", "/first_name",
     "mapping.fields.last_name", 'writes "/first_name", which mapping.fields.first_name writes too'),
    ("unknown unified field", "mapping.fields.nickname", "/nickname",
     "mapping.fields.nickname", 'unknown unified field "nickname" (known: id, username, first_name, middle_name, '
     'last_name, full_name, email, phone, gender, birth_date, avatar_url, language, national_id, address.line1, '
     'address.postal_code, address.city, address.state, address.country, profile_completed)'),
    ("error codes with nowhere to find them", "mapping.errors.code", None,  # each list of codes is wrong
     ["mapping.errors.not_found.codes", "mapping.errors.validation.codes", "mapping.errors.gateway_credentials.codes"],
     "codes need errors.code: where the backend's error code is"),
    ("an HTTP status claimed twice", "mapping.errors.not_found", {"statuses": [401]},
     "mapping.errors.gateway_credentials.statuses[0]", "401 is claimed twice (also by errors.not_found)"),
    ("unknown update mode", "mapping.update.update_mode", "merge",
     "mapping.update.update_mode", 'unknown value "merge"; expected one of "patch", "put"'),
    ("no mapping at all", "mapping", None, "mapping", 'required for provider "mapped"'),
]


def paths(where):
    return where if isinstance(where, list) else [where]


class InvalidMappingTableTest(MappedCase):
    """Each kind of broken mapping, refused with its exact path and message by --check-config and by
    PUT /admin/tenants/{id} (which then changes nothing)."""

    def broken(self, index, dotted, value):
        tenant = example_tenant("woocommerce", self.mocks.url("woo"))
        tenant["id"] = "broken-%d" % index
        tenant["api_keys"] = [sha256_key("broken-key-%d" % index)]
        _set(tenant, dotted, copy.deepcopy(value))
        return tenant

    def test_check_config(self):
        tenants = [self.broken(i, dotted, value) for i, (_, dotted, value, _, _) in enumerate(BROKEN_MAPPINGS)]
        workdir = tempfile.mkdtemp(dir=self.tmp.name)
        path = os.path.join(workdir, "broken.json")
        with open(path, "w") as f:
            json.dump({"tenants": tenants}, f)
        out = subprocess.run([PROFILEGW_BIN, "--config", path, "--check-config"], capture_output=True, text=True,
                             env=dict(os.environ, **ENV), timeout=30)
        self.assertEqual(out.returncode, 2, out.stdout + out.stderr)
        lines = [l for l in out.stdout.splitlines() if l.startswith("tenants[")]
        for i, (what, _, _, where, message) in enumerate(BROKEN_MAPPINGS):
            with self.subTest(what=what):
                # What is broken, and nothing else, is reported for that tenant.
                mine = [l for l in lines if l.startswith("tenants[%d]." % i)]
                self.assertEqual(mine, ["tenants[%d].%s: %s" % (i, w, message) for w in paths(where)], out.stdout)

    def test_admin_api(self):
        with open(self.gw.config_path, "rb") as f:
            before = f.read()
        for i, (what, dotted, value, where, message) in enumerate(BROKEN_MAPPINGS):
            with self.subTest(what=what):
                tenant = self.broken(i, dotted, value)
                doc = self.assertProblem(self.admin("PUT", "/admin/tenants/" + tenant["id"], tenant), 422,
                                         "validation_failed")
                self.assertEqual([(e["field"], e["message"]) for e in doc["errors"]],
                                 [(w, message) for w in paths(where)])
                self.assertProblem(self.gw.get(JOHN, key="broken-key-%d" % i), 401, "invalid_api_key")
        with open(self.gw.config_path, "rb") as f:
            self.assertEqual(f.read(), before)
        # A broken mapping sent to replace a working tenant leaves the working one in force.
        tenant = self.broken(0, "mapping.fields.gender.values", {"male": "m", "female": "m"})
        tenant["id"] = "woo-store"
        tenant["api_keys"] = example_tenant("woocommerce", "http://x")["api_keys"]
        self.assertProblem(self.admin("PUT", "/admin/tenants/woo-store", tenant), 422, "validation_failed")
        self.assertEqual(self.gw.get(JOHN, key=WOO).status, 200)


if __name__ == "__main__":
    unittest.main()
