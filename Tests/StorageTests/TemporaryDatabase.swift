import Foundation

/// A fresh directory for one test's database files, removed when released.
final class TemporaryDatabase {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The path of the test database file.
    var path: String { directory.appendingPathComponent("test.db").path }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
