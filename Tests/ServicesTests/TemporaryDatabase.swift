import Foundation
import Storage

/// A migrated database in a fresh temporary directory, removed when the value is released.
final class TemporaryDatabase: Sendable {
    let directory: URL
    let database: Database

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("services-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try Database(path: directory.appendingPathComponent("test.sqlite").path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
