/// Request messages decoded with a codec. A message that fails to decode ends iteration with
/// INTERNAL (as gRPC does for unparsable requests) unless the codec throws an `RPCError` itself.
public struct RequestMessages<Message>: AsyncSequence, Sendable {
    public typealias Element = Message
    public typealias Failure = any Error

    let base: RequestStream
    let codec: MessageCodec<Message>

    public init(_ base: RequestStream, codec: MessageCodec<Message>) {
        self.base = base
        self.codec = codec
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), codec: codec)
    }

    /// Decodes as it iterates.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestStream.AsyncIterator
        let codec: MessageCodec<Message>

        public mutating func next() async throws -> Message? {
            guard let bytes = try await base.next() else { return nil }
            return try TypedCoding.decodeRequest(bytes, codec)
        }
    }
}

/// Sends typed response messages through a `ResponseWriter`.
public struct ResponseStreamWriter<Message>: Sendable {
    public let writer: any ResponseWriter
    let codec: MessageCodec<Message>

    public init(_ writer: any ResponseWriter, codec: MessageCodec<Message>) {
        self.writer = writer
        self.codec = codec
    }

    /// Encodes and sends one message (suspends under flow control).
    public func send(_ message: Message) async throws {
        try await writer.send(try TypedCoding.encodeResponse(message, codec))
    }

    /// Sets response-header metadata; only before the first `send`.
    public func setInitialMetadata(_ metadata: Metadata) async throws {
        try await writer.setInitialMetadata(metadata)
    }

    /// Sets trailing metadata.
    public func setTrailingMetadata(_ metadata: Metadata) async {
        await writer.setTrailingMetadata(metadata)
    }
}

/// Codec error policy shared by the adapters.
enum TypedCoding {
    static func decodeRequest<Message>(_ bytes: [UInt8], _ codec: MessageCodec<Message>) throws(RPCError) -> Message {
        do {
            return try codec.decode(bytes)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError.internal("failed to decode the request message")
        }
    }

    static func encodeResponse<Message>(_ message: Message, _ codec: MessageCodec<Message>) throws(RPCError) -> [UInt8]
    {
        do {
            return try codec.encode(message)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError.internal("failed to encode the response message")
        }
    }

    /// Reads exactly one request, waiting for the client's half-close; zero or several is INTERNAL.
    static func singleRequest<Message>(_ requests: RequestStream, _ codec: MessageCodec<Message>) async throws
        -> Message
    {
        var iterator = requests.makeAsyncIterator()
        guard let first = try await iterator.next() else {
            throw RPCError.internal("the client half-closed without sending a request message")
        }
        guard try await iterator.next() == nil else {
            throw RPCError.internal("the client sent more than one request message to a unary method")
        }
        return try decodeRequest(first, codec)
    }
}
