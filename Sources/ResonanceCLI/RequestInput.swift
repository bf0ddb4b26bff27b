import Foundation
import ProtoJSON

/// Where a call's request JSON comes from: `-d` text (inline or a file's contents) or standard
/// input (`-d @-`), read as it arrives so a streaming call sends each object as soon as it is
/// complete.
public enum RequestInput: Sendable {
    case text(String)
    case standardInput

    /// The input of `-d ARGUMENT`: inline JSON, `@file`, or `@-`; none means no requests.
    public static func from(argument: String?) throws -> RequestInput {
        guard let argument else { return .text("") }
        guard argument.hasPrefix("@") else { return .text(argument) }
        let path = String(argument.dropFirst())
        if path == "-" { return .standardInput }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("cannot read the request file \(path)")
        }
        return .text(String(decoding: data, as: UTF8.self))
    }

    /// The request values in order; malformed JSON ends the sequence with a `CLIFailure`.
    func values() -> AsyncThrowingStream<JSONValue, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: JSONValue.self, throwing: (any Error).self)
        switch self {
        case .text(let text):
            do {
                for value in try JSONParser.parseSequence(text) { continuation.yield(value) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: CLIFailure(error.message))
            }
        case .standardInput:
            DispatchQueue.global().async { Self.readStandardInput(into: continuation) }
        }
        return stream
    }

    private static func readStandardInput(into continuation: AsyncThrowingStream<JSONValue, any Error>.Continuation) {
        var splitter = JSONStreamSplitter()
        func yield(_ texts: [String]) -> Bool {
            for text in texts {
                do {
                    continuation.yield(try JSONParser.parse(text))
                } catch {
                    continuation.finish(throwing: CLIFailure(error.message))
                    return false
                }
            }
            return true
        }
        while true {
            let chunk = FileHandle.standardInput.availableData
            if chunk.isEmpty { break }
            guard yield(splitter.feed(chunk)) else { return }
        }
        guard yield(splitter.finish().map { [$0] } ?? []) else { return }
        continuation.finish()
    }
}

extension RequestInput {
    /// A sequence of exactly `request`.
    static func single(_ request: JSONValue) -> AsyncThrowingStream<JSONValue, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(request)
            continuation.finish()
        }
    }
}
