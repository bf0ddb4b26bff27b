/// Everything a handler knows about its call besides the messages.
///
/// A value type: interceptors attach values by passing a modified copy to the next handler.
public struct ServerContext: Sendable {
    /// The method being called.
    public let descriptor: MethodDescriptor
    /// The accepted request head.
    public let head: CallHead
    /// The remote address as the transport describes it, e.g. `"ipv4:127.0.0.1:53412"`.
    public let peer: String
    /// Tripped by the transport on client reset, deadline or shutdown.
    public let cancellation: CancellationSignal
    /// Typed values attached by interceptors (e.g. the authenticated user).
    public var values: ContextValues

    public init(
        descriptor: MethodDescriptor, head: CallHead, peer: String = "",
        cancellation: CancellationSignal = CancellationSignal(), values: ContextValues = ContextValues()
    ) {
        self.descriptor = descriptor
        self.head = head
        self.peer = peer
        self.cancellation = cancellation
        self.values = values
    }

    /// The client's custom metadata.
    public var metadata: Metadata { head.metadata }

    /// The call's deadline, if the client set `grpc-timeout`.
    public var deadline: CallDeadline? { head.deadline }

    /// True once the call was cancelled (signal tripped or the handler task cancelled).
    public var isCancelled: Bool { cancellation.isCancelled || Task.isCancelled }

    /// Throws the matching RPCError (CANCELLED or DEADLINE_EXCEEDED) if the call is cancelled.
    public func checkCancellation() throws(RPCError) {
        guard isCancelled else { return }
        throw ServerErrorMapper.map(CancellationError(), context: self)
    }
}
