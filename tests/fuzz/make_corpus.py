#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from the project's own
fixtures: tests/golden/ answers and patches, config/examples/, RFC 7616 challenges, real requests
and a minted verification id. Re-run after fixtures change; the output is checked in (small).

Usage: tests/fuzz/make_corpus.py
"""
import base64
import glob
import hashlib
import hmac
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOLDEN = os.path.join(ROOT, "tests", "golden")
CORPUS = os.path.join(HERE, "corpus")
# Tenant order of config/examples/demo.json, which the adapter targets use.
DEMO_TENANTS = ["django", "shop", "v1rest", "partner", "salla"]
# fuzz_support.cc's adapter subjects: the demo tenants, then the example mappings (provider "mapped"),
# each with the golden folder its answers come from.
SUBJECTS = [(p, p) for p in DEMO_TENANTS] + [
    ("mapped-django", "django"), ("mapped-shop", "shop"), ("mapped-v1rest", "v1rest"),
    ("mapped-woocommerce", "mapped/woo"), ("mapped-shopify", "mapped/shopify")]


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def clear(target):
    d = os.path.join(CORPUS, target)
    for f in glob.glob(os.path.join(d, "*")):
        os.remove(f)


# --- http_request: byte 0 is the read size - 1, then the bytes a client sends -------------------
def http_request():
    clear("http_request")
    patch = json.dumps({"first_name": "Johnny", "address": {"city": "Riyadh"}, "birth_date": None})
    verification = json.dumps({"verification_id": "v1.e30.AAAA", "code": "1234"})
    reqs = {
        "get_profile": "GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: demo-django-key\r\n"
                       "Authorization: Bearer django-token-alice\r\nX-Request-Id: req-1.a_b\r\n"
                       "Accept-Language: ar\r\n\r\n",
        "get_customer": "GET /v1/customers/MTD0018232/profile?x=1 HTTP/1.1\r\nHost: gw\r\n"
                        "X-Api-Key: demo-partner-key\r\n\r\n",
        "get_customer_encoded": "GET /v1/customers/a%2e%2e%2Fb%00c/profile HTTP/1.1\r\nHost: gw\r\n"
                                "X-Api-Key: demo-v1rest-key\r\nAuthorization: bearer  t  \r\n\r\n",
        "patch_profile": "PATCH /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: demo-shop-key\r\n"
                         "Authorization: Bearer shop-token-carol\r\nContent-Type: application/json; charset=utf-8\r\n"
                         "If-Match: \"abc\"\r\nContent-Length: %d\r\n\r\n%s" % (len(patch), patch),
        "patch_chunked": "PATCH /v1/customers/123/profile HTTP/1.1\r\nHost: gw\r\nX-Api-Key: demo-v1rest-key\r\n"
                         "Content-Type: application/merge-patch+json\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "%x;ext=1\r\n%s\r\n0\r\nTrailer: x\r\n\r\n" % (len(patch), patch),
        "verification": "POST /v1/profile/verification HTTP/1.1\r\nHost: gw\r\nX-Api-Key: demo-salla-key\r\n"
                        "Authorization: Bearer salla-token-grace\r\nContent-Type: application/json\r\n"
                        "Expect: 100-continue\r\nContent-Length: %d\r\n\r\n%s" % (len(verification), verification),
        "pipelined": "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\nHEAD /readyz HTTP/1.1\r\nHost: gw\r\n\r\n"
                     "GET /v1/capabilities HTTP/1.0\r\nX-Api-Key: demo-salla-key\r\n\r\n",
        "absolute_form": "GET http://other.example/v1/profile HTTP/1.1\r\nHost: other.example\r\n"
                         "X-Api-Key: demo-django-key\r\n\r\n",
        "smuggle_cl_te": "POST /v1/profile/verification HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "obs_fold": "GET /v1/profile HTTP/1.1\r\nHost: gw\r\nX-Request-Id: abc\r\n folded: yes\r\n\r\n",
        "method_not_allowed": "DELETE /v1/profile HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\n\r\n",
    }
    for i, (name, text) in enumerate(sorted(reqs.items())):
        size = [255, 0, 7, 63][i % 4]
        write("http_request", name, bytes([size]) + text.encode())


# --- config: the example configs and a few small edge cases -------------------------------------
def config():
    clear("config")
    for path in sorted(glob.glob(os.path.join(ROOT, "config", "examples", "*.json"))):
        with open(path, "rb") as f:
            write("config", "example_" + os.path.basename(path), f.read())
    write("config", "minimal.json", json.dumps({"tenants": []}))
    write("config", "env_and_file.json", json.dumps({
        "admin": {"token": "${PROFILEGW_ADMIN_TOKEN}"},
        "secrets": {"verification_key": "${PROFILEGW_VERIFICATION_KEY}"},
        "tenants": [{"id": "s", "provider": "salla", "api_keys": ["plain-key"],
                     "upstream": {"base_url": "https://h.example:8443/store/v1",
                                  "headers": {"Store-Identifier": "$${literal}", "X-Token": "${A}"}},
                     "rate_limit": {"requests_per_second": 1.5, "burst": 3}},
                    {"id": "p", "provider": "partner", "api_keys": ["sha256:" + "0" * 64],
                     "upstream": {"base_url": "http://[::1]:1/", "tls": {"verify": False},
                                  "paths": {"get": "/c/{id}", "update": "/c/{id}?x=1"}},
                     "service_auth": {"type": "digest", "username": "gw", "password": "@file:/nonexistent"}}]}))
    write("config", "syntax_error.json", '{"tenants": [ {"id": "x",, } ]')


# --- upstream_response: tenant, operation, patch choice, status (2 bytes), headers, body -------
OPS = {"read": 0, "step": 1, "finish": 2, "verify": 3}


def response_seed(tenant, op, choice, status, headers, body):
    head = bytes([[label for label, _ in SUBJECTS].index(tenant), OPS[op], choice]) + struct.pack(">H", status)
    lines = "".join("%s: %s\n" % (k, v) for k, v in headers.items()) + "\n"
    return head + lines.encode() + body


def body_of(spec):
    if "body_text" in spec:
        return spec["body_text"].encode()
    if "body" in spec:
        return json.dumps(spec["body"]).encode()
    return b""


def upstream_response():
    clear("upstream_response")
    n = 0
    for provider, folder in SUBJECTS:
        pdir = os.path.join(GOLDEN, folder)
        for path in sorted(glob.glob(os.path.join(pdir, "*.json"))):
            name = os.path.basename(path)
            # The mapped tenants get the reads and errors only (the corpus stays small).
            if provider.startswith("mapped-") and not name.startswith(("read_", "error_")):
                continue
            with open(path) as f:
                doc = json.load(f)
            seeds = []
            if name.startswith("error_"):
                r = doc["response"]
                headers = dict(r.get("headers", {}))
                headers.setdefault("content-type", "application/json")
                if doc["operation"] == "read":
                    seeds.append(("read", 0, r))
                else:
                    seeds += [("step", 0, r), ("finish", 0, r)]
                for op, choice, r in seeds:
                    write("upstream_response", "%s_%s_%s" % (provider, op, name),
                          response_seed(provider, op, choice, r["status"], headers, body_of(r)))
                    n += 1
            elif name.startswith("read_") and not name.endswith(".unified.json"):
                write("upstream_response", "%s_%s" % (provider, name),
                      response_seed(provider, "read", 0, 200, {"content-type": "application/json"},
                                    json.dumps(doc).encode()))
                n += 1
            elif name.endswith(".response.json"):
                op = "verify" if name.startswith("verify_") else "finish"
                status = doc.get("status", 200) if isinstance(doc, dict) and op == "verify" else 200
                for choice in (0, 1, 2, 3):
                    write("upstream_response", "%s_%s_%d_%s" % (provider, op, choice, name),
                          response_seed(provider, op, choice, status, {"content-type": "application/json"},
                                        json.dumps(doc).encode()))
                    n += 1
    return n


# --- patch: every golden PATCH body ---------------------------------------------------------------
def patch():
    clear("patch")
    seen = set()
    for path in sorted(glob.glob(os.path.join(GOLDEN, "*", "patch_*.request.json"))):
        with open(path, "rb") as f:
            data = f.read()
        if data in seen:
            continue
        seen.add(data)
        provider = os.path.basename(os.path.dirname(path))
        write("patch", provider + "_" + os.path.basename(path), data)
    write("patch", "address_null.json", '{"address": null, "gender": "unspecified"}')
    write("patch", "read_only.json", '{"id": "1", "extra": {}, "profile_completed": true}')


# --- digest_challenge: WWW-Authenticate values, one per line ---------------------------------
def digest_challenge():
    clear("digest_challenge")
    seeds = {
        # RFC 7616 section 3.9.1, the SHA-256 and MD5 challenges of one 401.
        "rfc7616_example": 'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, '
                           'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", '
                           'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"\n'
                           'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, '
                           'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", '
                           'opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
        # RFC 7616 section 3.9.2 (userhash, UTF-8 username in the answer).
        "rfc7616_userhash": 'Digest realm="api@example.org", qop="auth", algorithm=SHA-512-256, '
                            'nonce="5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", '
                            'opaque="HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", charset=UTF-8, userhash=true',
        # RFC 2617 section 3.5.
        "rfc2617_example": 'Digest realm="testrealm@host.com", qop="auth,auth-int", '
                           'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
        "mock_stale": 'Digest realm="partner@mintedconnect", nonce="abc123", qop="auth", algorithm=MD5, '
                      'opaque="xyz", stale=true',
        "rfc2069_no_qop": 'Digest realm="r", nonce="n"',
        "several_schemes": 'Basic realm="x", Negotiate, Bearer abc==, '
                           'Digest realm="a\\"b\\\\c", nonce=tok, algorithm=SHA-256-sess, qop="auth-int, auth"',
        "md5_sess_token_values": 'Digest realm=plain, nonce=n0, algorithm=MD5-sess, qop=auth, stale=FALSE',
    }
    for name, text in seeds.items():
        write("digest_challenge", name, text)


# --- verification_token: byte 0 even = token to verify, odd = claims to mint ------------------
def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def verification_token():
    clear("verification_token")
    key = b"integration-verification-key-0123456789"
    cred = hashlib.sha256(b"salla-token-grace").hexdigest()
    for name, claims in {
        "minted_mobile": {"tenant": "demo-salla", "cred": cred, "type": "mobile", "value": "512345678",
                          "country_code": "+966", "exp": 4102444800, "nonce": "0123456789abcdef"},
        "minted_email": {"tenant": "demo-salla", "cred": cred, "type": "email", "value": "new@example.com",
                         "exp": 4102444800, "nonce": "fedcba9876543210"},
        "minted_expired": {"tenant": "demo-salla", "cred": cred, "type": "email", "value": "x@example.com",
                           "exp": 1600000000, "nonce": "00"},
    }.items():
        payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
        signed = "v1." + payload
        mac = b64url(hmac.new(key, signed.encode(), hashlib.sha256).digest())
        write("verification_token", name, b"\x00" + (signed + "." + mac).encode())
    write("verification_token", "not_a_token", b"\x02v2.abc.def")
    write("verification_token", "mint_mobile", b"\x01demo-salla\x00mobile\x00512345678\x00+966\x00n1\x00900")
    write("verification_token", "mint_email", b"\x03\x00email\x00a\"b\\c@example.com\x00\x00\x00120")


if __name__ == "__main__":
    http_request()
    config()
    count = upstream_response()
    patch()
    digest_challenge()
    verification_token()
    for t in sorted(os.listdir(CORPUS)):
        print("%-20s %4d seeds" % (t, len(os.listdir(os.path.join(CORPUS, t)))))
