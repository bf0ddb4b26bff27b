/// An immutable value kept out of line: 8 bytes where it is stored, and one allocation for
/// every holder of the same box. `LiveUser` keeps its profile and track this way, so a
/// million live users cost a pointer each for them, and users with equal profiles (every
/// anonymous one, after a rebuild) can share a single copy.
final class SharedValue<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    static func == (lhs: SharedValue, rhs: SharedValue) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}

/// Hands out one `SharedValue` per distinct value while loading many (the rebuild at start),
/// remembering at most `capacity` distinct values so that its own memory stays small.
struct SharedValues<Value: Hashable & Sendable> {
    private var boxes: [Value: SharedValue<Value>] = [:]
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The shared box of `value` (a new one once `capacity` distinct values are known).
    mutating func box(_ value: Value) -> SharedValue<Value> {
        if let known = boxes[value] { return known }
        let box = SharedValue(value)
        if boxes.count < capacity { boxes[value] = box }
        return box
    }
}
