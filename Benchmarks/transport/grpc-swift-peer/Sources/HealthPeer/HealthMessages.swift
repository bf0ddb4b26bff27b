// Hand-written equivalents of the two grpc.health.v1 messages the peer needs
// (no protoc-gen-swift here). Wire format: field 1 `service` (string) in the
// request, field 1 `status` (enum) in the response.
import SwiftProtobuf

struct HealthCheckRequest: SwiftProtobuf.Message, Sendable {
    static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

    var service = ""
    var unknownFields = SwiftProtobuf.UnknownStorage()

    init() {}

    mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            if fieldNumber == 1 { try decoder.decodeSingularStringField(value: &service) }
        }
    }

    func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if !service.isEmpty { try visitor.visitSingularStringField(value: service, fieldNumber: 1) }
        try unknownFields.traverse(visitor: &visitor)
    }

    func isEqualTo(message: any SwiftProtobuf.Message) -> Bool {
        guard let other = message as? Self else { return false }
        return service == other.service && unknownFields == other.unknownFields
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.isEqualTo(message: rhs) }
    func hash(into hasher: inout Hasher) { hasher.combine(service) }
}

struct HealthCheckResponse: SwiftProtobuf.Message, Sendable {
    static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

    /// ServingStatus: 0 UNKNOWN, 1 SERVING, 2 NOT_SERVING, 3 SERVICE_UNKNOWN.
    var status: Int32 = 0
    var unknownFields = SwiftProtobuf.UnknownStorage()

    init() {}

    mutating func decodeMessage<D: SwiftProtobuf.Decoder>(decoder: inout D) throws {
        while let fieldNumber = try decoder.nextFieldNumber() {
            if fieldNumber == 1 { try decoder.decodeSingularInt32Field(value: &status) }
        }
    }

    func traverse<V: SwiftProtobuf.Visitor>(visitor: inout V) throws {
        if status != 0 { try visitor.visitSingularInt32Field(value: status, fieldNumber: 1) }
        try unknownFields.traverse(visitor: &visitor)
    }

    func isEqualTo(message: any SwiftProtobuf.Message) -> Bool {
        guard let other = message as? Self else { return false }
        return status == other.status && unknownFields == other.unknownFields
    }

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.isEqualTo(message: rhs) }
    func hash(into hasher: inout Hasher) { hasher.combine(status) }
}
