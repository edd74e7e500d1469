"""https upstreams: the test makes its own CA and server certificates with the openssl CLI, serves
the mocks over TLS with them, and checks that the gateway trusts exactly what the tenant's
`tls` settings say: the tenant's CA file (200), not the system store (503), and only for the name
it connected to (503 on a certificate for another name)."""
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


def openssl(*args, cwd):
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=30)


def make_pki(directory):
    """A CA, a server certificate for localhost and 127.0.0.1, and one for another name only."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=profilegw integration test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=directory)
    for name, san in (("server", "DNS:localhost,IP:127.0.0.1"), ("other", "DNS:other.profilegw.test")):
        with open(os.path.join(directory, name + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\n"
                    "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" % san)
        openssl("req", *ec, "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + san.split(",")[0].split(":")[1], cwd=directory)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext", cwd=directory)


@unittest.skipIf(OPENSSL is None, "the openssl command-line tool is not installed")
class TlsUpstreamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="profilegw-tls-")
        d = cls.tmp.name
        make_pki(d)
        cls.ca = os.path.join(d, "ca.pem")
        good_dir, other_dir = os.path.join(d, "good"), os.path.join(d, "other")
        os.mkdir(good_dir)
        os.mkdir(other_dir)
        cls.good = Mocks(good_dir, ("--django", "0", "--tls-cert", os.path.join(d, "server.pem"),
                                    "--tls-key", os.path.join(d, "server.key")))
        try:
            cls.other = Mocks(other_dir, ("--django", "0", "--tls-cert", os.path.join(d, "other.pem"),
                                          "--tls-key", os.path.join(d, "other.key")))
        except Exception:
            cls.good.stop()
            raise
        good_port, other_port = cls.good.ports["django"], cls.other.ports["django"]
        ca = {"tls": {"ca_file": cls.ca}}
        tenants = [
            tenant("t-ca", "django", "https://localhost:%d" % good_port, "ca-key", upstream=ca),
            tenant("t-ca-ip", "django", "https://127.0.0.1:%d" % good_port, "ca-ip-key", upstream=ca),
            tenant("t-system", "django", "https://localhost:%d" % good_port, "system-key"),
            tenant("t-mismatch", "django", "https://localhost:%d" % other_port, "mismatch-key", upstream=ca),
            tenant("t-noverify", "django", "https://localhost:%d" % other_port, "noverify-key",
                   upstream={"tls": {"verify": False}}),
            tenant("t-plain", "django", "http://127.0.0.1:%d" % good_port, "plain-key"),
        ]
        try:
            cls.gw = Gateway(d, tenants)
        except Exception:
            cls.good.stop()
            cls.other.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.gw.stop()
        cls.good.stop()
        cls.other.stop()
        cls.tmp.cleanup()

    def read(self, key):
        return self.gw.get("/v1/profile", key=key, token=TOKENS["django"])

    def assertUnavailable(self, r):
        self.assertEqual(r.status, 503, r)
        doc = r.json()
        self.assertEqual(doc["code"], "upstream_unavailable", doc)
        self.assertIn("certificate", doc["detail"])  # refused by verification, not unreachable
        self.assertTrue(r.header("retry-after"), r.headers)

    def test_tenant_ca_file_is_trusted(self):
        r = self.read("ca-key")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["id"], "42")
        # Keep-alive over TLS: a second call works on the pooled connection too.
        self.assertEqual(self.read("ca-key").status, 200)
        r = self.gw.patch("/v1/profile", {"language": "ar"}, key="ca-key", token=TOKENS["django"])
        self.assertEqual(r.status, 200, r)

    def test_ip_literal_matches_ip_san(self):
        self.assertEqual(self.read("ca-ip-key").status, 200)

    def test_system_trust_store_refuses_private_ca(self):
        self.assertUnavailable(self.read("system-key"))

    def test_certificate_for_another_name(self):
        self.assertUnavailable(self.read("mismatch-key"))

    def test_verify_false_accepts_any_certificate(self):
        self.assertEqual(self.read("noverify-key").status, 200)

    def test_plain_http_to_tls_port_fails_cleanly(self):
        r = self.read("plain-key")
        self.assertIn(r.status, (502, 503), r)
        self.assertEqual(r.header("content-type"), "application/problem+json")

    def tls_stats(self, mocks, server_name):
        """/__mock/stats over TLS (the harness speaks plain HTTP only)."""
        context = ssl.create_default_context(cafile=self.ca)
        context.check_hostname = False  # "other" has no name for 127.0.0.1; the CA check still applies
        conn = http.client.HTTPSConnection("127.0.0.1", mocks.ports["django"], timeout=10, context=context)
        try:
            conn.request("GET", "/__mock/stats", headers={"Host": server_name})
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()

    def test_refused_certificates_send_no_request(self):
        self.assertUnavailable(self.read("mismatch-key"))
        self.assertEqual(self.tls_stats(self.other, "other.profilegw.test")["requests"], 0)
        before = self.tls_stats(self.good, "localhost")["requests"]
        self.assertUnavailable(self.read("system-key"))
        self.assertEqual(self.tls_stats(self.good, "localhost")["requests"], before)
        self.assertEqual(self.read("ca-key").status, 200)
        self.assertEqual(self.tls_stats(self.good, "localhost")["requests"], before + 1)


if __name__ == "__main__":
    unittest.main()
