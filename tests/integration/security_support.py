"""Helpers for the security tests (test_security*.py): a raw TCP client that sends exactly the bytes
a test gives it (http.client refuses CR, LF and NUL in headers, absolute-form targets, duplicate
framing headers, which is the point of these tests) and reads one HTTP/1.1 response back."""
import socket
import time


class RawResponse:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (lower-case name, value)
        self.body = body

    def header(self, name):
        for n, v in self.headers:
            if n == name.lower():
                return v
        return None

    def __repr__(self):
        return "RawResponse(%d, %r, %r)" % (self.status, self.headers, self.body[:300])


class RawClient:
    """One TCP connection to 127.0.0.1:port."""

    def __init__(self, port, timeout=10.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buffer = b""

    def close(self):
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, data):
        if isinstance(data, str):
            data = data.encode("latin-1")
        self.sock.sendall(data)

    def send_partial(self, data):
        """Sends what the peer takes; False when it closed (a reset or a broken pipe)."""
        try:
            self.send(data)
            return True
        except OSError:
            return False

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed")
        self.buffer += chunk

    def read_response(self, timeout=10.0):
        """One response (Content-Length framed, as the gateway always answers)."""
        self.sock.settimeout(timeout)
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.append((name.strip().lower(), value.strip()))
        length = 0
        for n, v in headers:
            if n == "content-length":
                length = int(v)
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return RawResponse(status, headers, body)

    def closed_within(self, seconds):
        """True when the peer closes (EOF or reset) within `seconds`; bytes it sends first are dropped."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.sock.settimeout(left)
            try:
                if not self.sock.recv(65536):
                    return True
            except socket.timeout:
                return False
            except OSError:
                return True


def exchange(port, data, timeout=10.0):
    """Sends `data` on a new connection and returns (response or None, closed afterwards)."""
    with RawClient(port, timeout) as c:
        c.send(data)
        try:
            r = c.read_response(timeout)
        except ConnectionError:
            return None, True
        return r, c.closed_within(2.0)
