import RPC

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file holding the key that encrypts Spotify tokens at rest: 32 random bytes as one
/// line of standard base64 (so `openssl rand -base64 32 > FILE` makes one).
///
/// `loadOrCreate` creates a missing file with mode 0600. It refuses an existing file that
/// its group or others may read or write: a leaked key would expose every stored token,
/// so the server does not start until the operator fixes the mode (`chmod 600 FILE`).
public enum TokenKeyFile {
    /// A key file that cannot be used, with a message for the operator.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The key in the file at `path`, creating the file with a new random key when missing.
    public static func loadOrCreate(path: String) throws(Failure) -> [UInt8] {
        if let key = try load(path: path) { return key }
        try create(path: path)
        guard let key = try load(path: path) else { throw Failure(description: "the token key file \(path) vanished") }
        return key
    }

    /// The key in `path`, or nil when there is no such file.
    static func load(path: String) throws(Failure) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Failure(description: "cannot open the token key file \(path): \(errorText())")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw Failure(description: "cannot inspect the token key file \(path): \(errorText())")
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw Failure(
                description: "the token key file \(path) is accessible to group or others (mode "
                    + "\(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(descriptor, &buffer, buffer.count)
        guard count >= 0 else { throw Failure(description: "cannot read the token key file \(path): \(errorText())") }
        let text = SpotifyMapping.trimmed(String(decoding: buffer.prefix(count), as: UTF8.self))
        guard let key = Base64.decode(text), key.count == TokenSealer.keyByteCount else {
            throw Failure(
                description: "the token key file \(path) must hold 32 bytes as base64 (openssl rand -base64 32)")
        }
        return key
    }

    /// Writes a new key to a temporary file (0600), flushes it and links it into place, so
    /// `path` either does not exist or holds a whole key, and an existing one is never replaced.
    static func create(path: String) throws(Failure) {
        var generator = SystemRandomNumberGenerator()
        let key = (0..<TokenSealer.keyByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let line = Array((Base64.encode(key, padded: true) + "\n").utf8)
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create the token key file \(path): \(errorText())")
        }
        defer { unlink(temporary) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let flushed = fsync(descriptor) == 0
        close(descriptor)
        guard written == line.count, flushed else {
            throw Failure(description: "cannot write the token key file \(path): \(errorText())")
        }
        // link fails when another process created the file first; its key is used then.
        if link(temporary, path) != 0, errno != EEXIST {
            throw Failure(description: "cannot create the token key file \(path): \(errorText())")
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
