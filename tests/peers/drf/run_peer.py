#!/usr/bin/python3
"""Start and stop the DRF test peer (a real Django REST Framework server on loopback).

Command line (ctest fixture helper):
    run_peer.py start --state-dir DIR [--errors standardized] [--user-rate 5/min]
    run_peer.py stop --state-dir DIR

`start` migrates a fresh SQLite database in DIR, seeds it (DIR/credentials.json), runs
`manage.py runserver 127.0.0.1:PORT --noreload` in the background (output in DIR/server.log),
waits until it answers, writes DIR/port and DIR/pid and prints the base URL.

As a module:
    from run_peer import Peer
    with Peer(user_rate="5/min") as peer:
        peer.base_url, peer.credentials["django"]["alice"]["access"]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PEER_DIR = Path(__file__).resolve().parent
PYTHON = "/usr/bin/python3"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


class PeerError(RuntimeError):
    pass


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url):
    try:
        urllib.request.urlopen(url, timeout=1).close()
    except urllib.error.HTTPError:
        return True  # any HTTP status (401 here) means Django is serving
    except OSError:
        return False
    return True


def _is_our_server(pid, port):
    """True when pid is still a runserver of this peer on that port (guards against pid reuse)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return b"runserver" in cmdline and f"127.0.0.1:{port}".encode() in cmdline


class Peer:
    def __init__(self, state_dir=None, errors=None, user_rate=None, timeout=START_TIMEOUT):
        self._own_dir = state_dir is None
        self.state_dir = Path(state_dir or tempfile.mkdtemp(prefix="drf-peer-"))
        self.errors = errors
        self.user_rate = user_rate
        self.timeout = timeout
        self.process = None
        self.port = None
        self.credentials = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def env(self):
        env = dict(os.environ)
        env.update(DJANGO_SETTINGS_MODULE="peer.settings", PYTHONDONTWRITEBYTECODE="1",
                   DRF_PEER_DB=str(self.state_dir / "db.sqlite3"))
        env.pop("DRF_PEER_ERRORS", None)
        env.pop("DRF_PEER_USER_RATE", None)
        if self.errors:
            env["DRF_PEER_ERRORS"] = self.errors
        if self.user_rate:
            env["DRF_PEER_USER_RATE"] = self.user_rate
        return env

    def _manage(self, *args):
        done = subprocess.run([PYTHON, "manage.py", *args], cwd=PEER_DIR, env=self.env(),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise PeerError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def start(self):
        self.state_dir.mkdir(parents=True, exist_ok=True)
        (self.state_dir / "db.sqlite3").unlink(missing_ok=True)
        self._manage("migrate", "--noinput", "-v", "0")
        self.credentials = json.loads(self._manage("seed_peer"))
        (self.state_dir / "credentials.json").write_text(json.dumps(self.credentials, indent=2) + "\n")

        for _attempt in range(3):  # the free port can be taken between probe and bind
            self.port = _free_port()
            with open(self.state_dir / "server.log", "ab") as log:
                self.process = subprocess.Popen(
                    [PYTHON, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
                    cwd=PEER_DIR, env=self.env(), stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True)
            if self._wait_ready():
                (self.state_dir / "port").write_text(f"{self.port}\n")
                (self.state_dir / "pid").write_text(f"{self.process.pid}\n")
                return self
        raise PeerError(f"DRF peer did not start; see {self.state_dir / 'server.log'}")

    def _wait_ready(self):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if _answers(f"{self.base_url}/api/customers/me/"):
                return True
            time.sleep(0.1)
        self.process.kill()
        self.process.wait()
        raise PeerError(f"DRF peer did not answer within {self.timeout:.0f} s; "
                        f"see {self.state_dir / 'server.log'}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        for name in ("pid", "port"):
            (self.state_dir / name).unlink(missing_ok=True)
        if self._own_dir:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def stop_state_dir(state_dir):
    """Stop a peer started by another process (`run_peer.py start`)."""
    state_dir = Path(state_dir)
    try:
        pid = int((state_dir / "pid").read_text())
        port = int((state_dir / "port").read_text())
    except (OSError, ValueError):
        return False
    if _is_our_server(pid, port):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while _is_our_server(pid, port) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _is_our_server(pid, port):
            os.kill(pid, signal.SIGKILL)
    for name in ("pid", "port"):
        (state_dir / name).unlink(missing_ok=True)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("start", help="migrate, seed and start the peer in the background")
    start.add_argument("--state-dir", required=True)
    start.add_argument("--errors", choices=["plain", "standardized"], default="plain")
    start.add_argument("--user-rate", help='UserRateThrottle rate, e.g. "5/min" (default 1000/min)')
    start.add_argument("--timeout", type=float, default=START_TIMEOUT)
    stop = sub.add_parser("stop", help="stop the peer started with the same --state-dir")
    stop.add_argument("--state-dir", required=True)
    args = parser.parse_args(argv)

    if args.command == "stop":
        if not stop_state_dir(args.state_dir):
            print(f"no running peer recorded in {args.state_dir}", file=sys.stderr)
        return 0

    stop_state_dir(args.state_dir)  # a leftover from an earlier run
    peer = Peer(args.state_dir, errors=None if args.errors == "plain" else args.errors,
                user_rate=args.user_rate, timeout=args.timeout)
    try:
        peer.start()
    except PeerError as error:
        print(error, file=sys.stderr)
        return 1
    peer.process = None  # leave it running; `stop` ends it
    print(peer.base_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
