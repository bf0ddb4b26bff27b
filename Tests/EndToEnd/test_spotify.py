"""Spotify sign-in and now-playing polling end to end: the real binary against the local
Spotify stand-in (spotify_standin.py), which checks PKCE and speaks Spotify's protocol."""

import os
import pathlib
import stat
import time
from urllib.parse import parse_qs, urlsplit

import grpc
import pytest
from google.protobuf import wrappers_pb2

from conftest import start_server
from nearby_helpers import BERLIN, User, offset
from resonance.v1 import accounts_pb2 as pb
from resonance.v1 import accounts_pb2_grpc, discovery_pb2_grpc, presence_pb2, presence_pb2_grpc
from resonance_client import auth_metadata, connect
from rpc_helpers import call_error, db_count, field_violations
from spotify_standin import REDIRECT_URI, SpotifyStandIn, s256
from test_discovery import EVENT, Watch

PLAYING = "/v1/me/player/currently-playing"
SCOPES = "user-read-currently-playing user-read-playback-state user-read-private"


@pytest.fixture
def spotify():
    standin = SpotifyStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def spotify_server(tmp_path, spotify):
    running = start_server(tmp_path, *spotify.server_flags())
    yield running
    running.stop()


@pytest.fixture
def channel(spotify_server):
    channel = connect(spotify_server.address)
    yield channel
    channel.close()


def wait_for(condition, timeout=10.0, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def complete(channel, state, code):
    return accounts_pb2_grpc.AccountsStub(channel).CompleteSpotifySignIn(
        pb.CompleteSpotifySignInRequest(state=state, code=code), timeout=10
    )


def complete_error(channel, **fields):
    return call_error(
        accounts_pb2_grpc.AccountsStub(channel).CompleteSpotifySignIn, pb.CompleteSpotifySignInRequest(**fields)
    )


def start(channel):
    return accounts_pb2_grpc.AccountsStub(channel).StartSpotifySignIn(pb.StartSpotifySignInRequest(), timeout=10)


def sign_in(channel, spotify, spotify_id):
    started = start(channel)
    return complete(channel, started.state, spotify.approve(started.authorize_url, spotify_id))


class SpotifyUser(User):
    """A user signed in with Spotify (through the stand-in), with the same helpers as `User`."""

    def __init__(self, channel, spotify, spotify_id, display_name="Spotify Person"):
        spotify.add_user(spotify_id, display_name)
        self.spotify_id = spotify_id
        self.response = sign_in(channel, spotify, spotify_id)
        self.token = self.response.session.token
        self.user_id = self.response.session.user_id
        self.accounts = accounts_pb2_grpc.AccountsStub(channel)
        self.presence = presence_pb2_grpc.PresenceStub(channel)
        self.discovery = discovery_pb2_grpc.DiscoveryStub(channel)
        self.position = None

    def profile(self):
        return self.accounts.GetProfile(pb.GetProfileRequest(), timeout=10, metadata=self.metadata).profile


def database_bytes(server):
    """The database file and its WAL, as bytes."""
    return b"".join(path.read_bytes() for path in server.database.parent.glob(server.database.name + "*"))


# Sign-in


def test_sign_in_runs_the_pkce_flow_and_returns_a_session(spotify, channel, spotify_server):
    spotify.add_user("spotify-ana", "Ana From Spotify", email="ana@example.com")
    before = time.time()
    started = start(channel)
    query = {key: values[0] for key, values in parse_qs(urlsplit(started.authorize_url).query).items()}
    assert set(query) == {
        "client_id", "response_type", "redirect_uri", "scope", "state", "code_challenge_method", "code_challenge"
    }
    assert (query["redirect_uri"], query["scope"], query["state"]) == (REDIRECT_URI, SCOPES, started.state)
    assert before + 590 <= started.expires_at.seconds <= time.time() + 610

    response = complete(channel, started.state, spotify.approve(started.authorize_url, "spotify-ana"))
    assert response.created
    profile = response.profile
    assert (profile.display_name, profile.email) == ("Ana From Spotify", "ana@example.com")
    assert profile.spotify_connected
    assert profile.avatar_url == "https://i.scdn.co/image/spotify-ana" and not profile.is_anonymous

    [grant] = spotify.grants("authorization_code")
    assert s256(grant["code_verifier"]) == query["code_challenge"]
    assert grant["redirect_uri"] == REDIRECT_URI and grant["auth"] == "basic"
    me = accounts_pb2_grpc.AccountsStub(channel).GetProfile(
        pb.GetProfileRequest(), timeout=10, metadata=auth_metadata(response.session.token)
    )
    assert me.profile.user_id == response.session.user_id
    assert db_count(spotify_server, "SELECT count(*) FROM spotify_tokens WHERE user_id = ?", profile.user_id) == 1


def test_a_state_is_single_use_and_must_be_known(spotify, channel, spotify_server):
    spotify.add_user("spotify-ben")
    started = start(channel)
    code = spotify.approve(started.authorize_url, "spotify-ben")
    complete(channel, started.state, code)
    users = db_count(spotify_server, "SELECT count(*) FROM users")

    reused = complete_error(channel, state=started.state, code=code)
    assert reused.code() == grpc.StatusCode.FAILED_PRECONDITION and "already used" in reused.details()
    unknown = complete_error(channel, state="never-issued-state", code=code)
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    empty = complete_error(channel)
    assert empty.code() == grpc.StatusCode.INVALID_ARGUMENT and field_violations(empty) == ["code", "state"]
    assert len(spotify.grants("authorization_code")) == 1
    assert db_count(spotify_server, "SELECT count(*) FROM users") == users


def test_a_code_for_another_sign_in_fails_the_pkce_check(spotify, channel, spotify_server):
    spotify.add_user("spotify-cleo")
    first, second = start(channel), start(channel)
    code = spotify.approve(first.authorize_url, "spotify-cleo")
    # The second flow's verifier does not match the challenge the code was issued for.
    error = complete_error(channel, state=second.state, code=code)
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED and "code_verifier" in error.details()
    assert db_count(spotify_server, "SELECT count(*) FROM users") == 0
    assert db_count(spotify_server, "SELECT count(*) FROM spotify_tokens") == 0


def test_start_refuses_another_redirect_uri(channel, spotify_server):
    error = call_error(accounts_pb2_grpc.AccountsStub(channel).StartSpotifySignIn,
                       pb.StartSpotifySignInRequest(redirect_uri="https://evil.example/callback"))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and field_violations(error) == ["redirect_uri"]
    assert db_count(spotify_server, "SELECT count(*) FROM oauth_states") == 0
    assert start(channel).state  # the configured one (or none) is fine


def test_signing_in_again_keeps_an_edited_display_name(spotify, channel):
    user = SpotifyUser(channel, spotify, "spotify-dora", "Dora")
    user.accounts.UpdateProfile(
        pb.UpdateProfileRequest(display_name=wrappers_pb2.StringValue(value="Dora Edited")),
        timeout=10, metadata=user.metadata,
    )
    spotify.add_user("spotify-dora", "Dora Renamed On Spotify", email="new@example.com")
    again = sign_in(channel, spotify, "spotify-dora")
    assert not again.created and again.session.user_id == user.user_id
    assert (again.profile.display_name, again.profile.email) == ("Dora Edited", "new@example.com")


def test_tokens_are_encrypted_at_rest_with_a_private_key_file(spotify, channel, spotify_server):
    user = SpotifyUser(channel, spotify, "spotify-eve", "Eve")
    user.go_live(BERLIN)
    spotify.play("spotify-eve", "track-eve")
    wait_for(lambda: spotify.requests_to(PLAYING), what="a poll")
    key_file = pathlib.Path(str(spotify_server.database) + ".key")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    stored = database_bytes(spotify_server)
    assert b"eve@example.com" in stored  # the scan does see what is stored in plain text
    assert spotify.issued and all(token.encode() not in stored for token in spotify.issued)


def test_the_server_refuses_a_key_file_others_can_read(spotify, tmp_path):
    key_file = tmp_path / "shared.key"
    key_file.write_text("A" * 43 + "=\n")
    os.chmod(key_file, 0o644)
    with pytest.raises(RuntimeError, match="chmod 600"):
        start_server(tmp_path, *spotify.server_flags(), "--token-key-file", str(key_file))


# Polling


def next_event(watch, matches, timeout=10.0):
    """The first event on `watch` that `matches`, skipping others."""
    deadline = time.monotonic() + timeout
    while True:
        event = watch.next(timeout=max(0.01, deadline - time.monotonic()))
        assert event is not None, f"stream ended: {watch.error}"
        if matches(event):
            return event


def test_polling_shows_track_changes_to_nearby_watchers(spotify, channel, spotify_server):
    listener = SpotifyUser(channel, spotify, "spotify-finn", "Finn")
    watcher = User(channel)
    listener.go_live(BERLIN)
    watcher.go_live(offset(BERLIN, 100, 0))
    watch = Watch(watcher, 500)
    next_event(watch, lambda e: e.type == EVENT.NEARBY_EVENT_TYPE_SYNCED)

    spotify.features["track-one"] = {"energy": 0.8, "valence": 0.7}
    spotify.play("spotify-finn", "track-one", name="First Song", artists=("Band", "Guest"))
    event = next_event(watch, lambda e: e.type == EVENT.NEARBY_EVENT_TYPE_UPDATED and e.user.current_track.track_id)
    track = event.user.current_track
    assert (event.user.user.user_id, track.track_id, track.track_name, track.artist) == (
        listener.user_id, "track-one", "First Song", "Band, Guest")
    assert (round(track.energy.value, 3), round(track.valence.value, 3)) == (0.8, 0.7)
    [nearby] = watcher.nearby().users
    assert nearby.current_track.track_id == "track-one"

    spotify.play("spotify-finn", "track-two")  # no audio features: the stand-in answers 403
    event = next_event(watch, lambda e: e.user.current_track.track_id == "track-two")
    assert not event.user.current_track.HasField("energy")
    polls = len(spotify.requests_to(PLAYING))
    wait_for(lambda: len(spotify.requests_to(PLAYING)) >= polls + 5, what="five more polls")
    assert len(spotify.requests_to("/v1/audio-features/track-two")) == 1
    assert len(spotify.requests_to("/v1/audio-features/track-one")) == 1

    history = listener.presence.ListListeningHistory(
        presence_pb2.ListListeningHistoryRequest(), timeout=10, metadata=listener.metadata)
    assert [entry.track.track_id for entry in history.entries] == ["track-two", "track-one"]

    spotify.stop_playing("spotify-finn")
    next_event(watch, lambda e: e.type == EVENT.NEARBY_EVENT_TYPE_UPDATED and not e.user.HasField("current_track"))
    assert db_count(spotify_server, "SELECT count(*) FROM current_tracks WHERE user_id = ?", listener.user_id) == 0


def test_only_live_users_are_polled(spotify, channel):
    SpotifyUser(channel, spotify, "spotify-gus")
    live = SpotifyUser(channel, spotify, "spotify-hal")
    live.go_live(BERLIN)
    wait_for(lambda: len(spotify.requests_to(PLAYING)) >= 3, what="polls")
    assert {entry[2] for entry in spotify.requests_to(PLAYING)} == {"spotify-hal"}


def test_tokens_are_refreshed_before_expiry_keeping_the_refresh_token(spotify, channel, spotify_server):
    spotify.code_expires_in = 120  # inside the 5-minute refresh margin
    spotify.refresh_expires_in = 120
    user = SpotifyUser(channel, spotify, "spotify-ida")
    [first_refresh_token] = spotify.refresh_tokens_of("spotify-ida")
    user.go_live(BERLIN)
    wait_for(lambda: len(spotify.grants("refresh_token")) >= 2, what="two refreshes")
    # Spotify returned no new refresh token, so the first one is used again.
    assert {form["refresh_token"] for form in spotify.grants("refresh_token")} == {first_refresh_token}

    spotify.refresh_expires_in = 3600
    wait_for(lambda: db_count(spotify_server, "SELECT expires_at FROM spotify_tokens") > (time.time() + 3000) * 1000,
             what="a long-lived token")
    refreshes = len(spotify.grants("refresh_token"))
    time.sleep(1.0)
    assert len(spotify.grants("refresh_token")) == refreshes
    latest = spotify.requests_to(PLAYING)[-1]
    assert latest[3] in (200, 204) and latest[4] == spotify.issued[-1]


def test_retry_after_is_honoured(spotify, channel):
    user = SpotifyUser(channel, spotify, "spotify-jo")
    user.go_live(BERLIN)
    wait_for(lambda: spotify.requests_to(PLAYING), what="a first poll")
    spotify.script("spotify-jo", 429, {"Retry-After": "2"})
    limited = wait_for(lambda: [r for r in spotify.requests_to(PLAYING) if r[3] == 429], what="the 429")[0]
    later = wait_for(lambda: [r for r in spotify.requests_to(PLAYING) if r[0] > limited[0]], timeout=6,
                     what="a poll after the back-off")[0]
    assert later[0] - limited[0] >= 1.95
    assert later[0] - limited[0] < 3.5


def test_a_revoked_refresh_token_disconnects_and_notifies(spotify, channel, spotify_server):
    user = SpotifyUser(channel, spotify, "spotify-kai")
    user.go_live(BERLIN)
    wait_for(lambda: spotify.requests_to(PLAYING), what="a first poll")
    spotify.revoke_refresh_tokens("spotify-kai")
    spotify.expire_access_tokens("spotify-kai")  # the next poll gets 401, refreshes, and is refused

    wait_for(lambda: db_count(spotify_server, "SELECT count(*) FROM spotify_tokens") == 0, what="the tokens dropped")
    notices = "SELECT count(*) FROM notifications WHERE user_id = ? AND type = 'spotify_disconnected'"
    assert db_count(spotify_server, notices, user.user_id) == 1
    assert not user.profile().spotify_connected
    polls = len(spotify.requests_to(PLAYING))
    time.sleep(1.0)
    assert len(spotify.requests_to(PLAYING)) == polls
    assert db_count(spotify_server, notices, user.user_id) == 1

    again = sign_in(channel, spotify, "spotify-kai")  # signing in again reconnects
    assert again.session.user_id == user.user_id and again.profile.spotify_connected


def test_polls_are_spread_over_the_interval_and_capped_in_flight(spotify, tmp_path):
    server = start_server(tmp_path, *spotify.server_flags(poll_interval="1"), "--spotify-max-concurrent-polls", "3")
    channel = connect(server.address)
    try:
        users = [SpotifyUser(channel, spotify, f"spotify-crowd-{index}") for index in range(24)]
        spotify.playing_delay = 0.05
        for user in users:
            user.go_live(BERLIN)
        time.sleep(3.5)
        first_polls = {}
        for at, _, user, _, _ in spotify.requests_to(PLAYING):
            first_polls.setdefault(user, at)
        assert len(first_polls) == 24
        # Spread: the first polls of 24 users are not bunched into one moment of the 1 s interval.
        starts = sorted(first_polls.values())
        busiest = max(sum(1 for at in starts if start <= at < start + 0.1) for start in starts)
        assert busiest <= 10, f"{busiest} first polls within 100 ms"
        assert starts[-1] - starts[0] >= 0.5
        # Every user is polled about once a second, never more than 3 requests at once.
        assert 2 <= len(spotify.requests_to(PLAYING)) / 24 <= 5
        assert spotify.playing_max_in_flight <= 3

        spotify.playing_delay = 0.5  # now 3 slots cannot keep up: still at most 3 at once
        time.sleep(2.0)
        assert spotify.playing_max_in_flight == 3
    finally:
        channel.close()
        server.stop()


def test_an_unreachable_spotify_is_unavailable(tmp_path):
    standin = SpotifyStandIn()  # never started: its port refuses connections
    flags = standin.server_flags()
    standin.stop()
    server = start_server(tmp_path, *flags)
    channel = connect(server.address)
    try:
        started = start(channel)
        error = complete_error(channel, state=started.state, code="any-code")
        assert error.code() == grpc.StatusCode.UNAVAILABLE and "Spotify" in error.details()
        assert db_count(server, "SELECT count(*) FROM users") == 0
    finally:
        channel.close()
        server.stop()


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--spotify-client-id", "id"], "--spotify-redirect-uri"),
        (["--spotify-client-id", "id", "--spotify-redirect-uri", REDIRECT_URI, "--spotify-api-url", "ftp://x"],
         "must start with https://"),
        (["--spotify-poll-interval-seconds", "0"], "0.05 to 3600"),
        (["--spotify-max-concurrent-polls", "0"], "1 to 1024"),
    ],
)
def test_bad_spotify_settings_stop_the_server_with_a_clear_message(tmp_path, flags, message):
    with pytest.raises(RuntimeError, match=message):
        start_server(tmp_path, *flags)


def test_stored_tokens_survive_a_restart_and_need_their_key(spotify, tmp_path):
    server = start_server(tmp_path, *spotify.server_flags())
    channel = connect(server.address)
    user = SpotifyUser(channel, spotify, "spotify-lea")
    user.go_live(BERLIN)
    wait_for(lambda: spotify.requests_to(PLAYING), what="a first poll")
    channel.close()
    server.stop()

    # Same database and key file: the sealed tokens open and polling goes on.
    server = start_server(tmp_path, *spotify.server_flags())
    restarted = time.monotonic()
    try:
        wait_for(lambda: [r for r in spotify.requests_to(PLAYING) if r[0] > restarted and r[3] in (200, 204)],
                 what="a poll after the restart")
    finally:
        server.stop()

    # Another key: the tokens cannot be opened, so Spotify counts as disconnected.
    other_key = tmp_path / "other.key"
    server = start_server(tmp_path, *spotify.server_flags(), "--token-key-file", str(other_key))
    try:
        wait_for(lambda: db_count(server, "SELECT count(*) FROM spotify_tokens") == 0, what="the tokens dropped")
        notices = "SELECT count(*) FROM notifications WHERE user_id = ? AND type = 'spotify_disconnected'"
        assert db_count(server, notices, user.user_id) == 1
        assert stat.S_IMODE(other_key.stat().st_mode) == 0o600
    finally:
        server.stop()
