#!/usr/bin/env python3
"""Holds many idle keep-alive connections against the gateway, for benchmarks/load/connections.sh.

Opens --count connections (--batch at a time), sends one request on each and reads its answer, then
prints "ready <open> <failed>" and holds them, idle. On SIGUSR1 it sends one more request on every
connection still open (so the held connections are shown to be still served), prints
"second <ok> <failed>" and exits. It exits by itself after --hold seconds either way.
"""
import argparse
import asyncio
import signal
import sys


async def exchange(reader, writer, request):
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return status


async def open_one(host, port, request):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        status = await asyncio.wait_for(exchange(reader, writer, request), 30)
        if status != 200:
            writer.close()
            return None
        return reader, writer
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
        return None


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--hold", type=float, default=300)
    ap.add_argument("--path", default="/v1/profile")
    ap.add_argument("--header", action="append", default=[])
    args = ap.parse_args()

    head = f"GET {args.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n"
    head += "".join(h + "\r\n" for h in args.header)
    request = (head + "\r\n").encode()

    conns = []
    failed = 0
    for start in range(0, args.count, args.batch):
        n = min(args.batch, args.count - start)
        for result in await asyncio.gather(*(open_one(args.host, args.port, request) for _ in range(n))):
            if result is None:
                failed += 1
            else:
                conns.append(result)
    print(f"ready {len(conns)} {failed}", flush=True)

    go = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, go.set)
    try:
        await asyncio.wait_for(go.wait(), args.hold)
    except asyncio.TimeoutError:
        pass

    ok = bad = 0
    for start in range(0, len(conns), args.batch):
        chunk = conns[start:start + args.batch]

        async def again(conn):
            try:
                return await asyncio.wait_for(exchange(conn[0], conn[1], request), 30) == 200
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
                return False

        for good in await asyncio.gather(*(again(c) for c in chunk)):
            ok, bad = (ok + 1, bad) if good else (ok, bad + 1)
    print(f"second {ok} {bad}", flush=True)
    for _, writer in conns:
        writer.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
