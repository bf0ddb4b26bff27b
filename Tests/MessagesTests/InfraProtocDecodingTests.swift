import CResonanceProto
import Testing

@testable import Messages

// Bytes produced by the reference implementation (protoc --encode, and the descriptor set
// protoc wrote) decode with every field as expected.

@Test func infraDecodesCapsuleFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.Capsule", in: "resonance/v1/capsules.proto",
        textFormat: """
            id: "c-1" creator { user_id: "u-1" display_name: "Zoë 🎧 夜" is_anonymous: true }
            track { track_id: "t-1" track_name: "夜に駆ける" energy { value: 0.5 } }
            message: "Ich war hier ✨" mood: "wistful" visibility: CAPSULE_VISIBILITY_PRIVATE
            location_name: "Café" area_geohash: "u0qj8m" unlock_at { seconds: -5 nanos: 7 }
            expires_at { seconds: 253402300799 } discovery_radius_m: 499.5 max_discoveries: -3
            discovery_count: 9223372036854775807 like_count: -9223372036854775808 is_active: true
            created_at { seconds: 1 }
            """)
    let capsule = try Capsule(serializedBytes: bytes)
    #expect(capsule.id == "c-1")
    #expect(capsule.creator?.userID == "u-1")
    #expect(capsule.creator?.displayName == "Zoë 🎧 夜")
    #expect(capsule.creator?.isAnonymous == true)
    #expect(capsule.track?.trackID == "t-1")
    #expect(capsule.track?.trackName == "夜に駆ける")
    #expect(capsule.track?.energy == 0.5)
    #expect(capsule.track?.valence == nil)
    #expect(capsule.message == "Ich war hier ✨")
    #expect(capsule.mood == "wistful")
    #expect(capsule.visibility == .private)
    #expect(capsule.locationName == "Café")
    #expect(capsule.areaGeohash == "u0qj8m")
    #expect(capsule.unlockAt == Timestamp(seconds: -5, nanos: 7))
    #expect(capsule.expiresAt == Timestamp(seconds: 253_402_300_799))
    #expect(capsule.discoveryRadiusMeters == 499.5)
    #expect(capsule.maxDiscoveries == -3)
    #expect(capsule.discoveryCount == .max)
    #expect(capsule.likeCount == .min)
    #expect(capsule.isActive)
    #expect(capsule.createdAt == Timestamp(seconds: 1))
}

@Test func infraDecodesListNearbyCapsulesResponseFromProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.ListNearbyCapsulesResponse", in: "resonance/v1/capsules.proto",
        textFormat: """
            capsules { id: "a" mood: "m" location_name: "Zürich" distance { approx_meters: 250 grid_meters: 50 }
              area_geohash: "u0qj8m" unlocked: true discovered: true liked: true unlock_at { seconds: 10 }
              expires_at { seconds: 20 } discovery_radius_m: 100 discovery_count: 3 like_count: 2
              creator { display_name: "Ö" } track { artist: "夜" } }
            capsules { id: "b" }
            next_page_token: "next 🎧" radius_m: 5000
            """)
    let response = try ListNearbyCapsulesResponse(serializedBytes: bytes)
    #expect(response.capsules.map(\.id) == ["a", "b"])
    let first = try #require(response.capsules.first)
    #expect(first.mood == "m")
    #expect(first.locationName == "Zürich")
    #expect(first.distance?.approxMeters == 250)
    #expect(first.distance?.gridMeters == 50)
    #expect(first.areaGeohash == "u0qj8m")
    #expect(first.unlocked && first.discovered && first.liked)
    #expect(first.unlockAt == Timestamp(seconds: 10))
    #expect(first.expiresAt == Timestamp(seconds: 20))
    #expect(first.discoveryRadiusMeters == 100)
    #expect(first.discoveryCount == 3)
    #expect(first.likeCount == 2)
    #expect(first.creator?.displayName == "Ö")
    #expect(first.track?.artist == "夜")
    #expect(response.capsules[1] == infraWith(NearbyCapsule()) { $0.id = "b" })
    #expect(response.nextPageToken == "next 🎧")
    #expect(response.radiusMeters == 5000)
}

@Test func infraDecodesHealthMessagesFromProtoc() throws {
    let request = try Protoc.encode(
        "grpc.health.v1.HealthCheckRequest", in: "grpc/health/v1/health.proto",
        textFormat: #"service: "resonance.v1.Capsules""#)
    #expect(try HealthCheckRequest(serializedBytes: request).service == "resonance.v1.Capsules")
    let response = try Protoc.encode(
        "grpc.health.v1.HealthCheckResponse", in: "grpc/health/v1/health.proto", textFormat: "status: NOT_SERVING")
    #expect(try HealthCheckResponse(serializedBytes: response).status == .notServing)
    #expect(HealthCheckResponse(status: .notServing).serializedBytes() == response)
}

@Test func infraDecodesReflectionMessagesFromProtoc() throws {
    let request = try Protoc.encode(
        "grpc.reflection.v1.ServerReflectionRequest", in: "grpc/reflection/v1/reflection.proto",
        textFormat: #"host: "höst" file_containing_extension { containing_type: "a.B" extension_number: -9 }"#)
    let decodedRequest = try ServerReflectionRequest(serializedBytes: request)
    #expect(decodedRequest.host == "höst")
    #expect(
        decodedRequest.messageRequest
            == .fileContainingExtension(ExtensionRequest(containingType: "a.B", extensionNumber: -9)))

    let response = try Protoc.encode(
        "grpc.reflection.v1.ServerReflectionResponse", in: "grpc/reflection/v1/reflection.proto",
        textFormat: """
            valid_host: "h" original_request { list_services: "" }
            list_services_response { service { name: "grpc.health.v1.Health" } service { name: "resonance.v1.Capsules" } }
            """)
    let decodedResponse = try ServerReflectionResponse(serializedBytes: response)
    #expect(decodedResponse.validHost == "h")
    #expect(decodedResponse.originalRequest == ServerReflectionRequest(messageRequest: .listServices("")))
    #expect(
        decodedResponse.messageResponse
            == .listServicesResponse(
                ListServiceResponse(service: [
                    ServiceResponse(name: "grpc.health.v1.Health"), ServiceResponse(name: "resonance.v1.Capsules"),
                ])))
    #expect(decodedResponse.serializedBytes() == response)

    let numbers = try Protoc.encode(
        "grpc.reflection.v1.ServerReflectionResponse", in: "grpc/reflection/v1/reflection.proto",
        textFormat: #"all_extension_numbers_response { base_type_name: "x.Y" extension_number: [100, 101] }"#)
    let numbersResponse = try ServerReflectionResponse(serializedBytes: numbers)
    #expect(
        numbersResponse.messageResponse
            == .allExtensionNumbersResponse(
                infraWith(ExtensionNumberResponse()) {
                    $0.baseTypeName = "x.Y"
                    $0.extensionNumber = [100, 101]
                }))
}

@Test func infraV1AlphaReflectionBytesDecodeWithTheV1Types() throws {
    let textFormat = #"host: "h" file_containing_symbol: "resonance.v1.Presence""#
    let alpha = try Protoc.encode(
        "grpc.reflection.v1alpha.ServerReflectionRequest", in: "grpc/reflection/v1alpha/reflection.proto",
        textFormat: textFormat)
    let v1 = try Protoc.encode(
        "grpc.reflection.v1.ServerReflectionRequest", in: "grpc/reflection/v1/reflection.proto",
        textFormat: textFormat)
    #expect(alpha == v1)
    let request = try ServerReflectionRequest(serializedBytes: alpha)
    #expect(
        request == ServerReflectionRequest(host: "h", messageRequest: .fileContainingSymbol("resonance.v1.Presence")))

    let alphaResponse = try Protoc.encode(
        "grpc.reflection.v1alpha.ServerReflectionResponse", in: "grpc/reflection/v1alpha/reflection.proto",
        textFormat: #"file_descriptor_response { file_descriptor_proto: ["\n\x01a", ""] } valid_host: "h""#)
    let response = try ServerReflectionResponse(serializedBytes: alphaResponse)
    #expect(response.validHost == "h")
    #expect(
        response.messageResponse
            == .fileDescriptorResponse(FileDescriptorResponse(fileDescriptorProto: [[0x0A, 0x01, 0x61], []])))
}

@Test func infraDecodesGoogleRPCStatusFromProtoc() throws {
    let bytes = try Protoc.encode(
        "google.rpc.Status", in: "google/rpc/status.proto",
        textFormat: """
            code: 8 message: "slow down ⏳"
            details { type_url: "type.googleapis.com/google.rpc.RetryInfo" value: "\\n\\x02\\x08\\x03" }
            details { type_url: "type.googleapis.com/google.rpc.ErrorInfo" }
            """)
    let status = try GoogleRPC.Status(serializedBytes: bytes)
    #expect(status.code == 8)
    #expect(status.message == "slow down ⏳")
    #expect(
        status.details.map(\.typeURL) == [
            "type.googleapis.com/google.rpc.RetryInfo", "type.googleapis.com/google.rpc.ErrorInfo",
        ])
    let retry = try GoogleRPC.RetryInfo(serializedBytes: status.details[0].value)
    #expect(retry.retryDelay == ProtoDuration(seconds: 3))
    #expect(status.details[1].value.isEmpty)
    #expect(AnyMessage(packing: retry) == status.details[0])
}

@Test func infraDecodesErrorDetailsFromProtoc() throws {
    let file = "google/rpc/error_details.proto"
    let info = try GoogleRPC.ErrorInfo(
        serializedBytes: Protoc.encode(
            "google.rpc.ErrorInfo", in: file,
            textFormat:
                #"reason: "RATE_LIMITED" domain: "resonance.app" metadata { key: "limit" value: "5 🎧" } metadata { key: "ü" value: "" }"#
        ))
    #expect(info.reason == "RATE_LIMITED")
    #expect(info.domain == "resonance.app")
    #expect(info.metadata == ["limit": "5 🎧", "ü": ""])

    let retry = try GoogleRPC.RetryInfo(
        serializedBytes: Protoc.encode(
            "google.rpc.RetryInfo", in: file, textFormat: "retry_delay { seconds: -2 nanos: -500 }"))
    #expect(retry.retryDelay == ProtoDuration(seconds: -2, nanos: -500))

    let precondition = try GoogleRPC.PreconditionFailure(
        serializedBytes: Protoc.encode(
            "google.rpc.PreconditionFailure", in: file,
            textFormat:
                #"violations { type: "LOCATION" subject: "user:u-1" description: "no stored location" } violations {}"#
        ))
    #expect(
        precondition.violations == [
            .init(type: "LOCATION", subject: "user:u-1", description: "no stored location"), .init(),
        ])

    let badRequest = try GoogleRPC.BadRequest(
        serializedBytes: Protoc.encode(
            "google.rpc.BadRequest", in: file,
            textFormat: #"field_violations { field: "message" description: "at most 280 characters" }"#))
    #expect(badRequest.fieldViolations == [.init(field: "message", description: "at most 280 characters")])

    let resource = try GoogleRPC.ResourceInfo(
        serializedBytes: Protoc.encode(
            "google.rpc.ResourceInfo", in: file,
            textFormat: #"resource_type: "capsule" resource_name: "c-1" owner: "user:u-1" description: "gone""#))
    #expect(resource.resourceType == "capsule")
    #expect(resource.resourceName == "c-1")
    #expect(resource.owner == "user:u-1")
    #expect(resource.description == "gone")
}

@Test func infraDecodesDescriptorMessagesFromProtoc() throws {
    let file = "google/protobuf/descriptor.proto"
    let field = try Descriptor.FieldProto(
        serializedBytes: Protoc.encode(
            "google.protobuf.FieldDescriptorProto", in: file,
            textFormat: """
                name: "vibe" number: 7 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".resonance.v1.Vibe"
                extendee: ".x.Y" default_value: "CHILL" oneof_index: 2 json_name: "vibe" proto3_optional: true
                options { deprecated: true }
                """))
    #expect(field.name == "vibe")
    #expect(field.number == 7)
    #expect(field.label == .repeated)
    #expect(field.type == .enum)
    #expect(field.typeName == ".resonance.v1.Vibe")
    #expect(field.extendee == ".x.Y")
    #expect(field.defaultValue == "CHILL")
    #expect(field.oneofIndex == 2)
    #expect(field.jsonName == "vibe")
    #expect(field.proto3Optional == true)

    // Explicit zero and false values are present, unlike absent ones.
    let sparse = try Descriptor.FieldProto(
        serializedBytes: Protoc.encode(
            "google.protobuf.FieldDescriptorProto", in: file, textFormat: #"name: "" number: 0 proto3_optional: false"#)
    )
    #expect(sparse.name == "")
    #expect(sparse.number == 0)
    #expect(sparse.proto3Optional == false)
    #expect(sparse.label == nil && sparse.type == nil && sparse.typeName == nil && sparse.oneofIndex == nil)
    #expect(try Descriptor.FieldProto(serializedBytes: sparse.serializedBytes()) == sparse)

    let message = try Descriptor.MessageProto(
        serializedBytes: Protoc.encode(
            "google.protobuf.DescriptorProto", in: file,
            textFormat: """
                name: "ErrorInfo" field { name: "metadata" number: 3 }
                nested_type { name: "MetadataEntry" options { map_entry: true } }
                enum_type { name: "E" value { name: "E_ZERO" number: 0 } }
                oneof_decl { name: "o" } extension { name: "ext" } options { map_entry: false }
                """))
    #expect(message.name == "ErrorInfo")
    #expect(message.field.map(\.name) == ["metadata"])
    #expect(message.nestedType.first?.options?.mapEntry == true)
    #expect(message.enumType.first?.value == [Descriptor.EnumValueProto(name: "E_ZERO", number: 0)])
    #expect(message.oneofDecl == [Descriptor.OneofProto(name: "o")])
    #expect(message.extension.map(\.name) == ["ext"])
    #expect(message.options == Descriptor.MessageOptions(mapEntry: false))
}

@Test func infraEmbeddedDescriptorSetListsTheServices() throws {
    #expect(EmbeddedDescriptorSet.bytes.count == resonance_descriptor_set_length)
    let set = try Descriptor.FileSet(serializedBytes: EmbeddedDescriptorSet.bytes)

    let presence = try #require(set.file.first { $0.name == "resonance/v1/presence.proto" })
    #expect(presence.package == "resonance.v1")
    #expect(presence.syntax == "proto3")
    #expect(presence.dependency.contains("resonance/v1/common.proto"))
    let service = try #require(presence.service.first { $0.name == "Presence" })
    #expect(
        service.method.map(\.name) == [
            "GoLive", "GoOffline", "Heartbeat", "UpdateLocation", "UpdateSettings", "GetMyStatus", "SetNowPlaying",
            "ListListeningHistory",
        ])
    let goLive = try #require(service.method.first)
    #expect(goLive.inputType == ".resonance.v1.GoLiveRequest")
    #expect(goLive.outputType == ".resonance.v1.GoLiveResponse")
    #expect(goLive.clientStreaming != true && goLive.serverStreaming != true)

    let health = try #require(set.file.first { $0.name == "grpc/health/v1/health.proto" })
    #expect(health.package == "grpc.health.v1")
    let healthService = try #require(health.service.first { $0.name == "Health" })
    let watch = try #require(healthService.method.first { $0.name == "Watch" })
    #expect(watch.serverStreaming == true)
    #expect(watch.clientStreaming != true)
    #expect(watch.outputType == ".grpc.health.v1.HealthCheckResponse")
    let check = try #require(healthService.method.first { $0.name == "Check" })
    #expect(check.serverStreaming != true)
    let response = try #require(health.messageType.first { $0.name == "HealthCheckResponse" })
    #expect(response.enumType.first?.name == "ServingStatus")
    #expect(response.enumType.first?.value.map(\.number) == [0, 1, 2, 3])

    let errorDetails = try #require(set.file.first { $0.name == "google/rpc/error_details.proto" })
    let errorInfo = try #require(errorDetails.messageType.first { $0.name == "ErrorInfo" })
    #expect(errorInfo.nestedType.first?.options?.mapEntry == true)
    let metadata = try #require(errorInfo.field.first { $0.name == "metadata" })
    #expect(metadata.label == .repeated)
    #expect(metadata.type == .message)
    #expect(metadata.typeName == ".google.rpc.ErrorInfo.MetadataEntry")
    #expect(metadata.jsonName == "metadata")
}

@Test func infraDecodesInteropMessagesFromProtoc() throws {
    let file = "grpc/testing/messages.proto"
    let simple = try InteropTesting.SimpleRequest(
        serializedBytes: Protoc.encode(
            "grpc.testing.SimpleRequest", in: file,
            textFormat: """
                response_type: COMPRESSABLE response_size: 314159 payload { body: "\\x00\\xff" }
                fill_username: true fill_oauth_scope: true response_compressed { value: false }
                response_status { code: 2 message: "échec" } expect_compressed { value: true }
                fill_server_id: true fill_grpclb_route_type: true
                orca_per_query_report { cpu_utilization: 0.5 memory_utilization: 0.25 request_cost { key: "db" value: 1.5 } utilization { key: "q" value: 2 } }
                orca_oob_report { cpu_utilization: 1 }
                """))
    #expect(simple.responseType == .compressable)
    #expect(simple.responseSize == 314_159)
    #expect(simple.payload == InteropTesting.Payload(body: [0x00, 0xFF]))
    #expect(simple.fillUsername && simple.fillOauthScope && simple.fillServerID && simple.fillGrpclbRouteType)
    #expect(simple.responseCompressed == InteropTesting.BoolValue(false))
    #expect(simple.responseStatus == InteropTesting.EchoStatus(code: 2, message: "échec"))
    #expect(simple.expectCompressed == InteropTesting.BoolValue(true))
    #expect(simple.orcaPerQueryReport?.cpuUtilization == 0.5)
    #expect(simple.orcaPerQueryReport?.memoryUtilization == 0.25)
    #expect(simple.orcaPerQueryReport?.requestCost == ["db": 1.5])
    #expect(simple.orcaPerQueryReport?.utilization == ["q": 2])
    #expect(simple.orcaOobReport == infraWith(InteropTesting.TestOrcaReport()) { $0.cpuUtilization = 1 })

    let streaming = try InteropTesting.StreamingOutputCallRequest(
        serializedBytes: Protoc.encode(
            "grpc.testing.StreamingOutputCallRequest", in: file,
            textFormat: """
                response_parameters { size: 31415 interval_us: 1000 compressed { value: true } }
                response_parameters { size: 9 } payload { body: "abc" } response_status { code: 13 }
                """))
    #expect(
        streaming.responseParameters == [
            InteropTesting.ResponseParameters(
                size: 31_415, intervalUs: 1_000, compressed: InteropTesting.BoolValue(true)),
            InteropTesting.ResponseParameters(size: 9),
        ])
    #expect(streaming.payload?.body == Array("abc".utf8))
    #expect(streaming.responseStatus == InteropTesting.EchoStatus(code: 13, message: ""))
    #expect(streaming.orcaOobReport == nil)

    let response = try InteropTesting.SimpleResponse(
        serializedBytes: Protoc.encode(
            "grpc.testing.SimpleResponse", in: file,
            textFormat:
                #"username: "u" oauth_scope: "s" server_id: "id" grpclb_route_type: GRPCLB_ROUTE_TYPE_FALLBACK hostname: "h""#
        ))
    #expect(response.username == "u")
    #expect(response.oauthScope == "s")
    #expect(response.serverID == "id")
    #expect(response.grpclbRouteType == .fallback)
    #expect(response.hostname == "h")
    #expect(response.payload == nil)

    let info = try InteropTesting.ReconnectInfo(
        serializedBytes: Protoc.encode(
            "grpc.testing.ReconnectInfo", in: file, textFormat: "passed: true backoff_ms: [100, 200, -1]"))
    #expect(info.passed)
    #expect(info.backoffMs == [100, 200, -1])

    let empty = try Protoc.encode("grpc.testing.Empty", in: "grpc/testing/empty.proto", textFormat: "")
    #expect(empty.isEmpty)
    #expect(try InteropTesting.Empty(serializedBytes: empty) == InteropTesting.Empty())
}
