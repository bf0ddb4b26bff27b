"""End-to-end tests of the consent-first hot/cold find game (Discovery.StartFind and friends)
through the real binary with grpcio stubs."""

import time
import uuid

import grpc
import pytest

from conftest import start_server
from find_helpers import Player, active_session, notifications, pair, snapshot, stored_status
from nearby_helpers import BERLIN, offset
from resonance.v1 import discovery_pb2 as pb
from resonance.v1 import accounts_pb2, discovery_pb2_grpc, presence_pb2
from resonance_client import auth_metadata, connect
from rpc_helpers import call_error, db_count, field_violations, retry_delay_seconds

# The pause between two location updates of one user (the server allows one a second).
STEP_SECONDS = 1.1


@pytest.fixture
def server_with(tmp_path):
    """Starts a server with extra flags (stopped at the end of the test) and returns a channel."""
    started = []

    def start(*flags):
        directory = tmp_path / f"server{len(started)}"
        directory.mkdir()
        running = start_server(directory, *flags)
        channel = connect(running.address)
        started.append((running, channel))
        return running, channel

    yield start
    for running, channel in started:
        channel.close()
        running.stop()


def walk(seeker, target, seeker_north, target_north):
    """Both players walk (north/south) to new positions, one location update each."""
    time.sleep(STEP_SECONDS)
    seeker.move(offset(BERLIN, seeker_north, 0))
    target.move(offset(BERLIN, target_north, 0))


def test_the_whole_game_from_request_to_found(server_with):
    server, channel = server_with("--rate-limit", "find_hints=100/100")
    seeker, target = pair(channel, north_m=700)

    session = seeker.start(target)
    assert session.status == pb.FIND_STATUS_PENDING
    assert (session.seeker.user_id, session.target.user_id) == (seeker.user_id, target.user_id)
    assert session.seeker.display_name == "Anonymous Listener"
    assert not session.HasField("completed_at")
    assert session.expires_at.seconds - session.started_at.seconds == 900
    assert notifications(server, target, "find_request", session) == 1
    assert db_count(server, "SELECT count(*) FROM notifications") == 1

    # No hint before the target accepts; only the target answers.
    assert seeker.error("GetFindHint", pb.GetFindHintRequest(session_id=session.id)).code() == (
        grpc.StatusCode.FAILED_PRECONDITION
    )
    refused = seeker.error("RespondToFind", pb.RespondToFindRequest(session_id=session.id, accept=True))
    assert refused.code() == grpc.StatusCode.PERMISSION_DENIED
    assert stored_status(server, session) == "pending"

    accepted = target.respond(session, accept=True)
    assert accepted.status == pb.FIND_STATUS_ACTIVE
    assert notifications(server, seeker, "find_accepted", session) == 1
    assert target.error("GetFindHint", pb.GetFindHintRequest(session_id=session.id)).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )

    # Walking towards each other: 700 m, 300 m, 60 m, 10 m.
    hints = [seeker.hint(session).proximity]
    early = seeker.error("CompleteFind", pb.CompleteFindRequest(session_id=session.id))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "not found yet" in early.details()
    for seeker_north, target_north in [(200, 500), (320, 380)]:
        walk(seeker, target, seeker_north, target_north)
        hints.append(seeker.hint(session).proximity)
    early = target.error("CompleteFind", pb.CompleteFindRequest(session_id=session.id))
    assert early.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert stored_status(server, session) == "active"
    assert notifications(server, seeker, "find_completed") == 0
    walk(seeker, target, 345, 355)
    hint = seeker.hint(session)
    hints.append(hint.proximity)
    assert hints == [pb.PROXIMITY_COLD, pb.PROXIMITY_WARM, pb.PROXIMITY_HOT, pb.PROXIMITY_FOUND]
    # A hint carries the bucket and the next allowed time only: no distance, no location.
    assert [field.name for field, _ in hint.ListFields()] == ["proximity", "next_hint_at"]

    completed = target.complete(session)
    assert completed.status == pb.FIND_STATUS_COMPLETED
    assert completed.HasField("completed_at")
    assert stored_status(server, session) == "completed"
    assert notifications(server, seeker, "find_completed", session) == 1
    assert notifications(server, target, "find_completed", session) == 1
    assert seeker.error("GetFindHint", pb.GetFindHintRequest(session_id=session.id)).code() == (
        grpc.StatusCode.FAILED_PRECONDITION
    )
    assert seeker.error("CompleteFind", pb.CompleteFindRequest(session_id=session.id)).code() == (
        grpc.StatusCode.FAILED_PRECONDITION
    )

    # Both see the finished game; the pair is free for another one.
    for player in (seeker, target):
        (listed,) = player.sessions().sessions
        assert (listed.id, listed.status) == (session.id, pb.FIND_STATUS_COMPLETED)
    assert seeker.start(target).status == pb.FIND_STATUS_PENDING


def test_the_target_declines_and_the_pair_is_free_again(server, channel):
    seeker, target = pair(channel)
    session = seeker.start(target)
    declined = target.respond(session, accept=False)
    assert declined.status == pb.FIND_STATUS_DECLINED
    assert declined.HasField("completed_at")
    assert stored_status(server, session) == "declined"
    assert notifications(server, seeker, "find_accepted") == 0
    again = target.error("RespondToFind", pb.RespondToFindRequest(session_id=session.id, accept=True))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "declined" in again.details()
    assert stored_status(server, session) == "declined"
    assert seeker.start(target).status == pb.FIND_STATUS_PENDING


def test_either_player_cancels(server, channel):
    seeker, target = pair(channel)
    pending = seeker.start(target)
    assert seeker.cancel(pending).status == pb.FIND_STATUS_CANCELLED
    active = seeker.start(target)
    target.respond(active, accept=True)
    cancelled = target.cancel(active)
    assert cancelled.status == pb.FIND_STATUS_CANCELLED and cancelled.HasField("completed_at")
    assert [stored_status(server, s) for s in (pending, active)] == ["cancelled", "cancelled"]
    again = seeker.error("CancelFind", pb.CancelFindRequest(session_id=active.id))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert seeker.error("GetFindHint", pb.GetFindHintRequest(session_id=active.id)).code() == (
        grpc.StatusCode.FAILED_PRECONDITION
    )


def test_only_one_open_session_per_pair_in_either_direction(server, channel):
    seeker, target = pair(channel)
    session = seeker.start(target)
    for first, second in [(seeker, target), (target, seeker)]:
        error = first.error("StartFind", pb.StartFindRequest(target_user_id=second.user_id))
        assert error.code() == grpc.StatusCode.ALREADY_EXISTS
        assert session.id in error.details()
    target.respond(session, accept=True)
    error = target.error("StartFind", pb.StartFindRequest(target_user_id=seeker.user_id))
    assert error.code() == grpc.StatusCode.ALREADY_EXISTS
    assert db_count(server, "SELECT count(*) FROM find_sessions") == 1
    assert notifications(server, target, "find_request") == 1
    assert notifications(server, seeker, "find_request") == 0


def test_sessions_expire_after_the_timeout(server_with):
    server, channel = server_with("--find-timeout-seconds", "3")
    seeker, target = pair(channel)
    pending = seeker.start(target)
    assert pending.expires_at.seconds - pending.started_at.seconds == 3
    other = Player(channel)
    other.go_live(offset(BERLIN, 100, 100), allow_find=True)
    active = seeker.start(other)
    other.respond(active, accept=True)
    assert seeker.hint(active).proximity == pb.PROXIMITY_WARM

    deadline = time.time() + 10
    while db_count(server, "SELECT count(*) FROM find_sessions WHERE status = 'expired'") < 2:
        assert time.time() < deadline, "the sweeper did not mark the sessions expired"
        time.sleep(0.2)
    listed = {s.id: s for s in seeker.sessions().sessions}
    assert {s.status for s in listed.values()} == {pb.FIND_STATUS_EXPIRED}
    assert listed[active.id].completed_at == active.expires_at
    assert len(seeker.sessions(open_only=True).sessions) == 0
    for method, request in [
        ("GetFindHint", pb.GetFindHintRequest(session_id=active.id)),
        ("CompleteFind", pb.CompleteFindRequest(session_id=active.id)),
        ("CancelFind", pb.CancelFindRequest(session_id=active.id)),
    ]:
        error = seeker.error(method, request)
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "expired" in error.details()
    late = target.error("RespondToFind", pb.RespondToFindRequest(session_id=pending.id, accept=True))
    assert late.code() == grpc.StatusCode.FAILED_PRECONDITION and "expired" in late.details()
    # Expired sessions free both pairs.
    assert seeker.start(target).status == pb.FIND_STATUS_PENDING
    assert seeker.start(other).status == pb.FIND_STATUS_PENDING


def test_a_target_with_allow_find_off_is_refused(server, channel):
    seeker, target = pair(channel, allow_find=False)
    error = seeker.error("StartFind", pb.StartFindRequest(target_user_id=target.user_id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "allow_find" in error.details()
    assert snapshot(server) == [[], []]


def test_targets_the_seeker_cannot_see_are_indistinguishable_from_unknown_ones(server, channel):
    seeker = Player(channel)
    seeker.go_live(BERLIN, radius_km=5, allow_find=True)
    far = Player(channel)
    far.go_live(offset(BERLIN, 8000, 0), allow_find=True)
    blocked_by_seeker = Player(channel)
    blocked_by_seeker.go_live(offset(BERLIN, 100, 0), allow_find=True)
    seeker.block(blocked_by_seeker)
    # Blocked the other way, and with allow_find off: still only NOT_FOUND.
    blocker = Player(channel)
    blocker.go_live(offset(BERLIN, 0, 100), allow_find=False)
    blocker.block(seeker)
    offline = Player(channel)
    unknown_id = str(uuid.uuid4())

    def answer(target_id):
        error = seeker.error("StartFind", pb.StartFindRequest(target_user_id=target_id))
        return error.code(), error.details().replace(target_id, "<id>"), error.trailing_metadata()

    expected = answer(unknown_id)
    assert expected[0] == grpc.StatusCode.NOT_FOUND
    for hidden in (far, blocked_by_seeker, blocker, offline):
        assert answer(hidden.user_id) == expected
    assert snapshot(server) == [[], []]


def test_blocking_during_a_game_cancels_it_and_hides_it_from_both(server, channel):
    seeker, target, session = active_session(channel)
    target.block(seeker)
    assert stored_status(server, session) == "cancelled"
    unknown = str(uuid.uuid4())
    for player in (seeker, target):
        hidden = player.error("CancelFind", pb.CancelFindRequest(session_id=session.id))
        missing = player.error("CancelFind", pb.CancelFindRequest(session_id=unknown))
        assert hidden.code() == grpc.StatusCode.NOT_FOUND
        assert hidden.details().replace(session.id, "<id>") == missing.details().replace(unknown, "<id>")
        assert len(player.sessions().sessions) == 0
    assert seeker.error("GetFindHint", pb.GetFindHintRequest(session_id=session.id)).code() == (
        grpc.StatusCode.NOT_FOUND
    )
    # Unblocked, the finished game shows again, as cancelled.
    target.accounts.UnblockUser(
        accounts_pb2.UnblockUserRequest(user_id=seeker.user_id), timeout=10, metadata=target.metadata
    )
    (listed,) = seeker.sessions().sessions
    assert (listed.id, listed.status) == (session.id, pb.FIND_STATUS_CANCELLED)


def test_hints_need_both_players_live(server, channel):
    seeker, target, session = active_session(channel)
    target.presence.GoOffline(presence_pb2.GoOfflineRequest(), timeout=10, metadata=target.metadata)
    error = seeker.error("GetFindHint", pb.GetFindHintRequest(session_id=session.id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "live" in error.details()
    assert stored_status(server, session) == "active"


def test_hints_are_rate_limited_with_retry_info(server_with):
    server, channel = server_with("--rate-limit", "find_hints=1/60000")
    seeker, target, session = active_session(channel)
    before = time.time()
    hint = seeker.hint(session)
    assert hint.proximity == pb.PROXIMITY_COLD
    assert 55 <= hint.next_hint_at.seconds - before <= 61
    for method, request in [
        ("GetFindHint", pb.GetFindHintRequest(session_id=session.id)),
        ("CompleteFind", pb.CompleteFindRequest(session_id=session.id)),
    ]:
        error = seeker.error(method, request)
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert 55 <= retry_delay_seconds(error) <= 60
    # Each player has their own budget: the target's completion attempt is measured.
    error = target.error("CompleteFind", pb.CompleteFindRequest(session_id=session.id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "not found yet" in error.details()
    assert stored_status(server, session) == "active"


def test_every_find_rpc_needs_a_token(channel):
    stub = discovery_pb2_grpc.DiscoveryStub(channel)
    session_id = str(uuid.uuid4())
    calls = [
        (stub.StartFind, pb.StartFindRequest(target_user_id=session_id)),
        (stub.RespondToFind, pb.RespondToFindRequest(session_id=session_id, accept=True)),
        (stub.GetFindHint, pb.GetFindHintRequest(session_id=session_id)),
        (stub.CompleteFind, pb.CompleteFindRequest(session_id=session_id)),
        (stub.CancelFind, pb.CancelFindRequest(session_id=session_id)),
        (stub.ListFindSessions, pb.ListFindSessionsRequest()),
    ]
    for call, request in calls:
        assert call_error(call, request).code() == grpc.StatusCode.UNAUTHENTICATED
        bogus = call_error(call, request, metadata=auth_metadata("not-a-token"))
        assert bogus.code() == grpc.StatusCode.UNAUTHENTICATED


def test_another_users_session_is_not_found_like_an_unknown_one(server, channel):
    seeker, target, session = active_session(channel, north_m=10)
    stranger = Player(channel)
    stranger.go_live(offset(BERLIN, 5, 5), allow_find=True)
    before = snapshot(server)
    unknown = str(uuid.uuid4())
    for method, make in [
        ("RespondToFind", lambda i: pb.RespondToFindRequest(session_id=i, accept=False)),
        ("GetFindHint", lambda i: pb.GetFindHintRequest(session_id=i)),
        ("CompleteFind", lambda i: pb.CompleteFindRequest(session_id=i)),
        ("CancelFind", lambda i: pb.CancelFindRequest(session_id=i)),
    ]:
        theirs = stranger.error(method, make(session.id))
        missing = stranger.error(method, make(unknown))
        assert theirs.code() == missing.code() == grpc.StatusCode.NOT_FOUND
        assert theirs.details().replace(session.id, "<id>") == missing.details().replace(unknown, "<id>")
    assert len(stranger.sessions().sessions) == 0
    assert snapshot(server) == before


def test_invalid_values_are_refused_and_change_nothing(server, channel):
    seeker, target, session = active_session(channel)
    before = snapshot(server)
    for bad in ["", "not-an-id", session.id.upper(), session.id + "0"]:
        for method, request, field in [
            ("StartFind", pb.StartFindRequest(target_user_id=bad), "target_user_id"),
            ("RespondToFind", pb.RespondToFindRequest(session_id=bad, accept=True), "session_id"),
            ("GetFindHint", pb.GetFindHintRequest(session_id=bad), "session_id"),
            ("CompleteFind", pb.CompleteFindRequest(session_id=bad), "session_id"),
            ("CancelFind", pb.CancelFindRequest(session_id=bad), "session_id"),
        ]:
            error = seeker.error(method, request)
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, (method, bad)
            assert field_violations(error) == [field]
    himself = seeker.error("StartFind", pb.StartFindRequest(target_user_id=seeker.user_id))
    assert field_violations(himself) == ["target_user_id"] and "yourself" in himself.details()
    listing = seeker.error("ListFindSessions", pb.ListFindSessionsRequest(page_size=-1, page_token="garbage!"))
    assert field_violations(listing) == ["page_size", "page_token"]
    assert snapshot(server) == before
    assert stored_status(server, session) == "active"


def test_a_caller_who_is_not_live_cannot_start(server, channel):
    seeker, target = Player(channel), Player(channel)
    target.go_live(BERLIN, allow_find=True)
    error = seeker.error("StartFind", pb.StartFindRequest(target_user_id=target.user_id))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION and "live" in error.details()
    assert snapshot(server) == [[], []]


def test_list_shows_only_the_callers_sessions_newest_first_with_pages(server, channel):
    me = Player(channel)
    me.go_live(BERLIN, allow_find=True)
    others = []
    for index in range(3):
        other = Player(channel)
        other.go_live(offset(BERLIN, 50 * (index + 1), 0), allow_find=True)
        others.append(other)
    started = []
    for seeker, target in [(me, others[0]), (others[1], me), (me, others[2])]:
        started.append(seeker.start(target))
        time.sleep(0.01)  # distinct start times, so newest-first is one order
    me.cancel(started[0])
    outsider, outsider_target = pair(channel)
    outsider.start(outsider_target)

    ids = []
    token = ""
    while True:
        page = me.sessions(page_size=1, page_token=token)
        assert len(page.sessions) <= 1
        ids += [s.id for s in page.sessions]
        token = page.next_page_token
        if not token:
            break
    assert ids == [s.id for s in reversed(started)]
    assert [s.id for s in me.sessions(open_only=True).sessions] == [started[2].id, started[1].id]
    (theirs,) = others[1].sessions().sessions
    assert (theirs.seeker.user_id, theirs.target.user_id) == (others[1].user_id, me.user_id)
    # A session shows the two players' public profiles and times, never a location.
    assert {field.name for field in pb.FindSession.DESCRIPTOR.fields} == {
        "id", "seeker", "target", "status", "started_at", "completed_at", "expires_at",
    }


def test_the_find_timeout_can_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RESONANCE_FIND_TIMEOUT_SECONDS", "42")
    running = start_server(tmp_path)
    channel = connect(running.address)
    try:
        seeker, target = pair(channel)
        session = seeker.start(target)
        assert session.expires_at.seconds - session.started_at.seconds == 42
    finally:
        channel.close()
        running.stop()
