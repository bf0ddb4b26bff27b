"""The Presence service end to end: the real binary driven by the generated grpcio stubs."""

import math
import sqlite3
import time

import grpc
import pytest
from google.protobuf import wrappers_pb2

from conftest import start_server
from resonance.v1 import accounts_pb2, accounts_pb2_grpc, common_pb2
from resonance.v1 import presence_pb2 as pb
from resonance.v1 import presence_pb2_grpc
from resonance_client import auth_metadata, connect
from rpc_helpers import call_error, db_count, field_violations, retry_delay_seconds

BERLIN = (52.52, 13.405)
# About 111 m north of BERLIN per 0.001 degree of latitude.
STEP_DEGREES = 0.001


class Caller:
    """One signed-in anonymous user with Presence and Accounts stubs that send their token."""

    def __init__(self, channel):
        accounts = accounts_pb2_grpc.AccountsStub(channel)
        response = accounts.SignInAnonymously(accounts_pb2.SignInAnonymouslyRequest(), timeout=10)
        self.token = response.session.token
        self.user_id = response.session.user_id
        self.stub = presence_pb2_grpc.PresenceStub(channel)

    def call(self, method, request):
        return getattr(self.stub, method)(request, timeout=10, metadata=auth_metadata(self.token))

    def error(self, method, request):
        return call_error(getattr(self.stub, method), request, metadata=auth_metadata(self.token))

    def go_live(self, lat=BERLIN[0], lon=BERLIN[1], accuracy=10.0, settings=None):
        request = pb.GoLiveRequest(location=common_pb2.Location(latitude=lat, longitude=lon), accuracy_m=accuracy)
        if settings is not None:
            request.settings.CopyFrom(settings)
        return self.call("GoLive", request).status

    def status(self):
        return self.call("GetMyStatus", pb.GetMyStatusRequest()).status


@pytest.fixture
def channel(server):
    channel = connect(server.address)
    yield channel
    channel.close()


@pytest.fixture
def alice(channel):
    return Caller(channel)


def location_request(lat, lon, accuracy=10.0):
    return pb.UpdateLocationRequest(location=common_pb2.Location(latitude=lat, longitude=lon), accuracy_m=accuracy)


def track(track_id="t1", name="Song", artist="Artist", art="https://i.scdn.co/image/1", energy=None, valence=None):
    message = common_pb2.Track(track_id=track_id, track_name=name, artist=artist, album_art=art)
    if energy is not None:
        message.energy.value = energy
    if valence is not None:
        message.valence.value = valence
    return message


def radius_settings(radius_km):
    return pb.LiveSettings(radius_km=wrappers_pb2.DoubleValue(value=radius_km))


def play(caller, track_id="t1", is_playing=True, **fields):
    """Reports a track as playing; returns the SetNowPlaying response."""
    return caller.call("SetNowPlaying", pb.SetNowPlayingRequest(track=track(track_id, **fields), is_playing=is_playing))


def stored_rows(server, user_id):
    """Every presence row of a user, to compare before and after a refused call."""
    with sqlite3.connect(server.database) as connection:
        return [
            connection.execute(f"SELECT * FROM {table} WHERE user_id = ? ORDER BY 1", (user_id,)).fetchall()
            for table in ("live_status", "location_snapshots", "current_tracks", "listening_history")
        ]


def millis(timestamp):
    return timestamp.seconds * 1000 + timestamp.nanos // 1_000_000


# Every Presence RPC, with a request that would otherwise be valid.
ALL_CALLS = [
    ("GoLive", pb.GoLiveRequest(location=common_pb2.Location(latitude=1, longitude=2))),
    ("GoOffline", pb.GoOfflineRequest()),
    ("Heartbeat", pb.HeartbeatRequest()),
    ("UpdateLocation", location_request(1, 2)),
    ("UpdateSettings", pb.UpdateSettingsRequest(settings=radius_settings(1))),
    ("GetMyStatus", pb.GetMyStatusRequest()),
    ("SetNowPlaying", pb.SetNowPlayingRequest(track=track(), is_playing=True)),
    ("ListListeningHistory", pb.ListListeningHistoryRequest()),
]


@pytest.mark.parametrize("method,request_message", ALL_CALLS, ids=[c[0] for c in ALL_CALLS])
def test_every_rpc_needs_a_valid_token(channel, server, method, request_message):
    stub = presence_pb2_grpc.PresenceStub(channel)
    for metadata in [None, auth_metadata("not-a-real-token"), (("authorization", "Basic abc"),)]:
        error = call_error(getattr(stub, method), request_message, metadata=metadata)
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED, (method, metadata)
    assert db_count(server, "SELECT count(*) FROM live_status") == 0
    assert db_count(server, "SELECT count(*) FROM current_tracks") == 0


def test_go_live_uses_the_profile_radius_and_stores_the_location(alice, server):
    before = alice.status()
    assert not before.is_live and before.radius_km == 5 and not before.HasField("expires_at")

    status = alice.go_live(accuracy=12.5)
    assert status.is_live
    assert status.radius_km == 5
    assert status.share_track and not status.allow_find
    assert (status.location.latitude, status.location.longitude) == BERLIN
    assert status.accuracy_m == 12.5
    assert millis(status.expires_at) - millis(status.last_active) == 120_000
    assert abs(millis(status.last_active) - time.time() * 1000) < 5000
    assert alice.status() == status

    with sqlite3.connect(server.database) as connection:
        row = connection.execute(
            "SELECT latitude, longitude, geohash, accuracy FROM location_snapshots WHERE user_id = ?",
            (alice.user_id,),
        ).fetchone()
    assert row[:2] == BERLIN and len(row[2]) == 12 and row[2].startswith("u33dc") and row[3] == 12.5
    assert db_count(server, "SELECT is_live FROM live_status WHERE user_id = ?", alice.user_id) == 1


def test_go_live_settings_override_and_going_live_again_keeps_them(alice):
    settings = pb.LiveSettings(
        share_track=wrappers_pb2.BoolValue(value=False),
        allow_find=wrappers_pb2.BoolValue(value=True),
        radius_km=wrappers_pb2.DoubleValue(value=2.5),
    )
    status = alice.go_live(settings=settings)
    assert (status.share_track, status.allow_find, status.radius_km) == (False, True, 2.5)
    # Going live again at the same place (a retry) keeps the settings in force.
    again = alice.go_live()
    assert (again.share_track, again.allow_find, again.radius_km) == (False, True, 2.5)


def test_heartbeat(alice, server):
    error = alice.error("Heartbeat", pb.HeartbeatRequest())
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "GoLive" in error.details()
    live = alice.go_live()
    time.sleep(0.05)
    response = alice.call("Heartbeat", pb.HeartbeatRequest())
    assert millis(response.expires_at) > millis(live.expires_at)
    stored = db_count(server, "SELECT last_active FROM live_status WHERE user_id = ?", alice.user_id)
    assert millis(response.expires_at) == stored + 120_000


def test_location_updates_rate_limit_and_speed(alice, server):
    error = alice.error("UpdateLocation", location_request(*BERLIN))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION

    alice.go_live()
    # A second location change within a second is refused, with a RetryInfo delay.
    error = alice.error("UpdateLocation", location_request(BERLIN[0] + STEP_DEGREES, BERLIN[1]))
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    delay = retry_delay_seconds(error)
    assert 0 < delay <= 1
    unchanged = stored_rows(server, alice.user_id)

    time.sleep(delay + 0.05)
    response = alice.call("UpdateLocation", location_request(BERLIN[0] + STEP_DEGREES, BERLIN[1], 30))
    status = alice.status()
    assert status.location.latitude == BERLIN[0] + STEP_DEGREES and status.accuracy_m == 30
    assert response.expires_at == status.expires_at
    assert stored_rows(server, alice.user_id) != unchanged

    # 1000 km in about a second is far beyond 300 m/s.
    time.sleep(1.1)
    moved = stored_rows(server, alice.user_id)
    error = alice.error("UpdateLocation", location_request(BERLIN[0] - 9, BERLIN[1]))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "m/s" in error.details()
    assert stored_rows(server, alice.user_id) == moved
    # A GoLive that jumps as far is refused the same way.
    error = alice.error(
        "GoLive", pb.GoLiveRequest(location=common_pb2.Location(latitude=BERLIN[0] - 9, longitude=BERLIN[1]))
    )
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert stored_rows(server, alice.user_id) == moved


BAD_POSITIONS = [
    ((math.nan, 13.0, 10.0), ["location.latitude"]),
    ((52.0, math.inf, 10.0), ["location.longitude"]),
    ((-math.inf, math.nan, 10.0), ["location.latitude", "location.longitude"]),
    ((90.5, 13.0, 10.0), ["location.latitude"]),
    ((52.0, -180.01, 10.0), ["location.longitude"]),
    ((52.0, 13.0, -1.0), ["accuracy_m"]),
    ((52.0, 13.0, 10_000.5), ["accuracy_m"]),
    ((52.0, 13.0, math.nan), ["accuracy_m"]),
]


@pytest.mark.parametrize("position,fields", BAD_POSITIONS)
def test_bad_positions_are_invalid_and_change_nothing(alice, server, position, fields):
    lat, lon, accuracy = position
    error = alice.error(
        "GoLive", pb.GoLiveRequest(location=common_pb2.Location(latitude=lat, longitude=lon), accuracy_m=accuracy)
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == sorted(fields)
    assert stored_rows(server, alice.user_id) == [[], [], [], []]

    alice.go_live()
    before = stored_rows(server, alice.user_id)
    error = alice.error("UpdateLocation", location_request(lat, lon, accuracy))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == sorted(fields)
    assert stored_rows(server, alice.user_id) == before


def test_missing_location_and_bad_settings(alice, server):
    error = alice.error("GoLive", pb.GoLiveRequest(settings=radius_settings(11)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["location", "settings.radius_km"]
    assert stored_rows(server, alice.user_id) == [[], [], [], []]


def test_update_settings(alice, server):
    change = pb.UpdateSettingsRequest(settings=pb.LiveSettings(allow_find=wrappers_pb2.BoolValue(value=True)))
    assert alice.error("UpdateSettings", change).code() == grpc.StatusCode.FAILED_PRECONDITION

    alice.go_live()
    status = alice.call("UpdateSettings", change).status
    assert (status.allow_find, status.share_track, status.radius_km) == (True, True, 5)
    status = alice.call("UpdateSettings", pb.UpdateSettingsRequest(settings=radius_settings(0.1))).status
    assert (status.allow_find, status.radius_km) == (True, 0.1)
    assert alice.status() == status

    before = stored_rows(server, alice.user_id)
    for bad in [0.09, 10.5, math.nan, -math.inf]:
        error = alice.error("UpdateSettings", pb.UpdateSettingsRequest(settings=radius_settings(bad)))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert field_violations(error) == ["settings.radius_km"]
    assert stored_rows(server, alice.user_id) == before


@pytest.mark.parametrize(
    "energy,valence,vibe",
    [
        (0.8, 0.9, common_pb2.VIBE_EUPHORIC),
        (0.5, 0.49, common_pb2.VIBE_ENERGETIC),
        (0.2, 0.5, common_pb2.VIBE_CHILL),
        (0.0, 0.1, common_pb2.VIBE_MELANCHOLIC),
        (0.7, None, common_pb2.VIBE_UNSPECIFIED),
    ],
)
def test_now_playing_vibe(alice, energy, valence, vibe):
    response = play(alice, energy=energy, valence=valence)
    assert response.vibe == vibe
    status = alice.status()
    assert status.vibe == vibe and status.is_playing
    assert status.current_track == track(energy=energy, valence=valence)


def test_now_playing_history_skips_repeats_pages_and_is_private(alice, channel):
    assert play(alice, "a").appended_to_history
    assert not play(alice, "a", is_playing=False).appended_to_history  # a repeat of the newest entry
    assert play(alice, "b").appended_to_history
    assert play(alice, "a").appended_to_history

    history = alice.call("ListListeningHistory", pb.ListListeningHistoryRequest())
    assert [entry.track.track_id for entry in history.entries] == ["a", "b", "a"]
    assert history.next_page_token == ""
    played = [millis(entry.played_at) for entry in history.entries]
    assert played == sorted(played, reverse=True) and len(set(played)) == 3

    first = alice.call("ListListeningHistory", pb.ListListeningHistoryRequest(page_size=2))
    assert [entry.id for entry in first.entries] == [entry.id for entry in history.entries[:2]]
    second = alice.call(
        "ListListeningHistory", pb.ListListeningHistoryRequest(page_size=2, page_token=first.next_page_token)
    )
    assert [entry.id for entry in second.entries] == [history.entries[2].id]
    assert second.next_page_token == ""

    # Nothing playing: no current track, no vibe, no history entry.
    response = alice.call("SetNowPlaying", pb.SetNowPlayingRequest())
    assert not response.appended_to_history and response.vibe == common_pb2.VIBE_UNSPECIFIED
    status = alice.status()
    assert not status.HasField("current_track") and not status.is_playing

    bob = Caller(channel)
    assert len(bob.call("ListListeningHistory", pb.ListListeningHistoryRequest()).entries) == 0
    # Alice's page token does not open her history to Bob: it pages his own.
    with_token = bob.call("ListListeningHistory", pb.ListListeningHistoryRequest(page_token=first.next_page_token))
    assert len(with_token.entries) == 0


def test_history_keeps_the_newest_fifty(alice, server):
    for number in range(53):
        play(alice, f"t{number}")
    assert db_count(server, "SELECT count(*) FROM listening_history WHERE user_id = ?", alice.user_id) == 50
    ids = []
    token = ""
    while True:
        page = alice.call("ListListeningHistory", pb.ListListeningHistoryRequest(page_size=100, page_token=token))
        ids += [entry.track.track_id for entry in page.entries]
        token = page.next_page_token
        if not token:
            break
    assert ids == [f"t{number}" for number in range(52, 2, -1)]


@pytest.mark.parametrize(
    "bad_track,fields",
    [
        (track(track_id=""), ["track.track_id"]),
        (track(track_id="x" * 129), ["track.track_id"]),
        (track(name="n" * 301), ["track.track_name"]),
        (track(name="   "), ["track.track_name"]),
        (track(artist="é" * 301), ["track.artist"]),
        (track(art="http://example.com/a.png"), ["track.album_art"]),
        (track(art="https://e.com/" + "a" * 2048), ["track.album_art"]),
        (track(energy=1.01), ["track.energy"]),
        (track(valence=-0.1), ["track.valence"]),
        (track(energy=math.nan, valence=math.inf), ["track.energy", "track.valence"]),
        (track(track_id="", name="", artist=""), ["track.artist", "track.track_id", "track.track_name"]),
    ],
)
def test_bad_tracks_are_invalid_and_change_nothing(alice, server, bad_track, fields):
    play(alice, "kept")
    before = stored_rows(server, alice.user_id)
    error = alice.error("SetNowPlaying", pb.SetNowPlayingRequest(track=bad_track, is_playing=True))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == sorted(fields)
    assert stored_rows(server, alice.user_id) == before


@pytest.mark.parametrize(
    "request_message",
    [
        pb.ListListeningHistoryRequest(page_size=-1),
        pb.ListListeningHistoryRequest(page_token="garbage!"),
        pb.ListListeningHistoryRequest(page_token="aGlzdG9yeTp4Onk"),
    ],
)
def test_bad_history_pages(alice, request_message):
    error = alice.error("ListListeningHistory", request_message)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert len(field_violations(error)) == 1


def test_go_offline(alice, server):
    alice.call("GoOffline", pb.GoOfflineRequest())  # offline already: not an error
    alice.go_live()
    alice.call("GoOffline", pb.GoOfflineRequest())
    status = alice.status()
    assert not status.is_live and not status.HasField("expires_at")
    assert db_count(server, "SELECT is_live FROM live_status WHERE user_id = ?", alice.user_id) == 0
    assert alice.error("Heartbeat", pb.HeartbeatRequest()).code() == grpc.StatusCode.FAILED_PRECONDITION
    alice.call("GoOffline", pb.GoOfflineRequest())


def test_silent_users_expire(tmp_path):
    running = start_server(tmp_path, "--live-timeout-seconds", "2")
    channel = connect(running.address)
    try:
        silent, chatty = Caller(channel), Caller(channel)
        status = silent.go_live()
        assert millis(status.expires_at) - millis(status.last_active) == 2000
        chatty.go_live(lat=BERLIN[0] + 0.01)
        deadline = time.time() + 3.5
        while time.time() < deadline:
            chatty.call("Heartbeat", pb.HeartbeatRequest())
            time.sleep(0.5)
        assert not silent.status().is_live
        assert silent.error("Heartbeat", pb.HeartbeatRequest()).code() == grpc.StatusCode.FAILED_PRECONDITION
        assert db_count(running, "SELECT is_live FROM live_status WHERE user_id = ?", silent.user_id) == 0
        assert chatty.status().is_live
        # Going live again after expiry works.
        assert silent.go_live().is_live
    finally:
        channel.close()
        running.stop()


def test_live_timeout_flag_is_validated(tmp_path):
    with pytest.raises(RuntimeError, match="live-timeout-seconds"):
        start_server(tmp_path, "--live-timeout-seconds", "0")
