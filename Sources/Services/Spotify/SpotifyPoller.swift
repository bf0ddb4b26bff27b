import Logging
import Spotify
import Storage
import Synchronization

/// Polls Spotify's currently-playing for every live user with Spotify connected, once per
/// interval each, spread over the interval, with at most `maxConcurrentPolls` in flight.
///
/// The set of users is re-read from storage once per interval; a user who goes live is
/// picked up within one interval, one who goes offline is dropped. Runs between `start()`
/// and `stop()`.
public final class SpotifyPoller: Sendable {
    private let configuration: SpotifyConfiguration
    private let database: Database
    private let liveIndex: LiveIndex
    private let sync: SpotifyPlaybackSync
    private let clock: WallClock
    private let logger: Logger
    private let schedule: Mutex<SpotifyPollSchedule>
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(
        configuration: SpotifyConfiguration, api: any SpotifyAPI, vault: SpotifyTokenVault, database: Database,
        presence: PresenceService, hub: NotificationHub, clock: WallClock = .system,
        logger: Logger = Logger(label: "resonance.spotify")
    ) {
        self.configuration = configuration
        self.database = database
        self.liveIndex = presence.liveIndex
        self.clock = clock
        self.logger = logger
        let tokens = SpotifyTokenKeeper(
            database: database, api: api, vault: vault, hub: hub, clock: clock,
            refreshMarginMilliseconds: configuration.refreshMarginMilliseconds, logger: logger)
        sync = SpotifyPlaybackSync(
            tokens: tokens, api: api, presence: presence,
            features: AudioFeatureCache(capacity: configuration.audioFeatureCacheSize), logger: logger)
        schedule = Mutex(SpotifyPollSchedule(intervalMilliseconds: configuration.pollIntervalMilliseconds))
    }

    /// Starts polling (a second call restarts nothing: it is ignored).
    public func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in await run() }
        }
    }

    /// Stops polling and waits for polls in flight to end.
    public func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    private func run() async {
        let interval = configuration.pollIntervalMilliseconds
        let limit = max(1, configuration.maxConcurrentPolls)
        await withDiscardingTaskGroup { group in
            var nextUserRefresh = Int64.min
            while !Task.isCancelled {
                var now = clock.nowMilliseconds
                if now >= nextUserRefresh {
                    await reloadUsers(now: now)
                    now = clock.nowMilliseconds
                    nextUserRefresh = now + interval
                }
                let due = schedule.withLock { $0.takeDue(now: now, limit: limit - $0.inFlightCount) }
                for userID in due {
                    group.addTask { [self] in
                        let outcome = await sync.poll(userID: userID)
                        schedule.withLock { $0.finish(userID, outcome: outcome, now: clock.nowMilliseconds) }
                    }
                }
                let wake = schedule.withLock { schedule -> Int64 in
                    // Saturated: look again soon, when a poll may have finished.
                    if schedule.inFlightCount >= limit { return now + 20 }
                    return min(schedule.nextDue() ?? nextUserRefresh, nextUserRefresh)
                }
                let pause = min(max(wake - clock.nowMilliseconds, 5), interval)
                try? await Task.sleep(for: .milliseconds(pause))
            }
            group.cancelAll()
        }
    }

    /// Re-reads who to poll: live users (in the index) with Spotify tokens.
    private func reloadUsers(now: Int64) async {
        do {
            let stored = try await database.read { try SpotifyTokenStore($0).liveUserIDs() }
            let live = stored.filter { liveIndex.get($0) != nil }
            schedule.withLock { $0.setUsers(live, now: now) }
        } catch {
            logger.error("reading the users to poll on Spotify failed: \(String(describing: error))")
        }
    }
}
