import Storage

/// Rebuilds the live index from storage at start, using every core: the live users are read in
/// id ranges (`lanes`, one per reader connection) a page at a time, each page decoded on its
/// reader's thread, while the pages already read go into the index.
///
/// Pages are read in separate transactions; that is consistent because it runs before the
/// server takes calls, so nothing writes meanwhile.
struct LiveIndexRebuild {
    let database: Database
    let store: PresenceStore
    /// Users per page: big enough to amortise a read's hop to its thread, small enough that
    /// only a few pages are in memory at once.
    var pageSize = 4096
    /// Where the id space is split into lanes (ids are lowercase UUIDs: hex digits first).
    var splitIDs = ["8"]

    /// Replaces `index`'s users with the stored live users; returns how many it holds.
    func run(into index: LiveIndex) async throws -> Int {
        let (store, pageSize) = (self.store, self.pageSize)
        let capacity = try await database.read { try store.liveUserCount($0) }
        var loader = index.makeLoader(reservingCapacity: capacity)
        let bounds = [PresenceStore.userIDBounds.lower] + splitIDs + [PresenceStore.userIDBounds.upper]
        let lanes = zip(bounds, bounds.dropFirst()).map { (lower: $0, upper: $1) }

        func readPage(after afterID: String, before beforeID: String) -> Task<Page, any Error> {
            Task {
                try await database.read { db in
                    var users: [LiveUser] = []
                    users.reserveCapacity(pageSize)
                    var profiles = SharedValues<PublicProfileRecord>(capacity: 64)
                    let (count, lastID) = try store.forEachLiveUser(
                        db, after: afterID, before: beforeID, limit: pageSize
                    ) { record in
                        if let user = LiveUser(record, profiles: &profiles) { users.append(user) }
                    }
                    return Page(users: users, nextAfterID: count < pageSize ? nil : lastID)
                }
            }
        }

        var pending = lanes.map { readPage(after: $0.lower, before: $0.upper) }
        var open = Array(lanes.indices)
        while !open.isEmpty {
            for (position, lane) in open.enumerated().reversed() {
                let page = try await pending[lane].value
                if let nextAfterID = page.nextAfterID {
                    pending[lane] = readPage(after: nextAfterID, before: lanes[lane].upper)
                } else {
                    open.remove(at: position)
                }
                for user in page.users { loader.add(user) }
            }
        }
        return index.replaceAll(from: loader)
    }

    /// One page of a lane.
    private struct Page: Sendable {
        var users: [LiveUser]
        /// The id the next page starts after; nil after the lane's last page.
        var nextAfterID: String?
    }
}
