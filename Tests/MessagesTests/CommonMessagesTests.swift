import Testing

@testable import Messages

@Test func trackRoundTripsWithNonASCIIAndWrappers() throws {
    var track = Track()
    track.trackID = "4uLU6hMCjMI75M1A2tKUQC"
    track.trackName = "Déjà vu — 夜に駆ける 🎧"
    track.artist = "YOASOBI"
    track.albumArt = "https://i.scdn.co/image/ab67616d0000b273"
    track.energy = 0.0
    track.valence = 1.0
    let decoded = try Track(serializedBytes: track.serializedBytes())
    #expect(decoded == track)
    #expect(decoded.energy == 0.0)
}

@Test func emptyMessageEncodesToNoBytesAndDecodesToDefaults() throws {
    #expect(Track().serializedBytes().isEmpty)
    #expect(try Track(serializedBytes: []) == Track())
    #expect(try Session(serializedBytes: []).expiresAt == nil)
}

@Test func hostileBytesFailToDecode() {
    #expect(throws: ProtoDecodingError.self) { try Track(serializedBytes: [0x0A, 0xFF]) }
    #expect(throws: ProtoDecodingError.self) { try Track(serializedBytes: [0x0A, 0x02, 0xC3, 0x28]) }
}

@Test func decodesBytesEncodedByProtoc() throws {
    let bytes = try Protoc.encode(
        "resonance.v1.Track", in: "resonance/v1/common.proto",
        textFormat: #"track_id: "t1" track_name: "Ünïcødé ✓" artist: "A" energy { value: 0.75 }"#)
    let track = try Track(serializedBytes: bytes)
    #expect(track.trackID == "t1")
    #expect(track.trackName == "Ünïcødé ✓")
    #expect(track.energy == 0.75)
    #expect(track.valence == nil)
}
