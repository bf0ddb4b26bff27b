/// A typed key for `ContextValues`, declared by whoever attaches the value (e.g. an auth interceptor).
///
/// ```swift
/// enum AuthenticatedUserKey: ContextKey { static let defaultValue: UserID? = nil }
/// context.values[AuthenticatedUserKey.self] = userID
/// ```
public protocol ContextKey {
    associatedtype Value: Sendable
    static var defaultValue: Value { get }
}

/// Sendable values attached to a call by interceptors, looked up by key type.
public struct ContextValues: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    /// The value for `key`, or its default when none was attached.
    public subscript<Key: ContextKey>(key: Key.Type) -> Key.Value {
        get { storage[ObjectIdentifier(key)] as? Key.Value ?? Key.defaultValue }
        set { storage[ObjectIdentifier(key)] = newValue }
    }

    /// True when a value was attached for `key`.
    public func contains<Key: ContextKey>(_ key: Key.Type) -> Bool { storage[ObjectIdentifier(key)] != nil }
}
