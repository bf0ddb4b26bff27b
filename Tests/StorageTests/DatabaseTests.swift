import Foundation
import SQLite
import Synchronization
import Testing

@testable import Storage

private struct BodyFailed: Error, Equatable {}

/// Holds the writer thread inside a write body until released, so that the writes queued
/// meanwhile are taken as one batch, in the order they were queued.
private final class WriterGate: Sendable {
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let open = DispatchSemaphore(value: 0)
    let task: Task<Void, any Error>

    init(_ database: Database) async throws {
        let entered = Flag()
        let open = open
        task = Task {
            try await database.write { _ in
                entered.value.store(true, ordering: .releasing)
                open.wait()
            }
        }
        try await waitUntil { entered.value.load(ordering: .acquiring) }
    }

    func release() {
        open.signal()
    }

    deinit {
        open.signal()  // never leave the writer stuck when a test ends early
    }
}

/// Polls `condition` every millisecond for up to 10 s.
private func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw CancellationError() }
        try await Task.sleep(for: .milliseconds(1))
    }
}

/// Starts `body` as a write and returns once it sits in the writer's queue, so that writes
/// queued one after another keep their order.
private func enqueue<T: Sendable>(
    _ database: Database, _ body: @escaping @Sendable (Connection) throws -> T
) async throws -> Task<T, any Error> {
    let before = database.queuedWriteCount
    let task = Task { try await database.write(body) }
    try await waitUntil { database.queuedWriteCount > before }
    return task
}

@Suite struct DatabaseTests {
    let file: TemporaryDatabase
    let database: Database

    init() async throws {
        file = try TemporaryDatabase()
        database = try Database(path: file.path)
        _ = try await database.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
    }

    private static func insert(_ name: String) -> @Sendable (Connection) throws -> Int64 {
        { connection in
            try connection.execute("INSERT INTO items (name) VALUES (?)", [name])
            return connection.lastInsertRowID
        }
    }

    private func names(in database: Database? = nil) async throws -> [String] {
        try await (database ?? self.database).read { connection in
            try connection.query("SELECT name FROM items ORDER BY id") { try $0.get(0, as: String?.self) ?? "NULL" }
        }
    }

    @Test func aWriteIsVisibleToReadsOnceItReturns() async throws {
        for index in 0..<20 {
            let id = try await database.write(Self.insert("item-\(index)"))
            let found = try await database.read { connection in
                try connection.queryFirst("SELECT name FROM items WHERE id = ?", [id]) { try $0.string(0) }
            }
            #expect(found == "item-\(index)")
        }
    }

    @Test func concurrentWritesAllCommitInSharedTransactions() async throws {
        let database = database
        let before = database.writeStatistics
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<1000 {
                group.addTask { try await database.write(Self.insert("item-\(index)")) }
            }
            var ids = Set<Int64>()
            for try await id in group { ids.insert(id) }
            #expect(ids.count == 1000)
        }
        let count = try await database.read { try $0.queryFirst("SELECT count(*) FROM items") { try $0.int(0) } }
        #expect(count == 1000)
        let after = database.writeStatistics
        let writes = after.committedWrites - before.committedWrites
        let batches = after.committedBatches - before.committedBatches
        #expect(writes == 1000)
        #expect(batches >= 1 && batches < writes / 2, "1000 writes took \(batches) commits")
        #expect(after.largestBatch <= Database.maxBatchSize)
        #expect(after.failedWrites == 0)
    }

    @Test func aBatchHoldsAtMostMaxBatchSizeWrites() async throws {
        let database = database
        let gate = try await WriterGate(database)
        let before = database.writeStatistics
        let queued = Database.maxBatchSize + 88
        let tasks = (0..<queued).map { index in Task { try await database.write(Self.insert("item-\(index)")) } }
        try await waitUntil { database.queuedWriteCount == queued + 1 }
        gate.release()
        for task in tasks { _ = try await task.value }

        let after = database.writeStatistics
        #expect(after.largestBatch == Database.maxBatchSize)
        #expect(after.committedBatches - before.committedBatches == 3, "the gate's batch, then 512, then 88")
        #expect(after.committedWrites - before.committedWrites == queued + 1)
    }

    @Test func aThrowingBodyUndoesOnlyItsOwnChanges() async throws {
        let gate = try await WriterGate(database)
        let before = database.writeStatistics
        let first = try await enqueue(database, Self.insert("first"))
        let failing = try await enqueue(database) { connection -> Int64 in
            try connection.execute("INSERT INTO items (name) VALUES ('failing')")
            try connection.execute("UPDATE items SET name = 'renamed' WHERE name = 'first'")
            throw BodyFailed()
        }
        let last = try await enqueue(database, Self.insert("last"))
        gate.release()
        try await gate.task.value
        _ = try await first.value
        await #expect(throws: BodyFailed.self) { try await failing.value }
        _ = try await last.value

        #expect(try await names() == ["first", "last"])
        let after = database.writeStatistics
        #expect(after.committedBatches - before.committedBatches == 2, "the gate's batch, then one for the three")
        #expect(after.committedWrites - before.committedWrites == 3)
        #expect(after.failedWrites - before.failedWrites == 1)
    }

    @Test func aConstraintViolationFailsOnlyTheWriteThatCausedIt() async throws {
        let gate = try await WriterGate(database)
        let original = try await enqueue(database, Self.insert("taken"))
        let duplicate = try await enqueue(database, Self.insert("taken"))
        let clashing = try await enqueue(database) { connection in
            try connection.execute("INSERT INTO items (id, name) VALUES (NULL, NULL)")
            try connection.execute("INSERT INTO items (id, name) VALUES (1, 'clash')")
        }
        let other = try await enqueue(database, Self.insert("other"))
        gate.release()

        _ = try await original.value
        do {
            _ = try await duplicate.value
            Issue.record("a duplicate name was accepted")
        } catch let error as SQLiteError {
            #expect(error.isUniqueViolation)
        }
        do {
            try await clashing.value
            Issue.record("a duplicate primary key was accepted")
        } catch let error as SQLiteError {
            #expect(error.isUniqueViolation)
        }
        _ = try await other.value
        #expect(try await names() == ["taken", "other"])
    }

    @Test func aBodyMayNestTransactions() async throws {
        let nested = try await database.write { connection -> Int in
            try connection.transaction(.immediate) { try $0.execute("INSERT INTO items (name) VALUES ('outer')") }
            try? connection.transaction { inner in
                try inner.execute("INSERT INTO items (name) VALUES ('undone')")
                throw BodyFailed()
            }
            return try connection.queryFirst("SELECT count(*) FROM items") { try $0.int(0) } ?? -1
        }
        #expect(nested == 1)
        #expect(try await names() == ["outer"])
    }

    @Test func dependentWritesRunInTheOrderTheyWereCalled() async throws {
        let id = try await database.write(Self.insert(""))
        let gate = try await WriterGate(database)
        var tasks: [Task<Void, any Error>] = []
        for step in 0..<50 {
            tasks.append(
                try await enqueue(database) { connection in
                    try connection.execute("UPDATE items SET name = name || ? WHERE id = ?", ["\(step),", id])
                })
        }
        gate.release()
        for task in tasks { try await task.value }
        let expected = (0..<50).map { "\($0)," }.joined()
        #expect(try await names() == [expected])
    }

    @Test func aBodyThatEndsTheTransactionFailsItsBatchButNotLaterWrites() async throws {
        let gate = try await WriterGate(database)
        let earlier = try await enqueue(database, Self.insert("earlier"))
        let rogue = try await enqueue(database) { connection in
            try connection.executeScript("ROLLBACK")
        }
        let later = try await enqueue(database, Self.insert("later"))
        gate.release()
        try await gate.task.value

        // The rogue body's savepoint is gone with the transaction: that error goes to it, and
        // to the earlier write whose changes the rollback took.
        let rogueError = await #expect(throws: SQLiteError.self) { try await rogue.value }
        let earlierError = await #expect(throws: SQLiteError.self) { try await earlier.value }
        #expect(rogueError != nil && earlierError == rogueError)
        _ = try await later.value
        #expect(try await names() == ["later"])
    }

    @Test func closeDrainsQueuedWritesThenRefusesWork() async throws {
        let gate = try await WriterGate(database)
        var tasks: [Task<Int64, any Error>] = []
        for index in 0..<10 {
            tasks.append(try await enqueue(database, Self.insert("queued-\(index)")))
        }
        let database = database
        let closing = Task { await database.close() }
        try await waitUntil { database.isClosed }
        await #expect(throws: DatabaseError.closed) { try await database.write(Self.insert("too late")) }
        await #expect(throws: DatabaseError.closed) { try await names() }
        gate.release()
        await closing.value
        for task in tasks { _ = try await task.value }

        // The writer closed last, checkpointing the log into the file and removing it.
        #expect(!FileManager.default.fileExists(atPath: file.path + "-wal"))
        await database.close()  // a second close returns at once
        let reopened = try Database(path: file.path)
        #expect(try await names(in: reopened).count == 10)
        await reopened.close()
    }

    @Test func acknowledgedWritesAreInTheFilesAProcessCrashLeavesBehind() async throws {
        for index in 0..<100 {
            _ = try await database.write(Self.insert("durable-\(index)"))
        }
        // Without closing (no checkpoint), copy what is on disk now: the state a killed
        // process leaves behind. Committed WAL frames have been written to the log file.
        let wal = file.path + "-wal"
        let walSize = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0
        #expect(walSize > 0, "the commits are still in the write-ahead log")
        let crash = try TemporaryDatabase()
        try FileManager.default.copyItem(atPath: file.path, toPath: crash.path)
        try FileManager.default.copyItem(atPath: wal, toPath: crash.path + "-wal")

        let recovered = try Database(path: crash.path)
        let names = try await names(in: recovered)
        #expect(names == (0..<100).map { "durable-\($0)" })
        await recovered.close()
    }

    /// Runs this test binary as a child that writes and prints "ack NAME" after each write
    /// returns, kills it with SIGKILL mid-stream, and checks that every acknowledged row is
    /// in the file.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/exe")))
    func acknowledgedWritesSurviveSIGKILL() async throws {
        let crash = try TemporaryDatabase()
        let setup = try Database(path: crash.path)
        _ = try await setup.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
        await setup.close()

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "DatabaseTests/crashChild"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.crashChildKey: crash.path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()

        var text = ""
        var acknowledged: [String] = []
        while acknowledged.count < 2000 {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
            acknowledged = Self.acknowledgements(in: text)
        }
        kill(child.processIdentifier, SIGKILL)
        text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        acknowledged = Self.acknowledgements(in: text)
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 2000)

        let recovered = try Database(path: crash.path)
        let stored = Set(try await names(in: recovered))
        let missing = acknowledged.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "\(missing.count) of \(acknowledged.count) acknowledged writes were lost")
        await recovered.close()
    }

    private static let crashChildKey = "RESONANCE_DATABASE_CRASH_CHILD"

    /// Complete "ack NAME" lines (a line cut by the kill is not an acknowledgement).
    private static func acknowledgements(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .filter { $0.hasPrefix("ack ") }.map { String($0.dropFirst(4)) }
    }

    /// The child of `acknowledgedWritesSurviveSIGKILL`: writes from 16 tasks until killed
    /// (or for 60 s), printing each acknowledged write.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[crashChildKey] != nil))
    func crashChild() async throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.crashChildKey])
        let database = try Database(path: path)
        let deadline = ContinuousClock.now + .seconds(60)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var index = 0
                    while ContinuousClock.now < deadline {
                        let name = "child-\(task)-\(index)"
                        _ = try await database.write(Self.insert(name))
                        FileHandle.standardOutput.write(Data("ack \(name)\n".utf8))
                        index += 1
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func aDatabaseReleasedWithoutCloseKeepsItsWrites() async throws {
        let other = try TemporaryDatabase()
        var first: Database? = try Database(path: other.path)
        _ = try await first?.write { try $0.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
        for index in 0..<10 {
            _ = try await first?.write(Self.insert("kept-\(index)"))
        }
        first = nil
        let second = try Database(path: other.path)
        #expect(try await names(in: second).count == 10)
        await second.close()
    }

    @Test func synchronousIsPassedToTheWriter() async throws {
        let other = try TemporaryDatabase()
        let full = try Database(path: other.path, options: Connection.Options(synchronous: .full))
        let level = try await full.write { try $0.queryFirst("PRAGMA synchronous") { try $0.int(0) } }
        #expect(level == 2)  // FULL
        let defaultLevel = try await database.write { try $0.queryFirst("PRAGMA synchronous") { try $0.int(0) } }
        #expect(defaultLevel == 1)  // NORMAL
        await full.close()
    }

    @Test func readsRunConcurrentlyWithAHeldWriter() async throws {
        _ = try await database.write(Self.insert("visible"))
        let gate = try await WriterGate(database)
        let pending = try await enqueue(database, Self.insert("pending"))
        // The writer is busy, yet reads proceed and see only committed data.
        #expect(try await names() == ["visible"])
        gate.release()
        _ = try await pending.value
        #expect(try await names() == ["visible", "pending"])
    }

    /// Single-row inserts through `write` from 64 tasks, into a table without and with a
    /// UNIQUE index on random-order keys. Opt-in timing:
    /// `RESONANCE_DATABASE_BENCH=1 swift test -c release --filter DatabaseTests/throughput`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RESONANCE_DATABASE_BENCH"] != nil))
    func throughput() async throws {
        _ = try await database.write { try $0.execute("CREATE TABLE plain (id INTEGER PRIMARY KEY, name TEXT)") }
        for table in ["plain", "items"] {
            let rate = try await Self.insertRate(into: table, of: database)
            print("database throughput, 64 tasks, single-row inserts into \(table): \(rate)")
        }
        let count = try await database.read { try $0.queryFirst("SELECT count(*) FROM items") { try $0.int(0) } }
        #expect(count == 64 * 2000)
    }

    private static func insertRate(into table: String, of database: Database) async throws -> String {
        let tasks = 64
        let perTask = 2000
        let before = database.writeStatistics
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for index in 0..<perTask {
                        _ = try await database.write {
                            try $0.execute("INSERT INTO \(table) (name) VALUES (?)", ["\(task)-\(index)"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let commits = database.writeStatistics.committedBatches - before.committedBatches
        let total = tasks * perTask
        return "\(Int(Double(total) / seconds)) writes/s (\(commits) commits, \(total / max(1, commits)) writes each)"
    }
}
