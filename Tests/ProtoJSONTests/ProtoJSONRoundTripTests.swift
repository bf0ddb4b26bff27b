import ProtoJSON
import Testing

/// JSON → protobuf → JSON through the kitchen.v1.Sink schema: every scalar type, enums,
/// nesting, repeated, maps, oneofs and the well-known types.
@Suite struct ProtoJSONRoundTripTests {
    private let converter = KitchenSchema.converter

    /// The printed JSON of `input` after a trip through the wire format.
    private func roundTrip(_ input: String, type: String = "kitchen.v1.Sink", protoNames: Bool = false) throws -> String
    {
        var converter = converter
        converter.useProtoNames = protoNames
        let bytes = try converter.bytes(from: try JSONParser.parse(input), type: type)
        return JSONWriter.compact(try converter.json(from: bytes, type: type))
    }

    @Test func everyScalarTypeRoundTrips() throws {
        let input = """
            {"aDouble": 1.5, "aFloat": 0.1, "anInt64": "-9007199254740993", "aUint64": "18446744073709551615",
             "anInt32": -5, "aFixed64": "7", "aFixed32": 9, "aBool": true, "aString": "héllo", "someBytes": "AAEC/w==",
             "aUint32": 4294967295, "anSfixed32": -1, "anSfixed64": "-2", "aSint32": -3, "aSint64": "-4"}
            """
        #expect(
            try roundTrip(input)
                == """
                {"aDouble":1.5,"aFloat":0.1,"anInt64":"-9007199254740993","aUint64":"18446744073709551615",\
                "anInt32":-5,"aFixed64":"7","aFixed32":9,"aBool":true,"aString":"héllo","someBytes":"AAEC/w==",\
                "aUint32":4294967295,"anSfixed32":-1,"anSfixed64":"-2","aSint32":-3,"aSint64":"-4"}
                """)
    }

    @Test func extremeIntegersSurviveExactly() throws {
        let input = """
            {"anInt64": "-9223372036854775808", "aSint64": "9223372036854775807", "anSfixed64": "-9223372036854775808",
             "anInt32": -2147483648, "aSint32": 2147483647, "aUint32": 4294967295, "aFixed64": "18446744073709551615"}
            """
        #expect(
            try roundTrip(input)
                == """
                {"anInt64":"-9223372036854775808","anInt32":-2147483648,"aFixed64":"18446744073709551615",\
                "aUint32":4294967295,"anSfixed64":"-9223372036854775808","aSint32":2147483647,\
                "aSint64":"9223372036854775807"}
                """)
    }

    @Test func integersAreAcceptedAsNumbersOrStrings() throws {
        #expect(
            try roundTrip(#"{"anInt64": 5, "anInt32": "7", "aUint64": 1e3, "aUint32": "2.0"}"#)
                == #"{"anInt64":"5","aUint64":"1000","anInt32":7,"aUint32":2}"#)
    }

    @Test(arguments: [
        (#"{"anInt32": 1.5}"#, "an_int32: 1.5 is not an integer"),
        (#"{"anInt32": 2147483648}"#, "an_int32: 2147483648 is out of range for Int32"),
        (#"{"aUint64": -1}"#, "a_uint64: -1 is out of range for UInt64"),
        (#"{"anInt64": "12abc"}"#, "an_int64: \"12abc\" is not an integer"),
        (#"{"anInt64": true}"#, "an_int64: expected an integer, got a boolean"),
        (#"{"aBool": "true"}"#, "a_bool: expected true or false, got a string"),
        (#"{"aString": 5}"#, "a_string: expected a string, got a number"),
        (#"{"someBytes": "%%%"}"#, "some_bytes: \"%%%\" is not valid base64"),
        (#"{"aFloat": 1e39}"#, "a_float: 1e39 is out of range for a float"),
        (#"{"numbers": 5}"#, "numbers: expected an array, got a number"),
        (#"{"inner": []}"#, "inner: expected an object for kitchen.v1.Sink.Inner, got an array"),
        (#"{"flavor": "FLAVOR_BITTER"}"#, "flavor: enum kitchen.v1.Flavor has no value named \"FLAVOR_BITTER\""),
        (#"{"nope": 1}"#, "message type kitchen.v1.Sink has no field named \"nope\""),
        (#"{"inner": {"weight": "x", "label": "y"}}"#, "inner: weight: \"x\" is not an integer"),
        (#"{"aString": "a", "a_string": "b"}"#, "field \"a_string\" is set more than once"),
        (
            #"{"choiceText": "a", "choiceInner": {}}"#,
            "fields \"choiceText\" and \"choiceInner\" of oneof choice are both set"
        ),
        (#"{"byFlag": {"yes": "y"}}"#, "by_flag: [yes]: a bool map key must be true or false"),
        (#"{"byId": {"x": {}}}"#, "by_id: [x]: \"x\" is not an integer"),
        (#"{"numbers": [1, "a"]}"#, "numbers: [1]: \"a\" is not an integer"),
    ])
    func invalidValuesAreClearErrors(input: String, message: String) throws {
        let json = try JSONParser.parse(input)
        #expect(throws: ProtoJSONError(message)) { try converter.bytes(from: json, type: "kitchen.v1.Sink") }
    }

    @Test func floatsIncludingNaNAndInfinity() throws {
        #expect(
            try roundTrip(#"{"aDouble": "NaN", "aFloat": "-Infinity", "ratio": "Infinity"}"#)
                == #"{"aDouble":"NaN","aFloat":"-Infinity","ratio":"Infinity"}"#)
        // Go's shortest %g layout, as grpcurl prints.
        #expect(try roundTrip(#"{"aDouble": 1e21, "aFloat": 3.4e38}"#) == #"{"aDouble":1e+21,"aFloat":3.4e+38}"#)
        #expect(
            try roundTrip(#"{"aDouble": 123456789012, "aFloat": 1e-7}"#)
                == #"{"aDouble":1.23456789012e+11,"aFloat":1e-07}"#)
        #expect(
            try roundTrip(#"{"aDouble": 0.0001, "aFloat": 16777217}"#)
                == #"{"aDouble":0.0001,"aFloat":1.6777216e+07}"#)
        #expect(try roundTrip(#"{"aDouble": "2.5", "aFloat": 100000}"#) == #"{"aDouble":2.5,"aFloat":100000}"#)
    }

    @Test func bytesAcceptStandardAndURLSafeBase64() throws {
        #expect(try roundTrip(#"{"someBytes": "_-8"}"#) == #"{"someBytes":"/+8="}"#)
        #expect(try roundTrip(#"{"someBytes": "YWI"}"#) == #"{"someBytes":"YWI="}"#)
        #expect(try roundTrip(#"{"blob": ""}"#) == #"{"blob":""}"#)
    }

    @Test func enumsByNameOrNumberAndUnknownNumbersStayNumbers() throws {
        #expect(
            try roundTrip(#"{"flavor": 2, "flavors": ["FLAVOR_SWEET", 7, 0]}"#)
                == #"{"flavor":"FLAVOR_SOUR","flavors":["FLAVOR_SWEET",7,"FLAVOR_UNSPECIFIED"]}"#)
        #expect(try roundTrip(#"{"flavor": 9}"#) == #"{"flavor":9}"#)
    }

    @Test func defaultsAreOmittedUnlessTheFieldHasPresence() throws {
        #expect(
            try roundTrip(#"{"anInt32": 0, "aString": "", "aBool": false, "flavor": "FLAVOR_UNSPECIFIED"}"#) == "{}")
        #expect(
            try roundTrip(#"{"maybe": 0, "choiceText": "", "inner": {}}"#)
                == #"{"inner":{},"choiceText":"","maybe":0}"#)
        #expect(try roundTrip(#"{"aString": null, "numbers": []}"#) == "{}")
    }

    @Test func nestedRepeatedMapsAndOneofs() throws {
        let input = """
            {"inner": {"label": "x", "weight": "3"}, "inners": [{"label": "a"}, {}], "numbers": [3, 1, 2],
             "counts": {"b": "2", "a": 1, "B": "0"}, "byId": {"10": {"label": "ten"}, "9": {}, "-1": {}},
             "choiceInner": {"label": "c"}, "words": ["a", ""], "byFlag": {"true": "y", "false": "n"}}
            """
        #expect(
            try roundTrip(input)
                == """
                {"inner":{"label":"x","weight":"3"},"numbers":[3,1,2],"inners":[{"label":"a"},{}],\
                "counts":{"B":"0","a":"1","b":"2"},"byId":{"-1":{},"9":{},"10":{"label":"ten"}},\
                "choiceInner":{"label":"c"},"words":["a",""],"byFlag":{"false":"n","true":"y"}}
                """)
    }

    @Test func protoNamesAreAcceptedAndCanBePrinted() throws {
        #expect(
            try roundTrip(#"{"an_int32": 4, "choice_text": "t"}"#, protoNames: true)
                == #"{"an_int32":4,"choice_text":"t"}"#)
    }

    @Test func timestampsAndDurations() throws {
        #expect(
            try roundTrip(#"{"when": "2024-05-06T07:08:09Z", "took": "3s"}"#)
                == #"{"when":"2024-05-06T07:08:09Z","took":"3s"}"#)
        #expect(
            try roundTrip(#"{"when": "2024-05-06T07:08:09.1Z", "took": "1.5s"}"#)
                == #"{"when":"2024-05-06T07:08:09.100Z","took":"1.500s"}"#)
        #expect(
            try roundTrip(#"{"when": "1969-12-31T23:59:59.000001Z", "took": "-0.000001s"}"#)
                == #"{"when":"1969-12-31T23:59:59.000001Z","took":"-0.000001s"}"#)
        #expect(
            try roundTrip(#"{"when": "2024-02-29T01:00:00.123456789+02:00", "took": "-2.000000001s"}"#)
                == #"{"when":"2024-02-28T23:00:00.123456789Z","took":"-2.000000001s"}"#)
        #expect(try roundTrip(#"{"when": "0001-01-01T00:00:00Z"}"#) == #"{"when":"0001-01-01T00:00:00Z"}"#)
        #expect(
            try roundTrip(#"{"when": "9999-12-31T23:59:59.999999999Z"}"#)
                == #"{"when":"9999-12-31T23:59:59.999999999Z"}"#)
        for bad in ["2024-02-30T00:00:00Z", "2024-05-06 07:08:09Z", "2024-05-06T07:08:09", "2024-05-06T07:08:09.Z"] {
            #expect(throws: ProtoJSONError.self) { try roundTrip(#"{"when": "\#(bad)"}"#) }
        }
        for bad in ["3", "1.5", "s", "1.1234567891s", "+1s"] {
            #expect(throws: ProtoJSONError.self) { try roundTrip(#"{"took": "\#(bad)"}"#) }
        }
    }

    @Test func wrappersAreBareValues() throws {
        #expect(
            try roundTrip(#"{"bigWrapper": 12, "textWrapper": "", "flagWrapper": false, "ratio": 0.5, "blob": "YWI="}"#)
                == #"{"bigWrapper":"12","textWrapper":"","flagWrapper":false,"ratio":0.5,"blob":"YWI="}"#)
        #expect(try roundTrip(#"{"bigWrapper": "0"}"#) == #"{"bigWrapper":"0"}"#)
        #expect(try roundTrip(#"{"bigWrapper": null}"#) == "{}")
    }

    @Test func structValueAndListValueArePlainJSON() throws {
        let input = """
            {"attributes": {"k": [1, "two", null, true, {"n": 1.25}], "a": {}},
             "anything": 123456789012, "list": [1e21, 1e-7, [], {}]}
            """
        #expect(
            try roundTrip(input)
                == """
                {"attributes":{"a":{},"k":[1,"two",null,true,{"n":1.25}]},"anything":123456789012,\
                "list":[1e+21,1e-7,[],{}]}
                """)
        #expect(try roundTrip(#"{"anything": null}"#) == #"{"anything":null}"#)
        #expect(try roundTrip(#"{"anything": {"x": "y"}}"#) == #"{"anything":{"x":"y"}}"#)
    }

    @Test func anyFieldMaskAndEmpty() throws {
        #expect(
            try roundTrip(#"{"packed": {"@type": "type.googleapis.com/kitchen.v1.Line", "text": "hi"}}"#)
                == #"{"packed":{"@type":"type.googleapis.com/kitchen.v1.Line","text":"hi"}}"#)
        #expect(
            try roundTrip(#"{"packed": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1s"}}"#)
                == #"{"packed":{"@type":"type.googleapis.com/google.protobuf.Duration","value":"1s"}}"#)
        #expect(throws: ProtoJSONError("packed: the Any's type type.googleapis.com/no.Such is not in the schema")) {
            try roundTrip(#"{"packed": {"@type": "type.googleapis.com/no.Such"}}"#)
        }
        #expect(try roundTrip(#"{"mask": "aDouble,inner.label"}"#) == #"{"mask":"aDouble,inner.label"}"#)
        #expect(try roundTrip(#"{"nothing": {}}"#) == #"{"nothing":{}}"#)
    }

    @Test func otherMessagesAndMapsOfMessages() throws {
        #expect(
            try roundTrip(#"{"count": 3, "interval_ms": 5}"#, type: "kitchen.v1.CountRequest")
                == #"{"count":3,"intervalMs":5}"#)
        #expect(throws: ProtoJSONError("message type no.Such is not in the schema")) {
            try converter.bytes(from: .object([]), type: "no.Such")
        }
    }
}
