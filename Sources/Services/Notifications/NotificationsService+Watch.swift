import Messages
import RPC
import Storage

extension NotificationsService {
    /// `WatchNotifications`: each new notification of the caller, as it is created, until the
    /// session or account goes (UNAUTHENTICATED), the server stops (UNAVAILABLE), the client
    /// cancels, or the client falls too far behind (RESOURCE_EXHAUSTED, see `NotificationMailbox`).
    func watchNotifications(
        _ request: WatchNotificationsRequest, writer: ResponseStreamWriter<WatchNotificationsResponse>,
        context: ServerContext
    ) async throws {
        let caller = try context.requireCaller()
        let (registration, mailbox) = try streams.add(userID: caller.userID, sessionID: caller.sessionID)
        defer { streams.remove(registration) }
        context.cancellation.onCancel { _ in mailbox.finish(CancellationError()) }
        try await checkSessionStillValid(context)
        while true {
            switch await mailbox.next() {
            case .send(let notification):
                var response = WatchNotificationsResponse()
                response.notification = notification
                try await writer.send(response)
            case .end(nil):
                return
            case .end(let error?):
                throw error
            }
        }
    }

    /// UNAUTHENTICATED when the call's session is no longer valid. A sign-out or account
    /// deletion that committed after the call was authenticated but before its stream was
    /// registered published its event to no stream; checking again once registered closes that
    /// gap (a later one reaches the registered stream).
    private func checkSessionStillValid(_ context: ServerContext) async throws {
        let tokenHash = SessionTokens.hash(try AuthInterceptor.bearerToken(in: context.metadata))
        let now = clock.nowMilliseconds
        let valid = try await storage.read("checking a session") {
            try SessionStore($0).find(tokenHash: tokenHash)?.isValid(at: now) ?? false
        }
        guard valid else { throw RPCError.unauthenticated(AuthInterceptor.invalidTokenMessage) }
    }
}
