import RPC
import RPCTransport

/// The responses of a server-streaming call, as an async sequence.
///
/// Iteration ends after the server's OK status and throws the call's `RPCError` otherwise
/// (UNAVAILABLE when the connection drops, DEADLINE_EXCEEDED when the timeout passes).
/// Cancelling the iterating task, or ``cancel()``, resets the stream and throws CANCELLED.
/// One iterator at a time.
public struct ResponseStream<Response: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Response
    /// The underlying call (request type erased to bytes).
    public let call: RPCCall<[UInt8], Response>

    public func makeAsyncIterator() -> RPCCall<[UInt8], Response>.Responses.AsyncIterator {
        call.responses.makeAsyncIterator()
    }

    /// Ends the call: RST_STREAM(CANCEL) to the server, CANCELLED to the iterator.
    public func cancel() { call.cancel() }

    /// The response headers' metadata.
    public func initialMetadata() async throws -> Metadata { try await call.initialMetadata() }

    /// The final status; waits for the call to end.
    public func status() async -> RPCStatus { await call.status() }
}
