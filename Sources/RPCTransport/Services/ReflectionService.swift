import Messages
import RPC
import RPCMessages

/// gRPC server reflection, served identically as `grpc.reflection.v1.ServerReflection` and
/// `grpc.reflection.v1alpha.ServerReflection` (the two are wire-identical).
///
/// Files are answered with protoc's own serialized `FileDescriptorProto` bytes: the requested
/// file first, then its transitive dependencies not yet sent on the same stream. Errors
/// (unknown file or symbol) are `error_response` messages; the stream stays open.
public enum ReflectionService {
    public static let v1Name = "grpc.reflection.v1.ServerReflection"
    public static let v1AlphaName = "grpc.reflection.v1alpha.ServerReflection"

    /// Both reflection services, listing `services` plus themselves.
    public static func definitions(
        listing services: [ServiceDefinition], pool: DescriptorPool = .embedded
    ) -> [ServiceDefinition] {
        let names = (services.map(\.name) + [v1Name, v1AlphaName]).sorted()
        return [v1Name, v1AlphaName].map { definition(name: $0, serviceNames: names, pool: pool) }
    }

    private static func definition(name: String, serviceNames: [String], pool: DescriptorPool) -> ServiceDefinition {
        ServiceDefinition(
            name: name,
            methods: [
                .bidirectional("ServerReflectionInfo", .proto) {
                    (
                        requests: RequestMessages<ServerReflectionRequest>,
                        responses: ResponseStreamWriter<ServerReflectionResponse>, _
                    ) in
                    var sent: Set<String> = []
                    for try await request in requests {
                        var response = ServerReflectionResponse()
                        response.validHost = request.host
                        response.originalRequest = request
                        response.messageResponse = answer(
                            request.messageRequest, serviceNames: serviceNames, pool: pool, sent: &sent)
                        try await responses.send(response)
                    }
                }
            ])
    }

    /// The answer to one request; `sent` tracks files already sent on this stream.
    static func answer(
        _ request: ServerReflectionRequest.MessageRequest?, serviceNames: [String], pool: DescriptorPool,
        sent: inout Set<String>
    ) -> ServerReflectionResponse.MessageResponse {
        switch request {
        case .listServices?:
            var list = ListServiceResponse()
            list.service = serviceNames.map { ServiceResponse(name: $0) }
            return .listServicesResponse(list)
        case .fileByFilename(let file)?:
            return files(for: file, pool: pool, sent: &sent) ?? notFound("file '\(file)' is not known to this server")
        case .fileContainingSymbol(let symbol)?:
            guard let file = pool.symbolFiles[symbol] else {
                return notFound("symbol '\(symbol)' is not known to this server")
            }
            return files(for: file, pool: pool, sent: &sent) ?? notFound("symbol '\(symbol)' is not known")
        case .fileContainingExtension(let request)?:
            return notFound("no extension \(request.extensionNumber) of '\(request.containingType)' is known")
        case .allExtensionNumbersOfType(let type)?:
            guard pool.messageTypes.contains(type) else { return notFound("type '\(type)' is not known") }
            var numbers = ExtensionNumberResponse()
            numbers.baseTypeName = type
            return .allExtensionNumbersResponse(numbers)
        case nil:
            return .errorResponse(
                ErrorResponse(errorCode: StatusCode.invalidArgument.rawValue, errorMessage: "empty reflection request"))
        }
    }

    private static func files(
        for name: String, pool: DescriptorPool, sent: inout Set<String>
    ) -> ServerReflectionResponse.MessageResponse? {
        guard let names = pool.filesForRequest(name, alreadySent: sent) else { return nil }
        sent.formUnion(names)
        var response = FileDescriptorResponse()
        response.fileDescriptorProto = names.compactMap { pool.fileBytes[$0] }
        return .fileDescriptorResponse(response)
    }

    private static func notFound(_ message: String) -> ServerReflectionResponse.MessageResponse {
        .errorResponse(ErrorResponse(errorCode: StatusCode.notFound.rawValue, errorMessage: message))
    }
}
