// swift-tools-version:6.1
// grpc-swift 2 peer for the transport benchmark: serves grpc.health.v1.Health/Check.
// Kept out of the main package so its dependencies never reach Resonance or CI.
import PackageDescription

let package = Package(
    name: "grpc-swift-peer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", "2.4.0"..<"2.5.0"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", "2.9.0"..<"2.10.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", "2.4.0"..<"2.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.28.0"),
    ],
    targets: [
        .executableTarget(
            name: "HealthPeer",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
