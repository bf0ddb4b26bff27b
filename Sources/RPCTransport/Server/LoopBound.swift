import NIOCore

/// A reference that may cross threads but is only ever used on its event loop: the way
/// handler tasks reach per-connection state that the event loop confines.
struct LoopBound<Value: AnyObject>: @unchecked Sendable {
    let eventLoop: any EventLoop
    private let value: Value

    init(_ value: Value, eventLoop: any EventLoop) {
        self.value = value
        self.eventLoop = eventLoop
    }

    /// Runs `body` with the value on its event loop.
    func execute(_ body: @escaping @Sendable (Value) -> Void) {
        if eventLoop.inEventLoop {
            body(value)
        } else {
            eventLoop.execute { body(self.value) }
        }
    }

    /// Runs `body` with the value on its event loop after the work queued there so far.
    func executeLater(_ body: @escaping @Sendable (Value) -> Void) {
        eventLoop.execute { body(self.value) }
    }
}
