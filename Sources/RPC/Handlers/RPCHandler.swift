/// The byte-level handler every method is reduced to.
///
/// It reads serialized request messages from `RequestStream`, sends serialized responses through
/// the `ResponseWriter`, and returns (OK) or throws (mapped by `ServerErrorMapper`).
public typealias RPCHandler = @Sendable (ServerContext, RequestStream, any ResponseWriter) async throws -> Void
