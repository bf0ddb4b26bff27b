import Crypto
import Foundation
import Testing

@testable import WebPush

@Suite struct VAPIDKeyFileTests {
    let directory: URL = FileManager.default.temporaryDirectory.appendingPathComponent(
        "vapid-\(UUID().uuidString)", isDirectory: true)

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    func permissions(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func createsAnOwnerOnlyFileAndReloadsTheSameKey() throws {
        let path = directory.appendingPathComponent("db.sqlite.vapid").path
        let (created, wasCreated) = try VAPIDKeyFile.loadOrCreate(at: path)
        #expect(wasCreated)
        #expect(try permissions(path) == 0o600)
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.hasPrefix("-----BEGIN PRIVATE KEY-----"))

        let (reloaded, createdAgain) = try VAPIDKeyFile.loadOrCreate(at: path)
        #expect(!createdAgain)
        #expect(reloaded.rawRepresentation == created.rawRepresentation)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == contents)
    }

    @Test func refusesAFileOthersCanRead() throws {
        let path = directory.appendingPathComponent("shared.vapid").path
        _ = try VAPIDKeyFile.loadOrCreate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let error = #expect(throws: VAPIDKeyFile.Failure.self) { try VAPIDKeyFile.loadOrCreate(at: path) }
        #expect(error?.description.contains("mode 644") == true)
    }

    @Test func refusesAFileWithoutAKey() throws {
        let path = directory.appendingPathComponent("garbage.vapid").path
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data("hello".utf8), attributes: [.posixPermissions: 0o600]))
        let error = #expect(throws: VAPIDKeyFile.Failure.self) { try VAPIDKeyFile.load(at: path) }
        #expect(error?.description.contains("does not hold a PEM P-256 private key") == true)
    }

    @Test func reportsAMissingDirectory() throws {
        let path = directory.appendingPathComponent("missing/dir/key.vapid").path
        let error = #expect(throws: VAPIDKeyFile.Failure.self) { try VAPIDKeyFile.loadOrCreate(at: path) }
        #expect(error?.description.contains("cannot create VAPID key file") == true)
    }
}
