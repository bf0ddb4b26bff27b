"""A local stand-in for Spotify's accounts service and Web API, speaking their real protocol,
so the end-to-end tests drive the server's Spotify sign-in and polling without the internet.

Served (http.server on a free loopback port, one thread per request):
- ``POST /api/token``: ``authorization_code`` (checks the PKCE ``code_verifier`` against the
  S256 challenge of the authorize URL, the redirect URI and single use) and ``refresh_token``
  grants; client authentication by HTTP Basic or by ``client_id`` in the body; OAuth errors
  as Spotify sends them (``invalid_grant``, ``invalid_client``, ``invalid_request``).
- ``GET /v1/me``, ``GET /v1/me/player/currently-playing`` (200 JSON, 204 nothing playing,
  401 expired or unknown token, or a scripted status such as 429 with ``Retry-After``),
  ``GET /v1/audio-features/{id}`` (200, or 403 for tracks set so).

The authorize page itself is not served: ``approve(authorize_url, user_id)`` plays the user
consenting there and returns the code Spotify would put on the redirect.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CLIENT_ID = "resonance-test-client"
CLIENT_SECRET = "resonance-test-secret"
REDIRECT_URI = "https://resonance.example/callback"


def s256(verifier):
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class SpotifyStandIn:
    """The stand-in's state, its request log and the knobs tests turn."""

    def __init__(self, client_secret=CLIENT_SECRET):
        self.client_id = CLIENT_ID
        self.client_secret = client_secret
        self.lock = threading.Lock()
        self.profiles = {}  # spotify user id -> /v1/me JSON
        self.codes = {}  # code -> {user, challenge, redirect_uri, used}
        self.access_tokens = {}  # token -> {user, expires_at}
        self.refresh_tokens = {}  # token -> user
        self.revoked = set()  # refresh tokens answered invalid_grant
        self.playing = {}  # spotify user id -> currently-playing JSON, or None
        self.scripted = {}  # spotify user id -> [(status, headers, body)] answered before anything else
        self.features = {}  # track id -> {"energy", "valence"}; missing: 403
        self.code_expires_in = 3600  # expires_in of the authorization-code grant
        self.refresh_expires_in = 3600  # expires_in of refresh grants
        self.rotate_refresh_tokens = False  # whether refresh grants return a new refresh token
        self.token_requests = []  # every POST /api/token form (and when)
        self.api_requests = []  # every Web API request: (monotonic time, path, user, status, token)
        self.issued = []  # every token string handed out
        self.playing_delay = 0.0  # seconds each currently-playing answer takes
        self.playing_in_flight = 0
        self.playing_max_in_flight = 0  # the most currently-playing requests served at once
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()

    def server_flags(self, poll_interval="0.2"):
        """The `resonance serve` flags that point the server at this stand-in."""
        flags = [
            "--spotify-client-id", self.client_id,
            "--spotify-accounts-url", self.url,
            "--spotify-api-url", self.url,
            "--spotify-redirect-uri", REDIRECT_URI,
            "--spotify-poll-interval-seconds", poll_interval,
        ]
        if self.client_secret:
            flags += ["--spotify-client-secret", self.client_secret]
        return flags

    # Test controls

    def add_user(self, user_id, display_name="Spotify Person", email=None):
        with self.lock:
            self.profiles[user_id] = {
                "id": user_id,
                "display_name": display_name,
                "email": email or f"{user_id}@example.com",
                "images": [{"url": f"https://i.scdn.co/image/{user_id}", "height": 300, "width": 300}],
                "type": "user",
            }

    def approve(self, authorize_url, user_id):
        """The user consents on the authorize page: checks the URL and returns a code."""
        parts = urlsplit(authorize_url)
        assert f"{parts.scheme}://{parts.netloc}" == self.url and parts.path == "/authorize", authorize_url
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        assert query["client_id"] == self.client_id
        assert query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        assert len(query["code_challenge"]) == 43
        code = "code-" + secrets.token_urlsafe(16)
        with self.lock:
            self.codes[code] = {
                "user": user_id, "challenge": query["code_challenge"], "redirect_uri": query["redirect_uri"],
                "used": False,
            }
        return code

    def play(self, user_id, track_id, name="A Song", artists=("An Artist",), is_playing=True):
        with self.lock:
            self.playing[user_id] = {
                "timestamp": int(time.time() * 1000),
                "progress_ms": 1000,
                "is_playing": is_playing,
                "currently_playing_type": "track",
                "item": {
                    "id": track_id,
                    "uri": f"spotify:track:{track_id}",
                    "type": "track",
                    "name": name,
                    "artists": [{"name": artist} for artist in artists],
                    "album": {"images": [{"url": f"https://i.scdn.co/image/{track_id}", "width": 640}]},
                },
            }

    def stop_playing(self, user_id):
        with self.lock:
            self.playing[user_id] = None

    def script(self, user_id, status, headers=(), body=b""):
        """Answers the user's next currently-playing request with this response."""
        with self.lock:
            self.scripted.setdefault(user_id, []).append((status, dict(headers), body))

    def revoke_refresh_tokens(self, user_id):
        with self.lock:
            self.revoked.update(token for token, user in self.refresh_tokens.items() if user == user_id)

    def expire_access_tokens(self, user_id):
        with self.lock:
            for token in self.access_tokens.values():
                if token["user"] == user_id:
                    token["expires_at"] = 0

    def refresh_tokens_of(self, user_id):
        with self.lock:
            return [token for token, user in self.refresh_tokens.items() if user == user_id]

    def requests_to(self, path):
        with self.lock:
            return [entry for entry in self.api_requests if entry[1] == path]

    def grants(self, grant_type):
        with self.lock:
            return [form for form in self.token_requests if form["grant_type"] == grant_type]

    # Protocol

    def _issue(self, user_id, expires_in, refresh=True):
        access = "AT-" + secrets.token_urlsafe(24)
        self.access_tokens[access] = {"user": user_id, "expires_at": time.time() + expires_in}
        self.issued.append(access)
        answer = {
            "access_token": access, "token_type": "Bearer", "expires_in": expires_in,
            "scope": "user-read-currently-playing user-read-playback-state user-read-private",
        }
        if refresh:
            token = "RT-" + secrets.token_urlsafe(24)
            self.refresh_tokens[token] = user_id
            self.issued.append(token)
            answer["refresh_token"] = token
        return answer

    def token(self, headers, form):
        """POST /api/token: (status, JSON)."""
        client_id = form.get("client_id")
        authorization = headers.get("Authorization", "")
        auth = "basic" if authorization.startswith("Basic ") else "body"
        if auth == "basic":
            basic_id, _, basic_secret = base64.b64decode(authorization[6:]).decode().partition(":")
            if basic_id != self.client_id or basic_secret != self.client_secret:
                return 400, {"error": "invalid_client", "error_description": "Invalid client secret"}
            client_id = basic_id
        if client_id != self.client_id:
            return 400, {"error": "invalid_client", "error_description": "Invalid client"}
        grant = form.get("grant_type")
        with self.lock:
            self.token_requests.append({**form, "at": time.monotonic(), "auth": auth})
            if grant == "authorization_code":
                entry = self.codes.get(form.get("code", ""))
                if entry is None or entry["used"]:
                    return 400, {"error": "invalid_grant", "error_description": "Invalid authorization code"}
                entry["used"] = True
                if form.get("redirect_uri") != entry["redirect_uri"]:
                    return 400, {"error": "invalid_grant", "error_description": "Invalid redirect URI"}
                if s256(form.get("code_verifier", "")) != entry["challenge"]:
                    return 400, {"error": "invalid_grant", "error_description": "code_verifier was incorrect"}
                return 200, self._issue(entry["user"], self.code_expires_in)
            if grant == "refresh_token":
                token = form.get("refresh_token", "")
                user = self.refresh_tokens.get(token)
                if user is None or token in self.revoked:
                    return 400, {"error": "invalid_grant", "error_description": "Refresh token revoked"}
                return 200, self._issue(user, self.refresh_expires_in, refresh=self.rotate_refresh_tokens)
        return 400, {"error": "unsupported_grant_type", "error_description": f"grant_type {grant!r}"}

    def api(self, path, headers):
        """GET on the Web API: (status, headers, body bytes), logged with its status."""
        if path != "/v1/me/player/currently-playing":
            return self._logged_api(path, headers)
        with self.lock:
            self.playing_in_flight += 1
            self.playing_max_in_flight = max(self.playing_max_in_flight, self.playing_in_flight)
        try:
            time.sleep(self.playing_delay)
            return self._logged_api(path, headers)
        finally:
            with self.lock:
                self.playing_in_flight -= 1

    def _logged_api(self, path, headers):
        token = headers.get("Authorization", "").removeprefix("Bearer ")
        with self.lock:
            entry = self.access_tokens.get(token)
            user = entry["user"] if entry else None
            answer = self._api_answer(path, entry, user)
            self.api_requests.append((time.monotonic(), path, user, answer[0], token))
            return answer

    def _api_answer(self, path, entry, user):
        if entry is None or entry["expires_at"] < time.time():
            return error(401, "The access token expired" if entry else "Invalid access token")
        if path == "/v1/me":
            return json_answer(self.profiles[user])
        if path == "/v1/me/player/currently-playing":
            if self.scripted.get(user):
                return self.scripted[user].pop(0)
            playing = self.playing.get(user)
            return (204, {}, b"") if playing is None else json_answer(playing)
        if path.startswith("/v1/audio-features/"):
            features = self.features.get(path.rsplit("/", 1)[1])
            return error(403, "Forbidden") if features is None else json_answer(features)
        return error(404, "Service not found")

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                if urlsplit(self.path).path != "/api/token":
                    return self.answer(*error(404, "Not found"))
                if not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                    return self.answer(*json_answer({"error": "invalid_request"}, 400))
                form = {key: values[0] for key, values in parse_qs(body, keep_blank_values=True).items()}
                status, answer = standin.token(self.headers, form)
                self.answer(*json_answer(answer, status))

            def do_GET(self):
                self.answer(*standin.api(urlsplit(self.path).path, self.headers))

            def answer(self, status, headers, body):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


def json_answer(value, status=200):
    return status, {"Content-Type": "application/json"}, json.dumps(value).encode()


def error(status, message):
    return json_answer({"error": {"status": status, "message": message}}, status)
