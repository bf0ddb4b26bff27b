import Testing

@testable import RPC

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", "", ""), ("f", "Zg", "Zg=="), ("fo", "Zm8", "Zm8="), ("foo", "Zm9v", "Zm9v"),
        ("foob", "Zm9vYg", "Zm9vYg=="), ("fooba", "Zm9vYmE", "Zm9vYmE="), ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
    ])
    func vectors(plain: String, unpadded: String, padded: String) {
        let bytes = Array(plain.utf8)
        #expect(Base64.encode(bytes) == unpadded)
        #expect(Base64.encode(bytes, padded: true) == padded)
        #expect(Base64.decode(unpadded) == bytes)
        #expect(Base64.decode(padded) == bytes)
    }

    @Test func allByteValuesRoundTrip() {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0...bytes.count {
            let slice = Array(bytes[0..<length])
            #expect(Base64.decode(Base64.encode(slice)) == slice)
            #expect(Base64.decode(Base64.encode(slice, padded: true)) == slice)
        }
    }

    @Test func rejectsInvalid() {
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Z") == nil)
        #expect(Base64.decode("Zg=") == nil)
        #expect(Base64.decode("Z=g=") == nil)
        #expect(Base64.decode("Zm 9v") == nil)
    }
}

@Suite struct MetadataTests {
    @Test func orderedMultimap() throws {
        var metadata = Metadata()
        try metadata.add("X-Trace", "a")
        try metadata.add("other", "b")
        try metadata.add("x-trace", "c")
        #expect(metadata.count == 3)
        #expect(metadata.values(for: "x-trace") == [.string("a"), .string("c")])
        #expect(metadata.first("X-TRACE") == "a")
        #expect(metadata.map(\.key) == ["x-trace", "other", "x-trace"])
        try metadata.set("x-trace", "d")
        #expect(metadata.values(for: "x-trace") == [.string("d")])
        metadata.removeAll("other")
        #expect(metadata.count == 1)
    }

    @Test func validation() {
        var metadata = Metadata()
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("bad key", "v") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("", "v") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("grpc-status", "0") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("content-type", "x") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("te", "trailers") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add(":path", "/") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("key", "line\nbreak") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("trace-bin", "text") }
        #expect(throws: Metadata.ValidationError.self) { try metadata.add("trace", binary: [1]) }
        #expect(metadata.isEmpty)
        #expect(throws: Never.self) { try metadata.add("a-b_c.9", "ok value ~") }
    }

    @Test func binaryValuesAreUnpaddedBase64OnTheWire() throws {
        var metadata = Metadata()
        try metadata.add("trace-bin", binary: [0xFF, 0x00, 0x10, 0x20])
        try metadata.add("user", "alice")
        #expect(metadata.headerFields == [HeaderField("trace-bin", "/wAQIA"), HeaderField("user", "alice")])
    }

    @Test func parsingHeadersSkipsReservedAndDecodesBinary() {
        let headers: [HeaderField] = [
            HeaderField(":path", "/a/b"), HeaderField(":authority", "x"),
            HeaderField("content-type", "application/grpc"),
            HeaderField("te", "trailers"), HeaderField("grpc-timeout", "1S"), HeaderField("grpc-encoding", "gzip"),
            HeaderField("user-agent", "grpc-go/1.0"), HeaderField("padded-bin", "/wAQIA=="),
            HeaderField("unpadded-bin", "/wAQIA"), HeaderField("broken-bin", "!!!"),
            HeaderField("authorization", "Bearer t"),
        ]
        let metadata = Metadata(headers: headers)
        #expect(metadata.map(\.key) == ["user-agent", "padded-bin", "unpadded-bin", "authorization"])
        #expect(metadata.firstBinary("padded-bin") == [0xFF, 0x00, 0x10, 0x20])
        #expect(metadata.firstBinary("unpadded-bin") == [0xFF, 0x00, 0x10, 0x20])
        #expect(metadata.first("authorization") == "Bearer t")
    }
}

@Suite struct PercentEncodingTests {
    @Test(arguments: [
        ("hello world", "hello world"),
        ("100%", "100%25"),
        ("a\r\nb", "a%0D%0Ab"),
        ("caf\u{E9}", "caf%C3%A9"),
        ("\u{1F600}", "%F0%9F%98%80"),
        ("~ tilde and DEL\u{7F}", "~ tilde and DEL%7F"),
        ("", ""),
    ])
    func encodeAndDecode(plain: String, encoded: String) {
        #expect(GRPCMessageEncoding.encode(plain) == encoded)
        #expect(GRPCMessageEncoding.decode(encoded) == plain)
    }

    @Test func decodingIsLenient() {
        #expect(GRPCMessageEncoding.decode("%") == "%")
        #expect(GRPCMessageEncoding.decode("50%") == "50%")
        #expect(GRPCMessageEncoding.decode("%zz ok") == "%zz ok")
        #expect(GRPCMessageEncoding.decode("%4") == "%4")
        #expect(GRPCMessageEncoding.decode("%c3%a9") == "\u{E9}")
        #expect(GRPCMessageEncoding.decode("%41%") == "A%")
        // A lone invalid UTF-8 byte is repaired rather than crashing.
        #expect(GRPCMessageEncoding.decode("%FF") == "\u{FFFD}")
    }
}

@Suite struct MetadataWireTests {
    @Test func upperCaseAndNonPrintableReceivedFieldsAreSkipped() {
        let metadata = Metadata(headers: [
            HeaderField("X-Upper", "v"), HeaderField("ok", "fine"), HeaderField("ctl", "a\u{1}b"),
            HeaderField("connection", "close"), HeaderField("content-length", "4"),
        ])
        #expect(metadata.map(\.key) == ["ok"])
    }
}
