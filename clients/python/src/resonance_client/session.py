"""A signed-in connection to a Resonance server: one channel, stubs for every service, and
the session token added to each call."""

from typing import Optional, Union

import grpc

from resonance.v1 import (
    accounts_pb2,
    accounts_pb2_grpc,
    capsules_pb2_grpc,
    discovery_pb2_grpc,
    notifications_pb2_grpc,
    presence_pb2_grpc,
    reactions_pb2_grpc,
)

from .auth import BearerTokenInterceptor


class ResonanceSession:
    """Stubs for every Resonance service over one channel, authenticated with ``token``.

    ``sign_in_anonymously`` sets the token; every call afterwards carries
    ``authorization: Bearer <token>`` (added by a client interceptor). Use as a context
    manager to close the channel.

    >>> with ResonanceSession("127.0.0.1:50051") as session:
    ...     session.sign_in_anonymously("Ada")
    ...     session.accounts.GetProfile(accounts_pb2.GetProfileRequest(), timeout=5)
    """

    def __init__(self, target: Union[str, grpc.Channel], token: Optional[str] = None):
        self.token = token
        self._base = grpc.insecure_channel(target) if isinstance(target, str) else target
        self.channel = grpc.intercept_channel(self._base, BearerTokenInterceptor(lambda: self.token))
        self.accounts = accounts_pb2_grpc.AccountsStub(self.channel)
        self.presence = presence_pb2_grpc.PresenceStub(self.channel)
        self.discovery = discovery_pb2_grpc.DiscoveryStub(self.channel)
        self.capsules = capsules_pb2_grpc.CapsulesStub(self.channel)
        self.reactions = reactions_pb2_grpc.ReactionsStub(self.channel)
        self.notifications = notifications_pb2_grpc.NotificationsStub(self.channel)

    def sign_in_anonymously(
        self, display_name: str = "", timeout: float = 10
    ) -> accounts_pb2.SignInAnonymouslyResponse:
        """Creates an anonymous user and keeps its session token for the calls that follow."""
        response = self.accounts.SignInAnonymously(
            accounts_pb2.SignInAnonymouslyRequest(display_name=display_name), timeout=timeout
        )
        self.token = response.session.token
        return response

    def sign_out(self, timeout: float = 10) -> None:
        """Revokes the session on the server and forgets its token."""
        self.accounts.SignOut(accounts_pb2.SignOutRequest(), timeout=timeout)
        self.token = None

    def close(self) -> None:
        self._base.close()

    def __enter__(self) -> "ResonanceSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
