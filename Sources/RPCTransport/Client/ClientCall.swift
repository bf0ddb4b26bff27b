import RPC
import Synchronization

/// One gRPC call in flight, at the byte level: send request messages, read response messages,
/// and learn the initial metadata and the final status.
///
/// Responses are read by one consumer at a time through ``responses``. Iteration ends normally
/// after an OK status and throws the call's `RPCError` otherwise. Cancelling the task that
/// waits in ``send(_:compress:)`` or in the iteration cancels the call: the stream is reset with
/// CANCEL and the wait throws CANCELLED.
public final class ClientCall: Sendable {
    /// The method's `:path`, e.g. `/grpc.health.v1.Health/Watch`.
    public let path: String
    private let state = Mutex(State())

    private struct State {
        var stream: LoopBound<ClientStream>?
        var cancelRequested = false
        var messages: [[UInt8]] = []
        var nextMessage = 0
        var messageWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var initialMetadata: Metadata?
        var metadataWaiters: [CheckedContinuation<Metadata, any Error>] = []
        var status: RPCStatus?
        var statusWaiters: [CheckedContinuation<RPCStatus, Never>] = []
    }

    init(path: String) {
        self.path = path
    }

    // MARK: Requests

    /// Sends one request message. Returns once it is queued on the stream, or, when more than
    /// the configured watermark is queued, once the server's flow-control window has taken it.
    /// Throws the call's error if the call has already ended.
    public func send(_ message: [UInt8], compress: Bool? = nil) async throws {
        try await write(message, compress: compress, end: false)
    }

    /// Sends the last request message and half-closes in one step.
    public func sendLast(_ message: [UInt8], compress: Bool? = nil) async throws {
        try await write(message, compress: compress, end: true)
    }

    /// Half-closes the request stream: the server sees the end of the requests.
    public func finish() {
        if let stream = state.withLock({ $0.stream }) {
            stream.execute { $0.halfClose() }
        }
    }

    private func write(_ message: [UInt8], compress: Bool?, end: Bool) async throws {
        guard let stream = state.withLock({ $0.stream }) else {
            throw await status().error ?? RPCError.internal("the call has already ended")
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (completion: CheckedContinuation<Void, any Error>) in
                stream.execute { $0.write(message, compress: compress, end: end, completion: completion) }
            }
        } onCancel: {
            self.cancel()
        }
    }

    // MARK: Responses

    /// The response messages. Ends after an OK status; throws the call's `RPCError` otherwise.
    public var responses: Responses { Responses(call: self) }

    /// The response messages of a call, as an async sequence of serialized messages.
    public struct Responses: AsyncSequence, Sendable {
        public typealias Element = [UInt8]
        let call: ClientCall

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }

        /// Reads the next message; one iterator at a time.
        public struct AsyncIterator: AsyncIteratorProtocol {
            let call: ClientCall

            public mutating func next() async throws -> [UInt8]? {
                try await call.nextMessage()
            }
        }
    }

    /// The next response message; nil after an OK status.
    func nextMessage() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<[UInt8]?, any Error>) in
                let ready: Result<[UInt8]?, any Error>? = state.withLock { state in
                    if state.nextMessage < state.messages.count {
                        let message = state.messages[state.nextMessage]
                        state.nextMessage += 1
                        if state.nextMessage == state.messages.count {
                            state.messages.removeAll(keepingCapacity: true)
                            state.nextMessage = 0
                        }
                        return .success(message)
                    }
                    if let status = state.status {
                        if let error = status.error { return .failure(error) }
                        return .success(nil)
                    }
                    if state.messageWaiter != nil {
                        return .failure(RPCError.internal("the responses of a call are read by one consumer at a time"))
                    }
                    state.messageWaiter = waiter
                    return nil
                }
                if let ready { waiter.resume(with: ready) }
            }
        } onCancel: {
            self.cancel()
        }
    }

    /// The response's initial metadata (headers). For a response without headers
    /// (Trailers-Only) it is empty after an OK status and the call's error otherwise.
    public func initialMetadata() async throws -> Metadata {
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Metadata, any Error>) in
            let ready: Result<Metadata, any Error>? = state.withLock { state in
                if let metadata = state.initialMetadata { return .success(metadata) }
                if let status = state.status {
                    if let error = status.error { return .failure(error) }
                    return .success(Metadata())
                }
                state.metadataWaiters.append(waiter)
                return nil
            }
            if let ready { waiter.resume(with: ready) }
        }
    }

    /// The final status (code, message, details and trailing metadata); waits for the call to end.
    public func status() async -> RPCStatus {
        await withCheckedContinuation { (waiter: CheckedContinuation<RPCStatus, Never>) in
            let ready: RPCStatus? = state.withLock { state in
                if let status = state.status { return status }
                state.statusWaiters.append(waiter)
                return nil
            }
            if let ready { waiter.resume(returning: ready) }
        }
    }

    /// The trailing metadata; waits for the call to end.
    public func trailingMetadata() async -> Metadata { await status().metadata }

    /// Cancels the call: RST_STREAM(CANCEL) to the server, CANCELLED to every waiter. Does
    /// nothing once the call has ended.
    public func cancel() {
        let stream = state.withLock { state -> LoopBound<ClientStream>? in
            state.cancelRequested = true
            return state.stream
        }
        if let stream {
            stream.execute { $0.cancel() }
        } else {
            deliverStatus(RPCStatus(code: .cancelled, message: "the call was cancelled by the client"))
        }
    }

    // MARK: From the stream (on the event loop)

    /// Binds the call to its stream; false if the call was cancelled meanwhile.
    func attach(_ stream: LoopBound<ClientStream>) -> Bool {
        state.withLock { state in
            guard !state.cancelRequested, state.status == nil else { return false }
            state.stream = stream
            return true
        }
    }

    func deliverInitialMetadata(_ metadata: Metadata) {
        let waiters = state.withLock { state in
            state.initialMetadata = metadata
            defer { state.metadataWaiters.removeAll() }
            return state.metadataWaiters
        }
        for waiter in waiters { waiter.resume(returning: metadata) }
    }

    func deliverMessage(_ message: [UInt8]) {
        let waiter = state.withLock { state -> CheckedContinuation<[UInt8]?, any Error>? in
            if let waiter = state.messageWaiter {
                state.messageWaiter = nil
                return waiter
            }
            state.messages.append(message)
            return nil
        }
        waiter?.resume(returning: message)
    }

    func deliverStatus(_ status: RPCStatus) {
        let (messageWaiter, metadataWaiters, statusWaiters, hadMetadata) = state.withLock { state in
            guard state.status == nil else {
                return (
                    CheckedContinuation<[UInt8]?, any Error>?.none, [CheckedContinuation<Metadata, any Error>](),
                    [CheckedContinuation<RPCStatus, Never>](), true
                )
            }
            state.status = status
            defer {
                state.messageWaiter = nil
                state.metadataWaiters.removeAll()
                state.statusWaiters.removeAll()
            }
            return (state.messageWaiter, state.metadataWaiters, state.statusWaiters, state.initialMetadata != nil)
        }
        let error = status.error
        if let messageWaiter {
            if let error { messageWaiter.resume(throwing: error) } else { messageWaiter.resume(returning: nil) }
        }
        if !hadMetadata {
            for waiter in metadataWaiters {
                if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: Metadata()) }
            }
        }
        for waiter in statusWaiters { waiter.resume(returning: status) }
    }
}
