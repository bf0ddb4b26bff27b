"""Discovery's nearby half end to end: ListNearby and WatchNearby through the real binary."""

import queue
import struct
import threading
import time

import grpc
import pytest
from google.protobuf import wrappers_pb2

from conftest import start_server
from resonance.v1 import accounts_pb2, common_pb2
from resonance.v1 import discovery_pb2 as pb
from resonance.v1 import discovery_pb2_grpc
from resonance.v1 import presence_pb2
from resonance_client import connect
from nearby_helpers import BERLIN, GRID_M, User, haversine, offset
from rpc_helpers import call_error, field_violations

# The documented range rule (Sources/Services/Discovery/NearbyOrdering.swift): in range when
# the bucketed distance between grid-snapped positions is within the radius, so a user more
# than 2.5 cells inside the radius is always listed and one more than 1.5 cells outside never.
ALWAYS_IN_M = 2.5 * GRID_M
NEVER_OUT_M = 1.5 * GRID_M
EVENT = pb.NearbyEventType


class Watch:
    """A WatchNearby stream read on a thread into a queue."""

    def __init__(self, user, radius_m):
        self.call = user.discovery.WatchNearby(
            pb.WatchNearbyRequest(radius_m=radius_m), metadata=user.metadata, timeout=60
        )
        self.events = queue.Queue()
        self.error = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        try:
            for event in self.call:
                self.events.put(event)
        except grpc.RpcError as error:
            self.error = error
        self.events.put(None)

    def next(self, timeout=10):
        return self.events.get(timeout=timeout)

    def expect(self, event_type, user_id=None):
        event = self.next()
        assert event is not None, f"stream ended ({self.error}) while expecting {event_type}"
        assert event.type == event_type, f"expected {event_type}, got {event}"
        if user_id is not None:
            assert event.user.user.user_id == user_id
        return event

    def expect_end(self):
        assert self.next() is None
        self.thread.join(timeout=10)


# Positions around Berlin as (north m, east m): a spread across the 2 km radius, none inside
# the documented tolerance band around 2 km from the centre user.
LAYOUT = [(0, 0), (300, 200), (-700, 500), (1200, -900), (-1500, 300), (0, 1650), (2100, 800), (-2600, -400)]


@pytest.fixture
def crowd(channel):
    users = [User(channel) for _ in LAYOUT]
    for user, (north, east) in zip(users, LAYOUT):
        user.go_live(offset(BERLIN, north, east), radius_km=2)
    return users


def test_each_user_sees_exactly_the_users_within_the_radius(crowd):
    positions = [user.position for user in crowd]
    for viewer in crowd:
        response = viewer.nearby()
        assert response.radius_m == 2000
        listed = {entry.user.user_id: entry for entry in response.users}
        for other in crowd:
            if other is viewer:
                assert other.user_id not in listed
                continue
            true = haversine(viewer.position, other.position)
            if true <= response.radius_m - ALWAYS_IN_M:
                assert other.user_id in listed, f"{true:.0f} m away but not listed"
            elif true > response.radius_m + NEVER_OUT_M:
                assert other.user_id not in listed, f"{true:.0f} m away but listed"
            if other.user_id in listed:
                shown = listed[other.user_id].distance
                assert shown.grid_meters == GRID_M
                assert shown.approx_meters % GRID_M == 0
                assert shown.approx_meters <= response.radius_m
                assert abs(shown.approx_meters - true) <= ALWAYS_IN_M
                assert len(listed[other.user_id].area_geohash) == 6
        buckets = [entry.distance.approx_meters for entry in response.users]
        assert buckets == sorted(buckets)
    # The centre user sees the whole layout but the two beyond 2 km.
    assert len(crowd[0].nearby().users) == len(positions) - 3


def test_the_order_is_stable_and_a_repeat_gives_the_same_page(crowd):
    first = [entry.user.user_id for entry in crowd[0].nearby().users]
    assert first == [entry.user.user_id for entry in crowd[0].nearby().users]


def test_no_response_field_carries_a_raw_coordinate(crowd):
    raw = set()
    for user in crowd:
        raw.update(user.position)
    for viewer in crowd:
        payload = viewer.nearby().SerializeToString()
        for value in raw:
            assert struct.pack("<d", value) not in payload
            assert repr(value).encode() not in payload
        for entry in viewer.nearby().users:
            numbers = [entry.distance.approx_meters, entry.distance.grid_meters]
            assert not raw.intersection(numbers)


def test_pagination_walks_the_same_order_without_repeats(channel):
    centre = User(channel)
    centre.go_live(BERLIN, radius_km=1)
    others = [User(channel) for _ in range(7)]
    for index, user in enumerate(others):
        user.go_live(offset(BERLIN, 40 * index, 60 * (index % 3)))
    whole = [entry.user.user_id for entry in centre.nearby().users]
    assert sorted(whole) == sorted(user.user_id for user in others)
    pages, token = [], ""
    while True:
        response = centre.nearby(page_size=3, page_token=token)
        pages.append([entry.user.user_id for entry in response.users])
        token = response.next_page_token
        if not token:
            break
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [user_id for page in pages for user_id in page] == whole


def test_radius_defaults_to_the_callers_and_is_clamped(channel):
    viewer, near, far = User(channel), User(channel), User(channel)
    viewer.go_live(BERLIN, radius_km=1.5)
    near.go_live(offset(BERLIN, 500, 0))
    far.go_live(offset(BERLIN, 0, 3000))
    assert viewer.nearby().radius_m == 1500
    assert viewer.nearby_ids() == [near.user_id]
    low = viewer.nearby(radius_m=20)
    assert low.radius_m == 100 and list(low.users) == []
    high = viewer.nearby(radius_m=50_000)
    assert high.radius_m == 10_000
    assert sorted(entry.user.user_id for entry in high.users) == sorted([near.user_id, far.user_id])


@pytest.mark.parametrize("radius", [-1.0, float("nan"), float("inf")])
def test_bad_radius_is_invalid_argument(channel, radius):
    viewer = User(channel)
    viewer.go_live(BERLIN)
    error = viewer.nearby_error(radius_m=radius)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["radius_m"]


def test_bad_page_size_and_token_are_invalid_argument(channel):
    viewer = User(channel)
    viewer.go_live(BERLIN)
    error = viewer.nearby_error(page_size=-1, page_token="not-a-token")
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["page_size", "page_token"]


def test_a_caller_who_is_not_live_gets_failed_precondition(channel):
    viewer, other = User(channel), User(channel)
    other.go_live(BERLIN)
    assert viewer.nearby_error().code() == grpc.StatusCode.FAILED_PRECONDITION
    watch = Watch(viewer, 0)
    watch.expect_end()
    assert watch.error.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_no_token_is_unauthenticated(channel):
    stub = discovery_pb2_grpc.DiscoveryStub(channel)
    assert call_error(stub.ListNearby, pb.ListNearbyRequest()).code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as info:
        list(stub.WatchNearby(pb.WatchNearbyRequest(), timeout=10))
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert call_error(stub.StartFind, pb.StartFindRequest()).code() == grpc.StatusCode.UNAUTHENTICATED


def test_anonymous_users_show_no_name_avatar_or_handles(channel):
    viewer, hidden, named = User(channel), User(channel), User(channel)
    viewer.go_live(BERLIN)
    hidden.go_live(offset(BERLIN, 100, 0))
    named.accounts.UpdateProfile(
        accounts_pb2.UpdateProfileRequest(
            display_name=wrappers_pb2.StringValue(value="Mira"),
            avatar_url=wrappers_pb2.StringValue(value="https://example.com/mira.png"),
            instagram_handle=wrappers_pb2.StringValue(value="mira.music"),
            is_anonymous=wrappers_pb2.BoolValue(value=False),
        ),
        timeout=10,
        metadata=named.metadata,
    )
    named.go_live(offset(BERLIN, 0, 100))
    shown = {entry.user.user_id: entry.user for entry in viewer.nearby().users}
    anonymous = shown[hidden.user_id]
    assert anonymous.display_name == "Anonymous Listener" and anonymous.is_anonymous
    assert anonymous.avatar_url == "" and anonymous.instagram_handle == "" and anonymous.discord_handle == ""
    assert shown[named.user_id].display_name == "Mira"
    assert shown[named.user_id].instagram_handle == "mira.music"
    assert shown[named.user_id].avatar_url == "https://example.com/mira.png"


def test_the_track_shows_only_when_shared_and_playing(channel):
    viewer, sharer, private, paused = User(channel), User(channel), User(channel), User(channel)
    viewer.go_live(BERLIN)
    sharer.go_live(offset(BERLIN, 100, 0))
    private.go_live(offset(BERLIN, 0, 100), share_track=False)
    paused.go_live(offset(BERLIN, -100, 0))
    sharer.play("shared", energy=0.9, valence=0.1)
    private.play("secret")
    paused.play("paused", is_playing=False)
    shown = {entry.user.user_id: entry for entry in viewer.nearby().users}
    assert shown[sharer.user_id].current_track.track_id == "shared"
    assert shown[sharer.user_id].vibe == common_pb2.VIBE_ENERGETIC
    assert not shown[private.user_id].HasField("current_track")
    assert not shown[paused.user_id].HasField("current_track")
    assert shown[paused.user_id].vibe == common_pb2.VIBE_UNSPECIFIED


def test_a_blocked_pair_never_sees_each_other(channel):
    blocker, blocked, bystander = User(channel), User(channel), User(channel)
    blocker.go_live(BERLIN)
    blocked.go_live(offset(BERLIN, 200, 0))
    bystander.go_live(offset(BERLIN, 0, 200))
    assert blocked.user_id in blocker.nearby_ids()
    blocker.accounts.BlockUser(
        accounts_pb2.BlockUserRequest(user_id=blocked.user_id), timeout=10, metadata=blocker.metadata
    )
    assert blocker.nearby_ids() == [bystander.user_id]
    assert blocked.nearby_ids() == [bystander.user_id]
    assert sorted(bystander.nearby_ids()) == sorted([blocker.user_id, blocked.user_id])


def test_watch_nearby_delivers_join_update_move_and_leave_events(channel):
    watcher, mover, late = User(channel), User(channel), User(channel)
    watcher.go_live(BERLIN)
    mover.go_live(offset(BERLIN, 100, 0))
    started = time.monotonic()
    watch = Watch(watcher, 300)
    joined = watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, mover.user_id)
    assert joined.user.distance.grid_meters == GRID_M
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)

    late.go_live(offset(BERLIN, 0, -150))
    watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, late.user_id)
    # A heartbeat only moves last_active: no event; the next one is the track change.
    mover.presence.Heartbeat(presence_pb2.HeartbeatRequest(), timeout=10, metadata=mover.metadata)
    mover.play("new-track")
    updated = watch.expect(EVENT.NEARBY_EVENT_TYPE_UPDATED, mover.user_id)
    assert updated.user.current_track.track_id == "new-track"

    # A move out of the radius (within the allowed speed) is a LEFT.
    time.sleep(max(0.0, 2.5 - (time.monotonic() - started)))
    mover.move(offset(BERLIN, 600, 0))
    left = watch.expect(EVENT.NEARBY_EVENT_TYPE_LEFT, mover.user_id)
    assert left.user.user.display_name == "" and not left.user.HasField("distance")

    late.presence.GoOffline(presence_pb2.GoOfflineRequest(), timeout=10, metadata=late.metadata)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_LEFT, late.user_id)

    watcher.presence.GoOffline(presence_pb2.GoOfflineRequest(), timeout=10, metadata=watcher.metadata)
    watch.expect_end()
    assert watch.error is None


def test_watch_nearby_follows_the_caller_as_they_move(channel):
    watcher, there = User(channel), User(channel)
    watcher.go_live(BERLIN)
    there.go_live(offset(BERLIN, 600, 0))
    watch = Watch(watcher, 300)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    time.sleep(2.2)
    watcher.move(offset(BERLIN, 500, 0))
    watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, there.user_id)


def test_watch_nearby_removes_a_user_who_is_blocked(channel):
    watcher, other = User(channel), User(channel)
    watcher.go_live(BERLIN)
    other.go_live(offset(BERLIN, 100, 0))
    watch = Watch(watcher, 0)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, other.user_id)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    block = accounts_pb2.BlockUserRequest(user_id=watcher.user_id)
    other.accounts.BlockUser(block, timeout=10, metadata=other.metadata)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_LEFT, other.user_id)


def test_watch_nearby_ends_unauthenticated_on_sign_out(channel):
    watcher = User(channel)
    watcher.go_live(BERLIN)
    watch = Watch(watcher, 0)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    watcher.accounts.SignOut(accounts_pb2.SignOutRequest(), timeout=10, metadata=watcher.metadata)
    watch.expect_end()
    assert watch.error.code() == grpc.StatusCode.UNAUTHENTICATED


def test_watch_nearby_ends_unauthenticated_on_account_deletion(channel):
    watcher, other = User(channel), User(channel)
    watcher.go_live(BERLIN)
    other.go_live(offset(BERLIN, 100, 0))
    other_watch = Watch(other, 0)
    other_watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, watcher.user_id)
    other_watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    watch = Watch(watcher, 0)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, other.user_id)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    delete = accounts_pb2.DeleteAccountRequest(confirm=True)
    watcher.accounts.DeleteAccount(delete, timeout=10, metadata=watcher.metadata)
    watch.expect_end()
    assert watch.error.code() == grpc.StatusCode.UNAUTHENTICATED
    other_watch.expect(EVENT.NEARBY_EVENT_TYPE_LEFT, watcher.user_id)
    assert other.nearby_ids() == []


def test_watch_nearby_ends_unavailable_at_shutdown(server, channel):
    watcher = User(channel)
    watcher.go_live(BERLIN)
    watch = Watch(watcher, 0)
    watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
    server.stop()
    watch.expect_end()
    assert watch.error.code() == grpc.StatusCode.UNAVAILABLE


def test_watch_nearby_reports_expiry_after_missed_heartbeats(tmp_path):
    running = start_server(tmp_path, "--live-timeout-seconds", "2")
    channel = connect(running.address)
    try:
        watcher, silent = User(channel), User(channel)
        watcher.go_live(BERLIN)
        silent.go_live(offset(BERLIN, 100, 0))
        watch = Watch(watcher, 0)
        watch.expect(EVENT.NEARBY_EVENT_TYPE_JOINED, silent.user_id)
        watch.expect(EVENT.NEARBY_EVENT_TYPE_SYNCED)
        # Only the watcher keeps sending heartbeats; the silent user expires.
        deadline = time.monotonic() + 8
        event = None
        while time.monotonic() < deadline:
            watcher.presence.Heartbeat(presence_pb2.HeartbeatRequest(), timeout=10, metadata=watcher.metadata)
            try:
                event = watch.next(timeout=0.5)
                break
            except queue.Empty:
                continue
        assert event is not None and event.type == EVENT.NEARBY_EVENT_TYPE_LEFT
        assert event.user.user.user_id == silent.user_id
        assert watcher.nearby_ids() == []
    finally:
        channel.close()
        running.stop()
