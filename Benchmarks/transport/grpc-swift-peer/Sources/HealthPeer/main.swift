// grpc-swift 2 peer: `HealthPeer PORT` serves grpc.health.v1.Health/Check
// (always SERVING) over plaintext HTTP/2 and prints "listening on PORT".
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCProtobuf

struct HealthService: RegistrableRPCService {
    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: MethodDescriptor(fullyQualifiedService: "grpc.health.v1.Health", method: "Check"),
            deserializer: ProtobufDeserializer<HealthCheckRequest>(),
            serializer: ProtobufSerializer<HealthCheckResponse>()
        ) { streamRequest, _ in
            // Drain the single request message as generated unary code does.
            _ = try await ServerRequest(stream: streamRequest)
            var response = HealthCheckResponse()
            response.status = 1
            return StreamingServerResponse(single: ServerResponse(message: response))
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 2, let port = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: HealthPeer PORT\n".utf8))
    exit(2)
}

let server = GRPCServer(
    transport: .http2NIOPosix(
        address: .ipv4(host: "127.0.0.1", port: port),
        transportSecurity: .plaintext
    ),
    services: [HealthService()]
)

try await withThrowingDiscardingTaskGroup { group in
    group.addTask { try await server.serve() }
    let address = try await server.transport.listeningAddress
    print("listening on \(address.ipv4?.port ?? port)")
    fflush(nil)  // all streams: the harness waits for this line
}
