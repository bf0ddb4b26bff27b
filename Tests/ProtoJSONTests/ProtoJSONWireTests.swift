import ProtoJSON
import Testing

/// Decoding details of the wire format and the JSON text layer.
@Suite struct ProtoJSONWireTests {
    private let converter = KitchenSchema.converter

    private func json(_ bytes: [UInt8], type: String = "kitchen.v1.Sink") throws -> String {
        JSONWriter.compact(try converter.json(from: bytes, type: type))
    }

    @Test func packedAndUnpackedRepeatedFieldsBothDecode() throws {
        // numbers = 18: packed [1, 300] and then unpacked 5.
        let bytes: [UInt8] = [0x92, 0x01, 0x03, 0x01, 0xAC, 0x02, 0x90, 0x01, 0x05]
        #expect(try json(bytes) == #"{"numbers":[1,300,5]}"#)
    }

    @Test func repeatedMessageFieldOccurrencesMergeAndLastScalarWins() throws {
        // inner = 17 twice: {label: "a"} then {weight: 2}; an_int32 = 5 twice: 1 then 2.
        let bytes: [UInt8] = [0x8A, 0x01, 0x03, 0x0A, 0x01, 0x61, 0x8A, 0x01, 0x02, 0x10, 0x02, 0x28, 0x01, 0x28, 0x02]
        #expect(try json(bytes) == #"{"anInt32":2,"inner":{"label":"a","weight":"2"}}"#)
    }

    @Test func unknownFieldsAreSkippedAndMalformedBytesFail() throws {
        #expect(try json([0xF8, 0x3E, 0x01]) == "{}")  // field 999, varint
        #expect(throws: ProtoJSONError("malformed protobuf bytes")) { try json([0x0A, 0x05, 0x01]) }
        // a_string (9) sent as a varint.
        #expect(throws: ProtoJSONError("a_string: the wire type does not match the field's type 9")) {
            try json([0x48, 0x01])
        }
    }

    @Test func negativeInt32IsTenByteVarint() throws {
        let bytes = try converter.bytes(from: try JSONParser.parse(#"{"anInt32": -1}"#), type: "kitchen.v1.Sink")
        #expect(bytes == [0x28] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test(arguments: [
        ("{", "invalid JSON at offset 1: expected a member name"),
        (#"{"a" 1}"#, "invalid JSON at offset 5: expected ':'"),
        (#"{"a": 01}"#, "invalid JSON at offset 7: expected ',' or '}'"),
        (#"{"a": tru}"#, "invalid JSON at offset 6: expected true"),
        (#"{"a": "x}"#, "invalid JSON at offset 9: unterminated string"),
        (#"{"a": 1,}"#, "invalid JSON at offset 8: expected a member name"),
        (#"[1 2]"#, "invalid JSON at offset 3: expected ',' or ']'"),
        (#""\ud800""#, "invalid JSON at offset 7: unpaired surrogate"),
        ("{} {}", "invalid JSON at offset 3: unexpected text after the JSON value"),
        ("", "invalid JSON at offset 0: unexpected end of input"),
    ])
    func malformedJSONIsAnErrorWithItsOffset(text: String, message: String) {
        #expect(throws: ProtoJSONError(message)) { try JSONParser.parse(text) }
    }

    @Test func parserKeepsOrderNumbersAndEscapes() throws {
        let value = try JSONParser.parse(#" {"b": -0.5e+3, "a": "\u00e9\n\ud83c\udfb5\/"} "#)
        #expect(value == .object([.init("b", .number("-0.5e+3")), .init("a", .string("é\n🎵/"))]))
        #expect(try JSONParser.parseSequence(#"{"a":1} {"a":2}"#).count == 2)
        #expect(try JSONParser.parseSequence("  \n").isEmpty)
    }

    @Test func writerEscapesLikeGoAndIndentsLikeGrpcurl() {
        #expect(
            JSONWriter.compact(.string("<a>&\"\\\u{01}\t\u{2028}é")) == #""\u003ca\u003e\u0026\"\\\u0001\t\u2028é""#)
        let value = JSONValue.object([
            .init("a", .array([.number("1"), .object([])])), .init("b", .object([.init("c", .bool(true))])),
        ])
        #expect(
            JSONWriter.pretty(value)
                == "{\n  \"a\": [\n    1,\n    {\n      \n    }\n  ],\n  \"b\": {\n    \"c\": true\n  }\n}")
        #expect(JSONWriter.pretty(.object([])) == "{\n  \n}")
    }
}

@Suite struct JSONStreamSplitterTests {
    @Test func valuesAreCutAtTheirEndWhateverTheChunks() {
        let text = #" {"a": "}{\"", "b": [1, {"c": 2}]}{"d":3}  [4] "x y" 5 true"#
        for chunkSize in [1, 2, 3, 7, 100] {
            var splitter = JSONStreamSplitter()
            var values: [String] = []
            let bytes = Array(text.utf8)
            for offset in stride(from: 0, to: bytes.count, by: chunkSize) {
                values += splitter.feed(bytes[offset..<min(offset + chunkSize, bytes.count)])
            }
            if let rest = splitter.finish() { values.append(rest) }
            #expect(
                values == [#"{"a": "}{\"", "b": [1, {"c": 2}]}"#, #"{"d":3}"#, "[4]", #""x y""#, "5", "true"],
                "chunks of \(chunkSize)")
        }
    }

    @Test func anIncompleteValueIsLeftForFinish() {
        var splitter = JSONStreamSplitter()
        #expect(splitter.feed(Array(#"{"a": 1} {"b": "#.utf8)) == [#"{"a": 1}"#])
        #expect(splitter.finish() == #"{"b": "#)
        #expect(splitter.finish() == nil)
    }
}

@Suite struct ProtoJSONDepthTests {
    @Test func deeplyNestedValuesAreRefusedNotACrash() throws {
        // google.protobuf.Value nested 200 times through list_value (6) → values (1).
        var bytes: [UInt8] = [0x10 | 0x08 | 0x00, 0x01]  // bool_value (4) = true
        for _ in 0..<200 {
            let list: [UInt8] = [0x0A] + varint(bytes.count) + bytes
            bytes = [0x32] + varint(list.count) + list
        }
        let anything: [UInt8] = [0x82, 0x02] + varint(bytes.count) + bytes  // Sink.anything = 32
        #expect(throws: ProtoJSONError("anything: values are nested deeper than 100 levels")) {
            try KitchenSchema.converter.json(from: anything, type: "kitchen.v1.Sink")
        }
    }

    private func varint(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }
}
