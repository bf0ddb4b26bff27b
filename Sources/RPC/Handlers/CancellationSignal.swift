import Synchronization

/// Why a call was cancelled.
public enum CancellationReason: Sendable, Hashable {
    /// The client reset the stream (RST_STREAM) or the connection went away.
    case clientCancelled
    /// The call's deadline passed.
    case deadlineExceeded
    /// The server is shutting down.
    case serverShutdown
}

/// A one-shot, thread-safe cancellation flag the transport trips when a call is cancelled.
///
/// The transport also cancels the handler's task; this signal additionally tells handlers and
/// interceptors *why*, and lets them register cleanup or await cancellation.
public final class CancellationSignal: Sendable {
    private struct State {
        var reason: CancellationReason?
        var handlers: [Int: @Sendable (CancellationReason) -> Void] = [:]
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The reason, once cancelled.
    public var reason: CancellationReason? { state.withLock { $0.reason } }

    /// True once `cancel` was called.
    public var isCancelled: Bool { reason != nil }

    /// Trips the signal (only the first call has an effect) and runs the registered handlers.
    public func cancel(_ reason: CancellationReason) {
        let (handlers, waiters): ([@Sendable (CancellationReason) -> Void], [CheckedContinuation<Void, Never>]) =
            state.withLock { state in
                guard state.reason == nil else { return ([], []) }
                state.reason = reason
                defer {
                    state.handlers = [:]
                    state.waiters = [:]
                }
                return (Array(state.handlers.values), Array(state.waiters.values))
            }
        for handler in handlers { handler(reason) }
        for waiter in waiters { waiter.resume() }
    }

    /// Runs `handler` once on cancellation (immediately if already cancelled).
    public func onCancel(_ handler: @escaping @Sendable (CancellationReason) -> Void) {
        let existing: CancellationReason? = state.withLock { state in
            if let reason = state.reason { return reason }
            state.handlers[state.nextID] = handler
            state.nextID += 1
            return nil
        }
        if let existing { handler(existing) }
    }

    /// Suspends until the signal trips or the waiting task is cancelled.
    public func wait() async {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.reason != nil || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
