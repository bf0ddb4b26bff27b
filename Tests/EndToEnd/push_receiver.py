"""A local stand-in push service for Web Push tests.

It hands out subscriptions whose private keys it keeps, and for every push it receives it
checks the VAPID `Authorization` header (RFC 8292: ES256 JWT verified against `k` with
py_vapid, claims `aud`/`exp`/`sub`) and decrypts the body with http_ece (RFC 8291
aes128gcm), both independent implementations of what the server does. Each subscription
answers a scripted sequence of statuses (default 201).

Used in-process from pytest (`PushReceiver`) and as a process by the Swift tests
(`python3 push_receiver.py` prints `push receiver listening on HOST:PORT`, then serves
until stdin closes), through a small HTTP control API:

    POST /subscriptions/<name>  -> {"endpoint", "p256dh", "auth"}
    PUT  /script/<name>         <- [201, {"status": 429, "retry_after": "1"}, 410, ...]
    GET  /messages/<name>       -> [{"status", "payload", "error", "vapid", "headers"}, ...]
    POST /push/<name>           the subscription's endpoint
"""

import base64
import json
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import jwt as vapid_jwt


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def parse_vapid_authorization(header: str) -> dict:
    """The auth-params of `vapid t=<jwt>, k=<key>` (RFC 8292 §3); {} when not that scheme."""
    scheme, _, params = header.partition(" ")
    if scheme.lower() != "vapid":
        return {}
    return {k.strip().lower(): v.strip() for k, _, v in (p.partition("=") for p in params.split(","))}


def check_vapid(header: str, host: str, scheme: str = "http") -> dict:
    """Verifies a VAPID Authorization header for a push to `scheme://host`; returns
    {"valid": bool, "claims": ..., "k": ..., "error": ...}."""
    params = parse_vapid_authorization(header)
    if "t" not in params or "k" not in params:
        return {"valid": False, "error": f"not a vapid t=, k= header: {header!r}"}
    token, key = params["t"], params["k"]
    try:
        jwt_header = json.loads(unb64url(token.split(".")[0]))
        claims = vapid_jwt.decode(token, key)  # verifies the ES256 signature with k
    except Exception as error:  # noqa: BLE001 - any failure means an invalid token
        return {"valid": False, "k": key, "error": f"signature does not verify: {error!r}"}
    problems = []
    if jwt_header != {"typ": "JWT", "alg": "ES256"}:
        problems.append(f"JWT header {jwt_header}")
    if claims.get("aud") != f"{scheme}://{host}":
        problems.append(f"aud {claims.get('aud')!r} is not {scheme}://{host}")
    lifetime = claims.get("exp", 0) - time.time()
    if not 0 < lifetime <= 24 * 3600:
        problems.append(f"exp is {lifetime:.0f} s ahead, not within 24 h")
    sub = claims.get("sub")
    if sub is not None and not re.match(r"^(mailto:.+@.+|https://.+)$", sub):
        problems.append(f"sub {sub!r} is neither mailto: nor https:")
    return {"valid": not problems, "claims": claims, "k": key, "jwt_header": jwt_header,
            "error": "; ".join(problems) or None}


@dataclass
class Subscription:
    name: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    script: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        return b64url(point)

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def public(self) -> dict:
        return {"endpoint": self.endpoint, "p256dh": self.p256dh, "auth": self.auth}


class PushReceiver:
    """A push service on 127.0.0.1 that decrypts and verifies what it receives."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self._lock = threading.Condition()
        self._subscriptions: dict[str, Subscription] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_POST(self):
                receiver._handle(self, "POST")

            def do_PUT(self):
                receiver._handle(self, "PUT")

            def do_GET(self):
                receiver._handle(self, "GET")

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "PushReceiver":
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def subscribe(self, name: str) -> Subscription:
        """A new subscription (fresh P-256 key pair and auth secret) with endpoint /push/<name>."""
        subscription = Subscription(name, f"{self.base_url}/push/{name}",
                                    ec.generate_private_key(ec.SECP256R1()), os.urandom(16))
        with self._lock:
            self._subscriptions[name] = subscription
        return subscription

    def script(self, name: str, answers: list):
        """The statuses the next pushes to `name` get, in order (ints or {"status", "retry_after"})."""
        with self._lock:
            self._subscriptions[name].script = list(answers)

    def messages(self, name: str) -> list:
        with self._lock:
            return list(self._subscriptions[name].messages)

    def wait_for(self, name: str, count: int, timeout: float = 10.0) -> list:
        """The messages of `name` once there are at least `count` (fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self._subscriptions[name].messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"{name}: {len(self._subscriptions[name].messages)} push(es) after {timeout} s, "
                        f"expected {count}")
                self._lock.wait(remaining)
            return list(self._subscriptions[name].messages)

    def _handle(self, request: BaseHTTPRequestHandler, method: str):
        path = urlsplit(request.path).path
        body = request.rfile.read(int(request.headers.get("Content-Length") or 0))
        kind, _, name = path.strip("/").partition("/")
        with self._lock:
            subscription = self._subscriptions.get(name)
        if method == "POST" and kind == "subscriptions":
            return self._reply(request, 200, self.subscribe(name).public())
        if subscription is None:
            return self._reply(request, 404, {"error": f"no subscription {name!r}"})
        if method == "PUT" and kind == "script":
            self.script(name, json.loads(body))
            return self._reply(request, 204)
        if method == "GET" and kind == "messages":
            return self._reply(request, 200, self.messages(name))
        if method == "POST" and kind == "push":
            return self._receive(request, subscription, body)
        return self._reply(request, 405)

    def _receive(self, request: BaseHTTPRequestHandler, subscription: Subscription, body: bytes):
        with self._lock:
            answer = subscription.script.pop(0) if subscription.script else 201
        answer = answer if isinstance(answer, dict) else {"status": answer}
        record = {"status": answer["status"], "payload": None, "error": None,
                  "headers": {k.lower(): v for k, v in request.headers.items()},
                  "vapid": check_vapid(request.headers.get("Authorization", ""), request.headers.get("Host", ""))}
        try:
            plaintext = http_ece.decrypt(body, private_key=subscription.private_key,
                                         auth_secret=subscription.auth_secret, version="aes128gcm")
            record["payload"] = plaintext.decode()
        except Exception as error:  # noqa: BLE001 - recorded for the test to assert on
            record["error"] = f"decryption failed: {error!r}"
        with self._lock:
            subscription.messages.append(record)
            self._lock.notify_all()
        headers = {"Retry-After": answer["retry_after"]} if "retry_after" in answer else {}
        if answer["status"] == 201:
            headers["Location"] = f"{self.base_url}/message/{len(subscription.messages)}"
        self._reply(request, answer["status"], headers=headers)

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, payload=None, headers=None):
        data = b"" if payload is None else json.dumps(payload).encode()
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        if data:
            request.send_header("Content-Type", "application/json")
        request.end_headers()
        request.wfile.write(data)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with PushReceiver(port=port) as receiver:
        host, bound = receiver._server.server_address[:2]
        print(f"push receiver listening on {host}:{bound}", flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin (or exits)


if __name__ == "__main__":
    main()
