// swift-tools-version:6.1
// Resonance: a real-time, location-aware music discovery backend served over gRPC.
// Layering follows ../shared/spec/ARCHITECTURE.md: data flows one way through these modules.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Resonance",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Messages", targets: ["Messages"]),
        .library(name: "Geo", targets: ["Geo"]),
    ],
    targets: [
        // Layer 0: system libraries and generated C.
        .systemLibrary(name: "CNGHTTP2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "CProtobufC", pkgConfig: "libprotobuf-c", providers: [.apt(["libprotobuf-c-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CResonanceProto",
            dependencies: ["CProtobufC"],
            cSettings: [.headerSearchPath("include")]
        ),

        // Layer 1: one concern each, no sockets.
        .target(name: "HTTP2", dependencies: ["CNGHTTP2"], swiftSettings: strict),
        .target(name: "Messages", dependencies: ["CResonanceProto", "CProtobufC"], swiftSettings: strict),
        .target(name: "Geo", swiftSettings: strict),
        .target(name: "SQLite", dependencies: ["CSQLite"], swiftSettings: strict),

        // Layer 2: gRPC semantics and the product's storage.
        .target(name: "RPC", dependencies: ["CZlib"], swiftSettings: strict),
        .target(name: "Storage", dependencies: ["SQLite", "Geo"], swiftSettings: strict),

        // Tests mirror Sources/.
        .testTarget(name: "HTTP2Tests", dependencies: ["HTTP2"], swiftSettings: strict),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"], swiftSettings: strict),
        .testTarget(name: "GeoTests", dependencies: ["Geo"], swiftSettings: strict),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strict),
        .testTarget(name: "RPCTests", dependencies: ["RPC"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strict),
    ]
)
