// swift-tools-version:6.1
// Resonance: a real-time, location-aware music discovery backend served over gRPC.
// Layering follows ../shared/spec/ARCHITECTURE.md: data flows one way through these modules.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Resonance",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "resonance", targets: ["resonance"]),
        .library(name: "ResonanceServer", targets: ["ResonanceServer"]),
        .library(name: "RPCTransport", targets: ["RPCTransport"]),
        .library(name: "ResonanceClient", targets: ["ResonanceClient"]),
        .library(name: "Messages", targets: ["Messages"]),
        .library(name: "Geo", targets: ["Geo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
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

        // Layer 2: protobuf codecs for RPC methods (glue between RPC and Messages).
        .target(name: "RPCMessages", dependencies: ["RPC", "Messages"], swiftSettings: strict),

        // Layer 3: the product's services (one folder per service).
        .target(
            name: "Services",
            dependencies: [
                "RPC", "RPCMessages", "Messages", "Storage", "Geo", "Spotify",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Layer 3: Web Push delivery of notifications (RFC 8291 encryption, RFC 8292 VAPID).
        .target(
            name: "WebPush",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Layer 3: Spotify's accounts service and Web API over HTTPS (Foundation's URLSession).
        .target(name: "Spotify", swiftSettings: strict),

        // Layer 3: the wire transport.
        .target(
            name: "RPCTransport",
            dependencies: [
                "RPC", "HTTP2", "Messages", "RPCMessages",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // The gRPC interop test server (grpc.testing.TestService), for the official interop clients.
        .target(
            name: "InteropService", dependencies: ["RPC", "RPCMessages", "RPCTransport", "Messages"],
            swiftSettings: strict),

        // Layer 3: proto3 JSON ⇄ protobuf driven by descriptors (no generated code), for the CLI.
        .target(name: "ProtoJSON", dependencies: ["Messages", "RPC"], swiftSettings: strict),

        // Layer 4: the grpcurl-style client commands (reflection, schema, calls, config).
        .target(
            name: "ResonanceCLI",
            dependencies: ["ProtoJSON", "RPCTransport", "RPC", "Messages", "RPCMessages"],
            swiftSettings: strict
        ),

        // Layer 4: configuration, wiring and lifecycle (a library, so tests can boot it).
        .target(
            name: "ResonanceServer",
            dependencies: [
                "RPCTransport", "RPC", "Messages", "Storage", "Services", "WebPush", "Spotify",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Layer 4: the typed client library (one async method per RPC, generated from proto/).
        .target(
            name: "ResonanceClient", dependencies: ["RPCTransport", "RPC", "RPCMessages", "Messages"],
            swiftSettings: strict),

        // Layer 5: the command-line entry point.
        .executableTarget(
            name: "resonance",
            dependencies: [
                "ResonanceServer", "InteropService", "ResonanceCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Tests mirror Sources/.
        .testTarget(name: "HTTP2Tests", dependencies: ["HTTP2"], swiftSettings: strict),
        .testTarget(name: "MessagesTests", dependencies: ["Messages"], swiftSettings: strict),
        .testTarget(name: "GeoTests", dependencies: ["Geo"], swiftSettings: strict),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"], swiftSettings: strict),
        .testTarget(name: "RPCTests", dependencies: ["RPC"], swiftSettings: strict),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strict),
        .testTarget(name: "ProtoJSONTests", dependencies: ["ProtoJSON", "Messages"], swiftSettings: strict),
        .testTarget(name: "ResonanceCLITests", dependencies: ["ResonanceCLI", "RPC"], swiftSettings: strict),
        .testTarget(
            name: "ServicesTests", dependencies: ["Services", "Storage", "Messages", "RPC", "Spotify"],
            swiftSettings: strict),
        .testTarget(
            name: "WebPushTests",
            dependencies: ["WebPush", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RPCTransportTests",
            dependencies: ["RPCTransport", "ResonanceServer", "Messages", "RPC"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ResonanceClientTests",
            dependencies: [
                "ResonanceClient", "ResonanceServer", "Services", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
