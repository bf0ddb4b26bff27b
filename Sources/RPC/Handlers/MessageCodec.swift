/// Converts one message type to and from its serialized bytes; supplied by the codec layer.
public struct MessageCodec<Message>: Sendable {
    /// Parses serialized bytes.
    public let decode: @Sendable ([UInt8]) throws -> Message
    /// Serializes a message.
    public let encode: @Sendable (Message) throws -> [UInt8]

    public init(
        decode: @escaping @Sendable ([UInt8]) throws -> Message, encode: @escaping @Sendable (Message) throws -> [UInt8]
    ) {
        self.decode = decode
        self.encode = encode
    }
}

/// The request and response codecs of one method.
public struct MethodCodecs<Request, Response>: Sendable {
    public let request: MessageCodec<Request>
    public let response: MessageCodec<Response>

    public init(request: MessageCodec<Request>, response: MessageCodec<Response>) {
        self.request = request
        self.response = response
    }
}

extension MessageCodec where Message == [UInt8] {
    /// Passes bytes through unchanged.
    public static var bytes: MessageCodec<[UInt8]> { MessageCodec(decode: { $0 }, encode: { $0 }) }
}
