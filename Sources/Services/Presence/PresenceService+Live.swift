import Messages
import RPC
import SQLite
import Storage

extension PresenceService {
    func goLive(_ request: GoLiveRequest, caller: AuthenticatedCaller) async throws -> GoLiveResponse {
        var validation = Validation()
        let coordinate = PresenceValidation.location(request.location, field: "location", into: &validation)
        validation.requireNumber(request.accuracyMeters, field: "accuracy_m", in: PresenceValidation.accuracyMeters)
        let settings = PresenceValidation.settings(request.settings, field: "settings", into: &validation)
        try validation.check()
        let (store, movement, now, userID) = (self.store, self.movement, clock.nowMilliseconds, caller.userID)
        let accuracy = request.accuracyMeters
        let record = try await write("going live", userID: userID) { db in
            let current = try self.requirePresence(db, userID: userID)
            // Going live again at the same spot is a retry, not a move.
            if current.location?.coordinate != coordinate {
                try movement.check(from: current.location, to: coordinate!, now: now)
            }
            try store.goLive(
                db, userID: userID, settings: settings, location: coordinate!, accuracyMeters: accuracy, now: now)
            let record = try self.requirePresence(db, userID: userID)
            self.syncIndex(record, userID: userID)
            return record
        }
        var response = GoLiveResponse()
        response.status = LiveStatus(record, liveTimeoutMilliseconds: configuration.liveTimeoutMilliseconds)
        return response
    }

    func goOffline(_ request: GoOfflineRequest, caller: AuthenticatedCaller) async throws -> GoOfflineResponse {
        let (store, index, userID) = (self.store, liveIndex, caller.userID)
        try await write("going offline", userID: userID) { db in
            try store.goOffline(db, userID: userID)
            index.remove(userID)
        }
        return GoOfflineResponse()
    }

    func heartbeat(_ request: HeartbeatRequest, caller: AuthenticatedCaller) async throws -> HeartbeatResponse {
        let (store, now, userID) = (self.store, clock.nowMilliseconds, caller.userID)
        let lastActive = try await write("recording a heartbeat", userID: userID) { db in
            guard try store.touch(db, userID: userID, now: now) else { throw Self.notLive("Heartbeat") }
            let user = try self.liveIndex.update(userID) { $0.lastActiveMs = max($0.lastActiveMs, now) }
            if user == nil { self.syncIndex(try store.presence(db, userID: userID), userID: userID) }
            return user?.lastActiveMs ?? now
        }
        var response = HeartbeatResponse()
        response.expiresAt = expiresAt(lastActive: lastActive)
        return response
    }

    func updateLocation(
        _ request: UpdateLocationRequest, caller: AuthenticatedCaller
    ) async throws -> UpdateLocationResponse {
        let (coordinate, accuracy) = try PresenceValidation.position(
            request.location, accuracyMeters: request.accuracyMeters)
        try locationUpdateLimit.check(caller.userID)
        let (store, movement, now, userID) = (self.store, self.movement, clock.nowMilliseconds, caller.userID)
        try await write("updating a location", userID: userID) { db in
            try movement.check(from: try self.storedLocationOfLiveUser(db, userID: userID), to: coordinate, now: now)
            guard try store.updateLocation(db, userID: userID, location: coordinate, accuracyMeters: accuracy, now: now)
            else { throw Self.notLive("UpdateLocation") }
            let user = try self.liveIndex.update(userID) { user in
                user.coordinate = coordinate
                user.accuracyMeters = accuracy
                user.lastActiveMs = max(user.lastActiveMs, now)
                user.locationUpdatedMs = now
            }
            if user == nil { self.syncIndex(try store.presence(db, userID: userID), userID: userID) }
        }
        var response = UpdateLocationResponse()
        response.expiresAt = expiresAt(lastActive: now)
        return response
    }

    func updateSettings(
        _ request: UpdateSettingsRequest, caller: AuthenticatedCaller
    ) async throws -> UpdateSettingsResponse {
        var validation = Validation()
        let settings = PresenceValidation.settings(request.settings, field: "settings", into: &validation)
        try validation.check()
        let (store, userID) = (self.store, caller.userID)
        let record = try await write("updating live settings", userID: userID) { db in
            guard try store.updateSettings(db, userID: userID, settings: settings) else {
                throw Self.notLive("UpdateSettings")
            }
            let record = try self.requirePresence(db, userID: userID)
            self.syncIndex(record, userID: userID)
            return record
        }
        var response = UpdateSettingsResponse()
        response.status = LiveStatus(record, liveTimeoutMilliseconds: configuration.liveTimeoutMilliseconds)
        return response
    }

    func getMyStatus(_ request: GetMyStatusRequest, caller: AuthenticatedCaller) async throws -> GetMyStatusResponse {
        let userID = caller.userID
        let record = try await read("reading the live status") { try self.requirePresence($0, userID: userID) }
        var response = GetMyStatusResponse()
        response.status = LiveStatus(record, liveTimeoutMilliseconds: configuration.liveTimeoutMilliseconds)
        return response
    }

    /// The stored location of `userID`, who must be live (else FAILED_PRECONDITION): from the live
    /// index, which every presence write changes in its own write step, so that inside a write it
    /// matches storage and the hot path reads no tables; from storage when the index lacks them.
    private func storedLocationOfLiveUser(_ db: Connection, userID: String) throws -> LocationRecord? {
        if let live = liveIndex.get(userID) {
            return LocationRecord(
                coordinate: live.coordinate, accuracyMeters: live.accuracyMeters, updatedAtMs: live.locationUpdatedMs)
        }
        let current = try requirePresence(db, userID: userID)
        guard current.isLive else { throw Self.notLive("UpdateLocation") }
        return current.location
    }
}
