import Testing

@testable import HTTP2

/// A client session and a server session joined in memory.
final class Pair {
    let client: HTTP2Session
    let server: HTTP2Session
    var clientEvents: [HTTP2Event] = []
    var serverEvents: [HTTP2Event] = []
    /// Called with each batch of server events as they arrive (to respond while pumping).
    var onServerEvents: ([HTTP2Event]) -> Void = { _ in }
    var onClientEvents: ([HTTP2Event]) -> Void = { _ in }

    init(
        clientSettings: HTTP2Settings = HTTP2Settings(), serverSettings: HTTP2Settings = HTTP2Settings(),
        pingPolicy: PingPolicy = PingPolicy(), now: @escaping () -> ContinuousClock.Instant = { .now }
    ) {
        client = HTTP2Session(role: .client, settings: clientSettings)
        server = HTTP2Session(role: .server, settings: serverSettings, pingPolicy: pingPolicy, now: now)
    }

    /// Moves bytes both ways until neither side has anything to send.
    @discardableResult
    func pump(maxRounds: Int = 10_000) -> Int {
        var rounds = 0
        while rounds < maxRounds {
            rounds += 1
            let fromClient = client.produceOutput()
            deliverClient(client.takeEvents())
            let fromServer = server.produceOutput()
            deliverServer(server.takeEvents())
            if fromClient.isEmpty && fromServer.isEmpty { break }
            if !fromClient.isEmpty { deliverServer(server.receive(fromClient)) }
            if !fromServer.isEmpty { deliverClient(client.receive(fromServer)) }
        }
        return rounds
    }

    private func deliverServer(_ events: [HTTP2Event]) {
        guard !events.isEmpty else { return }
        serverEvents += events
        onServerEvents(events)
    }

    private func deliverClient(_ events: [HTTP2Event]) {
        guard !events.isEmpty else { return }
        clientEvents += events
        onClientEvents(events)
    }
}

extension [HTTP2Event] {
    func headers(_ id: Int32) -> [HTTP2Header]? {
        for case .headers(id, let headers, _) in self { return headers }
        return nil
    }

    func trailers(_ id: Int32) -> [HTTP2Header]? {
        for case .trailers(id, let headers) in self { return headers }
        return nil
    }

    func body(_ id: Int32) -> [UInt8] {
        var out: [UInt8] = []
        for case .data(id, let bytes, _) in self { out += bytes }
        return out
    }

    func dataEnded(_ id: Int32) -> Bool {
        contains { if case .data(id, _, true) = $0 { true } else { false } }
    }

    func closed(_ id: Int32) -> Closed? {
        for case .streamClosed(id, let code, let byPeer) in self { return Closed(code, byPeer: byPeer) }
        return nil
    }

    var goAwaysReceived: [(lastStreamID: Int32, errorCode: HTTP2ErrorCode, debugData: [UInt8])] {
        compactMap { if case .goAwayReceived(let id, let code, let data) = $0 { (id, code, data) } else { nil } }
    }

    var connectionErrors: [HTTP2ErrorCode] {
        compactMap { if case .connectionError(let code, _) = $0 { code } else { nil } }
    }
}

/// How a stream closed.
struct Closed: Equatable, CustomStringConvertible {
    var errorCode: HTTP2ErrorCode
    var byPeer: Bool

    init(_ errorCode: HTTP2ErrorCode, byPeer: Bool) {
        self.errorCode = errorCode
        self.byPeer = byPeer
    }

    var description: String { "\(errorCode)\(byPeer ? " by peer" : "")" }
}

func request(path: String = "/resonance.Test/Echo") -> [HTTP2Header] {
    [
        HTTP2Header(":method", "POST"), HTTP2Header(":scheme", "http"), HTTP2Header(":path", path),
        HTTP2Header(":authority", "localhost"), HTTP2Header("content-type", "application/grpc"),
        HTTP2Header("te", "trailers"),
    ]
}

let responseHeaders = [HTTP2Header(":status", "200"), HTTP2Header("content-type", "application/grpc")]
let okTrailers = [HTTP2Header("grpc-status", "0")]

/// `count` deterministic bytes (fast even in debug builds).
func pattern(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        var value = seed
        for i in 0..<count {
            buffer[i] = value
            value = value &* 31 &+ 7
        }
        initialized = count
    }
}

/// Builds raw HTTP/2 frames by hand (RFC 9113 section 4.1), for tests that bypass the client.
enum Frame {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    static func frame(type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, payload: [UInt8] = []) -> [UInt8] {
        let n = payload.count
        return [UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff), type, flags]
            + be32(stream & 0x7fff_ffff) + payload
    }

    static func settings(_ values: [(UInt16, UInt32)] = []) -> [UInt8] {
        frame(type: 0x4, payload: values.flatMap { [UInt8($0.0 >> 8), UInt8($0.0 & 0xff)] + be32($0.1) })
    }

    static let settingsAck = frame(type: 0x4, flags: 0x1)

    /// HEADERS with END_HEADERS, the block HPACK-encoded as literals without indexing.
    static func headers(stream: UInt32, _ fields: [HTTP2Header], endStream: Bool) -> [UInt8] {
        var block: [UInt8] = []
        for field in fields {
            block.append(0x00)  // literal header field without indexing, new name
            block += string(field.name)
            block += string(field.value)
        }
        return frame(type: 0x1, flags: 0x4 | (endStream ? 0x1 : 0), stream: stream, payload: block)
    }

    static func data(stream: UInt32, _ bytes: [UInt8], endStream: Bool) -> [UInt8] {
        frame(type: 0x0, flags: endStream ? 0x1 : 0, stream: stream, payload: bytes)
    }

    static func ping(_ opaque: UInt64 = 0) -> [UInt8] {
        frame(type: 0x6, payload: be64(opaque))
    }

    static func rstStream(stream: UInt32, code: UInt32) -> [UInt8] {
        frame(type: 0x3, stream: stream, payload: be32(code))
    }

    private static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 127, "test builder only does short strings")
        return [UInt8(bytes.count)] + bytes  // H bit 0: not Huffman-coded
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
    }

    static func be64(_ v: UInt64) -> [UInt8] {
        be32(UInt32(v >> 32)) + be32(UInt32(v & 0xffff_ffff))
    }
}

/// Parses raw frames from a server's output (for hand-driven tests).
struct ParsedFrame: Equatable {
    var type: UInt8
    var flags: UInt8
    var stream: UInt32
    var payload: [UInt8]

    static func parse(_ bytes: [UInt8]) -> [ParsedFrame] {
        var frames: [ParsedFrame] = []
        var i = 0
        while i + 9 <= bytes.count {
            let length = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            let stream =
                (UInt32(bytes[i + 5]) << 24 | UInt32(bytes[i + 6]) << 16 | UInt32(bytes[i + 7]) << 8
                    | UInt32(bytes[i + 8])) & 0x7fff_ffff
            guard i + 9 + length <= bytes.count else { break }
            frames.append(
                ParsedFrame(
                    type: bytes[i + 3], flags: bytes[i + 4], stream: stream,
                    payload: Array(bytes[(i + 9)..<(i + 9 + length)])))
            i += 9 + length
        }
        return frames
    }

    var errorCode: UInt32 {
        let offset = type == 0x7 ? 4 : 0  // GOAWAY: last-stream-id first
        return payload[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
