import Testing

@testable import Services

@Suite struct SpotifyPollScheduleTests {
    @Test func usersAreSpreadOverTheIntervalAndKeepTheirPhase() {
        var schedule = SpotifyPollSchedule(intervalMilliseconds: 10_000)
        let users = (0..<200).map { "user-\($0)" }
        schedule.setUsers(users, now: 0)
        // Each tenth of the interval gets some of the users, none gets most of them.
        var perTenth = [Int](repeating: 0, count: 10)
        for tick in stride(from: 0, through: 10_000, by: 100) {
            perTenth[min(tick / 1000, 9)] += schedule.takeDue(now: Int64(tick), limit: 1000).count
        }
        #expect(perTenth.reduce(0, +) == 200)
        #expect(perTenth.allSatisfy { (5...50).contains($0) })
        // A polled user is due again exactly one interval after their slot.
        var single = SpotifyPollSchedule(intervalMilliseconds: 10_000)
        single.setUsers(["a"], now: 0)
        let slot = single.nextDue()!
        #expect(single.takeDue(now: slot, limit: 1) == ["a"])
        single.finish("a", outcome: .polled, now: slot + 300)
        #expect(single.nextDue() == slot + 10_000)
    }

    @Test func atMostTheLimitIsInFlightAndAUserRunsOnce() {
        var schedule = SpotifyPollSchedule(intervalMilliseconds: 1000)
        schedule.setUsers(["a", "b", "c"], now: 0)
        let first = schedule.takeDue(now: 1000, limit: 2)
        #expect(first.count == 2 && schedule.inFlightCount == 2)
        #expect(schedule.takeDue(now: 5000, limit: 2 - schedule.inFlightCount).isEmpty)
        schedule.finish(first[0], outcome: .polled, now: 1100)
        let next = schedule.takeDue(now: 1100, limit: 2 - schedule.inFlightCount)
        #expect(next.count == 1 && !first.contains(next[0]))
    }

    @Test func retryAfterHoldsTheUserBackAndDisconnectDropsThem() {
        var schedule = SpotifyPollSchedule(intervalMilliseconds: 200)
        schedule.setUsers(["a", "b"], now: 0)
        #expect(schedule.takeDue(now: 200, limit: 10).sorted() == ["a", "b"])
        schedule.finish("a", outcome: .retryAfter(milliseconds: 2000), now: 250)
        schedule.finish("b", outcome: .disconnected, now: 250)
        #expect(schedule.count == 1)
        #expect(schedule.nextDue()! >= 2250)
        for now in stride(from: Int64(250), to: 2250, by: 10) {
            #expect(schedule.takeDue(now: now, limit: 10).isEmpty)
        }
        #expect(schedule.takeDue(now: schedule.nextDue()!, limit: 10) == ["a"])
    }

    @Test func reloadingUsersKeepsKnownOnesAndDropsGoneOnes() {
        var schedule = SpotifyPollSchedule(intervalMilliseconds: 1000)
        schedule.setUsers(["a", "b"], now: 0)
        let dueOfA = schedule.takeDue(now: 1000, limit: 10)
        #expect(dueOfA.sorted() == ["a", "b"])
        schedule.setUsers(["a", "c"], now: 1000)
        #expect(schedule.count == 2 && schedule.inFlightCount == 1)
        schedule.finish("b", outcome: .polled, now: 1001)  // gone meanwhile: ignored
        #expect(schedule.inFlightCount == 1)
    }
}
