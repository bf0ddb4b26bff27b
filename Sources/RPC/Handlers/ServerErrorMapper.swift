/// Turns whatever a handler threw into the status sent to the client, never leaking internals.
public enum ServerErrorMapper {
    /// - `RPCError`: unchanged. `RPCErrorConvertible`: its `rpcError`.
    /// - `CancellationError`, or any error once the call was cancelled: DEADLINE_EXCEEDED when the
    ///   deadline passed, UNAVAILABLE on shutdown, otherwise CANCELLED.
    /// - Anything else: INTERNAL with a generic message.
    public static func map(
        _ error: any Error, deadline: CallDeadline?, cancellation: CancellationReason?,
        now: ContinuousClock.Instant = .now
    ) -> RPCError {
        if let error = error as? RPCError { return error }
        if let error = error as? any RPCErrorConvertible { return error.rpcError }
        if cancellation == .deadlineExceeded || (deadline?.hasPassed(now: now) ?? false) {
            if error is CancellationError || cancellation != nil { return .deadlineExceeded() }
        }
        if cancellation == .serverShutdown { return .unavailable("the server is shutting down") }
        if error is CancellationError || cancellation != nil { return .cancelled() }
        return .internal()
    }

    /// Maps using the context's deadline and cancellation signal.
    public static func map(_ error: any Error, context: ServerContext) -> RPCError {
        let reason = context.cancellation.reason ?? (Task.isCancelled ? .clientCancelled : nil)
        return map(error, deadline: context.deadline, cancellation: reason)
    }
}
