import CProtobufC
import CResonanceProto

// The messages of gRPC server reflection, bridged to the `grpc.reflection.v1` structs.
// `grpc.reflection.v1alpha` is wire-identical (same field numbers and types, only the
// package differs), so these types also encode and decode v1alpha messages; a server
// serves both services with them. `protoName` always names the v1 type.

/// `grpc.reflection.v1.ServerReflectionRequest`: one question on the reflection stream.
public struct ServerReflectionRequest: CBridgedMessage, Hashable {
    /// `grpc.reflection.v1.ServerReflectionRequest.message_request`: what is asked.
    public enum MessageRequest: Hashable, Sendable {
        /// The file with this name, e.g. `resonance/v1/presence.proto`.
        case fileByFilename(String)
        /// The file defining this fully-qualified symbol (service, method, message, enum).
        case fileContainingSymbol(String)
        /// The file defining this extension.
        case fileContainingExtension(ExtensionRequest)
        /// Every extension number of this fully-qualified message type.
        case allExtensionNumbersOfType(String)
        /// The names of every service; the string's content is not used.
        case listServices(String)
    }

    public var host = ""
    public var messageRequest: MessageRequest?

    public init() {}

    public init(host: String = "", messageRequest: MessageRequest?) {
        self.host = host
        self.messageRequest = messageRequest
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__server_reflection_request__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ServerReflectionRequest) throws {
        host = try CRead.string(c.host)
        switch c.message_request_case {
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_BY_FILENAME:
            messageRequest = .fileByFilename(try CRead.string(c.file_by_filename))
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_CONTAINING_SYMBOL:
            messageRequest = .fileContainingSymbol(try CRead.string(c.file_containing_symbol))
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_CONTAINING_EXTENSION:
            messageRequest = .fileContainingExtension(try CRead.message(c.file_containing_extension) ?? .init())
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_ALL_EXTENSION_NUMBERS_OF_TYPE:
            messageRequest = .allExtensionNumbersOfType(try CRead.string(c.all_extension_numbers_of_type))
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_LIST_SERVICES:
            messageRequest = .listServices(try CRead.string(c.list_services))
        default:
            messageRequest = nil
        }
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ServerReflectionRequest, arena: CArena) {
        c.host = arena.string(host)
        // A oneof member is sent even when empty, so strings are never NULL here.
        switch messageRequest {
        case .fileByFilename(let name)?:
            c.message_request_case = GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_BY_FILENAME
            c.file_by_filename = arena.optionalString(name)
        case .fileContainingSymbol(let symbol)?:
            c.message_request_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_CONTAINING_SYMBOL
            c.file_containing_symbol = arena.optionalString(symbol)
        case .fileContainingExtension(let request)?:
            c.message_request_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_FILE_CONTAINING_EXTENSION
            c.file_containing_extension = arena.message(request)
        case .allExtensionNumbersOfType(let type)?:
            c.message_request_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_ALL_EXTENSION_NUMBERS_OF_TYPE
            c.all_extension_numbers_of_type = arena.optionalString(type)
        case .listServices(let pattern)?:
            c.message_request_case = GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_LIST_SERVICES
            c.list_services = arena.optionalString(pattern)
        case nil:
            c.message_request_case = GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST__NOT_SET
        }
    }
}

/// `grpc.reflection.v1.ExtensionRequest`: an extension, by the type it extends and its number.
public struct ExtensionRequest: CBridgedMessage, Hashable {
    public var containingType = ""
    public var extensionNumber: Int32 = 0

    public init() {}

    public init(containingType: String, extensionNumber: Int32) {
        self.containingType = containingType
        self.extensionNumber = extensionNumber
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__extension_request__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ExtensionRequest) throws {
        containingType = try CRead.string(c.containing_type)
        extensionNumber = c.extension_number
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ExtensionRequest, arena: CArena) {
        c.containing_type = arena.string(containingType)
        c.extension_number = extensionNumber
    }
}

/// `grpc.reflection.v1.ServerReflectionResponse`: the answer to one reflection request.
public struct ServerReflectionResponse: CBridgedMessage, Hashable {
    /// `grpc.reflection.v1.ServerReflectionResponse.message_response`: the answer.
    public enum MessageResponse: Hashable, Sendable {
        /// Serialized `FileDescriptorProto`s, for the file-by-name and by-symbol requests.
        case fileDescriptorResponse(FileDescriptorResponse)
        case allExtensionNumbersResponse(ExtensionNumberResponse)
        case listServicesResponse(ListServiceResponse)
        /// The request failed; the stream goes on.
        case errorResponse(ErrorResponse)
    }

    public var validHost = ""
    public var originalRequest: ServerReflectionRequest?
    public var messageResponse: MessageResponse?

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__server_reflection_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ServerReflectionResponse) throws {
        validHost = try CRead.string(c.valid_host)
        originalRequest = try CRead.message(c.original_request)
        switch c.message_response_case {
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_FILE_DESCRIPTOR_RESPONSE:
            messageResponse = .fileDescriptorResponse(try CRead.message(c.file_descriptor_response) ?? .init())
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_ALL_EXTENSION_NUMBERS_RESPONSE:
            messageResponse = .allExtensionNumbersResponse(
                try CRead.message(c.all_extension_numbers_response) ?? .init())
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_LIST_SERVICES_RESPONSE:
            messageResponse = .listServicesResponse(try CRead.message(c.list_services_response) ?? .init())
        case GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_ERROR_RESPONSE:
            messageResponse = .errorResponse(try CRead.message(c.error_response) ?? .init())
        default:
            messageResponse = nil
        }
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ServerReflectionResponse, arena: CArena) {
        c.valid_host = arena.string(validHost)
        c.original_request = arena.message(originalRequest)
        switch messageResponse {
        case .fileDescriptorResponse(let response)?:
            c.message_response_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_FILE_DESCRIPTOR_RESPONSE
            c.file_descriptor_response = arena.message(response)
        case .allExtensionNumbersResponse(let response)?:
            c.message_response_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_ALL_EXTENSION_NUMBERS_RESPONSE
            c.all_extension_numbers_response = arena.message(response)
        case .listServicesResponse(let response)?:
            c.message_response_case =
                GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_LIST_SERVICES_RESPONSE
            c.list_services_response = arena.message(response)
        case .errorResponse(let response)?:
            c.message_response_case = GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_ERROR_RESPONSE
            c.error_response = arena.message(response)
        case nil:
            c.message_response_case = GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE__NOT_SET
        }
    }
}

/// `grpc.reflection.v1.FileDescriptorResponse`: serialized `FileDescriptorProto`s, sent as
/// the server holds them (never re-encoded).
public struct FileDescriptorResponse: CBridgedMessage, Hashable {
    public var fileDescriptorProto: [[UInt8]] = []

    public init() {}

    public init(fileDescriptorProto: [[UInt8]]) {
        self.fileDescriptorProto = fileDescriptorProto
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__file_descriptor_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__FileDescriptorResponse) {
        fileDescriptorProto = CRead.byteArrays(c.n_file_descriptor_proto, c.file_descriptor_proto)
    }

    public func fill(_ c: inout Grpc__Reflection__V1__FileDescriptorResponse, arena: CArena) {
        (c.n_file_descriptor_proto, c.file_descriptor_proto) = arena.byteArrays(fileDescriptorProto)
    }
}

/// `grpc.reflection.v1.ExtensionNumberResponse`: the extension numbers of a message type.
public struct ExtensionNumberResponse: CBridgedMessage, Hashable {
    /// The fully-qualified name of the extended type.
    public var baseTypeName = ""
    public var extensionNumber: [Int32] = []

    public init() {}

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__extension_number_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ExtensionNumberResponse) throws {
        baseTypeName = try CRead.string(c.base_type_name)
        extensionNumber = CRead.scalars(c.n_extension_number, c.extension_number)
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ExtensionNumberResponse, arena: CArena) {
        c.base_type_name = arena.string(baseTypeName)
        (c.n_extension_number, c.extension_number) = arena.scalars(extensionNumber)
    }
}

/// `grpc.reflection.v1.ListServiceResponse`: every service the server exposes.
public struct ListServiceResponse: CBridgedMessage, Hashable {
    public var service: [ServiceResponse] = []

    public init() {}

    public init(service: [ServiceResponse]) {
        self.service = service
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__list_service_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ListServiceResponse) throws {
        service = try CRead.messages(c.n_service, c.service)
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ListServiceResponse, arena: CArena) {
        (c.n_service, c.service) = arena.messages(service)
    }
}

/// `grpc.reflection.v1.ServiceResponse`: one service, by its fully-qualified name.
public struct ServiceResponse: CBridgedMessage, Hashable {
    public var name = ""

    public init() {}

    public init(name: String) {
        self.name = name
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__service_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ServiceResponse) throws {
        name = try CRead.string(c.name)
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ServiceResponse, arena: CArena) {
        c.name = arena.string(name)
    }
}

/// `grpc.reflection.v1.ErrorResponse`: why a reflection request failed, as a gRPC status.
public struct ErrorResponse: CBridgedMessage, Hashable {
    /// A `grpc-status` code.
    public var errorCode: Int32 = 0
    public var errorMessage = ""

    public init() {}

    public init(errorCode: Int32, errorMessage: String) {
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    public static var cDescriptor: UnsafePointer<ProtobufCMessageDescriptor> {
        grpc__reflection__v1__error_response__descriptor_ref()
    }

    public init(c: borrowing Grpc__Reflection__V1__ErrorResponse) throws {
        errorCode = c.error_code
        errorMessage = try CRead.string(c.error_message)
    }

    public func fill(_ c: inout Grpc__Reflection__V1__ErrorResponse, arena: CArena) {
        c.error_code = errorCode
        c.error_message = arena.string(errorMessage)
    }
}
