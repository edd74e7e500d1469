"""No secret and no profile value in any log line, at the chattiest levels (debug and trace, text and
JSON): every kind of request is made (reads and writes for all five providers, Digest, the salla
one-time-code flow, every class of error, protocol errors, admin calls, a reload with a bad config),
then the whole log is searched for every API key, customer token, password, admin token,
verification key, verification id, one-time code and profile value that was used."""
import hashlib
import json
import re
import signal
import tempfile
import time
import unittest

from harness import TOKENS, VERIFICATION_KEY, Gateway, Mocks, demo_tenants, tenant
from security_support import exchange

ADMIN_TOKEN = "admin-secret-token"
OTP = "739146"
KEYS = ["django-key", "shop-key", "v1rest-key", "partner-key", "salla-key"]
# Values the requests below write; the mocks' seed values they read (mocks/README.md).
WRITTEN = ["Zelda", "Quixote", "zelda.new@example.com", "+966509998877", "509998877", "grace.new@example.com",
           "1977-07-07", "Mulholland Drive", "90210", "Hollywood", "98765432101", "Middlename"]
READ = ["John Doe", "john.doe@example.com", "+966500000000", "500000000", "behrooz3500", "09308744204",
        "behrooz21@hotmail.com", "customer@example.com", "456 Oak Avenue", "54321", "Los Angeles",
        "john.due@example.com", "+905071112233", "12345677938", "Grace", "Hopper", "grace@example.com",
        "501234567", "1985-12-09", "1990-01-01"]


class LogSecretsCase(unittest.TestCase):
    level = "debug"
    log_format = "json"

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-sec-log-")
        cls.mocks = Mocks(cls.tmp.name, ("--otp-code", OTP))
        try:
            tenants = demo_tenants(cls.mocks) + [
                tenant("t-bearer-svc", "partner", cls.mocks.url("partner"), "bearer-svc-key",
                       upstream={"headers": {"x-client-id": "web", "X-Partner-Secret": "fixed-header-secret-42"}},
                       service_auth={"type": "digest", "username": "gw", "password": "partner-secret"})]
            cls.gw = Gateway(cls.tmp.name, tenants, admin=True, log_format=cls.log_format, log_level=cls.level)
        except Exception:
            cls.mocks.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.mocks.stop()
        cls.tmp.cleanup()

    def exercise(self):
        gw, t = self.gw, TOKENS
        secrets = set(KEYS) | {t[k] for k in t} | {"partner-secret", ADMIN_TOKEN, VERIFICATION_KEY, OTP,
                                                    "fixed-header-secret-42", "wrong-key-0xdeadbeef",
                                                    "wrong-token-0xfeedface", "wrong-admin-token-0xabc"}
        # Reads and writes, every provider.
        gw.get("/v1/profile", key="django-key", token=t["django"])
        gw.patch("/v1/profile", {"first_name": "Zelda", "last_name": "Quixote", "birth_date": "1977-07-07"},
                 key="django-key", token=t["django"])
        gw.patch("/v1/profile", {"email": "zelda.new@example.com"}, key="django-key", token=t["django"])
        gw.get("/v1/profile", key="shop-key", token=t["shop"])
        gw.patch("/v1/profile", {"first_name": "Zelda"}, key="shop-key", token=t["shop"])
        gw.get("/v1/customers/123/profile", key="v1rest-key", token=t["v1rest"])
        gw.patch("/v1/customers/123/profile", {"address": {"line1": "Mulholland Drive", "postal_code": "90210",
                                                           "city": "Hollywood"}}, key="v1rest-key", token=t["v1rest"])
        gw.get("/v1/customers/MTD0018232/profile", key="partner-key")
        gw.patch("/v1/customers/MTD0018232/profile", {"national_id": "98765432101", "middle_name": "Middlename"},
                 key="partner-key")
        gw.get("/v1/customers/MTD0018232/profile", key="bearer-svc-key")
        # salla: the one-time-code flow, a wrong code, then the right one.
        gw.get("/v1/profile", key="salla-key", token=t["salla"])
        r = gw.patch("/v1/profile", {"phone": "+966509998877"}, key="salla-key", token=t["salla"])
        self.assertEqual(r.status, 202, r)
        vid = r.json()["verification_id"]
        secrets.add(vid)
        secrets.add(vid.split(".")[1])  # the payload alone, which carries the new number
        self.assertEqual(gw.call("POST", "/v1/profile/verification", body={"verification_id": vid, "code": "000000"},
                                 key="salla-key", token=t["salla"]).status, 422)
        r = gw.call("POST", "/v1/profile/verification", body={"verification_id": vid, "code": OTP},
                    key="salla-key", token=t["salla"])
        self.assertEqual(r.status, 200, r)
        r = gw.patch("/v1/profile", {"email": "grace.new@example.com"}, key="salla-key", token=t["salla"])
        self.assertEqual(r.status, 202, r)
        secrets.add(r.json()["verification_id"])
        # Errors of every class.
        gw.get("/v1/profile", key="wrong-key-0xdeadbeef", token="wrong-token-0xfeedface")
        gw.get("/v1/profile", key="django-key", token="wrong-token-0xfeedface")
        gw.get("/v1/profile", key="django-key")
        gw.patch("/v1/profile", {"gender": "unspecified", "first_name": "Zelda"}, key="shop-key", token=t["shop"])
        gw.patch("/v1/profile", {"email": "not-an-email-zelda"}, key="django-key", token=t["django"])
        gw.call("PATCH", "/v1/profile", raw_body=b'{"first_name": "Zelda"', key="django-key", token=t["django"],
                headers={"Content-Type": "application/json"})
        gw.call("PATCH", "/v1/profile", raw_body=b"first_name=Zelda", key="django-key", token=t["django"],
                headers={"Content-Type": "application/x-www-form-urlencoded"})
        gw.patch("/v1/customers/124/profile", {"first_name": "Zelda"}, key="v1rest-key", token=t["v1rest"])
        gw.patch("/v1/customers/MTD0018232/profile", {"first_name": "Ze"}, key="partner-key")
        self.mocks.control("django", "POST", "fault", {"mode": "500", "count": 1})
        gw.get("/v1/profile", key="django-key", token=t["django"])
        self.mocks.control("shop", "POST", "fault", {"mode": "non_json", "count": 1})
        gw.get("/v1/profile", key="shop-key", token=t["shop"])
        gw.get("/v1/profile", key="django-key", token=t["django"], headers={"X-Mock-Fault": "429"})
        # Protocol errors.
        exchange(gw.port, "GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\n"
                          "Authorization: Bearer django-token-alice\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        exchange(gw.port, "GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: django-key\r\nX-Api-Key: shop-key\r\n\r\n")
        exchange(gw.port, "GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Pad: %s\r\nX-Api-Key: django-key\r\n\r\n" % ("p" * 20000))
        # Admin API: reads, a change with a secret, wrong tokens.
        gw.admin("GET", "/admin/tenants")
        gw.admin("GET", "/admin/tenants/t-partner")
        gw.admin("GET", "/admin/tenants", token="wrong-admin-token-0xabc")
        new = tenant("t-new", "partner", self.mocks.url("partner"), "brand-new-key-0x5150",
                     upstream={"headers": {"x-client-id": "web"}},
                     service_auth={"type": "digest", "username": "gw", "password": "new-partner-password-0x77"})
        secrets |= {"brand-new-key-0x5150", "new-partner-password-0x77"}
        gw.admin("PUT", "/admin/tenants/t-new", body=new)
        bad = dict(new, api_keys=["sha256:zz"], service_auth={"type": "digest", "username": "gw",
                                                              "password": "bad-change-password-0x99"})
        secrets.add("bad-change-password-0x99")
        gw.admin("PUT", "/admin/tenants/t-bad", body=bad)
        gw.get("/v1/customers/MTD0018232/profile", key="brand-new-key-0x5150")
        # A reload whose config is refused, with secrets in it.
        cfg = json.loads(json.dumps(gw.config))
        cfg["tenants"][0]["service_auth"] = {"type": "bearer", "token": "refused-reload-token-0x31"}
        cfg["tenants"][0]["upstream"]["base_url"] = "not a url"
        secrets.add("refused-reload-token-0x31")
        gw.write_config(cfg)
        gw.signal(signal.SIGHUP)
        time.sleep(1.0)
        return secrets

    def test_no_secret_or_profile_value_in_log(self):
        secrets = self.exercise()
        time.sleep(0.3)
        log = self.gw.read_log()
        self.assertIn("access", log)
        self.assertGreater(log.count("\n"), 30, log[-2000:])
        # Generated request ids are random hex followed by a zero-padded counter: "...5" + "00000000..."
        # holds the digits of a phone number without being one. They are masked for the value search
        # (not for the hash search below: a hash is hex too).
        values_log = re.sub(r'(request_id":"|request_id=)[0-9a-f]{32}', r"\1<id>", log)
        for value in sorted(secrets) + WRITTEN + READ:
            with self.subTest(value=value[:40]):
                self.assertNotIn(value, values_log)
        # Hashes of the customer credentials are no better than the credentials to an observer.
        for token in TOKENS.values():
            self.assertNotIn(hashlib.sha256(token.encode()).hexdigest(), log)
        if self.log_format == "json":
            for line in log.splitlines():
                if line.startswith("{"):
                    json.loads(line)  # one JSON object per line, even for hostile input


class DebugJsonLogTest(LogSecretsCase):
    level = "debug"
    log_format = "json"


class TraceTextLogTest(LogSecretsCase):
    level = "trace"
    log_format = "text"


del LogSecretsCase  # only the concrete levels run

if __name__ == "__main__":
    unittest.main()
