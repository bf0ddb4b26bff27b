"""Decoding the ``google.rpc`` details a Resonance error carries."""

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

import grpc

from google.rpc import error_details_pb2, status_pb2

STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class ErrorDetails:
    """A failed call's status with its decoded details.

    ``field_violations`` are ``(field, description)`` pairs from ``google.rpc.BadRequest``
    (INVALID_ARGUMENT); ``retry_delay`` is the ``google.rpc.RetryInfo`` delay in seconds
    (RESOURCE_EXHAUSTED), or None.
    """

    code: grpc.StatusCode
    message: str
    field_violations: List[Tuple[str, str]] = field(default_factory=list)
    retry_delay: Optional[float] = None


def error_details(error: grpc.RpcError) -> ErrorDetails:
    """The status code, message and decoded details of a failed grpcio call."""
    violations: List[Tuple[str, str]] = []
    retry_delay = None
    for key, value in error.trailing_metadata() or ():
        if key != STATUS_DETAILS_KEY:
            continue
        for detail in status_pb2.Status.FromString(value).details:
            bad_request = error_details_pb2.BadRequest()
            retry_info = error_details_pb2.RetryInfo()
            if detail.Unpack(bad_request):
                violations += [(v.field, v.description) for v in bad_request.field_violations]
            elif detail.Unpack(retry_info):
                retry_delay = retry_info.retry_delay.ToTimedelta().total_seconds()
    return ErrorDetails(error.code(), error.details() or "", violations, retry_delay)
