"""Session-token authentication: the metadata and a client interceptor that adds it."""

import collections
from typing import Callable, Optional, Sequence, Tuple

import grpc

Metadata = Sequence[Tuple[str, str]]


def auth_metadata(token: str) -> Tuple[Tuple[str, str], ...]:
    """The call metadata that authenticates a call with a session token."""
    return (("authorization", f"Bearer {token}"),)


class _CallDetails(
    collections.namedtuple(
        "_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")
    ),
    grpc.ClientCallDetails,
):
    """A `grpc.ClientCallDetails` with replaced metadata."""


class BearerTokenInterceptor(
    grpc.UnaryUnaryClientInterceptor,
    grpc.UnaryStreamClientInterceptor,
    grpc.StreamUnaryClientInterceptor,
    grpc.StreamStreamClientInterceptor,
):
    """Adds ``authorization: Bearer <token>`` to every call while ``token()`` returns one.

    A call that already carries an ``authorization`` entry keeps its own.
    """

    def __init__(self, token: Callable[[], Optional[str]]):
        self._token = token

    def _details(self, details: grpc.ClientCallDetails) -> grpc.ClientCallDetails:
        token = self._token()
        metadata = list(details.metadata or ())
        if not token or any(key == "authorization" for key, _ in metadata):
            return details
        metadata.extend(auth_metadata(token))
        return _CallDetails(
            details.method,
            details.timeout,
            metadata,
            details.credentials,
            getattr(details, "wait_for_ready", None),
            getattr(details, "compression", None),
        )

    def intercept_unary_unary(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation, client_call_details, request):
        return continuation(self._details(client_call_details), request)

    def intercept_stream_unary(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)

    def intercept_stream_stream(self, continuation, client_call_details, request_iterator):
        return continuation(self._details(client_call_details), request_iterator)
