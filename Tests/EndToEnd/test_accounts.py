"""The Accounts service end to end: the real binary driven by the generated grpcio stubs."""

import json
import sqlite3

import grpc
import pytest
from google.protobuf import wrappers_pb2

from rpc_helpers import call_error, db_count, field_violations

from resonance.v1 import accounts_pb2 as pb
from resonance.v1 import accounts_pb2_grpc
from resonance_client import auth_metadata, connect

ANONYMOUS_NAME = "Anonymous Listener"


@pytest.fixture
def accounts(server):
    channel = connect(server.address)
    yield accounts_pb2_grpc.AccountsStub(channel)
    channel.close()


def sign_in(accounts, name=""):
    response = accounts.SignInAnonymously(pb.SignInAnonymouslyRequest(display_name=name), timeout=10)
    return response.session.token, response


# Every Accounts RPC that needs a token, with a request that would otherwise be valid.
AUTHENTICATED_CALLS = [
    ("SignOut", pb.SignOutRequest()),
    ("GetProfile", pb.GetProfileRequest()),
    ("UpdateProfile", pb.UpdateProfileRequest(radius_km=wrappers_pb2.DoubleValue(value=2))),
    ("GetMyStats", pb.GetMyStatsRequest()),
    ("DeleteAccount", pb.DeleteAccountRequest(confirm=True)),
    ("BlockUser", pb.BlockUserRequest(user_id="00000000-0000-4000-8000-000000000000")),
    ("UnblockUser", pb.UnblockUserRequest(user_id="00000000-0000-4000-8000-000000000000")),
    ("ListBlockedUsers", pb.ListBlockedUsersRequest()),
]


def test_anonymous_sign_in_returns_a_session_and_profile(accounts, server):
    token, response = sign_in(accounts)
    assert len(token) == 43
    assert response.session.user_id == response.profile.user_id
    assert response.profile.display_name == ANONYMOUS_NAME
    assert response.profile.is_anonymous
    assert response.profile.radius_km == 5
    assert response.session.expires_at.seconds > response.profile.created_at.seconds + 29 * 86400
    # The token itself is never stored, only its 32-byte hash.
    assert db_count(server, "SELECT count(*) FROM sessions WHERE token_hash = ?", token.encode()) == 0
    assert db_count(server, "SELECT count(*) FROM sessions WHERE length(token_hash) = 32") == 1
    _, named = sign_in(accounts, "DJ Night")
    assert named.profile.display_name == "DJ Night"
    assert named.profile.user_id != response.profile.user_id


@pytest.mark.parametrize("name", ["x" * 51, "   "])
def test_sign_in_rejects_bad_display_names(accounts, server, name):
    error = call_error(accounts.SignInAnonymously, pb.SignInAnonymouslyRequest(display_name=name))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["display_name"]
    assert db_count(server, "SELECT count(*) FROM users") == 0


@pytest.mark.parametrize("method,request_message", AUTHENTICATED_CALLS, ids=[c[0] for c in AUTHENTICATED_CALLS])
def test_every_authenticated_rpc_needs_a_valid_token(accounts, server, method, request_message):
    token, response = sign_in(accounts)
    call = getattr(accounts, method)
    revoked, _ = sign_in(accounts)
    accounts.SignOut(pb.SignOutRequest(), metadata=auth_metadata(revoked), timeout=10)
    for metadata in [
        None,
        auth_metadata("not-a-token"),
        auth_metadata("A" * 43),
        (("authorization", token),),  # no Bearer scheme
        auth_metadata(revoked),
    ]:
        error = call_error(call, request_message, metadata=metadata)
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED, (metadata, error)
    # Unknown and revoked tokens get the same message, so it does not tell them apart.
    unknown = call_error(call, request_message, metadata=auth_metadata("A" * 43))
    signed_out = call_error(call, request_message, metadata=auth_metadata(revoked))
    assert unknown.details() == signed_out.details()
    # Nothing was changed by the rejected calls.
    profile = accounts.GetProfile(pb.GetProfileRequest(), metadata=auth_metadata(token), timeout=10).profile
    assert profile.radius_km == 5
    assert db_count(server, "SELECT count(*) FROM users") == 2


def test_get_and_partially_update_the_profile(accounts):
    token, _ = sign_in(accounts, "First")
    md = auth_metadata(token)
    updated = accounts.UpdateProfile(
        pb.UpdateProfileRequest(
            display_name=wrappers_pb2.StringValue(value="Second"),
            instagram_handle=wrappers_pb2.StringValue(value="dj.second_1"),
            avatar_url=wrappers_pb2.StringValue(value="https://example.com/a.png"),
        ),
        metadata=md,
        timeout=10,
    ).profile
    assert (updated.display_name, updated.instagram_handle, updated.avatar_url) == (
        "Second",
        "dj.second_1",
        "https://example.com/a.png",
    )
    # Only set fields change; an empty string clears a handle.
    again = accounts.UpdateProfile(
        pb.UpdateProfileRequest(
            radius_km=wrappers_pb2.DoubleValue(value=0.1), instagram_handle=wrappers_pb2.StringValue(value="")
        ),
        metadata=md,
        timeout=10,
    ).profile
    assert again.radius_km == pytest.approx(0.1)
    assert again.instagram_handle == ""
    assert again.display_name == "Second"
    assert again.avatar_url == "https://example.com/a.png"
    fetched = accounts.GetProfile(pb.GetProfileRequest(), metadata=md, timeout=10).profile
    assert fetched == again


def test_invalid_update_names_every_field_and_changes_nothing(accounts, server):
    token, _ = sign_in(accounts, "Keeper")
    md = auth_metadata(token)
    before = accounts.GetProfile(pb.GetProfileRequest(), metadata=md, timeout=10).profile
    row_before = sqlite3.connect(server.database).execute("SELECT * FROM users").fetchall()
    error = call_error(
        accounts.UpdateProfile,
        pb.UpdateProfileRequest(
            display_name=wrappers_pb2.StringValue(value="y" * 51),
            avatar_url=wrappers_pb2.StringValue(value="http://insecure.example/a.png"),
            instagram_handle=wrappers_pb2.StringValue(value="bad handle!"),
            discord_handle=wrappers_pb2.StringValue(value="d" * 65),
            radius_km=wrappers_pb2.DoubleValue(value=float("nan")),
        ),
        metadata=md,
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == [
        "avatar_url",
        "discord_handle",
        "display_name",
        "instagram_handle",
        "radius_km",
    ]
    for bad in [
        pb.UpdateProfileRequest(radius_km=wrappers_pb2.DoubleValue(value=10.5)),
        pb.UpdateProfileRequest(radius_km=wrappers_pb2.DoubleValue(value=float("inf"))),
        pb.UpdateProfileRequest(display_name=wrappers_pb2.StringValue(value="")),
        # One bad field rejects the valid ones with it.
        pb.UpdateProfileRequest(
            display_name=wrappers_pb2.StringValue(value="Fine"), radius_km=wrappers_pb2.DoubleValue(value=0.01)
        ),
    ]:
        assert call_error(accounts.UpdateProfile, bad, metadata=md).code() == grpc.StatusCode.INVALID_ARGUMENT
    after = accounts.GetProfile(pb.GetProfileRequest(), metadata=md, timeout=10).profile
    assert after == before
    assert sqlite3.connect(server.database).execute("SELECT * FROM users").fetchall() == row_before


def test_sign_out_revokes_only_that_session(accounts, server):
    token, _ = sign_in(accounts)
    other, _ = sign_in(accounts)
    accounts.SignOut(pb.SignOutRequest(), metadata=auth_metadata(token), timeout=10)
    error = call_error(accounts.GetProfile, pb.GetProfileRequest(), metadata=auth_metadata(token))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    accounts.GetProfile(pb.GetProfileRequest(), metadata=auth_metadata(other), timeout=10)
    assert db_count(server, "SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL") == 1


def test_stats_count_rows_from_the_database(accounts, server):
    token, response = sign_in(accounts)
    other_token, other = sign_in(accounts)
    me, them = response.profile.user_id, other.profile.user_id
    md = auth_metadata(token)
    assert accounts.GetMyStats(pb.GetMyStatsRequest(), metadata=md, timeout=10) == pb.GetMyStatsResponse()
    now = 1_700_000_000_000
    with sqlite3.connect(server.database) as db:
        db.execute(
            "INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, 'fire', ?)",
            ("10000000-0000-4000-8000-000000000001", me, them, now),
        )
        for i, kind in enumerate(["heart", "wave"]):
            db.execute(
                "INSERT INTO reactions (id, sender_id, receiver_id, type, created_at) VALUES (?, ?, ?, ?, ?)",
                (f"10000000-0000-4000-8000-00000000001{i}", them, me, kind, now),
            )
        for i in range(3):
            db.execute(
                "INSERT INTO listening_history (id, user_id, track_id, track_name, artist, played_at, created_at)"
                " VALUES (?, ?, 't', 'Song', 'Band', ?, ?)",
                (f"20000000-0000-4000-8000-00000000000{i}", me, now + i, now),
            )
        db.execute(
            "INSERT INTO find_sessions (id, seeker_id, target_id, status, started_at, completed_at, expires_at,"
            " updated_at) VALUES (?, ?, ?, 'completed', ?, ?, ?, ?)",
            ("30000000-0000-4000-8000-000000000000", them, me, now, now + 5, now + 900_000, now + 5),
        )
    stats = accounts.GetMyStats(pb.GetMyStatsRequest(), metadata=md, timeout=10)
    assert (stats.reactions_sent, stats.reactions_received, stats.tracks_played, stats.finds_completed) == (
        1,
        2,
        3,
        1,
    )
    theirs = accounts.GetMyStats(pb.GetMyStatsRequest(), metadata=auth_metadata(other_token), timeout=10)
    assert (theirs.reactions_sent, theirs.reactions_received, theirs.tracks_played) == (2, 1, 0)


def test_delete_account_needs_confirm_then_removes_every_row(accounts, server):
    token, response = sign_in(accounts)
    other_token, other = sign_in(accounts)
    me, them = response.profile.user_id, other.profile.user_id
    md = auth_metadata(token)
    accounts.BlockUser(pb.BlockUserRequest(user_id=them), metadata=md, timeout=10)
    accounts.BlockUser(pb.BlockUserRequest(user_id=me), metadata=auth_metadata(other_token), timeout=10)
    error = call_error(accounts.DeleteAccount, pb.DeleteAccountRequest(confirm=False), metadata=md)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(error) == ["confirm"]
    assert db_count(server, "SELECT count(*) FROM users WHERE id = ?", me) == 1

    accounts.DeleteAccount(pb.DeleteAccountRequest(confirm=True), metadata=md, timeout=10)
    error = call_error(accounts.GetProfile, pb.GetProfileRequest(), metadata=md)
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    for table, column in [("users", "id"), ("sessions", "user_id"), ("blocks", "blocker_id"), ("blocks", "blocked_id")]:
        assert db_count(server, f"SELECT count(*) FROM {table} WHERE {column} = ?", me) == 0, table
    # The other account is untouched.
    listed = accounts.ListBlockedUsers(pb.ListBlockedUsersRequest(), metadata=auth_metadata(other_token), timeout=10)
    assert list(listed.blocked_users) == []
    assert db_count(server, "SELECT count(*) FROM users WHERE id = ?", them) == 1


def test_blocks(accounts, server):
    token, response = sign_in(accounts)
    md = auth_metadata(token)
    me = response.profile.user_id
    others = [sign_in(accounts, f"User {i}")[1].profile.user_id for i in range(3)]

    for bad, field in [(me, "user_id"), ("not-a-uuid", "user_id"), (me.upper(), "user_id"), ("", "user_id")]:
        error = call_error(accounts.BlockUser, pb.BlockUserRequest(user_id=bad), metadata=md)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, bad
        assert field_violations(error) == [field]
    error = call_error(
        accounts.BlockUser, pb.BlockUserRequest(user_id="00000000-0000-4000-8000-000000000000"), metadata=md
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert db_count(server, "SELECT count(*) FROM blocks") == 0

    for user_id in others:
        accounts.BlockUser(pb.BlockUserRequest(user_id=user_id), metadata=md, timeout=10)
    accounts.BlockUser(pb.BlockUserRequest(user_id=others[0]), metadata=md, timeout=10)  # again: no error
    assert db_count(server, "SELECT count(*) FROM blocks") == 3

    first = accounts.ListBlockedUsers(pb.ListBlockedUsersRequest(page_size=2), metadata=md, timeout=10)
    assert len(first.blocked_users) == 2 and first.next_page_token
    second = accounts.ListBlockedUsers(
        pb.ListBlockedUsersRequest(page_size=2, page_token=first.next_page_token), metadata=md, timeout=10
    )
    assert len(second.blocked_users) == 1 and second.next_page_token == ""
    listed = [b.user.user_id for b in [*first.blocked_users, *second.blocked_users]]
    assert sorted(listed) == sorted(others)
    # Blocked users are anonymous here, so they show as "Anonymous Listener".
    assert {b.user.display_name for b in first.blocked_users} == {ANONYMOUS_NAME}

    for bad in [pb.ListBlockedUsersRequest(page_size=-1), pb.ListBlockedUsersRequest(page_token="garbage!")]:
        error = call_error(accounts.ListBlockedUsers, bad, metadata=md)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT

    accounts.UnblockUser(pb.UnblockUserRequest(user_id=others[1]), metadata=md, timeout=10)
    accounts.UnblockUser(pb.UnblockUserRequest(user_id=others[1]), metadata=md, timeout=10)  # again: no error
    error = call_error(accounts.UnblockUser, pb.UnblockUserRequest(user_id="nope"), metadata=md)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    remaining = accounts.ListBlockedUsers(pb.ListBlockedUsersRequest(), metadata=md, timeout=10)
    assert sorted(b.user.user_id for b in remaining.blocked_users) == sorted([others[0], others[2]])


def test_spotify_sign_in_is_not_configured(accounts):
    for call, request in [
        (accounts.StartSpotifySignIn, pb.StartSpotifySignInRequest()),
        (accounts.CompleteSpotifySignIn, pb.CompleteSpotifySignInRequest(state="abcdefgh", code="c")),
    ]:
        error = call_error(call, request)
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "not configured" in error.details()


def test_grpcurl_signs_in_and_calls_with_a_bearer_header(server):
    """Reflection lists Accounts, and grpcurl's -H authorization reaches the interceptor."""
    from test_grpcurl import grpcurl

    assert "resonance.v1.Accounts" in grpcurl(server, "list").stdout.split()
    signed_in = json.loads(
        grpcurl(server, "resonance.v1.Accounts/SignInAnonymously", flags=("-d", '{"display_name": "Curl"}')).stdout
    )
    token = signed_in["session"]["token"]
    profile = json.loads(
        grpcurl(
            server, "resonance.v1.Accounts/GetProfile", flags=("-d", "{}", "-H", f"authorization: Bearer {token}")
        ).stdout
    )
    assert profile["profile"]["displayName"] == "Curl"
    refused = grpcurl(server, "resonance.v1.Accounts/GetProfile", flags=("-d", "{}"), check=False)
    assert refused.returncode != 0
    assert "Unauthenticated" in refused.stderr
