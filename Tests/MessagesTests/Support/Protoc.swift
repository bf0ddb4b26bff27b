import Foundation

/// Encodes a message from protobuf text format with the reference implementation
/// (`protoc --encode`), so tests can check that our protobuf-c bridges decode bytes that
/// another implementation produced.
enum Protoc {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The wire bytes of `textFormat` as the message `typeName` (fully qualified), using
    /// the schema file `protoFile` (a path under proto/, /usr/include or grpc-proto).
    static func encode(_ typeName: String, in protoFile: String, textFormat: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "protoc", "--encode=\(typeName)",
            "-I", packageRoot.appendingPathComponent("proto").path,
            "-I", "/usr/include", "-I", "/usr/share/grpc-proto", protoFile,
        ]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(textFormat.utf8))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "protoc --encode failed: \(String(decoding: message, as: UTF8.self))")
        }
        return [UInt8](bytes)
    }
}
