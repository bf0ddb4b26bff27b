import Synchronization

/// Account changes other components react to (the live index, open streams): they
/// subscribe here, and the Accounts service publishes after each change commits.
public final class AccountEvents: Sendable {
    /// Handlers for the events; each runs synchronously on the publishing task, so keep it short.
    private struct Handlers {
        var accountDeleted: [@Sendable (_ userID: String) -> Void] = []
        var sessionRevoked: [@Sendable (_ userID: String, _ sessionID: String) -> Void] = []
        var blocked: [@Sendable (_ blockerID: String, _ blockedID: String) -> Void] = []
        var profileUpdated: [@Sendable (_ userID: String) async -> Void] = []
    }

    private let handlers = Mutex(Handlers())

    public init() {}

    /// Calls `handler` with the user id after each account deletion.
    public func onAccountDeleted(_ handler: @escaping @Sendable (_ userID: String) -> Void) {
        handlers.withLock { $0.accountDeleted.append(handler) }
    }

    /// Calls `handler` after a session is revoked by SignOut.
    public func onSessionRevoked(_ handler: @escaping @Sendable (_ userID: String, _ sessionID: String) -> Void) {
        handlers.withLock { $0.sessionRevoked.append(handler) }
    }

    /// Calls `handler` after one user blocks another.
    public func onBlocked(_ handler: @escaping @Sendable (_ blockerID: String, _ blockedID: String) -> Void) {
        handlers.withLock { $0.blocked.append(handler) }
    }

    /// Calls `handler` after a profile change commits, and waits for it before UpdateProfile
    /// answers, so what others see (name, avatar, anonymity) is current once the call returns.
    public func onProfileUpdated(_ handler: @escaping @Sendable (_ userID: String) async -> Void) {
        handlers.withLock { $0.profileUpdated.append(handler) }
    }

    func publishProfileUpdated(_ userID: String) async {
        for handler in handlers.withLock({ $0.profileUpdated }) { await handler(userID) }
    }

    func publishAccountDeleted(_ userID: String) {
        for handler in handlers.withLock({ $0.accountDeleted }) { handler(userID) }
    }

    func publishSessionRevoked(userID: String, sessionID: String) {
        for handler in handlers.withLock({ $0.sessionRevoked }) { handler(userID, sessionID) }
    }

    func publishBlocked(blockerID: String, blockedID: String) {
        for handler in handlers.withLock({ $0.blocked }) { handler(blockerID, blockedID) }
    }
}

extension SessionCache {
    /// Forgets sessions as the Accounts service revokes them (sign-out, account deletion).
    public func observe(_ events: AccountEvents) {
        events.onSessionRevoked { [weak self] in self?.revoke(userID: $0, sessionID: $1) }
        events.onAccountDeleted { [weak self] in self?.revokeAll(userID: $0) }
    }
}
