"""Digest against a server nobody here wrote: Apache httpd's mod_auth_digest (MD5, qop=auth, with
AuthDigestNcCheck on) guards partner envelopes (tests/peers/apache/run_apache.py). The gateway must
reuse the nonce with nc counting up, so 100 sequential reads cost at most one challenge per gateway
thread, and answer an expired nonce's stale=true challenge once."""
import os
import sys
import tempfile
import time
import unittest

from harness import SOURCE_DIR, Gateway, tenant

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "peers", "apache"))
from run_apache import PASSWORD, USERNAME, Apache, available  # noqa: E402

GATEWAY_THREADS = 2  # harness default: each thread keeps its own Digest state
PARTNER_HEADERS = {"api-version": "2", "x-client-id": "web", "Accept-Language": "tr"}


def partner_tenant(tid, base_url, key, password=PASSWORD):
    return tenant(tid, "partner", base_url, key, upstream={"headers": PARTNER_HEADERS},
                  service_auth={"type": "digest", "username": USERNAME, "password": password})


@unittest.skipUnless(available(), "Apache httpd (/usr/sbin/apache2) is not installed; scripts/bootstrap installs it")
class DigestApacheTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-apache-")
        cls.apache = Apache().start()  # its own directory: Apache's children must be able to enter it
        cls.short = None
        try:
            # A second Apache whose nonces expire after a second: the stale=true path.
            cls.short = Apache(nonce_lifetime=1).start()
            cls.gw = Gateway(cls.tmp.name, [
                partner_tenant("t-apache", cls.apache.base_url, "apache-key"),
                partner_tenant("t-apache-wrong", cls.apache.base_url, "apache-wrong-key", password="not-it"),
                partner_tenant("t-apache-short", cls.short.base_url, "apache-short-key"),
            ])
        except Exception:
            cls.apache.stop()
            if cls.short:
                cls.short.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.apache.stop()
        cls.short.stop()
        cls.tmp.cleanup()

    def read(self, customer_id, key="apache-key"):
        return self.gw.get("/v1/customers/%s/profile" % customer_id, key=key)

    def wait_for_log(self, apache, before, ok_count):
        """The access log from entry `before` on, once it shows `ok_count` 200s: Apache writes each
        line after its response, so the last ones may still be on their way."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            statuses = apache.statuses()[before:]
            if statuses.count(200) >= ok_count:
                break
            time.sleep(0.02)
        time.sleep(0.1)  # and anything logged just after
        return apache.statuses()[before:]

    def test_a_hundred_reads_reuse_the_nonce(self):
        before = len(self.apache.statuses())
        for i in range(100):
            r = self.read("MTD0018232" if i % 2 == 0 else "MTD0018233")
            self.assertEqual(r.status, 200, (i, r, self.apache.log_text()))
        doc = r.json()
        self.assertEqual(doc["id"], "MTD0018233")
        self.assertEqual(doc["full_name"], "Ayse Nur Yilmaz")
        self.assertEqual(doc["phone"], "+905321234567")
        statuses = self.wait_for_log(self.apache, before, 100)
        challenges = statuses.count(401)
        print("\nApache: %d requests for 100 reads, %d answered 401" % (len(statuses), challenges), file=sys.stderr)
        self.assertEqual(statuses.count(200), 100, statuses)
        self.assertLessEqual(challenges, GATEWAY_THREADS, statuses)
        self.assertEqual(len(statuses), 100 + challenges)
        # AuthDigestNcCheck is on: a repeated or reset nc would have been refused and logged.
        self.assertNotIn("nonce-count check failed", self.apache.error_log())

    def test_unknown_record(self):
        # Apache's own 404 (an HTML page, not an envelope) still means the record does not exist.
        r = self.read("MTD9999999")
        self.assertEqual(r.status, 404, r)
        self.assertEqual(r.json()["code"], "customer_not_found")

    def test_wrong_password_is_not_retried_forever(self):
        # A customer id no other test reads: only this test's requests are counted, whatever
        # earlier test's log line Apache writes late.
        customer = "MTD0000401"
        r = self.read(customer, key="apache-wrong-key")
        # The gateway's own credential, not the customer's: a backend failure, not a 401.
        self.assertEqual(r.status, 502, r)
        self.assertEqual(r.json()["code"], "upstream_error", r)
        deadline = time.monotonic() + 5
        while not self.apache.statuses(customer) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # any further refused call's line
        statuses = self.apache.statuses(customer)
        self.assertTrue(statuses and set(statuses) == {401}, statuses)
        self.assertLessEqual(len(statuses), 2, statuses)

    def test_expired_nonce_answered_once(self):
        before = len(self.short.statuses())
        self.assertEqual(self.read("MTD0018232", key="apache-short-key").status, 200)
        self.assertEqual(self.read("MTD0018232", key="apache-short-key").status, 200)
        time.sleep(2.2)  # past AuthDigestNonceLifetime 1: Apache now answers stale=true
        for _ in range(2):
            r = self.read("MTD0018232", key="apache-short-key")
            self.assertEqual(r.status, 200, (r, self.short.log_text()))
        statuses = self.wait_for_log(self.short, before, 4)
        print("\nApache, nonce lifetime 1 s: %s" % statuses, file=sys.stderr)
        self.assertEqual(statuses.count(200), 4, statuses)
        # At most one fresh challenge per thread at the start, and one stale challenge per thread after.
        self.assertLessEqual(statuses.count(401), 2 * GATEWAY_THREADS, statuses)


if __name__ == "__main__":
    unittest.main()
