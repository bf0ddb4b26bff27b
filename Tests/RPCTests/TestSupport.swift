import Synchronization

@testable import RPC

/// An in-memory ResponseWriter that records everything.
final class RecordingWriter: ResponseWriter {
    private struct State {
        var messages: [[UInt8]] = []
        var initialMetadata = Metadata()
        var trailingMetadata = Metadata()
    }
    private let state = Mutex(State())

    var messages: [[UInt8]] { state.withLock { $0.messages } }
    var initialMetadata: Metadata { state.withLock { $0.initialMetadata } }
    var trailingMetadata: Metadata { state.withLock { $0.trailingMetadata } }

    func send(_ message: [UInt8]) async throws {
        try Task.checkCancellation()
        state.withLock { $0.messages.append(message) }
    }

    func setInitialMetadata(_ metadata: Metadata) async throws {
        state.withLock { $0.initialMetadata = metadata }
    }

    func setTrailingMetadata(_ metadata: Metadata) async {
        state.withLock { $0.trailingMetadata = metadata }
    }
}

/// A codec for UTF-8 strings; "bad" bytes (0xFF) fail to decode.
struct DecodeFailure: Error {}

let stringCodec = MessageCodec<String>(
    decode: { bytes in
        if bytes.contains(0xFF) { throw DecodeFailure() }
        return String(decoding: bytes, as: UTF8.self)
    },
    encode: { Array($0.utf8) })

let stringCodecs = MethodCodecs(request: stringCodec, response: stringCodec)

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func grpcRequestHeaders(
    path: String, contentType: String = "application/grpc", extra: [HeaderField] = []
) -> [HeaderField] {
    [
        HeaderField(":method", "POST"), HeaderField(":scheme", "http"), HeaderField(":path", path),
        HeaderField(":authority", "localhost:50051"), HeaderField("content-type", contentType),
    ] + extra
}
