import Storage

extension DiscoveryService {
    /// Marks overdue find sessions expired now, then every `find.sweepInterval` until
    /// `stopFindExpiry()` (starting twice does nothing). (Every find RPC also treats an overdue open session as expired, so
    /// the sweeper only keeps storage tidy and frees the pair's open-session slot.)
    public func startFindExpiry() async {
        let sweeper = PeriodicTask(interval: find.sweepInterval) { [weak self] in
            _ = await self?.expireOverdueFindSessions()
        }
        let installed = findSweeper.withLock { current in
            guard current == nil else { return false }
            current = sweeper
            return true
        }
        guard installed else { return }
        await expireOverdueFindSessions()
        sweeper.start()
    }

    /// Stops the find-session expiry sweeper and waits for a running pass to end.
    public func stopFindExpiry() async {
        await findSweeper.withLock { current in
            defer { current = nil }
            return current
        }?.stop()
    }

    /// Marks every open find session past its deadline expired; returns how many.
    @discardableResult
    public func expireOverdueFindSessions() async -> Int {
        let now = clock.nowMilliseconds
        do {
            let expired = try await database.write { try FindSessionStore($0).expireOverdue(at: now) }
            if expired > 0 { logger.debug("expired \(expired) overdue find sessions") }
            return expired
        } catch {
            logger.error("expiring overdue find sessions failed: \(String(describing: error))")
            return 0
        }
    }
}
