import Testing

@testable import Messages

// Round trips, defaults and hostile bytes for the capsule messages and the infrastructure
// messages (health, reflection, google.rpc error model, descriptors, interop tests).

/// Encodes `message` and decodes it back; only the default value may encode to no bytes.
func infraAssertRoundTrip<M: ProtoMessage>(
    _ message: M, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let bytes = message.serializedBytes()
    #expect(bytes.isEmpty == (message == M()), "\(M.protoName)", sourceLocation: sourceLocation)
    #expect(try M(serializedBytes: bytes) == message, "\(M.protoName)", sourceLocation: sourceLocation)
}

/// The default value of the type of `sample` encodes to no bytes and no bytes decode to it.
func infraAssertDefaultIsEmpty<M: ProtoMessage>(
    sameTypeAs sample: M, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(M().serializedBytes().isEmpty, "\(M.protoName)", sourceLocation: sourceLocation)
    #expect(try M(serializedBytes: []) == M(), "\(M.protoName)", sourceLocation: sourceLocation)
}

/// `value` after `update`.
func infraWith<M>(_ value: M, _ update: (inout M) -> Void) -> M {
    var copy = value
    update(&copy)
    return copy
}

/// One message of the data-driven tests, named by its protobuf type.
struct InfraCase: Sendable, CustomTestStringConvertible {
    let message: any ProtoMessage
    var testDescription: String { type(of: message).protoName }
}

/// Bytes that must not decode as some message type.
struct InfraHostileCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let decode: @Sendable ([UInt8]) throws -> Void

    init<M: ProtoMessage>(_ type: M.Type, _ name: String, _ bytes: [UInt8]) {
        self.name = "\(M.protoName): \(name)"
        self.bytes = bytes
        decode = { _ = try M(serializedBytes: $0) }
    }

    var testDescription: String { name }
}

/// Maximal values: every field set, non-ASCII text, extreme numbers, several repeated elements.
enum InfraSamples {
    static let text = "Zoë 🎧 夜"
    static let early = Timestamp(seconds: -62_135_596_800, nanos: 1)
    static let late = Timestamp(seconds: 253_402_300_799, nanos: 999_999_999)

    static let track = infraWith(Track()) {
        $0.trackID = "4uLU6hMCjMI75M1A2tKUQC"
        $0.trackName = text
        $0.artist = "Sigur Rós"
        $0.albumArt = "https://i.scdn.co/image/ab67616d0000b273"
        $0.energy = 0
        $0.valence = 1
    }

    static let creator = infraWith(PublicUser()) {
        $0.userID = "u-1"
        $0.displayName = text
        $0.avatarURL = "https://example.com/a.png"
        $0.isAnonymous = true
        $0.instagramHandle = "@zoe"
        $0.discordHandle = "zoe#0001"
    }

    static let distance = infraWith(CoarseDistance()) {
        $0.approxMeters = 1_250.5
        $0.gridMeters = 500
    }

    static let capsule = infraWith(Capsule()) {
        $0.id = "c-\(text)"
        $0.creator = creator
        $0.track = track
        $0.message = "Ich war hier — 我在这里 ✨"
        $0.mood = text
        $0.visibility = .private
        $0.locationName = "Café Größe, Zürich"
        $0.areaGeohash = "u0qj8m"
        $0.unlockAt = early
        $0.expiresAt = late
        $0.discoveryRadiusMeters = 499.75
        $0.maxDiscoveries = .max
        $0.discoveryCount = .max
        $0.likeCount = .min
        $0.isActive = true
        $0.createdAt = Timestamp(seconds: 0, nanos: 1)
    }

    static let nearbyCapsule = infraWith(NearbyCapsule()) {
        $0.id = "n-1"
        $0.creator = creator
        $0.track = track
        $0.mood = text
        $0.locationName = "Kyōto 京都"
        $0.distance = distance
        $0.areaGeohash = "xn0m7s"
        $0.unlocked = true
        $0.discovered = true
        $0.liked = true
        $0.unlockAt = early
        $0.expiresAt = late
        $0.discoveryRadiusMeters = 10
        $0.discoveryCount = -1
        $0.likeCount = .max
    }

    static let discovery = infraWith(CapsuleDiscovery()) {
        $0.capsule = capsule
        $0.discoveredAt = late
        $0.liked = true
    }

    static let capsules: [any ProtoMessage] = [
        capsule,
        nearbyCapsule,
        infraWith(DropCapsuleRequest()) {
            $0.track = track
            $0.message = text
            $0.mood = "wistful"
            $0.visibility = .public
            $0.unlockAt = early
            $0.expiresAt = late
            $0.locationName = text
            $0.discoveryRadiusMeters = -0.5
            $0.maxDiscoveries = .min
        },
        infraWith(DropCapsuleResponse()) { $0.capsule = capsule },
        infraWith(ListNearbyCapsulesRequest()) {
            $0.radiusMeters = 5_000
            $0.pageSize = .max
            $0.pageToken = text
        },
        infraWith(ListNearbyCapsulesResponse()) {
            $0.capsules = [nearbyCapsule, NearbyCapsule(), infraWith(nearbyCapsule) { $0.id = "n-2" }]
            $0.nextPageToken = text
            $0.radiusMeters = .greatestFiniteMagnitude
        },
        infraWith(DiscoverCapsuleRequest()) { $0.capsuleID = text },
        infraWith(DiscoverCapsuleResponse()) {
            $0.capsule = capsule
            $0.firstDiscovery = true
        },
        infraWith(LikeCapsuleRequest()) { $0.capsuleID = text },
        infraWith(LikeCapsuleResponse()) { $0.capsule = capsule },
        infraWith(ListMyCapsulesRequest()) {
            $0.pageSize = -1
            $0.pageToken = text
        },
        infraWith(ListMyCapsulesResponse()) {
            $0.capsules = [capsule, Capsule(), capsule]
            $0.nextPageToken = text
        },
        discovery,
        infraWith(ListMyDiscoveriesRequest()) {
            $0.pageSize = 50
            $0.pageToken = text
        },
        infraWith(ListMyDiscoveriesResponse()) {
            $0.discoveries = [discovery, CapsuleDiscovery(), discovery]
            $0.nextPageToken = text
        },
        infraWith(DeleteCapsuleRequest()) { $0.capsuleID = text },
        DeleteCapsuleResponse(),
    ]

    static let health: [any ProtoMessage] = [
        HealthCheckRequest(service: "resonance.v1.Presence/\(text)"),
        HealthCheckResponse(status: .serviceUnknown),
    ]

    static let serverReflectionRequest = ServerReflectionRequest(
        host: text,
        messageRequest: .fileContainingExtension(ExtensionRequest(containingType: text, extensionNumber: .max)))

    static let reflection: [any ProtoMessage] = [
        serverReflectionRequest,
        ServerReflectionRequest(host: text, messageRequest: .fileByFilename("resonance/v1/presence.proto")),
        ServerReflectionRequest(host: text, messageRequest: .fileContainingSymbol("resonance.v1.Presence.GoLive")),
        ServerReflectionRequest(host: text, messageRequest: .allExtensionNumbersOfType(text)),
        ServerReflectionRequest(host: text, messageRequest: .listServices("*")),
        ExtensionRequest(containingType: text, extensionNumber: -1),
        infraWith(ServerReflectionResponse()) {
            $0.validHost = text
            $0.originalRequest = serverReflectionRequest
            $0.messageResponse = .fileDescriptorResponse(fileDescriptorResponse)
        },
        infraWith(ServerReflectionResponse()) {
            $0.validHost = text
            $0.originalRequest = ServerReflectionRequest(messageRequest: .listServices(""))
            $0.messageResponse = .allExtensionNumbersResponse(extensionNumberResponse)
        },
        infraWith(ServerReflectionResponse()) {
            $0.validHost = text
            $0.originalRequest = serverReflectionRequest
            $0.messageResponse = .listServicesResponse(listServiceResponse)
        },
        infraWith(ServerReflectionResponse()) {
            $0.validHost = text
            $0.originalRequest = serverReflectionRequest
            $0.messageResponse = .errorResponse(errorResponse)
        },
        fileDescriptorResponse,
        extensionNumberResponse,
        listServiceResponse,
        ServiceResponse(name: text),
        errorResponse,
    ]
    static let fileDescriptorResponse = FileDescriptorResponse(fileDescriptorProto: [
        [0x0A, 0x01, 0x61], [], [0xFF, 0x00],
    ])
    static let extensionNumberResponse = infraWith(ExtensionNumberResponse()) {
        $0.baseTypeName = text
        $0.extensionNumber = [1, .max, .min, 0]
    }
    static let listServiceResponse = ListServiceResponse(service: [
        ServiceResponse(name: "grpc.health.v1.Health"), ServiceResponse(), ServiceResponse(name: text),
    ])
    static let errorResponse = ErrorResponse(errorCode: 5, errorMessage: text)

    static let errorInfo = infraWith(GoogleRPC.ErrorInfo()) {
        $0.reason = "CAPSULE_LOCKED"
        $0.domain = "resonance.app"
        $0.metadata = ["unlock_at": "2030-01-01T00:00:00Z", "ü": text, "": "", "a": "1"]
    }

    static let googleRPC: [any ProtoMessage] = [
        GoogleRPC.Status(
            code: 9, message: text,
            details: [
                AnyMessage(packing: errorInfo), AnyMessage(typeURL: "type.googleapis.com/x.Y", value: []),
                AnyMessage(packing: GoogleRPC.RetryInfo(retryDelay: ProtoDuration(seconds: 3, nanos: 5))),
            ]),
        GoogleRPC.RetryInfo(retryDelay: ProtoDuration(seconds: -315_576_000_000, nanos: -999_999_999)),
        errorInfo,
        GoogleRPC.PreconditionFailure(violations: [
            GoogleRPC.PreconditionFailure.Violation(type: "LOCATION", subject: text, description: text),
            GoogleRPC.PreconditionFailure.Violation(),
            GoogleRPC.PreconditionFailure.Violation(type: "TOS", subject: "user", description: "not accepted"),
        ]),
        GoogleRPC.PreconditionFailure.Violation(type: "LOCATION", subject: text, description: text),
        GoogleRPC.BadRequest(fieldViolations: [
            GoogleRPC.BadRequest.FieldViolation(field: "message", description: text),
            GoogleRPC.BadRequest.FieldViolation(),
            GoogleRPC.BadRequest.FieldViolation(field: "discovery_radius_m", description: "10 to 500"),
        ]),
        GoogleRPC.BadRequest.FieldViolation(field: "track.track_id", description: text),
        infraWith(GoogleRPC.ResourceInfo()) {
            $0.resourceType = "resonance.v1.Capsule"
            $0.resourceName = text
            $0.owner = "user:u-1"
            $0.description = text
        },
    ]

    static let field = infraWith(Descriptor.FieldProto()) {
        $0.name = "öl_field"
        $0.number = 536_870_911
        $0.label = .repeated
        $0.type = .enum
        $0.typeName = ".resonance.v1.Vibe"
        $0.extendee = ".google.protobuf.MessageOptions"
        $0.defaultValue = text
        $0.oneofIndex = 0
        $0.jsonName = "ölField"
        $0.proto3Optional = false
    }
    static let enumProto = infraWith(Descriptor.EnumProto()) {
        $0.name = "Vibe"
        $0.value = [
            Descriptor.EnumValueProto(name: "VIBE_UNSPECIFIED", number: 0),
            Descriptor.EnumValueProto(name: text, number: -2_147_483_648), Descriptor.EnumValueProto(),
        ]
    }
    static let method = infraWith(Descriptor.MethodProto()) {
        $0.name = "Watch"
        $0.inputType = ".grpc.health.v1.HealthCheckRequest"
        $0.outputType = ".grpc.health.v1.HealthCheckResponse"
        $0.clientStreaming = false
        $0.serverStreaming = true
    }
    static let service = infraWith(Descriptor.ServiceProto()) {
        $0.name = "Health"
        $0.method = [method, Descriptor.MethodProto(), infraWith(method) { $0.name = text }]
    }
    static let message = infraWith(Descriptor.MessageProto()) {
        $0.name = text
        $0.field = [field, Descriptor.FieldProto(), infraWith(field) { $0.number = 1 }]
        $0.nestedType = [
            infraWith(Descriptor.MessageProto()) {
                $0.name = "MetadataEntry"
                $0.options = Descriptor.MessageOptions(mapEntry: true)
            }
        ]
        $0.enumType = [enumProto, Descriptor.EnumProto()]
        $0.oneofDecl = [Descriptor.OneofProto(name: "message_request"), Descriptor.OneofProto(name: text)]
        $0.extension = [field]
        $0.options = Descriptor.MessageOptions(mapEntry: false)
    }
    static let file = infraWith(Descriptor.FileProto()) {
        $0.name = "resonance/v1/\(text).proto"
        $0.package = "resonance.v1"
        $0.dependency = ["google/protobuf/timestamp.proto", text]
        $0.publicDependency = [1, 0, .max]
        $0.messageType = [message, Descriptor.MessageProto()]
        $0.enumType = [enumProto]
        $0.service = [service, service]
        $0.extension = [field, field]
        $0.syntax = "proto3"
    }

    static let descriptors: [any ProtoMessage] = [
        Descriptor.FileSet(file: [file, Descriptor.FileProto(), file]),
        file,
        message,
        Descriptor.MessageOptions(mapEntry: true),
        field,
        Descriptor.OneofProto(name: text),
        enumProto,
        Descriptor.EnumValueProto(name: text, number: -1),
        service,
        method,
    ]

    static let payload = InteropTesting.Payload(body: Array(0...255) + Array("Zoë".utf8))
    static let echoStatus = InteropTesting.EchoStatus(code: -2, message: text)
    static let orcaReport = infraWith(InteropTesting.TestOrcaReport()) {
        $0.cpuUtilization = 0.875
        $0.memoryUtilization = -1e-300
        $0.requestCost = ["db": 12.5, text: -0.25, "": 0]
        $0.utilization = ["cpu": 1, "gpu": .greatestFiniteMagnitude]
    }

    static let interop: [any ProtoMessage] = [
        InteropTesting.Empty(),
        InteropTesting.BoolValue(true),
        payload,
        echoStatus,
        infraWith(InteropTesting.SimpleRequest()) {
            $0.responseType = .compressable
            $0.responseSize = 314_159
            $0.payload = payload
            $0.fillUsername = true
            $0.fillOauthScope = true
            $0.responseCompressed = InteropTesting.BoolValue(false)
            $0.responseStatus = echoStatus
            $0.expectCompressed = InteropTesting.BoolValue(true)
            $0.fillServerID = true
            $0.fillGrpclbRouteType = true
            $0.orcaPerQueryReport = orcaReport
            $0.orcaOobReport = InteropTesting.TestOrcaReport()
        },
        infraWith(InteropTesting.SimpleResponse()) {
            $0.payload = payload
            $0.username = text
            $0.oauthScope = "https://www.googleapis.com/auth/xapi.zoo"
            $0.serverID = text
            $0.grpclbRouteType = .backend
            $0.hostname = "höst.example"
        },
        infraWith(InteropTesting.StreamingInputCallRequest()) {
            $0.payload = payload
            $0.expectCompressed = InteropTesting.BoolValue(false)
        },
        InteropTesting.StreamingInputCallResponse(aggregatedPayloadSize: 74_922),
        InteropTesting.ResponseParameters(size: .max, intervalUs: -1, compressed: InteropTesting.BoolValue(true)),
        infraWith(InteropTesting.StreamingOutputCallRequest()) {
            $0.responseType = .compressable
            $0.responseParameters = [
                InteropTesting.ResponseParameters(size: 31_415), InteropTesting.ResponseParameters(),
                InteropTesting.ResponseParameters(size: 9, intervalUs: 10, compressed: InteropTesting.BoolValue(false)),
            ]
            $0.payload = payload
            $0.responseStatus = echoStatus
            $0.orcaOobReport = orcaReport
        },
        InteropTesting.StreamingOutputCallResponse(payload: payload),
        infraWith(InteropTesting.ReconnectParams()) { $0.maxReconnectBackoffMs = 120_000 },
        infraWith(InteropTesting.ReconnectInfo()) {
            $0.passed = true
            $0.backoffMs = [100, .max, .min, 0]
        },
        orcaReport,
    ]

    static let all = capsules + health + reflection + googleRPC + descriptors + interop
}

@Test(arguments: InfraSamples.all.map(InfraCase.init))
func infraMaximalValueRoundTrips(_ testCase: InfraCase) throws {
    try infraAssertRoundTrip(testCase.message)
}

@Test(arguments: InfraSamples.all.map(InfraCase.init))
func infraDefaultValueIsEmpty(_ testCase: InfraCase) throws {
    try infraAssertDefaultIsEmpty(sameTypeAs: testCase.message)
}

@Test func infraEveryBridgedTypeHasASample() {
    let sampled = Set(InfraSamples.all.map { type(of: $0).protoName })
    let expected: Set<String> = [
        // capsules.proto
        "resonance.v1.Capsule", "resonance.v1.NearbyCapsule", "resonance.v1.DropCapsuleRequest",
        "resonance.v1.DropCapsuleResponse", "resonance.v1.ListNearbyCapsulesRequest",
        "resonance.v1.ListNearbyCapsulesResponse", "resonance.v1.DiscoverCapsuleRequest",
        "resonance.v1.DiscoverCapsuleResponse", "resonance.v1.LikeCapsuleRequest", "resonance.v1.LikeCapsuleResponse",
        "resonance.v1.ListMyCapsulesRequest", "resonance.v1.ListMyCapsulesResponse", "resonance.v1.CapsuleDiscovery",
        "resonance.v1.ListMyDiscoveriesRequest", "resonance.v1.ListMyDiscoveriesResponse",
        "resonance.v1.DeleteCapsuleRequest", "resonance.v1.DeleteCapsuleResponse",
        // health.proto, reflection.proto
        "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse",
        "grpc.reflection.v1.ServerReflectionRequest", "grpc.reflection.v1.ExtensionRequest",
        "grpc.reflection.v1.ServerReflectionResponse", "grpc.reflection.v1.FileDescriptorResponse",
        "grpc.reflection.v1.ExtensionNumberResponse", "grpc.reflection.v1.ListServiceResponse",
        "grpc.reflection.v1.ServiceResponse", "grpc.reflection.v1.ErrorResponse",
        // status.proto, error_details.proto
        "google.rpc.Status", "google.rpc.RetryInfo", "google.rpc.ErrorInfo", "google.rpc.PreconditionFailure",
        "google.rpc.PreconditionFailure.Violation", "google.rpc.BadRequest", "google.rpc.BadRequest.FieldViolation",
        "google.rpc.ResourceInfo",
        // descriptor.proto
        "google.protobuf.FileDescriptorSet", "google.protobuf.FileDescriptorProto", "google.protobuf.DescriptorProto",
        "google.protobuf.MessageOptions", "google.protobuf.FieldDescriptorProto",
        "google.protobuf.OneofDescriptorProto",
        "google.protobuf.EnumDescriptorProto", "google.protobuf.EnumValueDescriptorProto",
        "google.protobuf.ServiceDescriptorProto", "google.protobuf.MethodDescriptorProto",
        // grpc/testing/empty.proto, messages.proto
        "grpc.testing.Empty", "grpc.testing.BoolValue", "grpc.testing.Payload", "grpc.testing.EchoStatus",
        "grpc.testing.SimpleRequest", "grpc.testing.SimpleResponse", "grpc.testing.StreamingInputCallRequest",
        "grpc.testing.StreamingInputCallResponse", "grpc.testing.ResponseParameters",
        "grpc.testing.StreamingOutputCallRequest", "grpc.testing.StreamingOutputCallResponse",
        "grpc.testing.ReconnectParams", "grpc.testing.ReconnectInfo", "grpc.testing.TestOrcaReport",
    ]
    #expect(sampled == expected)
}

@Test(arguments: [
    // Truncated: a length-delimited field longer than the input.
    InfraHostileCase(Capsule.self, "truncated", [0x0A, 0x05, 0x61]),
    InfraHostileCase(HealthCheckRequest.self, "truncated", [0x0A, 0x03, 0x61, 0x62]),
    InfraHostileCase(ServerReflectionRequest.self, "truncated varint", [0x10, 0xFF]),
    InfraHostileCase(GoogleRPC.Status.self, "truncated detail", [0x1A, 0x04, 0x0A, 0x05, 0x61]),
    InfraHostileCase(Descriptor.FileSet.self, "truncated file", [0x0A, 0x0A, 0x0A, 0x01]),
    InfraHostileCase(InteropTesting.Payload.self, "truncated body", [0x12, 0x10, 0x00]),
    // Wrong wire type: a varint where a string or message is declared.
    InfraHostileCase(Capsule.self, "id as varint", [0x08, 0x01]),
    InfraHostileCase(ListNearbyCapsulesResponse.self, "capsules as varint", [0x08, 0x01]),
    InfraHostileCase(ServerReflectionResponse.self, "error_response as varint", [0x38, 0x01]),
    InfraHostileCase(GoogleRPC.ErrorInfo.self, "metadata as fixed32", [0x1D, 0, 0, 0, 0]),
    InfraHostileCase(InteropTesting.SimpleRequest.self, "payload as varint", [0x18, 0x01]),
    // Invalid UTF-8 in string fields, also nested, in oneofs, maps and proto2 optionals.
    InfraHostileCase(Capsule.self, "invalid UTF-8 id", [0x0A, 0x02, 0xC3, 0x28]),
    InfraHostileCase(Capsule.self, "invalid UTF-8 creator name", [0x12, 0x04, 0x12, 0x02, 0xC3, 0x28]),
    InfraHostileCase(HealthCheckRequest.self, "invalid UTF-8 service", [0x0A, 0x01, 0xFF]),
    InfraHostileCase(ServerReflectionRequest.self, "invalid UTF-8 file_by_filename", [0x1A, 0x01, 0xFF]),
    InfraHostileCase(ServerReflectionRequest.self, "invalid UTF-8 list_services", [0x3A, 0x01, 0xFF]),
    InfraHostileCase(GoogleRPC.ErrorInfo.self, "invalid UTF-8 map key", [0x1A, 0x03, 0x0A, 0x01, 0xFF]),
    InfraHostileCase(GoogleRPC.BadRequest.self, "invalid UTF-8 field", [0x0A, 0x03, 0x0A, 0x01, 0xFF]),
    InfraHostileCase(Descriptor.FileProto.self, "invalid UTF-8 name", [0x0A, 0x01, 0xFF]),
    InfraHostileCase(Descriptor.FieldProto.self, "invalid UTF-8 type_name", [0x32, 0x01, 0xFF]),
    InfraHostileCase(InteropTesting.EchoStatus.self, "invalid UTF-8 message", [0x12, 0x01, 0xFF]),
    InfraHostileCase(InteropTesting.TestOrcaReport.self, "invalid UTF-8 map key", [0x1A, 0x03, 0x0A, 0x01, 0xFF]),
])
func infraHostileBytesFailToDecode(_ testCase: InfraHostileCase) {
    #expect(throws: ProtoDecodingError.self) { try testCase.decode(testCase.bytes) }
}

@Test func infraUnknownEnumValuesSurviveARoundTrip() throws {
    let response = HealthCheckResponse(status: .init(rawValue: 42))
    let decoded = try HealthCheckResponse(serializedBytes: response.serializedBytes())
    #expect(decoded.status.rawValue == 42)
    #expect(!decoded.status.isKnown)
    let capsule = infraWith(Capsule()) { $0.visibility = CapsuleVisibility(rawValue: -7) }
    #expect(try Capsule(serializedBytes: capsule.serializedBytes()).visibility.rawValue == -7)
}

@Test func infraEmptyOneofMembersAreStillSet() throws {
    // grpcurl and friends send list_services: "", which must not read as "no request".
    let request = ServerReflectionRequest(messageRequest: .listServices(""))
    #expect(request.serializedBytes() == [0x3A, 0x00])
    #expect(try ServerReflectionRequest(serializedBytes: [0x3A, 0x00]).messageRequest == .listServices(""))
    let response = infraWith(ServerReflectionResponse()) { $0.messageResponse = .errorResponse(ErrorResponse()) }
    #expect(response.serializedBytes() == [0x3A, 0x00])
    #expect(try ServerReflectionResponse(serializedBytes: [0x3A, 0x00]) == response)
}

@Test func infraMapsEncodeSortedByKeyWhateverTheInsertionOrder() throws {
    var forward = GoogleRPC.ErrorInfo()
    var backward = GoogleRPC.ErrorInfo()
    let keys = (0..<40).map { "key-\($0)" }
    for key in keys { forward.metadata[key] = "v\(key)" }
    for key in keys.reversed() { backward.metadata[key] = "v\(key)" }
    #expect(forward.serializedBytes() == backward.serializedBytes())

    let info = infraWith(GoogleRPC.ErrorInfo()) { $0.metadata = ["b": "2", "a": "1", "c": "3"] }
    let sorted = try Protoc.encode(
        "google.rpc.ErrorInfo", in: "google/rpc/error_details.proto",
        textFormat:
            #"metadata { key: "a" value: "1" } metadata { key: "b" value: "2" } metadata { key: "c" value: "3" }"#)
    #expect(info.serializedBytes() == sorted)
}

@Test func infraRepeatedMapKeysKeepTheLastValue() throws {
    let bytes = try Protoc.encode(
        "grpc.testing.TestOrcaReport", in: "grpc/testing/messages.proto",
        textFormat: #"utilization { key: "cpu" value: 0.5 } utilization { key: "cpu" value: 0.75 }"#)
    #expect(try InteropTesting.TestOrcaReport(serializedBytes: bytes).utilization == ["cpu": 0.75])
}
