extension Connection {
    /// How a connection is opened and configured.
    ///
    /// The defaults suit the single writer connection: read-write (creating the file),
    /// WAL journal, `synchronous=NORMAL` (a committed transaction survives a process crash;
    /// `FULL` also survives power loss), foreign keys on, a 5 s busy timeout.
    public struct Options: Sendable, Equatable {
        /// Whether the connection may write, and whether a missing file is created.
        public enum Mode: Sendable, Equatable {
            case readWriteCreate
            case readWrite
            case readOnly
        }

        /// `PRAGMA synchronous`: how hard commits wait for the disk.
        public enum Synchronous: String, Sendable, Equatable {
            case off = "OFF"
            case normal = "NORMAL"
            case full = "FULL"
            case extra = "EXTRA"
        }

        public var mode: Mode
        public var synchronous: Synchronous
        /// Switch the database to WAL (`PRAGMA journal_mode=WAL`). Ignored for read-only
        /// connections: WAL is a property of the file, set by the writer.
        public var walMode: Bool
        /// `PRAGMA foreign_keys`.
        public var foreignKeys: Bool
        /// How long to retry on `SQLITE_BUSY` before failing, in milliseconds.
        public var busyTimeoutMilliseconds: Int32
        /// How many prepared statements the connection keeps, keyed by SQL text.
        public var statementCacheCapacity: Int

        public init(
            mode: Mode = .readWriteCreate,
            synchronous: Synchronous = .normal,
            walMode: Bool = true,
            foreignKeys: Bool = true,
            busyTimeoutMilliseconds: Int32 = 5000,
            statementCacheCapacity: Int = 128
        ) {
            self.mode = mode
            self.synchronous = synchronous
            self.walMode = walMode
            self.foreignKeys = foreignKeys
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.statementCacheCapacity = statementCacheCapacity
        }

        /// Defaults for a reader connection on a database a writer already set up.
        public static var readOnly: Options { Options(mode: .readOnly) }
    }
}
