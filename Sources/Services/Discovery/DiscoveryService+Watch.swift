import Messages
import RPC

extension DiscoveryService {
    /// `WatchNearby`: JOINED per user in range, SYNCED, then changes until the caller goes
    /// offline (OK), their session or account goes (UNAUTHENTICATED) or the server stops
    /// (UNAVAILABLE).
    func watchNearby(
        _ request: WatchNearbyRequest, writer: ResponseStreamWriter<WatchNearbyResponse>, context: ServerContext
    ) async throws {
        let caller = try context.requireCaller()
        let requested = try NearbyRadius.validate(request.radiusMeters)
        guard liveIndex.get(caller.userID) != nil else { throw Self.notLive("WatchNearby") }
        let mailbox = NearbyMailbox(blocked: try await blockedUsers(of: caller.userID))
        let registration = try watchers.add(userID: caller.userID, sessionID: caller.sessionID, mailbox: mailbox)
        defer { watchers.remove(registration) }
        try await GuardedDatabase(database: database, logger: logger).requireSessionStillValid(
            context, now: clock.nowMilliseconds)
        // Subscribe before the snapshot so no change falls between them.
        let changes = liveIndex.subscribe()
        guard let viewer = liveIndex.get(caller.userID) else { throw Self.notLive("WatchNearby") }
        let watch = NearbyWatch(service: self, viewer: viewer, requestedRadius: requested, mailbox: mailbox)
        mailbox.start(with: watch.currentView())
        context.cancellation.onCancel { _ in mailbox.finish(.failed(CancellationError())) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var watch = watch
                for await change in changes { watch.apply(change) }
                // The feed ends only at shutdown (or when this stream is already over).
                mailbox.finish(.failed(NearbyWatchers.shutdownError))
            }
            defer { group.cancelAll() }
            try await Self.deliver(mailbox, to: writer)
        }
    }

    /// Sends the mailbox's events until it ends.
    private static func deliver(
        _ mailbox: NearbyMailbox, to writer: ResponseStreamWriter<WatchNearbyResponse>
    ) async throws {
        while true {
            switch await mailbox.next() {
            case .event(let event): try await writer.send(event)
            case .end(.finished): return
            case .end(.failed(let error)): throw error
            }
        }
    }
}
