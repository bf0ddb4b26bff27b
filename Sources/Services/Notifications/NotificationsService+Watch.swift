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
        try await storage.requireSessionStillValid(context, now: clock.nowMilliseconds)
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
}
