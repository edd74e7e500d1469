"""TLS to upstreams, the cases test_tls_upstream.py leaves out: verification is on by default and
refuses a self-signed backend unless the tenant trusts that certificate through ca_file; an expired
certificate is refused even from a trusted CA; the name is checked for IP literals too (a valid
chain for "localhost" does not serve https://127.0.0.1); a certificate from another CA than the
tenant's is refused. A refused handshake sends no request (the backend counts none)."""
import http.client
import json
import os
import shutil
import ssl
import subprocess
import tempfile
import unittest

from harness import TOKENS, Gateway, Mocks, tenant

OPENSSL = shutil.which("openssl")
EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


def openssl(*args, cwd):
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=30)


def make_ca(d, name):
    openssl("req", "-x509", *EC, "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
            "-subj", "/CN=profilegw security test " + name,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)


def make_leaf(d, name, ca, san, days="2"):
    """A server certificate signed by `ca`; days "-1" makes one whose notAfter has passed."""
    with open(os.path.join(d, name + ".ext"), "w") as f:
        f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\n" % san)
    openssl("req", *EC, "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=localhost", cwd=d)
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
            "-out", name + ".pem", "-days", days, "-extfile", name + ".ext", cwd=d)


def make_self_signed(d, name, san):
    openssl("req", "-x509", *EC, "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=" + san, cwd=d)


@unittest.skipIf(OPENSSL is None, "the openssl command-line tool is not installed")
class TlsVerificationTest(unittest.TestCase):
    BACKENDS = ("selfsigned", "expired", "dnsonly", "otherca")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-sec-tls-")
        d = cls.tmp.name
        make_ca(d, "ca")
        make_ca(d, "ca2")
        make_self_signed(d, "selfsigned", "DNS:localhost,IP:127.0.0.1")
        make_leaf(d, "expired", "ca", "DNS:localhost,IP:127.0.0.1", days="-1")
        make_leaf(d, "dnsonly", "ca", "DNS:localhost")
        make_leaf(d, "otherca", "ca2", "DNS:localhost,IP:127.0.0.1")
        cls.mocks = {}
        try:
            for name in cls.BACKENDS:
                sub = os.path.join(d, name + "-mocks")
                os.mkdir(sub)
                cls.mocks[name] = Mocks(sub, ("--django", "0", "--tls-cert", os.path.join(d, name + ".pem"),
                                              "--tls-key", os.path.join(d, name + ".key")))
            port = {name: m.ports["django"] for name, m in cls.mocks.items()}
            ca = {"tls": {"ca_file": os.path.join(d, "ca.pem")}}
            tenants = [
                tenant("t-default", "django", "https://localhost:%d" % port["selfsigned"], "default-key"),
                tenant("t-pinned", "django", "https://localhost:%d" % port["selfsigned"], "pinned-key",
                       upstream={"tls": {"ca_file": os.path.join(d, "selfsigned.pem")}}),
                tenant("t-expired", "django", "https://localhost:%d" % port["expired"], "expired-key", upstream=ca),
                tenant("t-dns-ok", "django", "https://localhost:%d" % port["dnsonly"], "dns-ok-key", upstream=ca),
                tenant("t-ip-mismatch", "django", "https://127.0.0.1:%d" % port["dnsonly"], "ip-key", upstream=ca),
                tenant("t-other-ca", "django", "https://localhost:%d" % port["otherca"], "other-ca-key", upstream=ca),
            ]
            cls.gw = Gateway(d, tenants)
        except Exception:
            for m in cls.mocks.values():
                m.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        for m in cls.mocks.values():
            m.stop()
        cls.tmp.cleanup()

    def requests_served(self, name):
        """/__mock/stats of a TLS backend, trusting whatever it presents (the test's own PKI)."""
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", self.mocks[name].ports["django"], timeout=10,
                                           context=context)
        try:
            conn.request("GET", "/__mock/stats")
            return json.loads(conn.getresponse().read())["requests"]
        finally:
            conn.close()

    def read(self, key):
        return self.gw.get("/v1/profile", key=key, token=TOKENS["django"])

    def assertRefused(self, key, backend):
        before = self.requests_served(backend)
        r = self.read(key)
        self.assertEqual(r.status, 503, r)
        self.assertEqual(r.json()["code"], "upstream_unavailable", r)
        self.assertEqual(self.requests_served(backend), before, "a request went over a refused connection")

    def test_verification_is_on_by_default(self):
        self.assertRefused("default-key", "selfsigned")

    def test_self_signed_trusted_through_ca_file(self):
        r = self.read("pinned-key")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["id"], "42")

    def test_expired_certificate_refused(self):
        self.assertRefused("expired-key", "expired")

    def test_ip_literal_not_in_certificate_refused(self):
        # The same backend and chain serve the name it was issued for ...
        self.assertEqual(self.read("dns-ok-key").status, 200)
        # ... but not the IP address, which the certificate does not name.
        self.assertRefused("ip-key", "dnsonly")

    def test_certificate_from_another_ca_refused(self):
        self.assertRefused("other-ca-key", "otherca")


if __name__ == "__main__":
    unittest.main()
