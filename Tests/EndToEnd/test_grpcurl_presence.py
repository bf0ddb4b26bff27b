"""Real grpcurl against the real binary: sign in, go live and list who is nearby with a bearer
token in `-H 'authorization: Bearer ...'`, and UNAUTHENTICATED without it."""

import json

import pytest

from nearby_helpers import BERLIN, GRID_M, offset
from rpc_helpers import grpcurl

ACCOUNTS = "resonance.v1.Accounts"
PRESENCE = "resonance.v1.Presence"
DISCOVERY = "resonance.v1.Discovery"


def call(server, method, body, token=None, check=True):
    """`grpcurl -plaintext [-H authorization] -d BODY ADDRESS METHOD`."""
    flags = ("-d", json.dumps(body))
    if token is not None:
        flags = ("-H", f"authorization: Bearer {token}", *flags)
    return grpcurl(server, method, flags=flags, check=check)


def sign_in(server):
    session = json.loads(call(server, f"{ACCOUNTS}/SignInAnonymously", {}).stdout)["session"]
    assert session["token"] and session["userId"]
    return session["token"], session["userId"]


def go_live(server, token, position):
    body = {"location": {"latitude": position[0], "longitude": position[1]}, "accuracyM": 5}
    return json.loads(call(server, f"{PRESENCE}/GoLive", body, token).stdout)


def keys(value):
    """Every JSON object key anywhere in `value`."""
    if isinstance(value, dict):
        return set(value) | {key for child in value.values() for key in keys(child)}
    if isinstance(value, list):
        return {key for child in value for key in keys(child)}
    return set()


def test_go_live_and_list_nearby_with_a_bearer_token(server):
    token, user_id = sign_in(server)
    other_token, other_id = sign_in(server)
    other_position = offset(BERLIN, 420, -310)

    status = go_live(server, token, BERLIN)["status"]
    assert status["isLive"] is True
    assert status["location"] == {"latitude": BERLIN[0], "longitude": BERLIN[1]}  # the caller's own
    go_live(server, other_token, other_position)

    listed = json.loads(call(server, f"{DISCOVERY}/ListNearby", {"radiusM": 1000}, token).stdout)
    assert listed["radiusM"] == 1000
    assert len(listed["users"]) == 1
    entry = listed["users"][0]
    assert entry["user"]["userId"] == other_id != user_id
    assert entry["user"]["displayName"] == "Anonymous Listener"
    assert entry["distance"]["gridMeters"] == GRID_M
    assert entry["distance"]["approxMeters"] % GRID_M == 0
    assert 400 <= entry["distance"]["approxMeters"] <= 700
    assert len(entry["areaGeohash"]) == 6 and entry["areaGeohash"].startswith("u33")
    assert not {"latitude", "longitude", "location"} & keys(listed)
    for value in other_position:
        assert f"{value:.4f}" not in json.dumps(listed)


@pytest.mark.parametrize(
    "method, body",
    [
        (f"{PRESENCE}/GoLive", {"location": {"latitude": BERLIN[0], "longitude": BERLIN[1]}}),
        (f"{DISCOVERY}/ListNearby", {"radiusM": 1000}),
    ],
)
def test_without_the_header_a_call_is_unauthenticated(shared_server, method, body):
    result = call(shared_server, method, body, check=False)
    assert result.returncode != 0
    assert "Code: Unauthenticated" in result.stderr, result.stderr


def test_a_wrong_token_is_unauthenticated(shared_server):
    result = call(shared_server, f"{DISCOVERY}/ListNearby", {}, token="not-a-session", check=False)
    assert result.returncode != 0
    assert "Code: Unauthenticated" in result.stderr, result.stderr
