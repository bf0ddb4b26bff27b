"""Capsules end to end through the real binary with grpcio: dropping at the stored location,
nearby listings without messages or exact places, discovery by time, range, limits and
expiry, likes, deletion, rate limits, privacy, errors, and the index surviving a restart."""

import threading
import time

import grpc
import pytest
from google.protobuf import timestamp_pb2
from google.rpc import error_details_pb2, status_pb2

from conftest import start_server
from nearby_helpers import BERLIN, User, offset
from resonance.v1 import capsules_pb2 as pb
from resonance.v1 import capsules_pb2_grpc, common_pb2
from resonance_client import connect
from rpc_helpers import call_error, db_count, field_violations

SECRET = "meet me under the linden tree"
NOT_FOUND = grpc.StatusCode.NOT_FOUND
FAILED = grpc.StatusCode.FAILED_PRECONDITION


class Explorer(User):
    """A signed-in user with the Capsules stub, placed on the map."""

    def __init__(self, channel, position=None):
        super().__init__(channel)
        self.capsules = capsules_pb2_grpc.CapsulesStub(channel)
        if position is not None:
            self.go_live(position)

    def call(self, method, request):
        return getattr(self.capsules, method)(request, timeout=15, metadata=self.metadata)

    def error(self, method, request):
        return call_error(getattr(self.capsules, method), request, metadata=self.metadata)

    def drop(self, **fields):
        fields.setdefault("track", track())
        fields.setdefault("message", SECRET)
        return self.call("DropCapsule", pb.DropCapsuleRequest(**fields)).capsule

    def nearby(self, radius_m=0.0, page_size=100, page_token=""):
        return self.call(
            "ListNearbyCapsules", pb.ListNearbyCapsulesRequest(radius_m=radius_m, page_size=page_size, page_token=page_token)
        )

    def nearby_ids(self, radius_m=0.0):
        return [capsule.id for capsule in self.nearby(radius_m).capsules]

    def discover(self, capsule_id):
        return self.call("DiscoverCapsule", pb.DiscoverCapsuleRequest(capsule_id=capsule_id))

    def discover_error(self, capsule_id):
        return self.error("DiscoverCapsule", pb.DiscoverCapsuleRequest(capsule_id=capsule_id))

    def like(self, capsule_id):
        return self.call("LikeCapsule", pb.LikeCapsuleRequest(capsule_id=capsule_id)).capsule


def track(track_id="spotify:track:1", name="Linden Song", artist="The Trees"):
    return common_pb2.Track(track_id=track_id, track_name=name, artist=artist)


def at(seconds_from_now):
    stamp = timestamp_pb2.Timestamp()
    stamp.FromMilliseconds(int((time.time() + seconds_from_now) * 1000))
    return stamp


def notifications(server, kind, user_id):
    return db_count(server, "SELECT count(*) FROM notifications WHERE type = ? AND user_id = ?", kind, user_id)


def wait_until(timestamp):
    time.sleep(max(0.0, timestamp.ToMilliseconds() / 1000 - time.time()) + 0.3)


@pytest.fixture
def creator(channel):
    return Explorer(channel, BERLIN)


# --- authentication and validation ---------------------------------------------------------

RPCS = [
    ("DropCapsule", pb.DropCapsuleRequest(track=track())),
    ("ListNearbyCapsules", pb.ListNearbyCapsulesRequest()),
    ("DiscoverCapsule", pb.DiscoverCapsuleRequest(capsule_id="123e4567-e89b-42d3-a456-426614174000")),
    ("LikeCapsule", pb.LikeCapsuleRequest(capsule_id="123e4567-e89b-42d3-a456-426614174000")),
    ("ListMyCapsules", pb.ListMyCapsulesRequest()),
    ("ListMyDiscoveries", pb.ListMyDiscoveriesRequest()),
    ("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id="123e4567-e89b-42d3-a456-426614174000")),
]


@pytest.mark.parametrize("method,request_message", RPCS, ids=[name for name, _ in RPCS])
@pytest.mark.parametrize("token", [None, "not-a-session-token"])
def test_every_rpc_needs_a_valid_token(channel, method, request_message, token):
    stub = capsules_pb2_grpc.CapsulesStub(channel)
    metadata = None if token is None else (("authorization", f"Bearer {token}"),)
    error = call_error(getattr(stub, method), request_message, metadata=metadata)
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED


def test_dropping_and_listing_need_a_stored_location(channel, server):
    nowhere = Explorer(channel)
    for method, request in (
        ("DropCapsule", pb.DropCapsuleRequest(track=track())),
        ("ListNearbyCapsules", pb.ListNearbyCapsulesRequest()),
    ):
        error = nowhere.error(method, request)
        assert error.code() == FAILED, method
        assert "location" in error.details()
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 0


INVALID_DROPS = [
    ({"track": None}, ["track"]),
    ({"track": common_pb2.Track(track_id="", track_name="x", artist="y")}, ["track.track_id"]),
    ({"track": common_pb2.Track(track_id="t", track_name="x" * 301, artist="y")}, ["track.track_name"]),
    ({"message": "m" * 281}, ["message"]),
    ({"message": "é" * 281}, ["message"]),
    ({"mood": "m" * 33}, ["mood"]),
    ({"location_name": "n" * 101}, ["location_name"]),
    ({"visibility": 7}, ["visibility"]),
    ({"discovery_radius_m": 5}, ["discovery_radius_m"]),
    ({"discovery_radius_m": 501}, ["discovery_radius_m"]),
    ({"discovery_radius_m": float("nan")}, ["discovery_radius_m"]),
    ({"max_discoveries": -1}, ["max_discoveries"]),
    ({"expires_at": "past"}, ["expires_at"]),
    ({"unlock_at": 120, "expires_at": 60}, ["expires_at"]),
    ({"unlock_at": 10 * 366 * 86400}, ["unlock_at"]),
    ({"mood": "m" * 33, "message": "m" * 281, "discovery_radius_m": -1}, ["discovery_radius_m", "message", "mood"]),
]


@pytest.mark.parametrize("fields,violations", INVALID_DROPS)
def test_invalid_drops_name_every_field_and_change_nothing(creator, server, fields, violations):
    creator.drop(message="a good one")
    before = db_count(server, "SELECT count(*) FROM time_capsules")
    request = pb.DropCapsuleRequest(track=track(), message="fine")
    for name, value in fields.items():
        if name == "track":
            if value is None:
                request.ClearField("track")
            else:
                request.track.CopyFrom(value)
        elif name in ("unlock_at", "expires_at"):
            getattr(request, name).CopyFrom(at(-3600) if value == "past" else at(value))
        else:
            setattr(request, name, value)
    error = creator.error("DropCapsule", request)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == violations
    assert db_count(server, "SELECT count(*) FROM time_capsules") == before
    assert len(creator.nearby().capsules) == 1


@pytest.mark.parametrize(
    "method,request_message,violations",
    [
        ("DiscoverCapsule", pb.DiscoverCapsuleRequest(), ["capsule_id"]),
        ("DiscoverCapsule", pb.DiscoverCapsuleRequest(capsule_id="NOT-A-UUID"), ["capsule_id"]),
        ("LikeCapsule", pb.LikeCapsuleRequest(capsule_id="x"), ["capsule_id"]),
        ("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id=""), ["capsule_id"]),
        ("ListNearbyCapsules", pb.ListNearbyCapsulesRequest(radius_m=-1), ["radius_m"]),
        ("ListNearbyCapsules", pb.ListNearbyCapsulesRequest(radius_m=float("nan")), ["radius_m"]),
        ("ListNearbyCapsules", pb.ListNearbyCapsulesRequest(page_size=-1, page_token="zz"), ["page_size", "page_token"]),
        ("ListMyCapsules", pb.ListMyCapsulesRequest(page_token="bogus"), ["page_token"]),
        ("ListMyDiscoveries", pb.ListMyDiscoveriesRequest(page_size=-5), ["page_size"]),
    ],
)
def test_invalid_requests(creator, server, method, request_message, violations):
    creator.drop()
    error = creator.error(method, request_message)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == violations
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 1


def test_unknown_ids_are_not_found(creator):
    unknown = "123e4567-e89b-42d3-a456-426614174000"
    for method, request in (
        ("DiscoverCapsule", pb.DiscoverCapsuleRequest(capsule_id=unknown)),
        ("LikeCapsule", pb.LikeCapsuleRequest(capsule_id=unknown)),
        ("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id=unknown)),
    ):
        assert creator.error(method, request).code() == NOT_FOUND, method


# --- dropping and listing ------------------------------------------------------------------


def test_drop_stores_at_the_stored_location_and_lists_without_message(channel, creator, server):
    dropped = creator.drop(
        mood="wistful", location_name="Linden corner", discovery_radius_m=0, visibility=pb.CAPSULE_VISIBILITY_UNSPECIFIED
    )
    assert dropped.message == SECRET
    assert dropped.discovery_radius_m == 100
    assert dropped.visibility == pb.CAPSULE_VISIBILITY_PUBLIC
    assert dropped.max_discoveries == 0 and dropped.is_active
    assert len(dropped.area_geohash) == 6
    assert dropped.creator.user_id == creator.user_id
    lat, lon = db_count(server, "SELECT latitude || ',' || longitude FROM time_capsules").split(",")
    assert (float(lat), float(lon)) == pytest.approx(BERLIN)

    viewer = Explorer(channel, offset(BERLIN, 300, 0))
    listing = viewer.nearby()
    assert listing.radius_m == 500
    (seen,) = listing.capsules
    assert seen.id == dropped.id and seen.mood == "wistful" and seen.location_name == "Linden corner"
    assert seen.unlocked and not seen.discovered and not seen.liked
    assert seen.distance.approx_meters % 100 == 0 and 200 <= seen.distance.approx_meters <= 500
    assert len(seen.area_geohash) == 6
    raw = listing.SerializeToString()
    assert SECRET.encode() not in raw
    fine = db_count(server, "SELECT geohash FROM time_capsules")
    assert fine[:7].encode() not in raw  # nothing finer than the 6-character area
    # The creator's own listing never shows the message either.
    assert SECRET.encode() not in creator.nearby().SerializeToString()


def test_nearby_radius_order_and_pages(channel, creator):
    dropper_far = Explorer(channel, offset(BERLIN, 0, 2500))
    far = dropper_far.drop(message="far")
    dropper_mid = Explorer(channel, offset(BERLIN, 0, 1200))
    mid = dropper_mid.drop(message="mid")
    near = creator.drop(message="near")
    assert creator.nearby_ids() == [near.id]
    assert creator.nearby_ids(radius_m=2000) == [near.id, mid.id]
    assert creator.nearby_ids(radius_m=99_999) == [near.id, mid.id, far.id]  # clamped to 5000
    assert creator.nearby(radius_m=99_999).radius_m == 5000
    first = creator.nearby(radius_m=5000, page_size=2)
    assert [c.id for c in first.capsules] == [near.id, mid.id] and first.next_page_token
    second = creator.nearby(radius_m=5000, page_size=2, page_token=first.next_page_token)
    assert [c.id for c in second.capsules] == [far.id] and not second.next_page_token


def test_private_capsules_are_only_their_creators(channel, creator, server):
    private = creator.drop(visibility=pb.CAPSULE_VISIBILITY_PRIVATE)
    assert creator.nearby_ids() == [private.id]
    other = Explorer(channel, offset(BERLIN, 10, 0))
    assert other.nearby_ids() == []
    missing = "123e4567-e89b-42d3-a456-426614174000"
    for method, request_type in (
        ("DiscoverCapsule", pb.DiscoverCapsuleRequest),
        ("LikeCapsule", pb.LikeCapsuleRequest),
        ("DeleteCapsule", pb.DeleteCapsuleRequest),
    ):
        hidden = other.error(method, request_type(capsule_id=private.id))
        absent = other.error(method, request_type(capsule_id=missing))
        assert hidden.code() == absent.code() == NOT_FOUND
        assert hidden.details().replace(private.id, missing) == absent.details()
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 1


def test_blocked_creators_capsules_are_hidden(channel, creator):
    capsule = creator.drop()
    other = Explorer(channel, offset(BERLIN, 10, 0))
    assert other.nearby_ids() == [capsule.id]
    from resonance.v1 import accounts_pb2

    creator.accounts.BlockUser(accounts_pb2.BlockUserRequest(user_id=other.user_id), timeout=10, metadata=creator.metadata)
    assert other.nearby_ids() == []
    assert other.discover_error(capsule.id).code() == NOT_FOUND


def test_rate_limit_returns_retry_info(tmp_path):
    running = start_server(tmp_path, "--rate-limit", "capsule_drops=2/60000")
    try:
        with connect(running.address) as channel:
            dropper = Explorer(channel, BERLIN)
            dropper.drop()
            dropper.drop()
            error = dropper.error("DropCapsule", pb.DropCapsuleRequest(track=track()))
            assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            raw = dict(error.trailing_metadata())["grpc-status-details-bin"]
            retry = error_details_pb2.RetryInfo()
            assert any(detail.Unpack(retry) for detail in status_pb2.Status.FromString(raw).details)
            assert 50 <= retry.retry_delay.seconds <= 60  # one token back per 60 s
            assert db_count(running, "SELECT count(*) FROM time_capsules") == 2
    finally:
        running.stop()


# --- discovering ---------------------------------------------------------------------------


def test_locked_until_unlock_time_then_discovered_once(channel, creator, server):
    unlock = at(3)
    capsule = creator.drop(unlock_at=unlock)
    finder = Explorer(channel, offset(BERLIN, 20, 0))
    (listed,) = finder.nearby().capsules
    assert not listed.unlocked
    error = finder.discover_error(capsule.id)
    assert error.code() == FAILED and "locked" in error.details()
    wait_until(unlock)
    assert finder.nearby().capsules[0].unlocked
    found = finder.discover(capsule.id)
    assert found.first_discovery and found.capsule.message == SECRET and found.capsule.discovery_count == 1
    again = finder.discover(capsule.id)
    assert not again.first_discovery and again.capsule.message == SECRET and again.capsule.discovery_count == 1
    assert notifications(server, "capsule_discovered", creator.user_id) == 1
    (listed,) = finder.nearby().capsules
    assert listed.discovered and listed.discovery_count == 1
    mine = finder.call("ListMyDiscoveries", pb.ListMyDiscoveriesRequest())
    assert [d.capsule.id for d in mine.discoveries] == [capsule.id] and mine.discoveries[0].capsule.message == SECRET


def test_discovery_only_within_its_radius(channel, creator, server):
    capsule = creator.drop(discovery_radius_m=50)
    far = Explorer(channel, offset(BERLIN, 80, 0))
    error = far.discover_error(capsule.id)
    assert error.code() == FAILED and "too far" in error.details()
    assert far.nearby_ids() == [capsule.id]  # listed, but not discoverable from there
    near = Explorer(channel, offset(BERLIN, 30, 0))
    assert near.discover(capsule.id).first_discovery
    assert db_count(server, "SELECT discovery_count FROM time_capsules") == 1
    assert db_count(server, "SELECT count(*) FROM capsule_discoveries") == 1


def test_creators_cannot_discover_their_own(creator, server):
    capsule = creator.drop()
    error = creator.discover_error(capsule.id)
    assert error.code() == FAILED and "ListMyCapsules" in error.details()
    assert db_count(server, "SELECT discovery_count FROM time_capsules") == 0


def test_fifty_concurrent_discoverers_are_counted_exactly(channel, creator, server):
    capsule = creator.drop(discovery_radius_m=200)
    finders = [Explorer(channel, offset(BERLIN, (index % 10) * 15, (index // 10) * 15)) for index in range(50)]
    results, errors = [], []

    def discover(finder):
        try:
            results.append(finder.discover(capsule.id))
        except grpc.RpcError as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=discover, args=(finder,)) for finder in finders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 50
    assert all(result.first_discovery for result in results)
    assert sorted(result.capsule.discovery_count for result in results) == list(range(1, 51))
    assert db_count(server, "SELECT discovery_count FROM time_capsules") == 50
    assert db_count(server, "SELECT count(*) FROM capsule_discoveries") == 50
    assert notifications(server, "capsule_discovered", creator.user_id) == 50
    assert finders[7].discover(capsule.id).capsule.discovery_count == 50
    assert creator.nearby().capsules[0].discovery_count == 50


def test_max_discoveries(channel, creator, server):
    capsule = creator.drop(max_discoveries=2)
    first, second, third = (Explorer(channel, offset(BERLIN, 10 * i, 0)) for i in range(1, 4))
    first.discover(capsule.id)
    second.discover(capsule.id)
    error = third.discover_error(capsule.id)
    assert error.code() == FAILED and "maximum" in error.details()
    assert first.discover(capsule.id).capsule.discovery_count == 2  # repeats still answer
    assert db_count(server, "SELECT discovery_count FROM time_capsules") == 2


def test_expired_capsules_leave_listings_and_cannot_be_discovered(channel, creator, server):
    expires = at(3)
    capsule = creator.drop(expires_at=expires)
    finder = Explorer(channel, offset(BERLIN, 20, 0))
    assert finder.nearby_ids() == [capsule.id]
    wait_until(expires)
    assert finder.nearby_ids() == []
    assert creator.nearby_ids() == []
    error = finder.discover_error(capsule.id)
    assert error.code() == FAILED and "expired" in error.details()
    (mine,) = creator.call("ListMyCapsules", pb.ListMyCapsulesRequest()).capsules
    assert mine.id == capsule.id and not mine.is_active and mine.message == SECRET
    assert db_count(server, "SELECT count(*) FROM capsule_discoveries") == 0


# --- liking --------------------------------------------------------------------------------


def test_like_only_after_discovery_and_once(channel, creator, server):
    capsule = creator.drop()
    finder = Explorer(channel, offset(BERLIN, 20, 0))
    error = finder.error("LikeCapsule", pb.LikeCapsuleRequest(capsule_id=capsule.id))
    assert error.code() == FAILED and "discover" in error.details()
    assert db_count(server, "SELECT like_count FROM time_capsules") == 0
    finder.discover(capsule.id)
    assert finder.like(capsule.id).like_count == 1
    assert finder.like(capsule.id).like_count == 1
    assert notifications(server, "capsule_liked", creator.user_id) == 1
    (listed,) = finder.nearby().capsules
    assert listed.liked and listed.like_count == 1
    (discovery,) = finder.call("ListMyDiscoveries", pb.ListMyDiscoveriesRequest()).discoveries
    assert discovery.liked


# --- mine, deletion, restart ---------------------------------------------------------------


def test_my_capsules_are_paged_newest_first(creator):
    ids = [creator.drop(message=f"note {index}").id for index in range(3)]
    first = creator.call("ListMyCapsules", pb.ListMyCapsulesRequest(page_size=2))
    assert [c.id for c in first.capsules] == ids[::-1][:2] and first.next_page_token
    second = creator.call("ListMyCapsules", pb.ListMyCapsulesRequest(page_size=2, page_token=first.next_page_token))
    assert [c.id for c in second.capsules] == ids[:1] and not second.next_page_token
    assert [c.message for c in first.capsules] == ["note 2", "note 1"]


def test_only_the_creator_deletes_and_it_leaves_everywhere(channel, creator, server):
    capsule = creator.drop()
    other = Explorer(channel, offset(BERLIN, 20, 0))
    other.discover(capsule.id)
    refused = other.error("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id=capsule.id))
    assert refused.code() == grpc.StatusCode.PERMISSION_DENIED
    assert SECRET not in refused.details() and creator.user_id not in refused.details()
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 1
    creator.call("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id=capsule.id))
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 0
    assert db_count(server, "SELECT count(*) FROM capsule_discoveries") == 0
    assert other.nearby_ids() == [] and creator.nearby_ids() == []
    assert other.discover_error(capsule.id).code() == NOT_FOUND
    assert not other.call("ListMyDiscoveries", pb.ListMyDiscoveriesRequest()).discoveries
    again = creator.error("DeleteCapsule", pb.DeleteCapsuleRequest(capsule_id=capsule.id))
    assert again.code() == NOT_FOUND


def test_restart_rebuilds_the_index(tmp_path):
    running = start_server(tmp_path)
    try:
        with connect(running.address) as channel:
            dropper = Explorer(channel, BERLIN)
            kept = dropper.drop(message="kept")
            gone = dropper.drop(message="gone", expires_at=at(2))
            viewer = Explorer(channel, offset(BERLIN, 30, 0))
            assert sorted(viewer.nearby_ids()) == sorted([kept.id, gone.id])
            viewer_token = viewer.token
    finally:
        running.stop()
    time.sleep(2.5)
    running = start_server(tmp_path)
    try:
        with connect(running.address) as channel:
            viewer = Explorer(channel)
            viewer.token = viewer_token
            assert viewer.nearby_ids() == [kept.id]
            assert viewer.discover(kept.id).capsule.message == "kept"
    finally:
        running.stop()


def test_profile_edits_show_and_deleted_accounts_take_their_capsules(channel, creator, server):
    from resonance.v1 import accounts_pb2

    capsule = creator.drop()
    viewer = Explorer(channel, offset(BERLIN, 20, 0))
    assert viewer.nearby().capsules[0].creator.display_name == "Anonymous Listener"
    update = accounts_pb2.UpdateProfileRequest()
    update.display_name.value = "Linden Fan"
    update.is_anonymous.value = False
    creator.accounts.UpdateProfile(update, timeout=10, metadata=creator.metadata)
    assert viewer.nearby().capsules[0].creator.display_name == "Linden Fan"
    creator.accounts.DeleteAccount(accounts_pb2.DeleteAccountRequest(confirm=True), timeout=10, metadata=creator.metadata)
    assert viewer.nearby_ids() == []
    assert viewer.discover_error(capsule.id).code() == NOT_FOUND
    assert db_count(server, "SELECT count(*) FROM time_capsules") == 0
