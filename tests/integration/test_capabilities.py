"""GET /v1/capabilities for every provider: what CONTRACT.md section 5 and the adapters promise per
unified field (readable, writable, requires_verification, nullable, constraints) and which route
addresses the customer; and that the gateway behaves as its capabilities say (a field that is not
readable reads as null, a field that is not writable is 422 unsupported_field)."""
import unittest

from harness import TOKENS, GatewayTestCase

FIELDS = ["username", "first_name", "middle_name", "last_name", "full_name", "email", "phone", "gender",
          "birth_date", "avatar_url", "language", "national_id"]
ADDRESS = ["address.line1", "address.postal_code", "address.city", "address.state", "address.country"]
ALL_KEYS = ["id", "provider"] + FIELDS + ["address"] + ADDRESS + ["profile_completed", "extra"]
ALWAYS_READ_ONLY = {"id", "provider", "profile_completed", "extra"}

EXPECTED = {
    "django": {
        "addressing": "token", "customer_auth": "Bearer", "verification": None,
        "readable": {"first_name", "last_name", "full_name", "email", "phone", "gender", "birth_date", "avatar_url",
                     "language", "profile_completed"},
        "writable": {"first_name", "last_name", "full_name", "email", "gender", "birth_date", "language"},
        "enum": {"gender": ["male", "female", "unspecified"], "language": ["en", "ar"]},
        "not_nullable": {"first_name", "gender", "language"},
    },
    "shop": {
        "addressing": "token", "customer_auth": "Token", "verification": None,
        "readable": {"username", "first_name", "last_name", "full_name", "email", "phone", "gender", "avatar_url",
                     "profile_completed"},
        "writable": {"username", "first_name", "last_name", "gender", "avatar_url"},
        "enum": {"gender": ["male", "female"]},
        "max_length": {"username": 150, "first_name": 150, "last_name": 150},
        "not_nullable": {"username"},
    },
    "v1rest": {
        "addressing": "id", "customer_auth": "Bearer", "verification": None,
        "readable": {"first_name", "last_name", "full_name", "email", "birth_date", "address"} | set(ADDRESS),
        "writable": {"first_name", "last_name", "email", "birth_date", "address"} | set(ADDRESS),
        "max_length": {"address.line1": 30, "address.city": 50, "address.state": 50, "address.country": 30},
        "min_length": {"address.country": 4},
        "pattern": {"address.postal_code"},
        "not_nullable": {"email", "address"} | set(ADDRESS),
    },
    "partner": {
        "addressing": "id", "customer_auth": "none", "verification": None,
        "readable": {"first_name", "middle_name", "last_name", "full_name", "email", "phone", "gender", "birth_date",
                     "national_id"},
        "writable": {"first_name", "middle_name", "last_name", "email", "phone", "gender", "birth_date",
                     "national_id"},
        "enum": {"gender": ["male", "female"]},
        "min_length": {"first_name": 3, "middle_name": 3, "last_name": 3, "national_id": 3},
        "max_length": {"first_name": 40, "middle_name": 40, "last_name": 40},
        "not_nullable": {"first_name", "last_name", "phone", "national_id"},
    },
    "salla": {
        "addressing": "token", "customer_auth": "Bearer", "verification": "/v1/profile/verification",
        "readable": {"first_name", "last_name", "full_name", "email", "phone", "gender", "birth_date", "avatar_url"},
        "writable": {"first_name", "last_name", "email", "phone", "gender", "birth_date"},
        "requires_verification": {"email", "phone"},
        "enum": {"gender": ["male", "female"]},
        "not_nullable": {"first_name", "last_name", "email", "phone"},
    },
}

# Where each provider's demo customer is read and written.
TARGETS = {
    "django": ("/v1/profile", TOKENS["django"]),
    "shop": ("/v1/profile", TOKENS["shop"]),
    "v1rest": ("/v1/customers/123/profile", TOKENS["v1rest"]),
    "partner": ("/v1/customers/MTD0018232/profile", None),
    "salla": ("/v1/profile", TOKENS["salla"]),
}


def patch_body(field, value):
    if field.startswith("address."):
        return {"address": {field[len("address."):]: value}}
    if field == "address":
        return {"address": {}}
    return {field: value}


class CapabilitiesTest(GatewayTestCase):
    def capabilities(self, provider):
        r = self.gw.get("/v1/capabilities", key=provider + "-key")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("content-type"), "application/json")
        return r.json()

    def test_every_provider_lists_every_key(self):
        for provider in EXPECTED:
            with self.subTest(provider=provider):
                doc = self.capabilities(provider)
                self.assertEqual(doc["provider"], provider)
                self.assertEqual(doc["tenant"], "t-" + provider)
                self.assertEqual(list(doc["fields"]), ALL_KEYS)
                for key, cap in doc["fields"].items():
                    self.assertEqual(set(cap), {"readable", "writable", "requires_verification", "nullable",
                                                "constraints"}, key)

    def test_routes_and_auth(self):
        for provider, want in EXPECTED.items():
            with self.subTest(provider=provider):
                doc = self.capabilities(provider)
                self.assertEqual(doc["addressing"], want["addressing"])
                self.assertEqual(doc["routes"]["profile"],
                                 "/v1/profile" if want["addressing"] == "token" else
                                 "/v1/customers/{customer_id}/profile")
                self.assertEqual(doc["routes"]["verification"], want["verification"])
                self.assertEqual(doc["customer_auth"], want["customer_auth"])

    def test_fields_match_the_provider_table(self):
        for provider, want in EXPECTED.items():
            doc = self.capabilities(provider)
            for key in ALL_KEYS:
                with self.subTest(provider=provider, field=key):
                    cap = doc["fields"][key]
                    readable = key in want["readable"] or key in {"id", "provider", "extra"}
                    self.assertEqual(cap["readable"], readable)
                    self.assertEqual(cap["writable"], key in want["writable"])
                    self.assertEqual(cap["requires_verification"], key in want.get("requires_verification", set()))
                    if cap["writable"]:
                        self.assertEqual(cap["nullable"], key not in want.get("not_nullable", set()))
                    else:
                        self.assertFalse(cap["nullable"])
                    constraints = cap["constraints"]
                    if key in want.get("enum", {}):
                        self.assertEqual(constraints["enum"], want["enum"][key])
                    for bound in ("min_length", "max_length"):
                        if key in want.get(bound, {}):
                            self.assertEqual(constraints[bound], want[bound][key])
                    if key in want.get("pattern", set()):
                        self.assertIn("pattern", constraints)
                    if key == "birth_date" and cap["writable"]:
                        self.assertEqual(constraints["format"], "date")
                    if key == "email" and cap["writable"]:
                        self.assertEqual(constraints["format"], "email")

    def test_unreadable_fields_read_as_null(self):
        for provider, want in EXPECTED.items():
            path, token = TARGETS[provider]
            profile = self.gw.get(path, key=provider + "-key", token=token)
            self.assertEqual(profile.status, 200, profile)
            doc = profile.json()
            caps = self.capabilities(provider)["fields"]
            for key in FIELDS + ["address", "profile_completed"]:
                with self.subTest(provider=provider, field=key):
                    if not caps[key]["readable"]:
                        self.assertIsNone(doc[key])
            for key in ADDRESS:
                if doc["address"] is not None:
                    self.assertTrue(caps[key]["readable"], key)

    def test_fields_that_are_not_writable_are_unsupported_field(self):
        for provider in EXPECTED:
            path, token = TARGETS[provider]
            caps = self.capabilities(provider)["fields"]
            for key in FIELDS + ADDRESS + sorted(ALWAYS_READ_ONLY):
                if caps[key]["writable"]:
                    continue
                with self.subTest(provider=provider, field=key):
                    before = self.mocks.stats(provider)["requests"]
                    r = self.gw.patch(path, patch_body(key, "x"), key=provider + "-key", token=token)
                    doc = self.assertProblem(r, 422, "unsupported_field")
                    self.assertEqual(doc["errors"][0]["field"], key)
                    self.assertEqual(self.mocks.stats(provider)["requests"], before, "no upstream call")

    def test_null_where_not_nullable_is_refused_before_any_call(self):
        for provider in EXPECTED:
            path, token = TARGETS[provider]
            caps = self.capabilities(provider)["fields"]
            for key in FIELDS + ADDRESS:
                if not caps[key]["writable"] or caps[key]["nullable"]:
                    continue
                with self.subTest(provider=provider, field=key):
                    before = self.mocks.stats(provider)["requests"]
                    r = self.gw.patch(path, patch_body(key, None), key=provider + "-key", token=token)
                    self.assertEqual(r.status, 422, r)
                    self.assertEqual(self.mocks.stats(provider)["requests"], before, "no upstream call")


if __name__ == "__main__":
    unittest.main()
