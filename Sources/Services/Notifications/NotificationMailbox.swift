import Messages
import RPC
import Synchronization

/// The queue between the hub and one `WatchNotifications` stream.
///
/// Flow control: the queue holds at most `capacity` notifications. A reader that falls
/// further behind is not buffered without bound: its stream ends with RESOURCE_EXHAUSTED
/// (the inbox is durable, so the client re-lists with ListNotifications and reconnects).
final class NotificationMailbox: Sendable {
    /// What the sender does next.
    enum Next: Sendable {
        case send(Messages.Notification)
        /// End the stream: OK when nil, else with this error's status.
        case end((any Error)?)
    }

    private struct State {
        var queue: [Messages.Notification] = []
        var head = 0
        var end: (any Error)?
        var ended = false
        var waiter: CheckedContinuation<Void, Never>?

        var isReady: Bool { ended || head < queue.count }
    }

    /// The most notifications waiting for a slow reader before its stream ends.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `notification`, or ends the stream with RESOURCE_EXHAUSTED when the reader is
    /// already `capacity` behind. Never blocks.
    func push(_ notification: Messages.Notification) {
        let overflow = RPCError.resourceExhausted(
            "this stream fell more than \(capacity) notifications behind; call ListNotifications to catch up, "
                + "then reconnect")
        resumeWaiter { state in
            guard !state.ended else { return }
            if state.queue.count - state.head >= capacity {
                state.end = overflow
                state.ended = true
            } else {
                state.queue.append(notification)
            }
        }
    }

    /// Ends the stream (after the notification being sent, dropping queued ones); nil ends it
    /// OK. The first end wins.
    func finish(_ error: (any Error)?) {
        resumeWaiter { state in
            guard !state.ended else { return }
            state.end = error
            state.ended = true
        }
    }

    /// The number of notifications waiting.
    var backlog: Int { state.withLock { $0.queue.count - $0.head } }

    /// The next notification to send, or the end; waits while there is none. Task
    /// cancellation ends the stream with CancellationError.
    func next() async -> Next {
        while true {
            if let next = state.withLock({ Self.take(&$0) }) { return next }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let parked = state.withLock { state in
                        guard !state.isReady, !Task.isCancelled else { return false }
                        state.waiter = continuation
                        return true
                    }
                    if !parked { continuation.resume() }
                }
            } onCancel: {
                finish(CancellationError())
            }
        }
    }

    private static func take(_ state: inout State) -> Next? {
        if state.ended { return .end(state.end) }
        guard state.head < state.queue.count else { return nil }
        let notification = state.queue[state.head]
        state.head += 1
        if state.head == state.queue.count {
            state.queue.removeAll(keepingCapacity: true)
            state.head = 0
        }
        return .send(notification)
    }

    private func resumeWaiter(_ body: (inout State) -> Void) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            body(&state)
            guard state.isReady else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
