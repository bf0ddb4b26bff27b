import CProtobufC
import CResonanceProto

/// The messages of the official gRPC interop tests (`grpc/testing/messages.proto` and
/// `empty.proto`, package `grpc.testing`), for the interop client and server. The xDS
/// load-balancer statistics and client-configuration messages are not bridged.
public enum InteropTesting {}

extension InteropTesting {
    /// `grpc.testing.Empty`.
    public struct Empty: CBridgedMessage, Hashable {
        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__empty__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__Empty) {}

        public func fill(_ c: inout Grpc__Testing__Empty, arena: CArena) {}
    }

    /// `grpc.testing.BoolValue`: a boolean whose absence means something (not the well-known wrapper).
    public struct BoolValue: CBridgedMessage, Hashable {
        public var value = false

        public init() {}

        public init(_ value: Bool) {
            self.value = value
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__bool_value__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__BoolValue) {
            value = c.value != 0
        }

        public func fill(_ c: inout Grpc__Testing__BoolValue, arena: CArena) {
            c.value = value ? 1 : 0
        }
    }

    /// `grpc.testing.PayloadType`: the kind of payload.
    public struct PayloadType: ProtoEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Uncompressable bytes are no longer tested; this is the only value.
        public static let compressable = Self(rawValue: 0)
        public static let allKnown: [Self] = [.compressable]
    }

    /// `grpc.testing.GrpclbRouteType`: how a grpclb call was routed.
    public struct GrpclbRouteType: ProtoEnum {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let unknown = Self(rawValue: 0)
        public static let fallback = Self(rawValue: 1)
        public static let backend = Self(rawValue: 2)
        public static let allKnown: [Self] = [.unknown, .fallback, .backend]
    }

    /// `grpc.testing.Payload`: bytes sent or echoed by a test call.
    public struct Payload: CBridgedMessage, Hashable {
        public var type = PayloadType.compressable
        public var body: [UInt8] = []

        public init() {}

        public init(type: PayloadType = .compressable, body: [UInt8]) {
            self.type = type
            self.body = body
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__payload__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__Payload) {
            type = PayloadType(c: c.type)
            body = CRead.bytes(c.body)
        }

        public func fill(_ c: inout Grpc__Testing__Payload, arena: CArena) {
            c.type = type.c()
            c.body = arena.bytes(body)
        }
    }

    /// `grpc.testing.EchoStatus`: a status the server must answer with.
    public struct EchoStatus: CBridgedMessage, Hashable {
        public var code: Int32 = 0
        public var message = ""

        public init() {}

        public init(code: Int32, message: String) {
            self.code = code
            self.message = message
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__echo_status__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__EchoStatus) throws {
            code = c.code
            message = try CRead.string(c.message)
        }

        public func fill(_ c: inout Grpc__Testing__EchoStatus, arena: CArena) {
            c.code = code
            c.message = arena.string(message)
        }
    }

    /// `grpc.testing.SimpleRequest`: a unary request and what its response should be.
    public struct SimpleRequest: CBridgedMessage, Hashable {
        public var responseType = PayloadType.compressable
        /// The size of the response payload, in bytes.
        public var responseSize: Int32 = 0
        public var payload: Payload?
        public var fillUsername = false
        public var fillOauthScope = false
        public var responseCompressed: BoolValue?
        public var responseStatus: EchoStatus?
        public var expectCompressed: BoolValue?
        public var fillServerID = false
        public var fillGrpclbRouteType = false
        public var orcaPerQueryReport: TestOrcaReport?
        public var orcaOobReport: TestOrcaReport?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__simple_request__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__SimpleRequest) throws {
            responseType = PayloadType(c: c.response_type)
            responseSize = c.response_size
            payload = try CRead.message(c.payload)
            fillUsername = c.fill_username != 0
            fillOauthScope = c.fill_oauth_scope != 0
            responseCompressed = try CRead.message(c.response_compressed)
            responseStatus = try CRead.message(c.response_status)
            expectCompressed = try CRead.message(c.expect_compressed)
            fillServerID = c.fill_server_id != 0
            fillGrpclbRouteType = c.fill_grpclb_route_type != 0
            orcaPerQueryReport = try CRead.message(c.orca_per_query_report)
            orcaOobReport = try CRead.message(c.orca_oob_report)
        }

        public func fill(_ c: inout Grpc__Testing__SimpleRequest, arena: CArena) {
            c.response_type = responseType.c()
            c.response_size = responseSize
            c.payload = arena.message(payload)
            c.fill_username = fillUsername ? 1 : 0
            c.fill_oauth_scope = fillOauthScope ? 1 : 0
            c.response_compressed = arena.message(responseCompressed)
            c.response_status = arena.message(responseStatus)
            c.expect_compressed = arena.message(expectCompressed)
            c.fill_server_id = fillServerID ? 1 : 0
            c.fill_grpclb_route_type = fillGrpclbRouteType ? 1 : 0
            c.orca_per_query_report = arena.message(orcaPerQueryReport)
            c.orca_oob_report = arena.message(orcaOobReport)
        }
    }

    /// `grpc.testing.SimpleResponse`: a unary response.
    public struct SimpleResponse: CBridgedMessage, Hashable {
        public var payload: Payload?
        public var username = ""
        public var oauthScope = ""
        public var serverID = ""
        public var grpclbRouteType = GrpclbRouteType.unknown
        public var hostname = ""

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__simple_response__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__SimpleResponse) throws {
            payload = try CRead.message(c.payload)
            username = try CRead.string(c.username)
            oauthScope = try CRead.string(c.oauth_scope)
            serverID = try CRead.string(c.server_id)
            grpclbRouteType = GrpclbRouteType(c: c.grpclb_route_type)
            hostname = try CRead.string(c.hostname)
        }

        public func fill(_ c: inout Grpc__Testing__SimpleResponse, arena: CArena) {
            c.payload = arena.message(payload)
            c.username = arena.string(username)
            c.oauth_scope = arena.string(oauthScope)
            c.server_id = arena.string(serverID)
            c.grpclb_route_type = grpclbRouteType.c()
            c.hostname = arena.string(hostname)
        }
    }

    /// `grpc.testing.StreamingInputCallRequest`: one message of a client stream.
    public struct StreamingInputCallRequest: CBridgedMessage, Hashable {
        public var payload: Payload?
        public var expectCompressed: BoolValue?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__streaming_input_call_request__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__StreamingInputCallRequest) throws {
            payload = try CRead.message(c.payload)
            expectCompressed = try CRead.message(c.expect_compressed)
        }

        public func fill(_ c: inout Grpc__Testing__StreamingInputCallRequest, arena: CArena) {
            c.payload = arena.message(payload)
            c.expect_compressed = arena.message(expectCompressed)
        }
    }

    /// `grpc.testing.StreamingInputCallResponse`: the total payload size of a client stream.
    public struct StreamingInputCallResponse: CBridgedMessage, Hashable {
        public var aggregatedPayloadSize: Int32 = 0

        public init() {}

        public init(aggregatedPayloadSize: Int32) {
            self.aggregatedPayloadSize = aggregatedPayloadSize
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__streaming_input_call_response__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__StreamingInputCallResponse) {
            aggregatedPayloadSize = c.aggregated_payload_size
        }

        public func fill(_ c: inout Grpc__Testing__StreamingInputCallResponse, arena: CArena) {
            c.aggregated_payload_size = aggregatedPayloadSize
        }
    }

    /// `grpc.testing.ResponseParameters`: one response a server stream should send.
    public struct ResponseParameters: CBridgedMessage, Hashable {
        /// The payload size, in bytes.
        public var size: Int32 = 0
        /// The delay before sending, in microseconds.
        public var intervalUs: Int32 = 0
        public var compressed: BoolValue?

        public init() {}

        public init(size: Int32, intervalUs: Int32 = 0, compressed: BoolValue? = nil) {
            self.size = size
            self.intervalUs = intervalUs
            self.compressed = compressed
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__response_parameters__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__ResponseParameters) throws {
            size = c.size
            intervalUs = c.interval_us
            compressed = try CRead.message(c.compressed)
        }

        public func fill(_ c: inout Grpc__Testing__ResponseParameters, arena: CArena) {
            c.size = size
            c.interval_us = intervalUs
            c.compressed = arena.message(compressed)
        }
    }

    /// `grpc.testing.StreamingOutputCallRequest`: asks for a server stream of given responses.
    public struct StreamingOutputCallRequest: CBridgedMessage, Hashable {
        public var responseType = PayloadType.compressable
        public var responseParameters: [ResponseParameters] = []
        public var payload: Payload?
        public var responseStatus: EchoStatus?
        public var orcaOobReport: TestOrcaReport?

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__streaming_output_call_request__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__StreamingOutputCallRequest) throws {
            responseType = PayloadType(c: c.response_type)
            responseParameters = try CRead.messages(c.n_response_parameters, c.response_parameters)
            payload = try CRead.message(c.payload)
            responseStatus = try CRead.message(c.response_status)
            orcaOobReport = try CRead.message(c.orca_oob_report)
        }

        public func fill(_ c: inout Grpc__Testing__StreamingOutputCallRequest, arena: CArena) {
            c.response_type = responseType.c()
            (c.n_response_parameters, c.response_parameters) = arena.messages(responseParameters)
            c.payload = arena.message(payload)
            c.response_status = arena.message(responseStatus)
            c.orca_oob_report = arena.message(orcaOobReport)
        }
    }

    /// `grpc.testing.StreamingOutputCallResponse`: one message of a server stream.
    public struct StreamingOutputCallResponse: CBridgedMessage, Hashable {
        public var payload: Payload?

        public init() {}

        public init(payload: Payload?) {
            self.payload = payload
        }

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__streaming_output_call_response__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__StreamingOutputCallResponse) throws {
            payload = try CRead.message(c.payload)
        }

        public func fill(_ c: inout Grpc__Testing__StreamingOutputCallResponse, arena: CArena) {
            c.payload = arena.message(payload)
        }
    }

    /// `grpc.testing.ReconnectParams`: the backoff the reconnect test configures.
    public struct ReconnectParams: CBridgedMessage, Hashable {
        public var maxReconnectBackoffMs: Int32 = 0

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__reconnect_params__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__ReconnectParams) {
            maxReconnectBackoffMs = c.max_reconnect_backoff_ms
        }

        public func fill(_ c: inout Grpc__Testing__ReconnectParams, arena: CArena) {
            c.max_reconnect_backoff_ms = maxReconnectBackoffMs
        }
    }

    /// `grpc.testing.ReconnectInfo`: whether the reconnect test passed, and the backoffs seen.
    public struct ReconnectInfo: CBridgedMessage, Hashable {
        public var passed = false
        public var backoffMs: [Int32] = []

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__reconnect_info__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__ReconnectInfo) {
            passed = c.passed != 0
            backoffMs = CRead.scalars(c.n_backoff_ms, c.backoff_ms)
        }

        public func fill(_ c: inout Grpc__Testing__ReconnectInfo, arena: CArena) {
            c.passed = passed ? 1 : 0
            (c.n_backoff_ms, c.backoff_ms) = arena.scalars(backoffMs)
        }
    }

    /// `grpc.testing.TestOrcaReport`: a backend metrics (ORCA) report the server should send.
    public struct TestOrcaReport: CBridgedMessage, Hashable {
        public var cpuUtilization: Double = 0
        public var memoryUtilization: Double = 0
        /// Encoded sorted by key, so equal values encode to equal bytes.
        public var requestCost: [String: Double] = [:]
        /// Encoded sorted by key, so equal values encode to equal bytes.
        public var utilization: [String: Double] = [:]

        public init() {}

        public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            grpc__testing__test_orca_report__descriptor_ref()
        }

        public init(c: borrowing Grpc__Testing__TestOrcaReport) throws {
            cpuUtilization = c.cpu_utilization
            memoryUtilization = c.memory_utilization
            requestCost = try RequestCostEntry.map(CRead.messages(c.n_request_cost, c.request_cost))
            utilization = try UtilizationEntry.map(CRead.messages(c.n_utilization, c.utilization))
        }

        public func fill(_ c: inout Grpc__Testing__TestOrcaReport, arena: CArena) {
            c.cpu_utilization = cpuUtilization
            c.memory_utilization = memoryUtilization
            (c.n_request_cost, c.request_cost) = arena.messages(RequestCostEntry.entries(requestCost))
            (c.n_utilization, c.utilization) = arena.messages(UtilizationEntry.entries(utilization))
        }

        /// `grpc.testing.TestOrcaReport.RequestCostEntry`: one entry of `request_cost` on the wire.
        struct RequestCostEntry: StringToDoubleMapEntry {
            var key = ""
            var value: Double = 0

            init() {}

            static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
                grpc__testing__test_orca_report__request_cost_entry__descriptor_ref()
            }

            init(c: borrowing Grpc__Testing__TestOrcaReport__RequestCostEntry) throws {
                key = try CRead.string(c.key)
                value = c.value
            }

            func fill(_ c: inout Grpc__Testing__TestOrcaReport__RequestCostEntry, arena: CArena) {
                c.key = arena.string(key)
                c.value = value
            }
        }

        /// `grpc.testing.TestOrcaReport.UtilizationEntry`: one entry of `utilization` on the wire.
        struct UtilizationEntry: StringToDoubleMapEntry {
            var key = ""
            var value: Double = 0

            init() {}

            static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
                grpc__testing__test_orca_report__utilization_entry__descriptor_ref()
            }

            init(c: borrowing Grpc__Testing__TestOrcaReport__UtilizationEntry) throws {
                key = try CRead.string(c.key)
                value = c.value
            }

            func fill(_ c: inout Grpc__Testing__TestOrcaReport__UtilizationEntry, arena: CArena) {
                c.key = arena.string(key)
                c.value = value
            }
        }
    }
}

/// The entry message protobuf-c uses for a `map<string, double>` field.
private protocol StringToDoubleMapEntry: CBridgedMessage {
    var key: String { get set }
    var value: Double { get set }
}

extension StringToDoubleMapEntry {
    /// The map of decoded entries; a repeated key keeps its last value, as protobuf requires.
    static func map(_ entries: [Self]) -> [String: Double] {
        Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The entries to encode, sorted by key so the bytes are deterministic.
    static func entries(_ map: [String: Double]) -> [Self] {
        map.sorted { $0.key < $1.key }.map { pair in
            var entry = Self()
            entry.key = pair.key
            entry.value = pair.value
            return entry
        }
    }
}
