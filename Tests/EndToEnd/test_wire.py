"""gRPC wire edge cases, frame by frame, against the real `resonance serve` binary.

Each test talks raw HTTP/2 (h2c with prior knowledge, see h2wire.py) and asserts the exact
frames, status codes and headers that come back. After each test a NEW connection must still
get SERVING from grpc.health.v1.Health/Check: no edge case may hurt other connections.
"""

import gzip
import signal
import time
import urllib.parse

import pytest
from h2wire import (
    HEALTH_CHECK,
    HEALTH_WATCH,
    NOT_SERVING,
    SERVING,
    ErrorCodes,
    SettingCodes,
    WireClient,
    check_serving,
    grpc_message,
    health_request,
    health_status,
    varint,
)
from hyperframe.frame import GoAwayFrame, HeadersFrame, PingFrame, RstStreamFrame, SettingsFrame

UNIMPLEMENTED = 12
RESOURCE_EXHAUSTED = 8
INTERNAL = 13
NOT_FOUND = 5
DEADLINE_EXCEEDED = 4
UNAVAILABLE = 14
MAX_STREAM_ID = 2**31 - 1
REFLECTION_V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"


@pytest.fixture
def wire(shared_server):
    """A connection to the shared server; afterwards a new connection must still be served."""
    with WireClient(shared_server.address) as client:
        yield client
    check_serving(shared_server.address)


def assert_trailers_only(client: WireClient, stream_id: int, grpc_status: int) -> dict[str, bytes]:
    """The stream's answer is one HEADERS frame with END_STREAM: :status 200, gRPC content-type,
    `grpc_status`; nothing else but an optional RST_STREAM(NO_ERROR). Returns the headers."""
    stream = client.wait_stream(stream_id)
    first = stream.frames[0]
    assert isinstance(first, HeadersFrame)
    assert {"END_STREAM", "END_HEADERS"} <= set(first.flags)
    headers = stream.headers
    assert headers[":status"] == b"200"
    assert headers["content-type"].startswith(b"application/grpc")
    assert stream.grpc_status == grpc_status, headers
    assert stream.trailers is None and not stream.body
    for later in stream.frames[1:]:
        assert isinstance(later, RstStreamFrame) and later.error_code == ErrorCodes.NO_ERROR, stream.frames
    return headers


# --- connection setup ------------------------------------------------------------------------


def test_server_settings_arrive_first_without_client_bytes(shared_server):
    with WireClient(shared_server.address, preface=False) as silent:  # sends nothing at all
        start = time.monotonic()
        first = silent.read_frame(timeout=1)
        elapsed = time.monotonic() - start
    assert isinstance(first, SettingsFrame) and "ACK" not in first.flags and first.stream_id == 0
    assert elapsed < 1
    settings = dict(first.settings)
    assert 512 * 1024 <= settings[SettingCodes.INITIAL_WINDOW_SIZE] <= 4 * 1024 * 1024
    assert 1 <= settings[SettingCodes.MAX_CONCURRENT_STREAMS] <= 10_000
    check_serving(shared_server.address)


def test_garbage_instead_of_preface_closes_only_that_connection(shared_server):
    with WireClient(shared_server.address) as bystander:
        watch, _ = bystander.start_call(HEALTH_WATCH, grpc_message(health_request("")))
        bystander.read_until(lambda: bystander.streams[watch].body)

        garbage = WireClient(shared_server.address, preface=False)
        garbage.send_raw(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n" + bytes(range(256)))
        frames = garbage.read_until_eof(timeout=3)
        garbage.close()
        goaways = [frame for frame in frames if isinstance(frame, GoAwayFrame)]
        assert goaways, frames
        assert goaways[-1].error_code == ErrorCodes.PROTOCOL_ERROR

        # The other connection, and its open stream, are untouched.
        assert not bystander.streams[watch].done
        check = bystander.unary(HEALTH_CHECK, health_request(""))
        assert check.grpc_status == 0
    check_serving(shared_server.address)


# --- routing and content-type -----------------------------------------------------------------


def test_unknown_service_is_trailers_only_unimplemented(wire):
    stream_id, _ = wire.start_call("/no.such.Service/Method", None, end_stream=True)
    headers = assert_trailers_only(wire, stream_id, UNIMPLEMENTED)
    assert b"no.such.Service" in headers["grpc-message"]
    assert wire.streams[stream_id].frames[1:] == []  # the client had half-closed: no reset


def test_unknown_method_is_unimplemented(wire):
    stream_id, _ = wire.start_call("/grpc.health.v1.Health/Nope", grpc_message(b""))
    headers = assert_trailers_only(wire, stream_id, UNIMPLEMENTED)
    assert b"Nope" in headers["grpc-message"]


def test_non_grpc_content_type_is_http_415(wire):
    stream_id, _ = wire.start_call(HEALTH_CHECK, grpc_message(b""), content_type="text/plain")
    stream = wire.wait_stream(stream_id)
    assert stream.headers[":status"] == b"415"
    assert stream.ended and not stream.body


def test_missing_content_type_is_http_415(wire):
    stream_id, _ = wire.start_call(HEALTH_CHECK, grpc_message(b""), content_type=None)
    assert wire.wait_stream(stream_id).headers[":status"] == b"415"


def test_content_type_with_suffix_is_grpc(wire):
    result = wire.unary(HEALTH_CHECK, health_request(""), content_type="application/grpc+proto")
    assert result.grpc_status == 0
    assert [health_status(m) for m in result.messages()] == [SERVING]


def test_te_trailers_is_not_required(wire):
    result = wire.unary(HEALTH_CHECK, health_request(""), te=False)
    assert result.headers[":status"] == b"200"
    assert result.grpc_status == 0 and result.trailers is not None
    assert [health_status(m) for m in result.messages()] == [SERVING]


# --- message framing ----------------------------------------------------------------------------


def not_found_name(result) -> str:
    """The service name echoed by Health/Check's NOT_FOUND message."""
    assert result.grpc_status == NOT_FOUND, result.status_block
    message = urllib.parse.unquote(result.grpc_message.decode("ascii"))
    prefix = "unknown service '"
    assert message.startswith(prefix) and message.endswith("'"), message
    return message[len(prefix) : -1]


def test_length_prefix_split_across_data_frames(wire):
    name = "split-prefix"
    message = grpc_message(health_request(name))
    stream_id, _ = wire.start_call(HEALTH_CHECK, None, end_stream=False)
    # 2 bytes of the prefix, then the other 3 with part of the payload, then the rest;
    # with pauses so that each arrives in its own read.
    for chunk, end in ((message[:2], False), (message[2:9], False), (message[9:], True)):
        wire.send(*wire.data_frames(stream_id, chunk, end_stream=end))
        time.sleep(0.05)
    assert not_found_name(wire.wait_stream(stream_id)) == name


def test_message_split_across_many_data_frames(wire):
    name = "m" * 3000
    message = grpc_message(health_request(name))
    stream_id, _ = wire.start_call(HEALTH_CHECK, None, end_stream=False)
    frames = wire.data_frames(stream_id, message, end_stream=True, size=7)
    assert len(frames) > 400
    wire.send(*frames)
    assert not_found_name(wire.wait_stream(stream_id)) == name


def test_every_byte_in_its_own_frame_then_empty_end_stream(wire):
    message = grpc_message(health_request(""))  # just the 5-byte prefix: an empty message
    stream_id, _ = wire.start_call(HEALTH_CHECK, None, end_stream=False)
    wire.send(*[frame for byte in message for frame in wire.data_frames(stream_id, bytes([byte]))])
    wire.send(*wire.data_frames(stream_id, b"", end_stream=True))
    result = wire.wait_stream(stream_id)
    assert result.grpc_status == 0
    assert [health_status(m) for m in result.messages()] == [SERVING]


def test_oversized_message_is_resource_exhausted_from_the_prefix(wire):
    # Declares 4 MiB + 1 and sends only 10 bytes of it, keeping the stream open.
    prefix = b"\x00" + (4 * 1024 * 1024 + 1).to_bytes(4, "big")
    stream_id, _ = wire.start_call(HEALTH_CHECK, prefix + b"\x0a" * 10, end_stream=False)
    start = time.monotonic()
    headers = assert_trailers_only(wire, stream_id, RESOURCE_EXHAUSTED)
    assert time.monotonic() - start < 1
    assert headers["grpc-message"]


def test_message_of_exactly_4_mib_is_accepted(wire):
    # A reflection request for a 4 MiB symbol name: tag, 4-byte varint length, name.
    symbol = b"x" * (4 * 1024 * 1024 - 5)
    request = b"\x22" + varint(len(symbol)) + symbol
    assert len(request) == 4 * 1024 * 1024
    stream_id, _ = wire.start_call(REFLECTION_V1, grpc_message(request))
    stream = wire.wait_stream(stream_id, timeout=30)
    assert stream.grpc_status == 0, stream.status_block
    [response] = stream.messages()
    assert symbol in response  # the echoed original_request
    assert b"\x08\x05" in response[-64:] or b"\x08\x05" in response  # error_response code 5


def test_truncated_message_at_end_of_stream_is_an_error(wire):
    message = grpc_message(health_request("truncated"))
    stream_id, _ = wire.start_call(HEALTH_CHECK, message[:-3], end_stream=True)
    result = wire.wait_stream(stream_id)
    assert result.grpc_status not in (None, 0, NOT_FOUND)


# --- compression ---------------------------------------------------------------------------------


def test_compressed_flag_without_grpc_encoding_is_internal(wire):
    stream_id, _ = wire.start_call(HEALTH_CHECK, grpc_message(gzip.compress(b""), compressed=True))
    result = wire.wait_stream(stream_id)
    assert result.grpc_status == INTERNAL, result.status_block


def test_unknown_grpc_encoding_is_unimplemented_with_accept_encoding(wire):
    stream_id, _ = wire.start_call(
        HEALTH_CHECK, grpc_message(b"", compressed=True), extra=[("grpc-encoding", "snappy")]
    )
    headers = assert_trailers_only(wire, stream_id, UNIMPLEMENTED)
    accepted = [value.strip() for value in headers["grpc-accept-encoding"].decode().split(",")]
    assert "gzip" in accepted


@pytest.mark.parametrize("service", ["", "gzipped-name"])
def test_gzip_compressed_request(wire, service):
    payload = gzip.compress(health_request(service))
    stream_id, _ = wire.start_call(
        HEALTH_CHECK, grpc_message(payload, compressed=True), extra=[("grpc-encoding", "gzip")]
    )
    result = wire.wait_stream(stream_id)
    if service:
        assert not_found_name(result) == service
    else:
        assert result.grpc_status == 0
        assert [health_status(m) for m in result.messages()] == [SERVING]


def test_gzip_encoding_with_uncompressed_message_is_fine(wire):
    result = wire.unary(HEALTH_CHECK, health_request(""), extra=[("grpc-encoding", "gzip")])
    assert result.grpc_status == 0
    assert [health_status(m) for m in result.messages()] == [SERVING]


def test_corrupt_gzip_payload_is_an_error(wire):
    stream_id, _ = wire.start_call(
        HEALTH_CHECK, grpc_message(b"definitely not gzip", compressed=True), extra=[("grpc-encoding", "gzip")]
    )
    assert wire.wait_stream(stream_id).grpc_status == INTERNAL


# --- status and metadata encoding ---------------------------------------------------------------


def test_grpc_message_is_percent_encoded(wire):
    name = "café 100% ✓\tend"
    result = wire.unary(HEALTH_CHECK, health_request(name))
    assert result.grpc_status == NOT_FOUND
    raw = result.grpc_message
    assert all(0x20 <= byte <= 0x7E for byte in raw), raw
    assert b"caf%C3%A9 100%25 %E2%9C%93%09end" in raw.replace(b"%c3%a9", b"%C3%A9")
    for index, byte in enumerate(raw):  # every '%' starts an escape
        if byte == ord("%"):
            assert all(chr(c) in "0123456789abcdefABCDEF" for c in raw[index + 1 : index + 3]), raw
    assert b" " in raw  # spaces stay as they are
    assert urllib.parse.unquote(raw.decode("ascii")) == f"unknown service '{name}'"


def test_huge_status_message_is_truncated_not_dropped(wire):
    # A 100 kB service name in NOT_FOUND's message would make a header block beyond the HTTP/2
    # library's 64 KiB limit; the stream must still get its status (once, it got nothing).
    name = "y" * 100_000
    stream_id, _ = wire.start_call(HEALTH_CHECK, grpc_message(health_request(name)))
    headers = assert_trailers_only(wire, stream_id, NOT_FOUND)
    message = headers["grpc-message"]
    assert len(message) <= 16 * 1024
    assert message.startswith(b"unknown service 'yyyy") and message.endswith(b"...")


@pytest.mark.parametrize("value", ["AAEC/w==", "AAEC/w", "AAE=", "AAE"])
def test_binary_metadata_padded_and_unpadded_is_accepted(wire, value):
    result = wire.unary(HEALTH_CHECK, health_request(""), extra=[("x-test-bin", value)])
    assert result.grpc_status == 0, result.status_block
    assert [health_status(m) for m in result.messages()] == [SERVING]


def test_both_binary_metadata_forms_in_one_request(wire):
    extra = [("x-test-bin", "AAEC/w=="), ("x-other-bin", "AAEC/w")]
    assert wire.unary(HEALTH_CHECK, health_request(""), extra=extra).grpc_status == 0


# --- deadlines and cancellation ---------------------------------------------------------------


@pytest.mark.parametrize("timeout", ["abc", "123456789S", "10", "5x", "-1S", ""])
def test_malformed_grpc_timeout_is_rejected(wire, timeout):
    stream_id, _ = wire.start_call(HEALTH_CHECK, grpc_message(b""), extra=[("grpc-timeout", timeout)])
    assert_trailers_only(wire, stream_id, INTERNAL)


def test_eight_digit_grpc_timeout_is_accepted(wire):
    result = wire.unary(HEALTH_CHECK, health_request(""), extra=[("grpc-timeout", "99999999S")])
    assert result.grpc_status == 0


def test_grpc_timeout_ends_a_watch_with_deadline_exceeded(wire):
    start = time.monotonic()
    stream_id, _ = wire.start_call(
        HEALTH_WATCH, grpc_message(health_request("")), extra=[("grpc-timeout", "100m")]
    )
    stream = wire.wait_stream(stream_id, timeout=3)
    elapsed = time.monotonic() - start
    assert 0.09 <= elapsed < 1.0, elapsed
    assert [health_status(m) for m in stream.messages()] == [SERVING]
    # The client had half-closed, so DEADLINE_EXCEEDED trailers end the stream.
    assert stream.trailers is not None and stream.grpc_status == DEADLINE_EXCEEDED, stream.frames


def test_grpc_timeout_on_a_stream_the_client_keeps_open_resets_it(wire):
    start = time.monotonic()
    stream_id, _ = wire.start_call(
        HEALTH_WATCH, grpc_message(health_request("")), end_stream=False, extra=[("grpc-timeout", "100m")]
    )
    stream = wire.wait_stream(stream_id, timeout=3)
    wire.drain(0.2)
    assert time.monotonic() - start < 1.5
    # The client's side is still open: DEADLINE_EXCEEDED (Trailers-Only, the Watch never got
    # its request's end so it never answered), then RST_STREAM(NO_ERROR), as gRPC core does.
    assert stream.grpc_status == DEADLINE_EXCEEDED and not stream.body, stream.frames
    assert stream.reset == ErrorCodes.NO_ERROR, stream.frames


def test_client_cancel_of_a_watch_keeps_the_connection_working(wire):
    watch, _ = wire.start_call(HEALTH_WATCH, grpc_message(health_request("")))
    wire.read_until(lambda: wire.streams[watch].body)
    wire.reset(watch, ErrorCodes.CANCEL)
    for _ in range(3):
        result = wire.unary(HEALTH_CHECK, health_request(""))
        assert result.grpc_status == 0
    wire.drain(0.2)
    assert wire.streams[watch].trailers is None  # nothing more on the cancelled stream
    assert not wire.goaways()


def test_many_cancelled_watches_then_new_streams(wire):
    watches = []
    for _ in range(50):
        stream_id, _ = wire.start_call(HEALTH_WATCH, grpc_message(health_request("")))
        watches.append(stream_id)
    wire.read_until(lambda: all(wire.streams[w].body for w in watches))
    for stream_id in watches:
        wire.reset(stream_id, ErrorCodes.CANCEL)
    result = wire.unary(HEALTH_CHECK, health_request(""))
    assert result.grpc_status == 0 and not wire.goaways()


# --- early trailers ------------------------------------------------------------------------------


def test_trailers_before_client_half_close_are_followed_by_rst_stream_no_error(wire):
    stream_id, _ = wire.start_call("/grpc.health.v1.Health/Nope", grpc_message(b""), end_stream=False)
    assert_trailers_only(wire, stream_id, UNIMPLEMENTED)
    wire.read_until(lambda: wire.streams[stream_id].reset is not None)
    frames = wire.streams[stream_id].frames
    assert [type(frame) for frame in frames] == [HeadersFrame, RstStreamFrame]
    assert frames[1].error_code == ErrorCodes.NO_ERROR


def test_oversized_message_on_open_stream_is_followed_by_rst_stream_no_error(wire):
    prefix = b"\x00" + (5 * 1024 * 1024).to_bytes(4, "big")
    stream_id, _ = wire.start_call(HEALTH_CHECK, prefix, end_stream=False)
    wire.read_until(lambda: wire.streams[stream_id].reset is not None)
    frames = wire.streams[stream_id].frames
    assert [type(frame) for frame in frames] == [HeadersFrame, RstStreamFrame]
    assert wire.streams[stream_id].grpc_status == RESOURCE_EXHAUSTED
    assert frames[1].error_code == ErrorCodes.NO_ERROR


# --- concurrency ---------------------------------------------------------------------------------


def test_concurrent_watches_up_to_the_limit_and_refused_beyond(shared_server):
    # Everything goes out before reading the server's SETTINGS, so the client may open more
    # streams than the server's limit; the server answers the first `limit` streams and refuses
    # the rest with REFUSED_STREAM (its SETTINGS are not acknowledged yet).
    extra_streams = 10
    with WireClient(shared_server.address) as client:
        frames = []
        watches = []
        for _ in range(100 + extra_streams):
            stream_id, sent = client.start_call(HEALTH_WATCH, grpc_message(health_request("")), send=False)
            watches.append(stream_id)
            frames += sent
        client.send(*frames)
        settings = client.read_frame()
        assert isinstance(settings, SettingsFrame)
        limit = dict(settings.settings)[SettingCodes.MAX_CONCURRENT_STREAMS]
        assert limit == 100

        client.read_until(lambda: all(client.streams[w].body or client.streams[w].done for w in watches))
        answered = [w for w in watches if client.streams[w].body]
        refused = [w for w in watches if client.streams[w].reset == ErrorCodes.REFUSED_STREAM]
        assert answered == watches[:limit]
        assert refused == watches[limit:]
        for stream_id in answered:
            assert [health_status(m) for m in client.streams[stream_id].messages()] == [SERVING]
            assert not client.streams[stream_id].done

        # Free half of the slots; the connection takes new calls in them.
        for stream_id in answered[:50]:
            client.reset(stream_id)
        checks = [client.start_call(HEALTH_CHECK, grpc_message(b""))[0] for _ in range(50)]
        client.read_until(lambda: all(client.streams[c].done for c in checks))
        assert all(client.streams[c].grpc_status == 0 for c in checks)
        assert not client.goaways()
    check_serving(shared_server.address)


def test_hundreds_of_unary_calls_on_one_connection(wire):
    wire.read_until(lambda: any(isinstance(f, SettingsFrame) and "ACK" in f.flags for f in wire.frames))
    done = []
    for _ in range(4):  # 4 waves of 100 concurrent calls = 400 streams
        wave = []
        frames = []
        for index in range(100):
            stream_id, sent = wire.start_call(HEALTH_CHECK, grpc_message(health_request("")), send=False)
            wave.append(stream_id)
            frames += sent
        wire.send(*frames)
        wire.read_until(lambda: all(wire.streams[s].done for s in wave), timeout=20)
        done += wave
    assert len(done) == 400
    for stream_id in done:
        stream = wire.streams[stream_id]
        assert stream.grpc_status == 0 and [health_status(m) for m in stream.messages()] == [SERVING]
    assert not wire.goaways()


# --- abuse and disconnects --------------------------------------------------------------------


def test_abrupt_disconnects_mid_stream(shared_server):
    for round_ in range(10):
        client = WireClient(shared_server.address)
        watch, _ = client.start_call(HEALTH_WATCH, grpc_message(health_request("")))
        client.read_until(lambda: client.streams[watch].body)
        # A call whose message is half sent, and half a frame header.
        partial, _ = client.start_call(HEALTH_CHECK, grpc_message(health_request("half"))[:4], end_stream=False)
        client.send_raw(b"\x00\x00\x10\x00")
        client.close(abort=round_ % 2 == 0)  # TCP RST or FIN
    check_serving(shared_server.address)


def test_ping_flood_is_answered_with_goaway_enhance_your_calm(shared_server):
    with WireClient(shared_server.address) as client:
        client.send(*[PingFrame(0, opaque_data=index.to_bytes(8, "big")) for index in range(20)])
        frames = client.read_until_eof(timeout=3)
    acks = [frame for frame in frames if isinstance(frame, PingFrame) and "ACK" in frame.flags]
    goaways = [frame for frame in frames if isinstance(frame, GoAwayFrame)]
    assert goaways, frames
    assert goaways[0].error_code == ErrorCodes.ENHANCE_YOUR_CALM
    assert goaways[0].additional_data == b"too_many_pings"
    assert acks  # the first pings are answered before the abuse is detected
    assert frames.index(goaways[0]) == len(frames) - 1  # the GOAWAY is last, then the connection closes
    check_serving(shared_server.address)


def test_sigterm_during_a_watch_sends_two_goaways_and_exits_zero(server):
    client = WireClient(server.address)
    watch, _ = client.start_call(HEALTH_WATCH, grpc_message(health_request("")))
    client.read_until(lambda: client.streams[watch].body)
    server.process.send_signal(signal.SIGTERM)
    start = time.monotonic()
    frames = client.read_until_eof(timeout=8)
    client.close()

    goaways = [frame for frame in frames if isinstance(frame, GoAwayFrame)]
    assert len(goaways) >= 2, frames
    assert goaways[0].last_stream_id == MAX_STREAM_ID and goaways[0].error_code == ErrorCodes.NO_ERROR
    assert goaways[1].last_stream_id == watch and goaways[1].error_code == ErrorCodes.NO_ERROR
    # The in-flight Watch drained: it saw NOT_SERVING and ended with a status.
    stream = client.streams[watch]
    assert [health_status(m) for m in stream.messages()] == [SERVING, NOT_SERVING]
    assert stream.trailers is not None and stream.grpc_status == UNAVAILABLE
    assert server.process.wait(timeout=5) == 0
    assert time.monotonic() - start < 5
