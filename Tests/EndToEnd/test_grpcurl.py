"""Real grpcurl (1.8.6, reflection v1alpha) against the real server binary."""

import json
import re

import pytest

from rpc_helpers import grpcurl

SERVICES = [
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
]


def test_list_shows_every_service(shared_server):
    listed = grpcurl(shared_server, "list").stdout.split()
    for service in SERVICES:
        assert service in listed


def test_list_methods_of_health(shared_server):
    methods = grpcurl(shared_server, "list", "grpc.health.v1.Health").stdout.split()
    assert methods == ["grpc.health.v1.Health.Check", "grpc.health.v1.Health.Watch"]


@pytest.mark.parametrize("service", SERVICES)
def test_describe_every_service(shared_server, service):
    out = grpcurl(shared_server, "describe", service).stdout
    assert f"{service} is a service:" in out
    assert "rpc " in out


def test_describe_messages(shared_server):
    out = grpcurl(shared_server, "describe", "grpc.health.v1.HealthCheckResponse").stdout
    assert "ServingStatus" in out and "SERVICE_UNKNOWN = 3" in out


def test_health_check_answers_serving(shared_server):
    out = grpcurl(shared_server, "grpc.health.v1.Health/Check", flags=("-d", '{"service":""}')).stdout
    assert json.loads(out) == {"status": "SERVING"}


def test_health_check_unknown_service_is_not_found(shared_server):
    result = grpcurl(
        shared_server, "grpc.health.v1.Health/Check", flags=("-d", '{"service":"nope"}'), check=False
    )
    assert result.returncode != 0
    assert "NotFound" in result.stderr


def test_unknown_method_is_unimplemented(shared_server):
    result = grpcurl(shared_server, "grpc.health.v1.Health/Nope", flags=("-d", "{}"), check=False)
    assert result.returncode != 0
    assert "Nope" in result.stderr


def test_describe_every_method_and_message_of_every_service(shared_server):
    """Every service, each of its methods, and each method's request and response types."""
    services = grpcurl(shared_server, "list").stdout.split()
    assert "resonance.v1.Accounts" in services
    described_types = set()
    for service in services:
        for method in grpcurl(shared_server, "list", service).stdout.split():
            out = grpcurl(shared_server, "describe", method).stdout
            assert f"{method} is a method:" in out, out
            signature = out.split("rpc ", 1)[1]
            for type_name in re.findall(r"\.([\w.]+) \)", signature):
                described_types.add(type_name)
    assert len(described_types) > 20
    for type_name in sorted(described_types):
        out = grpcurl(shared_server, "describe", type_name).stdout
        assert f"{type_name} is a message:" in out, out
