import CProtobufC
import CResonanceProto

/// The `google.rpc` error model: a status with typed details, sent in the
/// `grpc-status-details-bin` trailer. Namespaced so `GoogleRPC.Status` cannot clash.
public enum GoogleRPC {}

extension GoogleRPC {
    /// `google.rpc.Status`: a gRPC status code, a message and typed details.
    public struct Status: CBridgedMessage, Hashable {
        /// A `grpc-status` code.
        public var code: Int32 = 0
        public var message = ""
        /// Typed details: `RetryInfo`, `ErrorInfo`, `BadRequest` and so on, packed as Any.
        public var details: [AnyMessage] = []

        public init() {}

        public init(code: Int32, message: String, details: [AnyMessage] = []) {
            self.code = code
            self.message = message
            self.details = details
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__status__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__Status) throws {
            code = c.code
            message = try CRead.string(c.message)
            details = try CRead.messages(c.n_details, c.details)
        }

        public func fill(_ c: inout Google__Rpc__Status, arena: CArena) {
            c.code = code
            c.message = arena.string(message)
            (c.n_details, c.details) = arena.messages(details)
        }
    }

    /// `google.rpc.RetryInfo`: how long the client should wait before retrying.
    public struct RetryInfo: CBridgedMessage, Hashable {
        public var retryDelay: ProtoDuration?

        public init() {}

        public init(retryDelay: ProtoDuration) {
            self.retryDelay = retryDelay
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__retry_info__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__RetryInfo) throws {
            retryDelay = try CRead.message(c.retry_delay)
        }

        public func fill(_ c: inout Google__Rpc__RetryInfo, arena: CArena) {
            c.retry_delay = arena.message(retryDelay)
        }
    }

    /// `google.rpc.ErrorInfo`: a machine-readable reason, its domain and context.
    public struct ErrorInfo: CBridgedMessage, Hashable {
        /// UPPER_SNAKE_CASE, unique within the domain.
        public var reason = ""
        public var domain = ""
        /// Encoded sorted by key, so equal values encode to equal bytes.
        public var metadata: [String: String] = [:]

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__error_info__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__ErrorInfo) throws {
            reason = try CRead.string(c.reason)
            domain = try CRead.string(c.domain)
            let entries: [MetadataEntry] = try CRead.messages(c.n_metadata, c.metadata)
            metadata = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }

        public func fill(_ c: inout Google__Rpc__ErrorInfo, arena: CArena) {
            c.reason = arena.string(reason)
            c.domain = arena.string(domain)
            (c.n_metadata, c.metadata) = arena.messages(metadata.sorted { $0.key < $1.key }.map(MetadataEntry.init))
        }

        /// `google.rpc.ErrorInfo.MetadataEntry`: one entry of the metadata map on the wire.
        struct MetadataEntry: CBridgedMessage {
            var key = ""
            var value = ""

            init() {}

            init(_ entry: (key: String, value: String)) {
                key = entry.key
                value = entry.value
            }

            static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
                google__rpc__error_info__metadata_entry__descriptor_ref()
            }

            init(c: borrowing Google__Rpc__ErrorInfo__MetadataEntry) throws {
                key = try CRead.string(c.key)
                value = try CRead.string(c.value)
            }

            func fill(_ c: inout Google__Rpc__ErrorInfo__MetadataEntry, arena: CArena) {
                c.key = arena.string(key)
                c.value = arena.string(value)
            }
        }
    }

    /// `google.rpc.PreconditionFailure`: the preconditions a request failed.
    public struct PreconditionFailure: CBridgedMessage, Hashable {
        /// `google.rpc.PreconditionFailure.Violation`: one failed precondition.
        public struct Violation: CBridgedMessage, Hashable {
            /// A service-specific kind, e.g. "TOS".
            public var type = ""
            /// What failed, relative to `type`.
            public var subject = ""
            public var description = ""

            public init() {}

            public init(type: String, subject: String, description: String) {
                self.type = type
                self.subject = subject
                self.description = description
            }

            public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
                google__rpc__precondition_failure__violation__descriptor_ref()
            }

            public init(c: borrowing Google__Rpc__PreconditionFailure__Violation) throws {
                type = try CRead.string(c.type)
                subject = try CRead.string(c.subject)
                description = try CRead.string(c.description)
            }

            public func fill(_ c: inout Google__Rpc__PreconditionFailure__Violation, arena: CArena) {
                c.type = arena.string(type)
                c.subject = arena.string(subject)
                c.description = arena.string(description)
            }
        }

        public var violations: [Violation] = []

        public init() {}

        public init(violations: [Violation]) {
            self.violations = violations
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__precondition_failure__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__PreconditionFailure) throws {
            violations = try CRead.messages(c.n_violations, c.violations)
        }

        public func fill(_ c: inout Google__Rpc__PreconditionFailure, arena: CArena) {
            (c.n_violations, c.violations) = arena.messages(violations)
        }
    }

    /// `google.rpc.BadRequest`: the request fields that were invalid.
    public struct BadRequest: CBridgedMessage, Hashable {
        /// `google.rpc.BadRequest.FieldViolation`: one invalid field.
        public struct FieldViolation: CBridgedMessage, Hashable {
            /// The field's path, e.g. `track.track_id`.
            public var field = ""
            public var description = ""

            public init() {}

            public init(field: String, description: String) {
                self.field = field
                self.description = description
            }

            public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
                google__rpc__bad_request__field_violation__descriptor_ref()
            }

            public init(c: borrowing Google__Rpc__BadRequest__FieldViolation) throws {
                field = try CRead.string(c.field)
                description = try CRead.string(c.description)
            }

            public func fill(_ c: inout Google__Rpc__BadRequest__FieldViolation, arena: CArena) {
                c.field = arena.string(field)
                c.description = arena.string(description)
            }
        }

        public var fieldViolations: [FieldViolation] = []

        public init() {}

        public init(fieldViolations: [FieldViolation]) {
            self.fieldViolations = fieldViolations
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__bad_request__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__BadRequest) throws {
            fieldViolations = try CRead.messages(c.n_field_violations, c.field_violations)
        }

        public func fill(_ c: inout Google__Rpc__BadRequest, arena: CArena) {
            (c.n_field_violations, c.field_violations) = arena.messages(fieldViolations)
        }
    }

    /// `google.rpc.ResourceInfo`: the resource a request was about.
    public struct ResourceInfo: CBridgedMessage, Hashable {
        public var resourceType = ""
        public var resourceName = ""
        public var owner = ""
        public var description = ""

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            google__rpc__resource_info__descriptor_ref()
        }

        public init(c: borrowing Google__Rpc__ResourceInfo) throws {
            resourceType = try CRead.string(c.resource_type)
            resourceName = try CRead.string(c.resource_name)
            owner = try CRead.string(c.owner)
            description = try CRead.string(c.description)
        }

        public func fill(_ c: inout Google__Rpc__ResourceInfo, arena: CArena) {
            c.resource_type = arena.string(resourceType)
            c.resource_name = arena.string(resourceName)
            c.owner = arena.string(owner)
            c.description = arena.string(description)
        }
    }
}
