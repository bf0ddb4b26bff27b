import Foundation

/// Where the commands write: stdout for results (each message as soon as it arrives), stderr
/// for errors. Writes are unbuffered so streaming output shows up immediately.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
