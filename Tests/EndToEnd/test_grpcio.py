"""Python grpcio against the real server: health (stubs generated from proto/ at test time with
grpcio-tools) and reflection (grpcio-reflection's v1alpha client, and generated v1 stubs)."""

import importlib
import pathlib
import queue
import re
import signal
import shutil
import sys
import time
from concurrent import futures

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2 as reflection_v1alpha_pb2
from grpc_reflection.v1alpha import reflection_pb2_grpc as reflection_v1alpha_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

from conftest import start_server

PROTO = pathlib.Path(__file__).resolve().parents[2] / "proto"
SERVICES = {
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
}


@pytest.fixture(scope="module")
def stubs(tmp_path_factory):
    """health_pb2(_grpc) and reflection_v1_pb2(_grpc), generated from proto/ into a temporary
    directory. The files are copied flat so the modules do not collide with the `grpc` package."""
    from grpc_tools import protoc

    out = tmp_path_factory.mktemp("stubs")
    shutil.copy(PROTO / "grpc/health/v1/health.proto", out / "health.proto")
    shutil.copy(PROTO / "grpc/reflection/v1/reflection.proto", out / "reflection_v1.proto")
    for name in ("health.proto", "reflection_v1.proto"):
        assert protoc.main(["protoc", f"-I{out}", f"--python_out={out}", f"--grpc_python_out={out}", name]) == 0
    sys.path.insert(0, str(out))
    try:
        yield {name: importlib.import_module(name) for name in ("health_pb2", "health_pb2_grpc")} | {
            name: importlib.import_module(name) for name in ("reflection_v1_pb2", "reflection_v1_pb2_grpc")
        }
    finally:
        sys.path.remove(str(out))


@pytest.fixture(scope="module")
def channel(shared_server):
    with grpc.insecure_channel(shared_server.address) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield channel


@pytest.fixture
def health(stubs, channel):
    return stubs["health_pb2_grpc"].HealthStub(channel)


def request(stubs, service=""):
    return stubs["health_pb2"].HealthCheckRequest(service=service)


# --- health --------------------------------------------------------------------------------------


def test_check_serving(stubs, health):
    response = health.Check(request(stubs), timeout=5)
    assert response.status == stubs["health_pb2"].HealthCheckResponse.SERVING


def test_check_unknown_service_is_not_found_with_decoded_message(stubs, health):
    name = "café 100% ✓"
    with pytest.raises(grpc.RpcError) as failure:
        health.Check(request(stubs, name), timeout=5)
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND
    assert failure.value.details() == f"unknown service '{name}'"


def test_check_with_gzip_and_binary_metadata(stubs, health):
    response, call = health.Check.with_call(
        request(stubs),
        timeout=5,
        compression=grpc.Compression.Gzip,
        metadata=(("x-test-bin", b"\x00\x01\x02\xff"), ("x-plain", "value")),
    )
    assert response.status == stubs["health_pb2"].HealthCheckResponse.SERVING
    assert call.code() == grpc.StatusCode.OK


def test_many_concurrent_checks_on_one_channel(stubs, health):
    calls = [health.Check.future(request(stubs), timeout=20) for _ in range(300)]
    statuses = {call.result().status for call in calls}
    assert statuses == {stubs["health_pb2"].HealthCheckResponse.SERVING}


def test_watch_first_answer_then_cancel(stubs, health):
    watch = health.Watch(request(stubs), timeout=10)
    assert next(watch).status == stubs["health_pb2"].HealthCheckResponse.SERVING
    watch.cancel()
    with pytest.raises(grpc.RpcError) as failure:
        next(watch)
    assert failure.value.code() == grpc.StatusCode.CANCELLED
    assert health.Check(request(stubs), timeout=5).status == stubs["health_pb2"].HealthCheckResponse.SERVING


def test_watch_of_unknown_service_reports_service_unknown(stubs, health):
    watch = health.Watch(request(stubs, "not.yet.Known"), timeout=10)
    assert next(watch).status == stubs["health_pb2"].HealthCheckResponse.SERVICE_UNKNOWN
    watch.cancel()


def test_watch_deadline_is_enforced(stubs, health):
    start = time.monotonic()
    watch = health.Watch(request(stubs), timeout=0.3)
    assert next(watch).status == stubs["health_pb2"].HealthCheckResponse.SERVING
    with pytest.raises(grpc.RpcError) as failure:
        next(watch)
    assert failure.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - start < 2


def test_unknown_method_is_unimplemented(channel):
    call = channel.unary_unary("/grpc.health.v1.Health/Nope")
    with pytest.raises(grpc.RpcError) as failure:
        call(b"", timeout=5)
    assert failure.value.code() == grpc.StatusCode.UNIMPLEMENTED


# --- reflection ----------------------------------------------------------------------------------


def test_reflection_v1alpha_descriptor_database(channel):
    database = ProtoReflectionDescriptorDatabase(channel)
    assert SERVICES <= set(database.get_services())
    pool = descriptor_pool.DescriptorPool(database)
    health = pool.FindServiceByName("grpc.health.v1.Health")
    assert [method.name for method in health.methods] == ["Check", "Watch"]
    assert health.methods_by_name["Watch"].output_type.full_name == "grpc.health.v1.HealthCheckResponse"
    status = pool.FindEnumTypeByName("grpc.health.v1.HealthCheckResponse.ServingStatus")
    assert status.values_by_name["SERVICE_UNKNOWN"].number == 3


class Conversation:
    """A bidirectional reflection stream driven one request at a time."""

    def __init__(self, method):
        self.requests = queue.Queue()
        self.responses = method(iter(self.requests.get, None), timeout=10)

    def ask(self, message):
        self.requests.put(message)
        return next(self.responses)

    def close(self):
        self.requests.put(None)
        assert list(self.responses) == []


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_unknown_symbol_keeps_the_stream_open(stubs, channel, version):
    if version == "v1":
        pb2, stub = stubs["reflection_v1_pb2"], stubs["reflection_v1_pb2_grpc"].ServerReflectionStub(channel)
    else:
        pb2, stub = reflection_v1alpha_pb2, reflection_v1alpha_grpc.ServerReflectionStub(channel)
    conversation = Conversation(stub.ServerReflectionInfo)

    missing = conversation.ask(pb2.ServerReflectionRequest(file_containing_symbol="no.such.Symbol"))
    assert missing.WhichOneof("message_response") == "error_response"
    assert missing.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]
    assert missing.original_request.file_containing_symbol == "no.such.Symbol"

    listed = conversation.ask(pb2.ServerReflectionRequest(list_services=""))
    assert SERVICES <= {service.name for service in listed.list_services_response.service}

    found = conversation.ask(pb2.ServerReflectionRequest(file_containing_symbol="grpc.health.v1.Health"))
    raw_files = found.file_descriptor_response.file_descriptor_proto
    files = [descriptor_pb2.FileDescriptorProto.FromString(raw) for raw in raw_files]
    assert files[0].name == "grpc/health/v1/health.proto"
    assert [service.name for service in files[0].service] == ["Health"]

    again = conversation.ask(pb2.ServerReflectionRequest(file_by_filename="grpc/health/v1/health.proto"))
    assert again.WhichOneof("message_response") == "file_descriptor_response"

    extensions = conversation.ask(
        pb2.ServerReflectionRequest(all_extension_numbers_of_type="grpc.health.v1.HealthCheckRequest")
    )
    assert extensions.WhichOneof("message_response") == "all_extension_numbers_response"
    assert extensions.all_extension_numbers_response.base_type_name == "grpc.health.v1.HealthCheckRequest"
    assert list(extensions.all_extension_numbers_response.extension_number) == []
    conversation.close()


def test_reflection_from_many_threads(stubs, channel):
    stub = stubs["reflection_v1_pb2_grpc"].ServerReflectionStub(channel)
    pb2 = stubs["reflection_v1_pb2"]

    def list_services(_):
        responses = stub.ServerReflectionInfo(iter([pb2.ServerReflectionRequest(list_services="")]), timeout=10)
        return {service.name for response in responses for service in response.list_services_response.service}

    with futures.ThreadPoolExecutor(8) as pool:
        for names in pool.map(list_services, range(32)):
            assert SERVICES <= names


# --- server-side call latencies --------------------------------------------------------------------


def test_sigusr1_logs_per_method_call_latencies_and_starts_afresh(tmp_path, stubs):
    server = start_server(tmp_path)
    try:
        with grpc.insecure_channel(server.address) as channel:
            stub = stubs["health_pb2_grpc"].HealthStub(channel)
            for _ in range(5):
                stub.Check(request(stubs), timeout=10)
            server.process.send_signal(signal.SIGUSR1)
            time.sleep(0.5)
            stub.Check(request(stubs), timeout=10)
            server.process.send_signal(signal.SIGUSR1)
            time.sleep(0.5)
    finally:
        server.stop()
    reports = [line for line in server.process.stderr.read().splitlines() if "call latencies" in line]
    assert len(reports) == 2, reports
    for report, count in zip(reports, (5, 1)):
        assert "method=/grpc.health.v1.Health/Check" in report
        assert f"count={count}" in report
        p50, p99, most = (float(re.search(rf"{name}=([\d.]+)", report).group(1))
                          for name in ("p50_us", "p99_us", "max_us"))
        assert 0 < p50 <= p99 <= most < 10_000_000
