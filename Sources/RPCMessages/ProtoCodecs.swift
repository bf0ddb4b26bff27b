import Messages
import RPC

extension MessageCodec where Message: ProtoMessage {
    /// Encodes and decodes `Message` with its protobuf-c bridge. Bytes that do not decode
    /// are INTERNAL, as gRPC specifies for unparseable messages.
    public static var proto: MessageCodec<Message> {
        MessageCodec(
            decode: { bytes in
                do {
                    return try Message(serializedBytes: bytes)
                } catch {
                    throw RPCError.internal("could not decode the message as \(Message.protoName)")
                }
            },
            encode: { $0.serializedBytes() })
    }
}

extension MethodCodecs where Request: ProtoMessage, Response: ProtoMessage {
    /// Protobuf codecs for both directions.
    public static var proto: MethodCodecs<Request, Response> {
        MethodCodecs(request: .proto, response: .proto)
    }
}
