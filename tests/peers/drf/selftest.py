#!/usr/bin/python3
"""Self-test of the DRF test peer: start it, hit every endpoint once, exit non-zero on failure.

Standard library only. Runs two instances at once: plain DRF errors, and drf-standardized-errors
with a low user rate (for 429 + Retry-After).
"""
import http.client
import json
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep the source tree clean
from run_peer import Peer  # noqa: E402

failures = []


def request(peer, method, path, auth=None, body=None, content_type="application/json"):
    conn = http.client.HTTPConnection("127.0.0.1", peer.port, timeout=10)
    headers = {"Accept": "application/json"}
    if auth:
        headers["Authorization"] = auth
    data = None
    if body is not None:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body)
        headers["Content-Type"] = content_type
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    raw = response.read()
    conn.close()
    try:
        payload = json.loads(raw)
    except ValueError:
        payload = raw.decode(errors="replace")
    return response.status, dict(response.getheaders()), payload


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))
    if not condition:
        failures.append(name)


def expect(name, result, status, predicate=lambda headers, body: True):
    got_status, headers, body = result
    check(name, got_status == status and predicate(headers, body),
          f"status {got_status} (want {status}), headers {headers}, body {body!r}")


def test_plain(peer):
    creds = peer.credentials
    alice = "Bearer " + creds["django"]["alice"]["access"]
    expired = "Bearer " + creds["django"]["alice"]["expired"]
    carol = "Token " + creds["shop"]["carol"]["token"]
    erin = "Bearer " + creds["v1rest"]["erin"]["access"]
    erin_id, frank_id = creds["v1rest"]["erin"]["id"], creds["v1rest"]["frank"]["id"]

    # django family
    expect("django GET me", request(peer, "GET", "/api/customers/me/", alice), 200,
           lambda h, b: b["full_name"] == "John Doe" and b["country"]["code"] == "SA"
           and b["wallet"]["balance"] == "0.00")
    expect("django PATCH update", request(peer, "PATCH", "/api/customers/me/update/", alice,
                                          {"full_name": "John Q Doe", "language": "ar"}), 200,
           lambda h, b: b["full_name"] == "John Q Doe" and b["language"] == "ar")
    expect("django PATCH invalid choice", request(peer, "PATCH", "/api/customers/me/update/", alice,
                                                  {"gender": "male"}), 400,
           lambda h, b: b == {"gender": ['"male" is not a valid choice.']})
    expect("django 401 missing", request(peer, "GET", "/api/customers/me/"), 401,
           lambda h, b: h.get("WWW-Authenticate") == 'Bearer realm="api"'
           and b == {"detail": "Authentication credentials were not provided."})
    expect("django 401 expired", request(peer, "GET", "/api/customers/me/", expired), 401,
           lambda h, b: b["code"] == "token_not_valid")
    expect("django 415", request(peer, "PATCH", "/api/customers/me/update/", alice, "full_name=x",
                                 "application/x-www-form-urlencoded"), 415)
    expect("django 405", request(peer, "PUT", "/api/customers/me/update/", alice, {}), 405,
           lambda h, b: h.get("Allow") == "PATCH, OPTIONS")

    # shop
    expect("shop GET me", request(peer, "GET", "/api/shop/customers/me", carol), 200,
           lambda h, b: b["username"] == "behrooz3500" and b["full_name"] == "behrooz ghorbanie")
    expect("shop PATCH", request(peer, "PATCH", "/api/shop/customers/me", carol,
                                 {"first_name": "John", "last_name": "Doe", "email": "ignored@x.io"}), 200,
           lambda h, b: b["full_name"] == "John Doe" and b["email"] == "behrooz21@hotmail.com")
    expect("shop PATCH invalid", request(peer, "PATCH", "/api/shop/customers/me", carol, {"gender": "M"}),
           400, lambda h, b: b == {"gender": ['"M" is not a valid choice.']})
    expect("shop 401", request(peer, "GET", "/api/shop/customers/me", "Token nope"), 401,
           lambda h, b: h.get("WWW-Authenticate") == "Token" and b == {"detail": "Invalid token."})

    # v1rest
    path = f"/api/v1/customers/{erin_id}/"
    expect("v1rest GET", request(peer, "GET", path, erin), 200,
           lambda h, b: "id" not in b and b["address"]["postal_code"] == 54321 and b["slug"] == "john-doe")
    record = {"email": "customer@example.com", "first_name": "Jane", "last_name": "Roe",
              "date_of_birth": "1990-01-15",
              "address": {"street_address": "1 Main St", "postal_code": 2134, "city": "Boston",
                          "state": "Massachusetts", "country": "United States"}}
    expect("v1rest PUT", request(peer, "PUT", path, erin, record), 200,
           lambda h, b: b["slug"] == "jane-roe" and b["address"]["city"] == "Boston")
    bad = dict(record, address=dict(record["address"], country="USA"))
    expect("v1rest PUT nested error", request(peer, "PUT", path, erin, bad), 400,
           lambda h, b: b == {"address": {"country": ["Ensure this field has at least 4 characters."]}})
    expect("v1rest 403", request(peer, "GET", f"/api/v1/customers/{frank_id}/", erin), 403)
    expect("v1rest 404", request(peer, "GET", "/api/v1/customers/999999/", erin), 404,
           lambda h, b: b == {"detail": "Not found."})
    expect("v1rest PATCH 405", request(peer, "PATCH", path, erin, {"first_name": "X"}), 405)


def test_standardized(peer):
    alice = "Bearer " + peer.credentials["django"]["alice"]["access"]
    expect("standardized validation_error",
           request(peer, "PATCH", "/api/customers/me/update/", alice, {"gender": "X"}), 400,
           lambda h, b: b == {"type": "validation_error", "errors": [
               {"code": "invalid_choice", "detail": '"X" is not a valid choice.', "attr": "gender"}]})
    expect("standardized client_error", request(peer, "GET", "/api/customers/me/"), 401,
           lambda h, b: b["type"] == "client_error" and b["errors"][0]["code"] == "not_authenticated")
    statuses = [request(peer, "GET", "/api/customers/me/", alice) for _ in range(3)]
    expect("429 + Retry-After", statuses[-1], 429,
           lambda h, b: int(h.get("Retry-After", "0")) > 0 and b["errors"][0]["code"] == "throttled")


def main():
    started = time.monotonic()
    plain, standardized = Peer(), Peer(errors="standardized", user_rate="3/min")
    errors = []

    def start(peer):
        try:
            peer.start()
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(p,)) for p in (plain, standardized)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        if errors:
            for error in errors:
                print(f"FAIL start: {error}")
            return 1
        test_plain(plain)
        test_standardized(standardized)
    finally:
        plain.stop()
        standardized.stop()
    print(f"{'FAILED: ' + ', '.join(failures) if failures else 'all passed'} "
          f"({time.monotonic() - started:.1f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
