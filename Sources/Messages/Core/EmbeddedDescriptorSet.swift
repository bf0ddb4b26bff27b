import CResonanceProto

/// The schema of every proto file the server knows, embedded at build time.
public enum EmbeddedDescriptorSet {
    /// A serialized `google.protobuf.FileDescriptorSet` exactly as `protoc-c --include_imports
    /// --descriptor_set_out` wrote it: each file's `FileDescriptorProto` bytes are protoc's own,
    /// so reflection can serve them without re-encoding.
    public static let bytes: [UInt8] = Array(
        UnsafeBufferPointer(start: resonance_descriptor_set_bytes(), count: resonance_descriptor_set_length))
}
