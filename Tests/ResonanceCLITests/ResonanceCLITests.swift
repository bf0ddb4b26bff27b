import Foundation
import RPC
import Testing

@testable import ResonanceCLI

@Suite struct CLIConfigTests {
    @Test func pathFollowsTheEnvironment() {
        #expect(CLIConfig.path(environment: ["RESONANCE_CONFIG": "/x/c.json", "HOME": "/h"]) == "/x/c.json")
        #expect(CLIConfig.path(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/h"]) == "/xdg/resonance/config.json")
        #expect(CLIConfig.path(environment: ["HOME": "/h"]) == "/h/.config/resonance/config.json")
    }

    @Test func savedConfigIsOwnerOnlyAndReadsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/config.json").path
        #expect(try CLIConfig.load(from: path) == CLIConfig())
        var config = CLIConfig()
        config.sessions["127.0.0.1:50051"] = CLIConfig.Session(token: "secret", userID: "u1")
        try config.save(to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try CLIConfig.load(from: path) == config)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CLIFailure.self) { try CLIConfig.load(from: path) }
    }
}

@Suite struct CLISessionTests {
    @Test func addressesParse() throws {
        #expect(try CLISession.parse(address: "127.0.0.1:50051") == ("127.0.0.1", 50051))
        #expect(try CLISession.parse(address: "[::1]:80") == ("::1", 80))
        #expect(try CLISession.parse(address: ":9000") == ("127.0.0.1", 9000))
        for bad in ["localhost", "host:0", "host:port", "host:70000"] {
            #expect(throws: CLIFailure.self) { try CLISession.parse(address: bad) }
        }
    }

    @Test func savedTokenIsSentUnlessAnAuthorizationHeaderIsGiven() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.json").path
        var config = CLIConfig()
        config.sessions["127.0.0.1:1"] = CLIConfig.Session(token: "saved")
        try config.save(to: path)

        let saved = try CLISession(
            ConnectionSettings(address: "127.0.0.1:1", headers: ["X-Trace: 7"], maxTime: 2, configPath: path))
        #expect(saved.metadata.first("authorization") == "Bearer saved")
        #expect(saved.metadata.first("x-trace") == "7")
        #expect(saved.timeout == .seconds(2))

        let explicit = try CLISession(
            ConnectionSettings(
                address: "127.0.0.1:1", headers: ["Authorization: Bearer mine"], maxTime: nil, configPath: path))
        #expect(explicit.metadata.values(for: "authorization").count == 1)
        #expect(explicit.metadata.first("authorization") == "Bearer mine")

        #expect(throws: CLIFailure.self) {
            try CLISession(
                ConnectionSettings(address: "127.0.0.1:1", headers: ["no colon"], maxTime: nil, configPath: path))
        }
    }
}

@Suite struct ErrorReportTests {
    @Test func statusTextIsGrpcurlsWithDecodedDetails() {
        var error = RPCError.resourceExhausted("slow down", retryAfter: .milliseconds(2500))
        error.details.append(BadRequest(fieldViolations: [FieldViolation(field: "a.b", description: "bad")]).detail)
        #expect(
            ErrorReport.text(for: error)
                == """
                ERROR:
                  Code: ResourceExhausted
                  Message: slow down
                  Details:
                  1)\t{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.500s"}
                  2)\t{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a.b","description":"bad"}]}
                """)
    }

    @Test func codeNamesAreGos() {
        #expect(ErrorReport.goName(.invalidArgument) == "InvalidArgument")
        #expect(ErrorReport.goName(.cancelled) == "Canceled")
        #expect(ErrorReport.goName(.unauthenticated) == "Unauthenticated")
        #expect(ErrorReport.goName(.ok) == "OK")
    }
}
