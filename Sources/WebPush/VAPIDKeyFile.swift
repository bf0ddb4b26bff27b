import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The VAPID key pair's file: a PKCS#8 PEM P-256 private key, readable only by its owner (0600).
/// It is created on first start and reused afterwards, so subscriptions made against the
/// public key keep working across restarts.
public enum VAPIDKeyFile {
    /// Why the key file cannot be used.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The key in the file at `path`, creating the file with a new key when it does not exist.
    /// Refuses a file other users can read or write, and one that does not hold a P-256 key.
    public static func loadOrCreate(at path: String) throws -> (key: P256.Signing.PrivateKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(at: path), false) }
        let key = P256.Signing.PrivateKey()
        guard try create(at: path, contents: Data(key.pemRepresentation.utf8)) else {
            return (try load(at: path), false)  // created meanwhile by another process: use theirs
        }
        return (key, true)
    }

    /// The key in the existing file at `path`.
    public static func load(at path: String) throws -> P256.Signing.PrivateKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Failure(description: "cannot read VAPID key file \(path): \(errnoText())")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw Failure(
                description:
                    "VAPID key file \(path) is accessible by other users (mode \(String(mode, radix: 8))); run chmod 600 on it"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read VAPID key file \(path)")
        }
        do {
            return try P256.Signing.PrivateKey(pemRepresentation: String(decoding: data, as: UTF8.self))
        } catch {
            throw Failure(description: "VAPID key file \(path) does not hold a PEM P-256 private key")
        }
    }

    /// Writes `contents` to a new file at `path` created with mode 0600; false when the file
    /// already exists (it is never overwritten).
    private static func create(at path: String, contents: Data) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw Failure(description: "cannot create VAPID key file \(path): \(errnoText())")
        }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            let reason = errnoText()
            unlink(path)
            throw Failure(description: "cannot write VAPID key file \(path): \(reason)")
        }
        return true
    }

    private static func errnoText() -> String { "(\(String(cString: strerror(errno))))" }
}
