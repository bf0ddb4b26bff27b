"""Helpers for calling a Resonance server with the generated grpcio stubs.

The stubs themselves live beside this package (``resonance.v1.*_pb2`` and
``resonance.v1.*_pb2_grpc``), generated from ``proto/`` by ``scripts/generate``.
"""

import grpc

from .auth import BearerTokenInterceptor, auth_metadata
from .errors import ErrorDetails, error_details
from .session import ResonanceSession


def connect(address: str) -> grpc.Channel:
    """An insecure (h2c) channel to a Resonance server at ``host:port``."""
    return grpc.insecure_channel(address)


__all__ = [
    "BearerTokenInterceptor",
    "ErrorDetails",
    "ResonanceSession",
    "auth_metadata",
    "connect",
    "error_details",
]
