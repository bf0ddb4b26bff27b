"""Helpers for calling a Resonance server with the generated grpcio stubs.

The stubs themselves live beside this package (``resonance.v1.*_pb2`` and
``resonance.v1.*_pb2_grpc``), generated from ``proto/`` by ``scripts/generate``.
"""

import grpc


def auth_metadata(token):
    """The call metadata that authenticates a call with a session token."""
    return (("authorization", f"Bearer {token}"),)


def connect(address):
    """An insecure (h2c) channel to a Resonance server at ``host:port``."""
    return grpc.insecure_channel(address)


__all__ = ["auth_metadata", "connect"]
