"""The helpers against an in-process grpcio server that records what reaches it."""

from concurrent import futures

import grpc
import pytest
from google.protobuf import duration_pb2

from google.rpc import error_details_pb2, status_pb2
from resonance.v1 import accounts_pb2, accounts_pb2_grpc, discovery_pb2, discovery_pb2_grpc, presence_pb2
from resonance.v1 import presence_pb2_grpc
from resonance_client import ResonanceSession, auth_metadata, error_details

TOKEN = "token-for-tests"


def authorization(context):
    return dict(context.invocation_metadata()).get("authorization", "")


class FakeAccounts(accounts_pb2_grpc.AccountsServicer):
    """Signs in with a fixed token; GetProfile reports the authorization it received."""

    def SignInAnonymously(self, request, context):
        response = accounts_pb2.SignInAnonymouslyResponse()
        response.session.token = TOKEN
        response.session.user_id = "user-1"
        response.profile.display_name = request.display_name
        return response

    def SignOut(self, request, context):
        if authorization(context) != f"Bearer {TOKEN}":
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "no session")
        return accounts_pb2.SignOutResponse()

    def GetProfile(self, request, context):
        if not authorization(context):
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "sign in first")
        response = accounts_pb2.GetProfileResponse()
        response.profile.display_name = authorization(context)
        return response


class FakePresence(presence_pb2_grpc.PresenceServicer):
    """GoLive always fails like the real server does for bad input or too many calls."""

    def GoLive(self, request, context):
        status = status_pb2.Status(code=grpc.StatusCode.INVALID_ARGUMENT.value[0], message="bad location")
        violation = error_details_pb2.BadRequest.FieldViolation(
            field="location.latitude", description="must be between -90 and 90"
        )
        status.details.add().Pack(error_details_pb2.BadRequest(field_violations=[violation]))
        retry = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=2, nanos=5 * 10**8))
        status.details.add().Pack(retry)
        context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "bad location")


class FakeDiscovery(discovery_pb2_grpc.DiscoveryServicer):
    """WatchNearby sends one event naming the authorization it received."""

    def WatchNearby(self, request, context):
        event = discovery_pb2.WatchNearbyResponse(type=discovery_pb2.NEARBY_EVENT_TYPE_SYNCED)
        event.user.user.display_name = authorization(context)
        yield event


@pytest.fixture
def address():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    accounts_pb2_grpc.add_AccountsServicer_to_server(FakeAccounts(), server)
    presence_pb2_grpc.add_PresenceServicer_to_server(FakePresence(), server)
    discovery_pb2_grpc.add_DiscoveryServicer_to_server(FakeDiscovery(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}"
    server.stop(grace=None)


def test_auth_metadata_is_a_bearer_header():
    assert auth_metadata("abc") == (("authorization", "Bearer abc"),)


def test_calls_carry_no_token_until_sign_in(address):
    with ResonanceSession(address) as session:
        with pytest.raises(grpc.RpcError) as raised:
            session.accounts.GetProfile(accounts_pb2.GetProfileRequest(), timeout=5)
        assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED

        signed_in = session.sign_in_anonymously("Ada")
        assert signed_in.profile.display_name == "Ada"
        assert session.token == TOKEN
        profile = session.accounts.GetProfile(accounts_pb2.GetProfileRequest(), timeout=5).profile
        assert profile.display_name == f"Bearer {TOKEN}"


def test_a_call_with_its_own_authorization_keeps_it(address):
    with ResonanceSession(address, token=TOKEN) as session:
        profile = session.accounts.GetProfile(
            accounts_pb2.GetProfileRequest(), metadata=auth_metadata("other"), timeout=5
        ).profile
        assert profile.display_name == "Bearer other"


def test_server_streams_carry_the_token(address):
    with ResonanceSession(address, token=TOKEN) as session:
        events = list(session.discovery.WatchNearby(discovery_pb2.WatchNearbyRequest(), timeout=5))
        assert [event.user.user.display_name for event in events] == [f"Bearer {TOKEN}"]


def test_sign_out_forgets_the_token(address):
    with ResonanceSession(address) as session:
        session.sign_in_anonymously()
        session.sign_out()
        assert session.token is None
        with pytest.raises(grpc.RpcError) as raised:
            session.accounts.GetProfile(accounts_pb2.GetProfileRequest(), timeout=5)
        assert raised.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_error_details_decodes_field_violations_and_retry_info(address):
    with ResonanceSession(address, token=TOKEN) as session:
        with pytest.raises(grpc.RpcError) as raised:
            session.presence.GoLive(presence_pb2.GoLiveRequest(), timeout=5)
    details = error_details(raised.value)
    assert details.code == grpc.StatusCode.INVALID_ARGUMENT
    assert details.message == "bad location"
    assert details.field_violations == [("location.latitude", "must be between -90 and 90")]
    assert details.retry_delay == pytest.approx(2.5)


def test_error_details_of_a_plain_error_has_none(address):
    with ResonanceSession(address) as session:
        with pytest.raises(grpc.RpcError) as raised:
            session.accounts.GetProfile(accounts_pb2.GetProfileRequest(), timeout=5)
    details = error_details(raised.value)
    assert (details.code, details.message) == (grpc.StatusCode.UNAUTHENTICATED, "sign in first")
    assert details.field_violations == [] and details.retry_delay is None
