"""salla over real HTTP: the one-time-code flow for phone and e-mail (202 verification_required, then
POST /v1/profile/verification), signed verification ids that a forger, another tenant or another
customer cannot use (and that cost no upstream call when refused), the first/last name fill on
profile/update, If-Match against the freshly read record, and the id route refused."""
import base64
import json
import tempfile
import unittest

from harness import TOKENS, Gateway, GatewayTestCase, Mocks, demo_tenants, tenant

KEY = "salla-key"
KEY_B = "salla-b-key"
GRACE = TOKENS["salla"]         # customer 1001, phone +966 501234567
HEIDI = TOKENS["salla_heidi"]   # customer 1002
PROFILE_UPDATE = "POST /store/v1/profile/update"
CONTACTS_UPDATE = "POST /store/v1/profile/contacts/update"
VERIFY = "POST /store/v1/profile/verify"


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SallaTest(GatewayTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-it-")
        cls.mocks = Mocks(cls.tmp.name)
        # A second salla tenant on the same backend: same gateway, same verification key.
        tenants = demo_tenants(cls.mocks) + [
            tenant("t-salla-b", "salla", cls.mocks.url("salla"), KEY_B,
                   upstream={"headers": {"Store-Identifier": "other-store"}})]
        try:
            cls.gw = Gateway(cls.tmp.name, tenants)
        except Exception:
            cls.mocks.stop()
            raise

    def stats(self):
        return self.mocks.stats("salla")

    def calls(self, request_line):
        return self.stats()["by_request"].get(request_line, 0)

    def sent(self):
        sent = self.mocks.last_request("salla")
        return sent, json.loads(sent["body"]) if sent["body"] else None

    def read(self, token=GRACE, key=KEY):
        r = self.gw.get("/v1/profile", key=key, token=token)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def verify(self, verification_id, code, token=GRACE, key=KEY):
        return self.gw.call("POST", "/v1/profile/verification", body={"verification_id": verification_id, "code": code},
                            key=key, token=token)

    def start_change(self, patch, token=GRACE, key=KEY):
        r = self.gw.patch("/v1/profile", patch, key=key, token=token)
        self.assertEqual(r.status, 202, r)
        doc = r.json()
        self.assertEqual(doc["status"], "verification_required")
        self.assertTrue(doc["verification_id"])
        return doc

    # --- reads ---

    def test_read_profile(self):
        r = self.gw.get("/v1/profile", key=KEY, token=GRACE)
        self.assertEqual(r.status, 200, r)
        doc = r.json()
        self.assertEqual(doc["id"], "1001")
        self.assertEqual(doc["provider"], "salla")
        self.assertEqual(doc["first_name"], "Grace")
        self.assertEqual(doc["last_name"], "Hopper")
        self.assertEqual(doc["full_name"], "Grace Hopper")
        self.assertEqual(doc["email"], "grace@example.com")
        self.assertEqual(doc["phone"], "+966501234567")
        self.assertEqual(doc["gender"], "female")
        self.assertEqual(doc["birth_date"], "1985-12-09")
        self.assertEqual(doc["avatar_url"], "https://cdn.salla.example/avatars/1001.png")
        self.assertTrue(r.header("etag"))
        sent, _ = self.sent()
        self.assertEqual((sent["method"], sent["target"]), ("GET", "/store/v1/auth/user"))
        headers = {k.lower(): v for k, v in sent["headers"]}
        self.assertEqual(headers["store-identifier"], "demo-store")
        self.assertEqual(headers["authorization"], "Bearer " + GRACE)
        self.assertEqual(self.read(HEIDI)["phone"], "+971501112222")

    def test_id_route_not_supported(self):
        for method, body in (("GET", None), ("PATCH", {"first_name": "Ada"})):
            r = self.gw.call(method, "/v1/customers/1001/profile", body=body, key=KEY, token=GRACE)
            doc = self.assertProblem(r, 404, "route_not_supported")
            self.assertIn("/v1/profile", doc["detail"])
        self.assertEqual(self.stats()["requests"], 0)

    def test_customer_credential(self):
        self.assertProblem(self.gw.get("/v1/profile", key=KEY), 401, "customer_unauthorized")
        self.assertEqual(self.stats()["requests"], 0)
        self.assertProblem(self.gw.get("/v1/profile", key=KEY, token="stolen"), 401, "customer_unauthorized")

    # --- profile/update ---

    def test_profile_update_fills_first_and_last(self):
        r = self.gw.patch("/v1/profile", {"first_name": "Amazing"}, key=KEY, token=GRACE)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["full_name"], "Amazing Hopper")
        sent, body = self.sent()
        self.assertEqual((sent["method"], sent["target"]), ("POST", "/store/v1/profile/update"))
        self.assertEqual(body, {"first_name": "Amazing", "last_name": "Hopper"})

        r = self.gw.patch("/v1/profile", {"birth_date": "1986-01-02", "gender": "male"}, key=KEY, token=GRACE)
        self.assertEqual(r.status, 200, r)
        _, body = self.sent()
        self.assertEqual(body, {"first_name": "Amazing", "last_name": "Hopper", "birthday": "1986-01-02",
                                "gender": "male"})
        doc = self.read()
        self.assertEqual((doc["birth_date"], doc["gender"]), ("1986-01-02", "male"))
        self.assertEqual(self.calls(CONTACTS_UPDATE), 0)

    def test_both_names_given_need_no_read(self):
        r = self.gw.patch("/v1/profile", {"first_name": "Ada", "last_name": "Lovelace"}, key=KEY, token=GRACE)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["full_name"], "Ada Lovelace")
        self.assertEqual(self.calls(PROFILE_UPDATE), 1)

    def test_gateway_rules_before_any_call(self):
        for patch, status, code in (({"gender": "unspecified"}, 422, "unsupported_value"),
                                    ({"phone": None}, 422, "unsupported_value"),
                                    ({"email": None}, 422, "unsupported_value"),
                                    ({"email": "a@example.com", "phone": "+966509998877"}, 422, "validation_failed"),
                                    ({"birth_date": "09-12-1985"}, 422, "validation_failed"),
                                    ({"phone": "0509998877"}, 422, "validation_failed"),
                                    ({"avatar_url": "https://x.example/a.png"}, 422, "unsupported_field"),
                                    ({"national_id": "123"}, 422, "unsupported_field"),
                                    ({"first_name": 7}, 400, "malformed_request")):
            with self.subTest(patch=patch):
                self.assertProblem(self.gw.patch("/v1/profile", patch, key=KEY, token=GRACE), status, code)
        self.assertEqual(self.stats()["requests"], 0)

    def test_backend_validation_maps_to_unified_field(self):
        # Blank after the backend trims it: salla's 422 names first_name, which is first_name here too.
        r = self.gw.patch("/v1/profile", {"first_name": "   "}, key=KEY, token=GRACE)
        doc = self.assertProblem(r, 422, "validation_failed")
        self.assertIn("first_name", [e["field"] for e in doc["errors"]], doc)

    # --- contact changes with a one-time code ---

    def test_phone_change_flow(self):
        doc = self.start_change({"phone": "+966509998877"})
        self.assertEqual(doc["fields"], ["phone"])
        self.assertEqual(doc["profile"]["phone"], "+966501234567")  # not changed until verified
        self.assertEqual(self.calls(CONTACTS_UPDATE), 1)
        self.assertEqual(self.calls(PROFILE_UPDATE), 0)
        vid = doc["verification_id"]

        wrong = self.verify(vid, "0000")
        self.assertProblem(wrong, 422, "invalid_verification_code")
        self.assertEqual(self.read()["phone"], "+966501234567")

        right = self.verify(vid, "1234")
        self.assertEqual(right.status, 200, right)
        self.assertEqual(right.json()["phone"], "+966509998877")
        self.assertTrue(right.header("etag"))
        self.assertEqual(self.calls(VERIFY), 2)  # the wrong code and the right one
        self.assertEqual(self.read()["phone"], "+966509998877")

        # The backend applied the change once; the same id with the same code is now refused by it.
        self.assertProblem(self.verify(vid, "1234"), 422, "invalid_verification_code")

    def test_contacts_request_body(self):
        # An injected 500 on the contacts call leaves it as the backend's last request.
        self.mocks.control("salla", "POST", "fault", {"mode": "500", "count": 1})
        self.assertProblem(self.gw.patch("/v1/profile", {"phone": "+966509998877"}, key=KEY, token=GRACE),
                           502, "upstream_error")
        sent, body = self.sent()
        self.assertEqual((sent["method"], sent["target"]), ("POST", "/store/v1/profile/contacts/update"))
        self.assertEqual(body, {"phone": "509998877", "country_code": "SA"})
        self.mocks.control("salla", "POST", "fault", {"mode": "500", "count": 1})
        self.gw.patch("/v1/profile", {"email": "g@example.com"}, key=KEY, token=GRACE)
        self.assertEqual(self.sent()[1], {"email": "g@example.com"})

    def test_verify_request_body(self):
        doc = self.start_change({"phone": "+971501119999"}, token=HEIDI)
        self.mocks.control("salla", "POST", "fault", {"mode": "500", "count": 1})
        # The verify call fails (injected 500): last-request then holds exactly what was sent.
        r = self.verify(doc["verification_id"], "1234", token=HEIDI)
        self.assertProblem(r, 502, "upstream_error")
        sent, body = self.sent()
        self.assertEqual((sent["method"], sent["target"]), ("POST", "/store/v1/profile/verify"))
        self.assertEqual(body, {"type": "mobile", "code": "1234", "phone": "501119999", "country_code": "AE"})

        doc = self.start_change({"email": "heidi.l@example.com"}, token=HEIDI)
        self.mocks.control("salla", "POST", "fault", {"mode": "500", "count": 1})
        self.verify(doc["verification_id"], "1234", token=HEIDI)
        _, body = self.sent()
        self.assertEqual(body, {"type": "email", "code": "1234", "email": "heidi.l@example.com"})

    def test_email_change_flow(self):
        doc = self.start_change({"email": "grace.hopper@example.com"})
        self.assertEqual(doc["fields"], ["email"])
        self.assertEqual(doc["profile"]["email"], "grace@example.com")
        self.assertEqual(self.calls(CONTACTS_UPDATE), 1)
        self.assertProblem(self.verify(doc["verification_id"], "9999"), 422, "invalid_verification_code")
        right = self.verify(doc["verification_id"], "1234")
        self.assertEqual(right.status, 200, right)
        self.assertEqual(right.json()["email"], "grace.hopper@example.com")
        self.assertEqual(self.read()["email"], "grace.hopper@example.com")

    def test_names_and_phone_together(self):
        doc = self.start_change({"first_name": "Amazing", "phone": "+966509998877"})
        self.assertEqual(doc["fields"], ["phone"])
        # profile/update first (names take effect at once), then the contact change awaits its code.
        self.assertEqual(doc["profile"]["first_name"], "Amazing")
        self.assertEqual(doc["profile"]["phone"], "+966501234567")
        self.assertEqual(self.calls(PROFILE_UPDATE), 1)
        self.assertEqual(self.calls(CONTACTS_UPDATE), 1)
        self.assertEqual(self.verify(doc["verification_id"], "1234").json()["phone"], "+966509998877")

    def test_verification_body_rules(self):
        doc = self.start_change({"phone": "+966509998877"})
        before = self.stats()["requests"]
        for body in ({"verification_id": doc["verification_id"]}, {"code": "1234"},
                     {"verification_id": doc["verification_id"], "code": 1234},
                     {"verification_id": doc["verification_id"], "code": "1234", "extra": 1}):
            with self.subTest(body=body):
                r = self.gw.call("POST", "/v1/profile/verification", body=body, key=KEY, token=GRACE)
                self.assertProblem(r, 400, "malformed_request")
        r = self.gw.call("POST", "/v1/profile/verification", raw_body=b"verification_id=x&code=1", key=KEY,
                         token=GRACE, headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertProblem(r, 415, "unsupported_media_type")
        self.assertEqual(self.stats()["requests"], before)

    # --- verification ids that must not work ---

    def test_forged_and_tampered_ids_cost_no_call(self):
        doc = self.start_change({"phone": "+966509998877"})
        vid = doc["verification_id"]
        parts = vid.split(".")
        self.assertEqual(len(parts), 3, vid)
        payload = json.loads(b64url_decode(parts[1]))
        # Point the pending change at another number, keep the signature.
        payload = {k: ("+966500000001" if isinstance(v, str) and "509998877" in v else v) for k, v in payload.items()}
        tampered = ".".join([parts[0], b64url_encode(json.dumps(payload).encode()), parts[2]])
        flipped_sig = parts[2][:-2] + ("AA" if parts[2][-2:] != "AA" else "BB")
        forged = [tampered, ".".join([parts[0], parts[1], flipped_sig]), "v1.e30.AAAA", "not-a-token",
                  vid + "x", "v2." + ".".join(parts[1:])]
        before = self.stats()["requests"]
        for bad in forged:
            with self.subTest(verification_id=bad[:40]):
                r = self.verify(bad, "1234")
                self.assertProblem(r, 422, "invalid_verification_code")
        self.assertEqual(self.stats()["requests"], before)
        self.assertEqual(self.read()["phone"], "+966501234567")

    def test_id_bound_to_customer(self):
        doc = self.start_change({"phone": "+966509998877"})
        before = self.stats()["requests"]
        r = self.verify(doc["verification_id"], "1234", token=HEIDI)
        self.assertProblem(r, 422, "invalid_verification_code")
        self.assertEqual(self.stats()["requests"], before)
        self.assertEqual(self.read(HEIDI)["phone"], "+971501112222")

    def test_id_bound_to_tenant(self):
        doc = self.start_change({"phone": "+966509998877"})
        before = self.stats()["requests"]
        r = self.verify(doc["verification_id"], "1234", key=KEY_B)
        self.assertProblem(r, 422, "invalid_verification_code")
        self.assertEqual(self.stats()["requests"], before)
        # The tenant it was minted for still completes it.
        self.assertEqual(self.verify(doc["verification_id"], "1234").status, 200)
        # Tenant B mints its own ids, which tenant A refuses in turn.
        doc_b = self.start_change({"email": "grace.b@example.com"}, key=KEY_B)
        self.assertProblem(self.verify(doc_b["verification_id"], "1234", key=KEY), 422, "invalid_verification_code")
        self.assertEqual(self.verify(doc_b["verification_id"], "1234", key=KEY_B).status, 200)

    def test_verification_route_on_providers_without_it(self):
        for key, token in (("django-key", TOKENS["django"]), ("shop-key", TOKENS["shop"])):
            r = self.gw.call("POST", "/v1/profile/verification", body={"verification_id": "x", "code": "1"},
                             key=key, token=token)
            self.assertProblem(r, 404, "route_not_supported")

    # --- If-Match ---

    def test_if_match(self):
        etag = self.gw.get("/v1/profile", key=KEY, token=GRACE).header("etag")
        self.assertTrue(etag.startswith('"'), etag)
        r = self.gw.patch("/v1/profile", {"first_name": "Amazing"}, key=KEY, token=GRACE, headers={"If-Match": etag})
        self.assertEqual(r.status, 200, r)
        new_etag = r.header("etag")
        self.assertNotEqual(new_etag, etag)
        self.assertEqual(self.calls(PROFILE_UPDATE), 1)

        # Stale: checked against the record read just now, and nothing is written.
        r = self.gw.patch("/v1/profile", {"first_name": "Grace"}, key=KEY, token=GRACE, headers={"If-Match": etag})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.calls(PROFILE_UPDATE), 1)
        self.assertEqual(self.read()["first_name"], "Amazing")
        # Also for a contact change: no contacts/update when the precondition fails.
        r = self.gw.patch("/v1/profile", {"phone": "+966509998877"}, key=KEY, token=GRACE, headers={"If-Match": etag})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.calls(CONTACTS_UPDATE), 0)

        r = self.gw.patch("/v1/profile", {"last_name": "Hopper-Murray"}, key=KEY, token=GRACE,
                          headers={"If-Match": new_etag})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.gw.get("/v1/profile", key=KEY, token=GRACE).header("etag"), r.header("etag"))

    def test_if_match_sees_changes_made_elsewhere(self):
        etag = self.gw.get("/v1/profile", key=KEY, token=GRACE).header("etag")
        # Another client changes the record behind the gateway's back (straight to the backend).
        self.gw.patch("/v1/profile", {"last_name": "Changed"}, key=KEY_B, token=GRACE)
        r = self.gw.patch("/v1/profile", {"first_name": "Amazing"}, key=KEY, token=GRACE, headers={"If-Match": etag})
        self.assertProblem(r, 412, "precondition_failed")
        self.assertEqual(self.calls(PROFILE_UPDATE), 1)

    def test_backend_failures(self):
        # Every request, not just one: a GET may be retried once after a 503.
        self.mocks.control("salla", "POST", "fault", {"mode": "503"})
        try:
            self.assertProblem(self.gw.get("/v1/profile", key=KEY, token=GRACE), 502, "upstream_error")
        finally:
            self.mocks.control("salla", "DELETE", "fault")
        self.mocks.control("salla", "POST", "fault", {"mode": "429", "count": 1})
        r = self.gw.get("/v1/profile", key=KEY, token=GRACE)
        self.assertProblem(r, 429, "rate_limited")
        self.assertTrue(r.header("retry-after"))


if __name__ == "__main__":
    unittest.main()
