/// The request messages of a call, as serialized bytes, in arrival order.
///
/// Type-erases whatever async sequence the transport uses (its backpressure stays in effect:
/// the transport should only open flow-control window as messages are consumed). Iterating
/// throws when the request stream fails (e.g. a deframing error or a client reset).
public struct RequestStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    public typealias Failure = any Error

    private let makeIterator: @Sendable () -> AsyncIterator

    /// Wraps any sendable sequence of message bytes.
    public init<Base: AsyncSequence & Sendable>(_ base: Base) where Base.Element == [UInt8] {
        makeIterator = { AsyncIterator(base.makeAsyncIterator()) }
    }

    /// A stream that yields `messages` and then ends (handy for tests and in-process calls).
    public init(messages: [[UInt8]]) {
        self.init(ArrayAsyncSequence(elements: messages))
    }

    public func makeAsyncIterator() -> AsyncIterator { makeIterator() }

    /// Iterates the erased sequence.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let nextElement: () async throws -> [UInt8]?

        init<Base: AsyncIteratorProtocol>(_ base: Base) where Base.Element == [UInt8] {
            var base = base
            nextElement = { try await base.next() }
        }

        public mutating func next() async throws -> [UInt8]? { try await nextElement() }
    }
}

/// An async sequence over an array.
private struct ArrayAsyncSequence: AsyncSequence, Sendable {
    let elements: [[UInt8]]

    func makeAsyncIterator() -> Iterator { Iterator(base: elements.makeIterator()) }

    struct Iterator: AsyncIteratorProtocol {
        var base: IndexingIterator<[[UInt8]]>
        mutating func next() async -> [UInt8]? { base.next() }
    }
}
