"""A tiny frame-level HTTP/2 client (h2c with prior knowledge) for gRPC wire tests.

It uses the h2 project's own layers, hyperframe for frames and hpack for header blocks, but
not h2's connection state machine: that machine refuses every frame after a GOAWAY and hides
the exact frames, while these tests need to see each frame the server sends, in order.
Every frame received is kept in `frames`; per-stream results are gathered in `streams`.
"""

import gzip
import socket
import struct
import time
from dataclasses import dataclass, field

import hpack
from h2.errors import ErrorCodes
from h2.settings import SettingCodes
from hyperframe.frame import (
    ContinuationFrame,
    DataFrame,
    Frame,
    GoAwayFrame,
    HeadersFrame,
    PingFrame,
    RstStreamFrame,
    SettingsFrame,
    WindowUpdateFrame,
)

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
MAX_FRAME = 16_384

HEALTH_CHECK = "/grpc.health.v1.Health/Check"
HEALTH_WATCH = "/grpc.health.v1.Health/Watch"
SERVING = 1
NOT_SERVING = 2

# --- gRPC and protobuf helpers -------------------------------------------------------------


def grpc_message(payload: bytes, compressed: bool = False) -> bytes:
    """One length-prefixed gRPC message."""
    return struct.pack(">BI", 1 if compressed else 0, len(payload)) + payload


def split_messages(body: bytes, encoding: str | None = None) -> list[bytes]:
    """The messages of a response body (decompressing gzip ones)."""
    messages = []
    offset = 0
    while offset < len(body):
        assert len(body) - offset >= 5, f"truncated message prefix in {body!r}"
        flag, length = struct.unpack_from(">BI", body, offset)
        payload = body[offset + 5 : offset + 5 + length]
        assert len(payload) == length, "truncated message"
        if flag == 1:
            assert encoding == "gzip", f"compressed message with grpc-encoding {encoding!r}"
            payload = gzip.decompress(payload)
        messages.append(payload)
        offset += 5 + length
    return messages


def health_request(service: str = "") -> bytes:
    """A serialized grpc.health.v1.HealthCheckRequest."""
    name = service.encode()
    return b"\x0a" + varint(len(name)) + name if name else b""


def health_status(response: bytes) -> int:
    """The `status` of a serialized HealthCheckResponse (0 = UNKNOWN when absent)."""
    if not response:
        return 0
    assert response[0] == 0x08, f"unexpected HealthCheckResponse {response!r}"
    return response[1]


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


# --- the client --------------------------------------------------------------------------------


@dataclass
class StreamResult:
    """What the server sent on one stream."""

    stream_id: int
    headers: dict[str, bytes] | None = None
    trailers: dict[str, bytes] | None = None
    body: bytearray = field(default_factory=bytearray)
    frames: list[Frame] = field(default_factory=list)
    reset: int | None = None
    ended: bool = False

    @property
    def done(self) -> bool:
        return self.ended or self.reset is not None

    @property
    def status_block(self) -> dict[str, bytes]:
        """Where `grpc-status` lives: the trailers, or the headers of a Trailers-Only response."""
        if self.trailers is not None:
            return self.trailers
        assert self.headers is not None, f"stream {self.stream_id} got no headers"
        return self.headers

    @property
    def grpc_status(self) -> int | None:
        value = self.status_block.get("grpc-status")
        return None if value is None else int(value)

    @property
    def grpc_message(self) -> bytes | None:
        return self.status_block.get("grpc-message")

    def messages(self) -> list[bytes]:
        encoding = (self.headers or {}).get("grpc-encoding")
        return split_messages(bytes(self.body), encoding.decode() if encoding else None)


class WireClient:
    """One HTTP/2 connection to `address` ("host:port")."""

    def __init__(self, address: str, *, preface: bool = True, auto_ack_ping: bool = True, timeout: float = 5):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.timeout = timeout
        self.auto_ack_ping = auto_ack_ping
        self.encoder = hpack.Encoder()
        self.decoder = hpack.Decoder()
        self.buffer = b""
        self.frames: list[Frame] = []
        self.streams: dict[int, StreamResult] = {}
        self.eof = False
        self.next_stream_id = 1
        self.auto_ack_settings = True
        self._header_block: tuple[Frame, bytearray] | None = None
        if preface:
            self.send_raw(PREFACE + SettingsFrame(0).serialize())

    # Sending

    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send(self, *frames: Frame) -> None:
        self.send_raw(b"".join(frame.serialize() for frame in frames))

    def request_headers(
        self,
        path: str,
        *,
        content_type: str | None = "application/grpc",
        te: bool = True,
        extra: list[tuple[str, str]] = (),
    ) -> list[tuple[str, str]]:
        headers = [(":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost")]
        if content_type is not None:
            headers.append(("content-type", content_type))
        if te:
            headers.append(("te", "trailers"))
        return headers + list(extra)

    def headers_frame(self, stream_id: int, headers: list[tuple[str, str]], end_stream: bool = False) -> Frame:
        frame = HeadersFrame(stream_id, self.encoder.encode(headers))
        frame.flags.add("END_HEADERS")
        if end_stream:
            frame.flags.add("END_STREAM")
        return frame

    def data_frames(self, stream_id: int, payload: bytes, end_stream: bool = False, size: int = MAX_FRAME):
        """`payload` as DATA frames of at most `size` bytes (one empty frame if it is empty)."""
        chunks = [payload[i : i + size] for i in range(0, len(payload), size)] or [b""]
        frames = []
        for index, chunk in enumerate(chunks):
            frame = DataFrame(stream_id, chunk)
            if end_stream and index == len(chunks) - 1:
                frame.flags.add("END_STREAM")
            frames.append(frame)
        return frames

    def new_stream_id(self) -> int:
        stream_id = self.next_stream_id
        self.next_stream_id += 2
        self.streams[stream_id] = StreamResult(stream_id)
        return stream_id

    def start_call(
        self, path: str, body: bytes | None = None, *, end_stream: bool = True, send: bool = True, **header_options
    ) -> tuple[int, list[Frame]]:
        """Opens a stream with HEADERS (+ DATA `body`), half-closed if `end_stream`. Returns the
        stream id and the frames (already sent unless `send` is False)."""
        stream_id = self.new_stream_id()
        headers = self.request_headers(path, **header_options)
        if body is None:
            frames = [self.headers_frame(stream_id, headers, end_stream=end_stream)]
        else:
            frames = [self.headers_frame(stream_id, headers)]
            frames += self.data_frames(stream_id, body, end_stream=end_stream)
        if send:
            self.send(*frames)
        return stream_id, frames

    def unary(self, path: str, request: bytes, *, timeout: float | None = None, **header_options) -> StreamResult:
        """A whole unary call: one message, half-close, wait for the end of the stream."""
        stream_id, _ = self.start_call(path, grpc_message(request), **header_options)
        return self.wait_stream(stream_id, timeout=timeout)

    def reset(self, stream_id: int, code: int = ErrorCodes.CANCEL) -> None:
        self.send(RstStreamFrame(stream_id, error_code=code))

    # Receiving

    def read_frame(self, timeout: float | None = None) -> Frame | None:
        """The next frame (handled: ACKs, window updates, stream bookkeeping); None at EOF."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            frame = self._parse_one()
            if frame is not None:
                self._handle(frame)
                return frame
            if self.eof:
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no frame from the server in time")
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65_536)
            except socket.timeout:
                raise TimeoutError("no frame from the server in time") from None
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                self.eof = True
            self.buffer += chunk

    def read_until(self, predicate, timeout: float | None = None) -> list[Frame]:
        """Reads frames until `predicate()` holds; returns the frames read."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        read = []
        while not predicate():
            frame = self.read_frame(timeout=max(0.0, deadline - time.monotonic()))
            if frame is None:
                if predicate():
                    break
                raise EOFError(f"connection closed before the condition held; frames: {read}")
            read.append(frame)
        return read

    def read_until_eof(self, timeout: float | None = None) -> list[Frame]:
        read = []
        while (frame := self.read_frame(timeout=timeout)) is not None:
            read.append(frame)
        return read

    def drain(self, quiet: float = 0.2) -> list[Frame]:
        """Reads whatever arrives until the connection is quiet for `quiet` seconds or ends."""
        read = []
        while True:
            try:
                frame = self.read_frame(timeout=quiet)
            except TimeoutError:
                return read
            if frame is None:
                return read
            read.append(frame)

    def wait_stream(self, stream_id: int, timeout: float | None = None) -> StreamResult:
        stream = self.streams[stream_id]
        self.read_until(lambda: stream.done, timeout=timeout)
        return stream

    def goaways(self) -> list[GoAwayFrame]:
        return [frame for frame in self.frames if isinstance(frame, GoAwayFrame)]

    def close(self, abort: bool = False) -> None:
        if abort:  # RST instead of FIN
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _parse_one(self) -> Frame | None:
        if len(self.buffer) < 9:
            return None
        frame, length = Frame.parse_frame_header(memoryview(self.buffer[:9]))
        if len(self.buffer) < 9 + length:
            return None
        frame.parse_body(memoryview(self.buffer[9 : 9 + length]))
        self.buffer = self.buffer[9 + length :]
        self.frames.append(frame)
        return frame

    def _handle(self, frame: Frame) -> None:
        stream = self.streams.get(frame.stream_id) if frame.stream_id else None
        if stream is not None and not isinstance(frame, WindowUpdateFrame):
            stream.frames.append(frame)  # the response's frames; flow control is not kept
        if isinstance(frame, SettingsFrame) and "ACK" not in frame.flags and self.auto_ack_settings:
            self.send(SettingsFrame(0, flags=["ACK"]))
        elif isinstance(frame, PingFrame) and "ACK" not in frame.flags and self.auto_ack_ping:
            self.send(PingFrame(0, frame.opaque_data, flags=["ACK"]))
        elif isinstance(frame, DataFrame):
            if stream is not None:
                stream.body += frame.data
                stream.ended |= "END_STREAM" in frame.flags
            if frame.flow_controlled_length:
                updates = [WindowUpdateFrame(0, window_increment=frame.flow_controlled_length)]
                if stream is not None and not stream.done:
                    increment = frame.flow_controlled_length
                    updates.append(WindowUpdateFrame(frame.stream_id, window_increment=increment))
                self.send(*updates)
        elif isinstance(frame, (HeadersFrame, ContinuationFrame)):
            if isinstance(frame, HeadersFrame):
                self._header_block = (frame, bytearray(frame.data))
            else:
                self._header_block[1].extend(frame.data)
            if "END_HEADERS" in frame.flags:
                first, block = self._header_block
                self._header_block = None
                decoded = {name.decode(): value for name, value in self.decoder.decode(bytes(block), raw=True)}
                owner = self.streams.get(first.stream_id)
                if owner is not None:
                    if owner.headers is None:
                        owner.headers = decoded
                    else:
                        owner.trailers = decoded
                    owner.ended |= "END_STREAM" in first.flags
        elif isinstance(frame, RstStreamFrame) and stream is not None:
            stream.reset = frame.error_code


def server_settings(frame: SettingsFrame) -> dict[int, int]:
    return dict(frame.settings)


def check_serving(address: str) -> None:
    """A NEW connection's grpc.health.v1.Health/Check("") answers SERVING with status 0."""
    with WireClient(address) as client:
        result = client.unary(HEALTH_CHECK, health_request(""))
        assert result.headers[":status"] == b"200"
        assert result.grpc_status == 0, result.status_block
        assert [health_status(m) for m in result.messages()] == [SERVING]
