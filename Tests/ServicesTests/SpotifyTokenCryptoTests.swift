import Foundation
import Testing

@testable import Services

@Suite struct SpotifyTokenCryptoTests {
    let key = (0..<32).map { UInt8($0) }

    @Test func sealedTokensOpenOnlyWithTheirKeyAndContext() throws {
        let sealer = TokenSealer(key: key)
        let sealed = sealer.seal("AT-secret-token", context: "u1/access")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("secret"))
        #expect(try sealer.open(sealed, context: "u1/access") == "AT-secret-token")
        #expect(sealer.seal("AT-secret-token", context: "u1/access") != sealed)  // fresh nonce
        #expect(throws: TokenSealer.OpenError.notAuthentic) { try sealer.open(sealed, context: "u2/access") }
        #expect(throws: TokenSealer.OpenError.notAuthentic) {
            try TokenSealer(key: [UInt8](repeating: 7, count: 32)).open(sealed, context: "u1/access")
        }
        var tampered = sealed
        tampered[20] ^= 1
        #expect(throws: TokenSealer.OpenError.notAuthentic) { try sealer.open(tampered, context: "u1/access") }
        #expect(throws: TokenSealer.OpenError.unknownFormat) {
            try sealer.open([9] + sealed.dropFirst(), context: "u1/access")
        }
    }

    @Test func theKeyFileIsCreatedPrivateAndReadBack() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.key").path
        let created = try TokenKeyFile.loadOrCreate(path: path)
        #expect(created.count == 32)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try TokenKeyFile.loadOrCreate(path: path) == created)
    }

    @Test func aKeyFileOthersCanReadOrAMalformedOneIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db.key").path
        _ = try TokenKeyFile.loadOrCreate(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: TokenKeyFile.Failure.self) { try TokenKeyFile.loadOrCreate(path: path) }
        try Data("too short\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(throws: TokenKeyFile.Failure.self) { try TokenKeyFile.loadOrCreate(path: path) }
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spotify-key-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
