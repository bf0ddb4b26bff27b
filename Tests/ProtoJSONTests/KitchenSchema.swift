import Foundation
import Messages
import ProtoJSON

/// The schema of `Tests/EndToEnd/cli_fixture/kitchen.proto` with its imports, as a
/// FileDescriptorSet in base64. Regenerate after changing the proto with:
/// `python3 -m grpc_tools.protoc -I Tests/EndToEnd/cli_fixture -I <grpc_tools>/_proto --include_imports
///  --descriptor_set_out=/dev/stdout Tests/EndToEnd/cli_fixture/kitchen.proto | base64 -w100`
enum KitchenSchema {
    static let pool: SchemaPool = {
        let bytes = Array(Data(base64Encoded: base64Lines.joined())!)
        return SchemaPool(files: try! Descriptor.FileSet(serializedBytes: bytes).file)
    }()

    static let converter = ProtoJSON(pool: pool)

    private static let base64Lines = [
        "CuQBChlnb29nbGUvcHJvdG9idWYvYW55LnByb3RvEg9nb29nbGUucHJvdG9idWYiNgoDQW55EhkKCHR5cGVfdXJsGAEgASgJUgd0",
        "eXBlVXJsEhQKBXZhbHVlGAIgASgMUgV2YWx1ZUJ2ChNjb20uZ29vZ2xlLnByb3RvYnVmQghBbnlQcm90b1ABWixnb29nbGUuZ29s",
        "YW5nLm9yZy9wcm90b2J1Zi90eXBlcy9rbm93bi9hbnlwYqICA0dQQqoCHkdvb2dsZS5Qcm90b2J1Zi5XZWxsS25vd25UeXBlc2IG",
        "cHJvdG8zCvsBCh5nb29nbGUvcHJvdG9idWYvZHVyYXRpb24ucHJvdG8SD2dvb2dsZS5wcm90b2J1ZiI6CghEdXJhdGlvbhIYCgdz",
        "ZWNvbmRzGAEgASgDUgdzZWNvbmRzEhQKBW5hbm9zGAIgASgFUgVuYW5vc0KDAQoTY29tLmdvb2dsZS5wcm90b2J1ZkINRHVyYXRp",
        "b25Qcm90b1ABWjFnb29nbGUuZ29sYW5nLm9yZy9wcm90b2J1Zi90eXBlcy9rbm93bi9kdXJhdGlvbnBi+AEBogIDR1BCqgIeR29v",
        "Z2xlLlByb3RvYnVmLldlbGxLbm93blR5cGVzYgZwcm90bzMKvgEKG2dvb2dsZS9wcm90b2J1Zi9lbXB0eS5wcm90bxIPZ29vZ2xl",
        "LnByb3RvYnVmIgcKBUVtcHR5Qn0KE2NvbS5nb29nbGUucHJvdG9idWZCCkVtcHR5UHJvdG9QAVouZ29vZ2xlLmdvbGFuZy5vcmcv",
        "cHJvdG9idWYvdHlwZXMva25vd24vZW1wdHlwYvgBAaICA0dQQqoCHkdvb2dsZS5Qcm90b2J1Zi5XZWxsS25vd25UeXBlc2IGcHJv",
        "dG8zCuYBCiBnb29nbGUvcHJvdG9idWYvZmllbGRfbWFzay5wcm90bxIPZ29vZ2xlLnByb3RvYnVmIiEKCUZpZWxkTWFzaxIUCgVw",
        "YXRocxgBIAMoCVIFcGF0aHNChQEKE2NvbS5nb29nbGUucHJvdG9idWZCDkZpZWxkTWFza1Byb3RvUAFaMmdvb2dsZS5nb2xhbmcu",
        "b3JnL3Byb3RvYnVmL3R5cGVzL2tub3duL2ZpZWxkbWFza3Bi+AEBogIDR1BCqgIeR29vZ2xlLlByb3RvYnVmLldlbGxLbm93blR5",
        "cGVzYgZwcm90bzMK4gUKHGdvb2dsZS9wcm90b2J1Zi9zdHJ1Y3QucHJvdG8SD2dvb2dsZS5wcm90b2J1ZiKYAQoGU3RydWN0EjsK",
        "BmZpZWxkcxgBIAMoCzIjLmdvb2dsZS5wcm90b2J1Zi5TdHJ1Y3QuRmllbGRzRW50cnlSBmZpZWxkcxpRCgtGaWVsZHNFbnRyeRIQ",
        "CgNrZXkYASABKAlSA2tleRIsCgV2YWx1ZRgCIAEoCzIWLmdvb2dsZS5wcm90b2J1Zi5WYWx1ZVIFdmFsdWU6AjgBIrICCgVWYWx1",
        "ZRI7CgpudWxsX3ZhbHVlGAEgASgOMhouZ29vZ2xlLnByb3RvYnVmLk51bGxWYWx1ZUgAUgludWxsVmFsdWUSIwoMbnVtYmVyX3Zh",
        "bHVlGAIgASgBSABSC251bWJlclZhbHVlEiMKDHN0cmluZ192YWx1ZRgDIAEoCUgAUgtzdHJpbmdWYWx1ZRIfCgpib29sX3ZhbHVl",
        "GAQgASgISABSCWJvb2xWYWx1ZRI8CgxzdHJ1Y3RfdmFsdWUYBSABKAsyFy5nb29nbGUucHJvdG9idWYuU3RydWN0SABSC3N0cnVj",
        "dFZhbHVlEjsKCmxpc3RfdmFsdWUYBiABKAsyGi5nb29nbGUucHJvdG9idWYuTGlzdFZhbHVlSABSCWxpc3RWYWx1ZUIGCgRraW5k",
        "IjsKCUxpc3RWYWx1ZRIuCgZ2YWx1ZXMYASADKAsyFi5nb29nbGUucHJvdG9idWYuVmFsdWVSBnZhbHVlcyobCglOdWxsVmFsdWUS",
        "DgoKTlVMTF9WQUxVRRAAQn8KE2NvbS5nb29nbGUucHJvdG9idWZCC1N0cnVjdFByb3RvUAFaL2dvb2dsZS5nb2xhbmcub3JnL3By",
        "b3RvYnVmL3R5cGVzL2tub3duL3N0cnVjdHBi+AEBogIDR1BCqgIeR29vZ2xlLlByb3RvYnVmLldlbGxLbm93blR5cGVzYgZwcm90",
        "bzMK/wEKH2dvb2dsZS9wcm90b2J1Zi90aW1lc3RhbXAucHJvdG8SD2dvb2dsZS5wcm90b2J1ZiI7CglUaW1lc3RhbXASGAoHc2Vj",
        "b25kcxgBIAEoA1IHc2Vjb25kcxIUCgVuYW5vcxgCIAEoBVIFbmFub3NChQEKE2NvbS5nb29nbGUucHJvdG9idWZCDlRpbWVzdGFt",
        "cFByb3RvUAFaMmdvb2dsZS5nb2xhbmcub3JnL3Byb3RvYnVmL3R5cGVzL2tub3duL3RpbWVzdGFtcHBi+AEBogIDR1BCqgIeR29v",
        "Z2xlLlByb3RvYnVmLldlbGxLbm93blR5cGVzYgZwcm90bzMKhgQKHmdvb2dsZS9wcm90b2J1Zi93cmFwcGVycy5wcm90bxIPZ29v",
        "Z2xlLnByb3RvYnVmIiMKC0RvdWJsZVZhbHVlEhQKBXZhbHVlGAEgASgBUgV2YWx1ZSIiCgpGbG9hdFZhbHVlEhQKBXZhbHVlGAEg",
        "ASgCUgV2YWx1ZSIiCgpJbnQ2NFZhbHVlEhQKBXZhbHVlGAEgASgDUgV2YWx1ZSIjCgtVSW50NjRWYWx1ZRIUCgV2YWx1ZRgBIAEo",
        "BFIFdmFsdWUiIgoKSW50MzJWYWx1ZRIUCgV2YWx1ZRgBIAEoBVIFdmFsdWUiIwoLVUludDMyVmFsdWUSFAoFdmFsdWUYASABKA1S",
        "BXZhbHVlIiEKCUJvb2xWYWx1ZRIUCgV2YWx1ZRgBIAEoCFIFdmFsdWUiIwoLU3RyaW5nVmFsdWUSFAoFdmFsdWUYASABKAlSBXZh",
        "bHVlIiIKCkJ5dGVzVmFsdWUSFAoFdmFsdWUYASABKAxSBXZhbHVlQoMBChNjb20uZ29vZ2xlLnByb3RvYnVmQg1XcmFwcGVyc1By",
        "b3RvUAFaMWdvb2dsZS5nb2xhbmcub3JnL3Byb3RvYnVmL3R5cGVzL2tub3duL3dyYXBwZXJzcGL4AQGiAgNHUEKqAh5Hb29nbGUu",
        "UHJvdG9idWYuV2VsbEtub3duVHlwZXNiBnByb3RvMwrpFQoNa2l0Y2hlbi5wcm90bxIKa2l0Y2hlbi52MRoZZ29vZ2xlL3Byb3Rv",
        "YnVmL2FueS5wcm90bxoeZ29vZ2xlL3Byb3RvYnVmL2R1cmF0aW9uLnByb3RvGhtnb29nbGUvcHJvdG9idWYvZW1wdHkucHJvdG8a",
        "IGdvb2dsZS9wcm90b2J1Zi9maWVsZF9tYXNrLnByb3RvGhxnb29nbGUvcHJvdG9idWYvc3RydWN0LnByb3RvGh9nb29nbGUvcHJv",
        "dG9idWYvdGltZXN0YW1wLnByb3RvGh5nb29nbGUvcHJvdG9idWYvd3JhcHBlcnMucHJvdG8i6w4KBFNpbmsSGQoIYV9kb3VibGUY",
        "ASABKAFSB2FEb3VibGUSFwoHYV9mbG9hdBgCIAEoAlIGYUZsb2F0EhkKCGFuX2ludDY0GAMgASgDUgdhbkludDY0EhkKCGFfdWlu",
        "dDY0GAQgASgEUgdhVWludDY0EhkKCGFuX2ludDMyGAUgASgFUgdhbkludDMyEhsKCWFfZml4ZWQ2NBgGIAEoBlIIYUZpeGVkNjQS",
        "GwoJYV9maXhlZDMyGAcgASgHUghhRml4ZWQzMhIVCgZhX2Jvb2wYCCABKAhSBWFCb29sEhkKCGFfc3RyaW5nGAkgASgJUgdhU3Ry",
        "aW5nEh0KCnNvbWVfYnl0ZXMYCiABKAxSCXNvbWVCeXRlcxIZCghhX3VpbnQzMhgLIAEoDVIHYVVpbnQzMhIfCgthbl9zZml4ZWQz",
        "MhgMIAEoD1IKYW5TZml4ZWQzMhIfCgthbl9zZml4ZWQ2NBgNIAEoEFIKYW5TZml4ZWQ2NBIZCghhX3NpbnQzMhgOIAEoEVIHYVNp",
        "bnQzMhIZCghhX3NpbnQ2NBgPIAEoElIHYVNpbnQ2NBIqCgZmbGF2b3IYECABKA4yEi5raXRjaGVuLnYxLkZsYXZvclIGZmxhdm9y",
        "EiwKBWlubmVyGBEgASgLMhYua2l0Y2hlbi52MS5TaW5rLklubmVyUgVpbm5lchIYCgdudW1iZXJzGBIgAygFUgdudW1iZXJzEi4K",
        "BmlubmVycxgTIAMoCzIWLmtpdGNoZW4udjEuU2luay5Jbm5lclIGaW5uZXJzEiwKB2ZsYXZvcnMYFCADKA4yEi5raXRjaGVuLnYx",
        "LkZsYXZvclIHZmxhdm9ycxI0CgZjb3VudHMYFSADKAsyHC5raXRjaGVuLnYxLlNpbmsuQ291bnRzRW50cnlSBmNvdW50cxIvCgVi",
        "eV9pZBgWIAMoCzIaLmtpdGNoZW4udjEuU2luay5CeUlkRW50cnlSBGJ5SWQSIQoLY2hvaWNlX3RleHQYFyABKAlIAFIKY2hvaWNl",
        "VGV4dBI7CgxjaG9pY2VfaW5uZXIYGCABKAsyFi5raXRjaGVuLnYxLlNpbmsuSW5uZXJIAFILY2hvaWNlSW5uZXISGQoFbWF5YmUY",
        "GSABKAVIAVIFbWF5YmWIAQESLgoEd2hlbhgaIAEoCzIaLmdvb2dsZS5wcm90b2J1Zi5UaW1lc3RhbXBSBHdoZW4SLQoEdG9vaxgb",
        "IAEoCzIZLmdvb2dsZS5wcm90b2J1Zi5EdXJhdGlvblIEdG9vaxI8CgtiaWdfd3JhcHBlchgcIAEoCzIbLmdvb2dsZS5wcm90b2J1",
        "Zi5JbnQ2NFZhbHVlUgpiaWdXcmFwcGVyEj8KDHRleHRfd3JhcHBlchgdIAEoCzIcLmdvb2dsZS5wcm90b2J1Zi5TdHJpbmdWYWx1",
        "ZVILdGV4dFdyYXBwZXISPQoMZmxhZ193cmFwcGVyGB4gASgLMhouZ29vZ2xlLnByb3RvYnVmLkJvb2xWYWx1ZVILZmxhZ1dyYXBw",
        "ZXISNwoKYXR0cmlidXRlcxgfIAEoCzIXLmdvb2dsZS5wcm90b2J1Zi5TdHJ1Y3RSCmF0dHJpYnV0ZXMSMgoIYW55dGhpbmcYICAB",
        "KAsyFi5nb29nbGUucHJvdG9idWYuVmFsdWVSCGFueXRoaW5nEi4KBGxpc3QYISABKAsyGi5nb29nbGUucHJvdG9idWYuTGlzdFZh",
        "bHVlUgRsaXN0EiwKBnBhY2tlZBgiIAEoCzIULmdvb2dsZS5wcm90b2J1Zi5BbnlSBnBhY2tlZBIuCgRtYXNrGCMgASgLMhouZ29v",
        "Z2xlLnByb3RvYnVmLkZpZWxkTWFza1IEbWFzaxIwCgdub3RoaW5nGCQgASgLMhYuZ29vZ2xlLnByb3RvYnVmLkVtcHR5Ugdub3Ro",
        "aW5nEhQKBXdvcmRzGCUgAygJUgV3b3JkcxI1CgdieV9mbGFnGCYgAygLMhwua2l0Y2hlbi52MS5TaW5rLkJ5RmxhZ0VudHJ5UgZi",
        "eUZsYWcSMgoFcmF0aW8YJyABKAsyHC5nb29nbGUucHJvdG9idWYuRG91YmxlVmFsdWVSBXJhdGlvEi8KBGJsb2IYKCABKAsyGy5n",
        "b29nbGUucHJvdG9idWYuQnl0ZXNWYWx1ZVIEYmxvYho1CgVJbm5lchIUCgVsYWJlbBgBIAEoCVIFbGFiZWwSFgoGd2VpZ2h0GAIg",
        "ASgDUgZ3ZWlnaHQaOQoLQ291bnRzRW50cnkSEAoDa2V5GAEgASgJUgNrZXkSFAoFdmFsdWUYAiABKANSBXZhbHVlOgI4ARpPCglC",
        "eUlkRW50cnkSEAoDa2V5GAEgASgFUgNrZXkSLAoFdmFsdWUYAiABKAsyFi5raXRjaGVuLnYxLlNpbmsuSW5uZXJSBXZhbHVlOgI4",
        "ARo5CgtCeUZsYWdFbnRyeRIQCgNrZXkYASABKAhSA2tleRIUCgV2YWx1ZRgCIAEoCVIFdmFsdWU6AjgBQggKBmNob2ljZUIICgZf",
        "bWF5YmUiRQoMQ291bnRSZXF1ZXN0EhQKBWNvdW50GAEgASgFUgVjb3VudBIfCgtpbnRlcnZhbF9tcxgCIAEoBVIKaW50ZXJ2YWxN",
        "cyI4CgpDb3VudFJlcGx5EhQKBWluZGV4GAEgASgFUgVpbmRleBIUCgVsYWJlbBgCIAEoCVIFbGFiZWwiHgoGTnVtYmVyEhQKBXZh",
        "bHVlGAEgASgDUgV2YWx1ZSIvCgVUb3RhbBIQCgNzdW0YASABKANSA3N1bRIUCgVjb3VudBgCIAEoBVIFY291bnQiGgoETGluZRIS",
        "CgR0ZXh0GAEgASgJUgR0ZXh0IjsKC0ZhaWxSZXF1ZXN0EhIKBGNvZGUYASABKAVSBGNvZGUSGAoHbWVzc2FnZRgCIAEoCVIHbWVz",
        "c2FnZSpDCgZGbGF2b3ISFgoSRkxBVk9SX1VOU1BFQ0lGSUVEEAASEAoMRkxBVk9SX1NXRUVUEAESDwoLRkxBVk9SX1NPVVIQAjKM",
        "AgoHS2l0Y2hlbhIqCgRFY2hvEhAua2l0Y2hlbi52MS5TaW5rGhAua2l0Y2hlbi52MS5TaW5rEjsKBUNvdW50Ehgua2l0Y2hlbi52",
        "MS5Db3VudFJlcXVlc3QaFi5raXRjaGVuLnYxLkNvdW50UmVwbHkwARIuCgNTdW0SEi5raXRjaGVuLnYxLk51bWJlchoRLmtpdGNo",
        "ZW4udjEuVG90YWwoARIvCgVTaG91dBIQLmtpdGNoZW4udjEuTGluZRoQLmtpdGNoZW4udjEuTGluZSgBMAESNwoERmFpbBIXLmtp",
        "dGNoZW4udjEuRmFpbFJlcXVlc3QaFi5nb29nbGUucHJvdG9idWYuRW1wdHliBnByb3RvMw==",
    ]
}
