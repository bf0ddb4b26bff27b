import Messages
import RPC

/// The proto files a server can describe, indexed for reflection: each file's serialized
/// `FileDescriptorProto` exactly as protoc wrote it, its dependencies, and the file that
/// defines each fully-qualified symbol.
public struct DescriptorPool: Sendable {
    /// Serialized `FileDescriptorProto` bytes by file name.
    public private(set) var fileBytes: [String: [UInt8]] = [:]
    /// Direct dependencies by file name.
    public private(set) var dependencies: [String: [String]] = [:]
    /// File name by fully-qualified symbol (messages, enums, services, methods, extensions).
    public private(set) var symbolFiles: [String: String] = [:]
    /// Fully-qualified message type names.
    public private(set) var messageTypes: Set<String> = []

    /// The pool of the descriptor set embedded in the binary.
    public static let embedded: DescriptorPool = {
        do {
            return try DescriptorPool(fileDescriptorSet: EmbeddedDescriptorSet.bytes)
        } catch {
            fatalError("the embedded descriptor set does not decode: \(error)")
        }
    }()

    /// Indexes a serialized `FileDescriptorSet`.
    public init(fileDescriptorSet: [UInt8]) throws {
        for raw in try Self.splitFiles(fileDescriptorSet) {
            let file = try Descriptor.FileProto(serializedBytes: raw)
            guard let name = file.name else { continue }
            fileBytes[name] = raw
            dependencies[name] = file.dependency
            index(file, named: name)
        }
    }

    /// The file `name` followed by its transitive dependencies, skipping files in `alreadySent`
    /// (the requested file itself is always included). Nil when the file is unknown.
    public func filesForRequest(_ name: String, alreadySent: Set<String>) -> [String]? {
        guard fileBytes[name] != nil else { return nil }
        var order = [name]
        var seen: Set<String> = [name]
        var index = 0
        while index < order.count {
            for dependency in dependencies[order[index]] ?? [] where !seen.contains(dependency) {
                seen.insert(dependency)
                if !alreadySent.contains(dependency) { order.append(dependency) }
            }
            index += 1
        }
        return order
    }

    private mutating func index(_ file: Descriptor.FileProto, named name: String) {
        let prefix = file.package.map { $0.isEmpty ? "" : $0 + "." } ?? ""
        for message in file.messageType { indexMessage(message, prefix: prefix, file: name) }
        for enumType in file.enumType { indexEnum(enumType, prefix: prefix, file: name) }
        for field in file.extension { if let field = field.name { symbolFiles[prefix + field] = name } }
        for service in file.service {
            guard let serviceName = service.name else { continue }
            let fullName = prefix + serviceName
            symbolFiles[fullName] = name
            for method in service.method {
                if let method = method.name { symbolFiles[fullName + "." + method] = name }
            }
        }
    }

    private mutating func indexMessage(_ message: Descriptor.MessageProto, prefix: String, file: String) {
        guard let messageName = message.name else { return }
        let fullName = prefix + messageName
        symbolFiles[fullName] = file
        messageTypes.insert(fullName)
        for field in message.field { if let field = field.name { symbolFiles[fullName + "." + field] = file } }
        for nested in message.nestedType { indexMessage(nested, prefix: fullName + ".", file: file) }
        for enumType in message.enumType { indexEnum(enumType, prefix: fullName + ".", file: file) }
        for field in message.extension { if let field = field.name { symbolFiles[fullName + "." + field] = file } }
    }

    private mutating func indexEnum(_ enumType: Descriptor.EnumProto, prefix: String, file: String) {
        guard let enumName = enumType.name else { return }
        symbolFiles[prefix + enumName] = file
        for value in enumType.value { if let value = value.name { symbolFiles[prefix + value] = file } }
    }

    /// The raw bytes of each `file` (field 1) of a FileDescriptorSet, without decoding them.
    private static func splitFiles(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var reader = ProtoReader(bytes[...])
        var files: [[UInt8]] = []
        while let (field, value) = try reader.next() {
            guard field == 1, case .bytes(let file) = value else {
                throw MalformedDescriptorSet(reason: "unexpected field \(field)")
            }
            files.append(Array(file))
        }
        return files
    }
}

/// A FileDescriptorSet whose framing is broken.
struct MalformedDescriptorSet: Error {
    let reason: String
}
