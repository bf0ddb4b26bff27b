import RPC

/// Per-call settings of a `ResonanceClient` call.
public struct CallOptions: Sendable {
    /// How long the call may take, sent as `grpc-timeout` and enforced locally: when it passes,
    /// the call ends with DEADLINE_EXCEEDED. Nil uses the client's default (none unless set).
    public var timeout: Duration?
    /// Custom request metadata, added to the client's `authorization`. An `authorization`
    /// entry here replaces the session's for this call.
    public var metadata: Metadata
    /// How request messages are compressed; the transport's default when nil.
    public var compression: CompressionAlgorithm?

    public init(timeout: Duration? = nil, metadata: Metadata = Metadata(), compression: CompressionAlgorithm? = nil) {
        self.timeout = timeout
        self.metadata = metadata
        self.compression = compression
    }

    /// These options with `defaults` filling what they leave unset (metadata is combined,
    /// this call's entries after the defaults').
    func merged(over defaults: CallOptions) -> CallOptions {
        var metadata = defaults.metadata
        metadata.merge(self.metadata)
        return CallOptions(
            timeout: timeout ?? defaults.timeout, metadata: metadata, compression: compression ?? defaults.compression)
    }
}
