#!/usr/bin/env python3
"""Start and stop Apache httpd as a Digest-protected partner backend (a peer nobody here wrote).

Apache's mod_auth_digest (MD5, qop=auth) guards static JSON files shaped like partner envelopes
at /partner/customer/<id>, so the gateway's Digest client meets a server implementation other
than our own mock. Everything lives in one temporary ServerRoot: generated httpd.conf, htdigest
file, document root, PidFile, ErrorLog and an access log whose status column tests can count.

Command line:
    run_apache.py start --state-dir DIR     # prints http://127.0.0.1:PORT, leaves it running
    run_apache.py stop --state-dir DIR

As a module:
    from run_apache import Apache, available
    with Apache() as apache:
        apache.base_url, apache.statuses()   # statuses: HTTP status of every logged request
"""
import argparse
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APACHE_BIN = "/usr/sbin/apache2"
MODULES_DIR = "/usr/lib/apache2/modules"
REALM = "partner@mintedconnect"
USERNAME = "gw"
PASSWORD = "partner-secret"
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0

# Partner envelopes (seed 003) served as they are; ids as in the mocks.
CUSTOMERS = {
    "MTD0018232": {"external_id": "MTD0018232", "firstname": "John", "middlename": "", "lastname": "Due",
                   "fullname": "John Due", "email": "john.due@example.com", "phone": "+905071112233",
                   "gender": "M", "identity_number": "12345677938", "birthdate": "1970-01-31",
                   "wallets": [{"currency": "TRY", "balance": "12.50"}]},
    "MTD0018233": {"external_id": "MTD0018233", "firstname": "Ayse", "middlename": "Nur", "lastname": "Yilmaz",
                   "fullname": "Ayse Nur Yilmaz", "email": "ayse.yilmaz@example.com", "phone": "+905321234567",
                   "gender": "F", "identity_number": "98765432109", "birthdate": "1988-07-14",
                   "wallets": [{"currency": "TRY", "balance": "250.00"}, {"currency": "USD", "balance": "10.00"}]},
}

# mod_mpm_event needs nothing beyond these; log_config and unixd are compiled into Debian's binary.
MODULES = ["mpm_event", "authn_core", "authn_file", "authz_core", "authz_user", "auth_digest", "mime"]

CONFIG = """\
ServerRoot "{root}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{root}/httpd.pid"
DefaultRuntimeDir "{root}/run"
Mutex file:{root}/run default
ErrorLog "{root}/error.log"
LogLevel warn
LogFormat "%h %u [%{{%Y-%m-%dT%H:%M:%S}}t] \\"%r\\" %>s %b" peer
CustomLog "{root}/access.log" peer
{user}
{modules}
StartServers 1
ServerLimit 1
ThreadsPerChild 16
MaxRequestWorkers 16
KeepAlive On
MaxKeepAliveRequests 0
KeepAliveTimeout 30
TypesConfig /dev/null
DocumentRoot "{root}/htdocs"
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "{root}/htdocs">
    Require all granted
</Directory>
<Location "/partner/">
    ForceType application/json
    AuthType Digest
    AuthName "{realm}"
    AuthDigestDomain /partner/
    AuthDigestProvider file
    AuthUserFile "{root}/htdigest"
    AuthDigestNonceLifetime {nonce_lifetime}
    # Each nc must be above the last one for its nonce: a client that replays or resets nc fails.
    AuthDigestNcCheck On
    Require valid-user
</Location>
"""


class ApacheError(RuntimeError):
    pass


def available():
    return os.access(APACHE_BIN, os.X_OK)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"GET /partner/customer/MTD0018232 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return sock.recv(64).startswith(b"HTTP/1.1 401")
    except OSError:
        return False


def _user_lines():
    """Apache refuses to serve as root: when we are root, its children run as an unprivileged user."""
    if os.geteuid() != 0:
        return ""
    for name in ("www-data", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return 'User %s\nGroup "#%d"' % (name, pwd.getpwnam(name).pw_gid)
    raise ApacheError("running as root, but neither www-data nor nobody exists for Apache's children")


class Apache:
    def __init__(self, state_dir=None, customers=None, nonce_lifetime=3600):
        self._own_dir = state_dir is None
        self.nonce_lifetime = nonce_lifetime  # seconds a nonce stays valid; then Apache says stale=true
        self.root = Path(state_dir or tempfile.mkdtemp(prefix="apache-peer-"))
        self.customers = customers or CUSTOMERS
        self.process = None
        self.port = None

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    def _write_tree(self):
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "run").mkdir(exist_ok=True)
        docs = self.root / "htdocs" / "partner" / "customer"
        docs.mkdir(parents=True, exist_ok=True)
        for cid, record in self.customers.items():
            envelope = {"data": record, "success": True, "code": 0, "message": ""}
            (docs / cid).write_text(json.dumps(envelope))
        # The htdigest line: user:realm:MD5(user:realm:password), as `htdigest` writes it.
        ha1 = hashlib.md5(("%s:%s:%s" % (USERNAME, REALM, PASSWORD)).encode()).hexdigest()
        (self.root / "htdigest").write_text("%s:%s:%s\n" % (USERNAME, REALM, ha1))
        # Children run unprivileged when we are root: they must be able to read the tree.
        for path in [self.root, *self.root.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        if os.geteuid() == 0:
            for parent in self.root.resolve().parents:
                if not parent.stat().st_mode & 0o001:
                    raise ApacheError("%s is not searchable by Apache's unprivileged children; "
                                      "put the state directory elsewhere (default: a new one in /tmp)" % parent)

    def _write_config(self):
        modules = "\n".join('LoadModule %s_module "%s/mod_%s.so"' % (m, MODULES_DIR, m) for m in MODULES)
        conf = CONFIG.format(root=self.root, port=self.port, user=_user_lines(), modules=modules, realm=REALM,
                             nonce_lifetime=self.nonce_lifetime)
        path = self.root / "httpd.conf"
        path.write_text(conf)
        return path

    def start(self):
        if not available():
            raise ApacheError(APACHE_BIN + " is not installed")
        self._write_tree()
        for _attempt in range(3):  # the free port can be taken between probe and bind
            self.port = _free_port()
            conf = self._write_config()
            for name in ("access.log", "error.log"):
                (self.root / name).unlink(missing_ok=True)
            with open(self.root / "stdout.log", "ab") as out:
                self.process = subprocess.Popen(
                    [APACHE_BIN, "-f", str(conf), "-d", str(self.root), "-DFOREGROUND"],
                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                    env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C"},
                    start_new_session=True)
            if self._wait_ready():
                (self.root / "port").write_text("%d\n" % self.port)
                (self.root / "pid").write_text("%d\n" % self.process.pid)
                return self
        raise ApacheError("Apache did not start; see %s" % self.log_text())

    def _wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if _answers(self.port):
                # The readiness probe is not part of any test's count.
                (self.root / "access.log").write_text("")
                return True
            time.sleep(0.05)
        self._terminate()
        raise ApacheError("Apache did not answer within %.0f s; %s" % (START_TIMEOUT, self.log_text()))

    def log_text(self):
        parts = []
        for name in ("stdout.log", "error.log"):
            try:
                parts.append("%s:\n%s" % (name, (self.root / name).read_text(errors="replace")[-4000:]))
            except OSError:
                pass
        return "\n".join(parts)

    def error_log(self):
        try:
            return (self.root / "error.log").read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def statuses(self, path_contains=None):
        """The status of every request in the access log so far, in order; with `path_contains`, only
        of the requests whose request line holds that text (Apache logs a line after its answer, so a
        test that counts from an earlier position can otherwise see an earlier test's late line)."""
        try:
            lines = (self.root / "access.log").read_text().splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            fields = line.rsplit(" ", 2)
            if len(fields) == 3 and fields[1].isdigit():
                if path_contains is None or path_contains in fields[0]:
                    out.append(int(fields[1]))
        return out

    def _terminate(self):
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM to the parent stops its children too (it waits for them).
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only Apache's processes
            self.process.wait()

    def stop(self):
        self._terminate()
        self.process = None
        for name in ("pid", "port"):
            (self.root / name).unlink(missing_ok=True)
        if self._own_dir:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


def _is_our_apache(pid, root):
    try:
        cmdline = Path("/proc/%d/cmdline" % pid).read_bytes().split(b"\0")
    except OSError:
        return False
    return cmdline[:1] == [APACHE_BIN.encode()] and str(root / "httpd.conf").encode() in cmdline


def stop_state_dir(state_dir):
    root = Path(state_dir).resolve()
    try:
        pid = int((root / "pid").read_text())
    except (OSError, ValueError):
        return False
    if _is_our_apache(pid, root):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while _is_our_apache(pid, root) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _is_our_apache(pid, root):
            os.killpg(pid, signal.SIGKILL)
    for name in ("pid", "port"):
        (root / name).unlink(missing_ok=True)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("start").add_argument("--state-dir", required=True)
    sub.add_parser("stop").add_argument("--state-dir", required=True)
    args = parser.parse_args(argv)
    if args.command == "stop":
        if not stop_state_dir(args.state_dir):
            print("no running Apache recorded in " + args.state_dir, file=sys.stderr)
        return 0
    stop_state_dir(args.state_dir)
    apache = Apache(Path(args.state_dir).resolve())
    try:
        apache.start()
    except ApacheError as error:
        print(error, file=sys.stderr)
        return 1
    apache.process = None  # leave it running; `stop` ends it
    print(apache.base_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
