import Testing

@testable import RPC

@Suite struct StatusTests {
    @Test func allSeventeenCodesHaveNames() {
        #expect(StatusCode.allCases.count == 17)
        #expect(StatusCode.unimplemented.rawValue == 12)
        #expect(StatusCode.unimplemented.name == "UNIMPLEMENTED")
        #expect(StatusCode.resourceExhausted.description == "RESOURCE_EXHAUSTED (8)")
        for code in StatusCode.allCases {
            #expect(StatusCode(name: code.name) == code)
            #expect(StatusCode(headerValue: code.headerValue) == code)
        }
    }

    @Test func statusHeaderValueRejectsGarbage() {
        #expect(StatusCode(headerValue: "17") == nil)
        #expect(StatusCode(headerValue: "-1") == nil)
        #expect(StatusCode(headerValue: "") == nil)
        #expect(StatusCode(headerValue: " 1") == nil)
        #expect(StatusCode(headerValue: "0001") == nil)
    }

    @Test func statusDetailsRoundTrip() throws {
        let error = RPCError.invalidArgument(
            "bad coordinates",
            violations: [
                FieldViolation(field: "location.latitude", description: "must be within [-90, 90]"),
                FieldViolation(field: "radius_m", description: "must be positive"),
            ])
        let decoded = try GoogleRPCStatus(serialized: error.encodedStatus())
        #expect(decoded.code == 3)
        #expect(decoded.message == "bad coordinates")
        #expect(decoded.details.count == 1)
        #expect(decoded.details[0].typeURL == "type.googleapis.com/google.rpc.BadRequest")
        let badRequest = try BadRequest(serialized: decoded.details[0].value)
        #expect(badRequest.fieldViolations.count == 2)
        #expect(badRequest.fieldViolations[0].field == "location.latitude")
        #expect(badRequest.fieldViolations[1].description == "must be positive")
        #expect(error.details(BadRequest.self) == [badRequest])
    }

    @Test func statusEncodingMatchesProtobufBytes() {
        // code=5, message="x", one Any{type_url="t", value=[0x01]}, checked against protoc's encoding.
        let status = GoogleRPCStatus(
            code: 5, message: "x", details: [RPCErrorDetail(typeURL: "t", value: [0x01])])
        #expect(status.encoded() == [0x08, 0x05, 0x12, 0x01, 0x78, 0x1A, 0x06, 0x0A, 0x01, 0x74, 0x12, 0x01, 0x01])
        // An OK status with nothing set is empty.
        #expect(GoogleRPCStatus(code: 0, message: "", details: []).encoded() == [])
    }

    @Test func negativeCodeAndUnknownFieldsDecode() throws {
        var writer = ProtoWriter()
        writer.writeInt(field: 1, -1)
        writer.writeInt(field: 9, 77)  // unknown varint field
        writer.writeString(field: 2, "héllo")
        writer.writeBytes(field: 15, [1, 2, 3])  // unknown bytes field
        #expect(writer.bytes.count > 10)
        let decoded = try GoogleRPCStatus(serialized: writer.bytes)
        #expect(decoded.code == -1)
        #expect(decoded.message == "héllo")
    }

    @Test func malformedStatusThrows() {
        #expect(throws: ProtoDecodingError.self) { try GoogleRPCStatus(serialized: [0x12, 0x05, 0x61]) }
        #expect(throws: ProtoDecodingError.self) { try GoogleRPCStatus(serialized: [0x08]) }
        #expect(throws: ProtoDecodingError.self) { try GoogleRPCStatus(serialized: [0x0B]) }  // group
    }

    @Test func retryInfoRoundTrip() throws {
        let error = RPCError.resourceExhausted("slow down", retryAfter: .milliseconds(1500))
        #expect(error.code == .resourceExhausted)
        let info = try #require(error.details(RetryInfo.self).first)
        #expect(info.retryDelay == .milliseconds(1500))
        // Duration{seconds=1, nanos=500000000} inside field 1.
        #expect(
            RetryInfo(retryDelay: .milliseconds(1500)).serialized() == [
                0x0A, 0x08, 0x08, 0x01, 0x10, 0x80, 0xCA, 0xB5, 0xEE, 0x01,
            ])
        #expect(error.details[0].typeURL == "type.googleapis.com/google.rpc.RetryInfo")
    }

    @Test func convenienceConstructors() {
        #expect(RPCError.notFound("no such capsule").code == .notFound)
        #expect(RPCError.unauthenticated("token").code == .unauthenticated)
        #expect(RPCError.internal().message == "internal error")
        #expect(RPCError.invalidArgument("plain").details.isEmpty)
        let field = RPCError.invalidArgument(field: "name", "too long")
        #expect(
            field.details(BadRequest.self).first?.fieldViolations == [
                FieldViolation(field: "name", description: "too long")
            ])
        #expect(RPCError.resourceExhausted("x").details.isEmpty)
        #expect(RPCError.failedPrecondition("not live").description == "FAILED_PRECONDITION: not live")
    }
}
