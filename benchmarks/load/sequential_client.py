#!/usr/bin/env python3
"""Sends a fixed number of identical requests, one at a time, on one keep-alive connection, and
fails unless every answer is 2xx. benchmarks/load/callgrind.sh drives the gateway with it: a fixed
count (not wrk's fixed duration) is what turns a callgrind total into instructions per request."""
import argparse
import http.client
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--method", default="GET")
    ap.add_argument("--path", required=True)
    ap.add_argument("--header", action="append", default=[])
    ap.add_argument("--body", default=None)
    args = ap.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    body = args.body.encode() if args.body else None
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
    for i in range(args.count):
        conn.request(args.method, args.path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        if not 200 <= r.status < 300:
            sys.exit(f"request {i}: {r.status} {data[:300]!r}")
    conn.close()


if __name__ == "__main__":
    main()
