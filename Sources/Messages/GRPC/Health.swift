import CProtobufC
import CResonanceProto

/// `grpc.health.v1.HealthCheckRequest`: the service whose health is asked ("" for the server).
public struct HealthCheckRequest: CBridgedMessage, Hashable {
    public var service = ""

    public init() {}

    public init(service: String) {
        self.service = service
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__health__v1__health_check_request__descriptor_ref()
    }

    public init(c: borrowing Grpc__Health__V1__HealthCheckRequest) throws {
        service = try CRead.string(c.service)
    }

    public func fill(_ c: inout Grpc__Health__V1__HealthCheckRequest, arena: CArena) {
        c.service = arena.string(service)
    }
}

/// `grpc.health.v1.HealthCheckResponse`: the serving status of a service.
public struct HealthCheckResponse: CBridgedMessage, Hashable {
    /// `grpc.health.v1.HealthCheckResponse.ServingStatus`: whether a service is serving.
    public struct ServingStatus: ProtoEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let unknown = Self(rawValue: 0)
        public static let serving = Self(rawValue: 1)
        public static let notServing = Self(rawValue: 2)
        /// Used only by the Watch method.
        public static let serviceUnknown = Self(rawValue: 3)
        public static let allKnown: [Self] = [.unknown, .serving, .notServing, .serviceUnknown]
    }

    public var status = ServingStatus.unknown

    public init() {}

    public init(status: ServingStatus) {
        self.status = status
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__health__v1__health_check_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Health__V1__HealthCheckResponse) {
        status = ServingStatus(c: c.status)
    }

    public func fill(_ c: inout Grpc__Health__V1__HealthCheckResponse, arena: CArena) {
        c.status = status.c()
    }
}
