/// Settings of the Accounts service.
public struct AccountsConfiguration: Sendable, Equatable {
    /// How long a session token stays valid (default 30 days).
    public var sessionLifetimeMilliseconds: Int64 = 30 * 24 * 60 * 60 * 1000
    /// Anonymous sign-ins allowed per peer address per minute (0 turns the limit off).
    public var signInsPerMinutePerPeer = 600

    public init() {}
}
