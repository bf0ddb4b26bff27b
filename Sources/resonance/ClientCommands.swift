import ArgumentParser
import Foundation
import ResonanceCLI

/// Where a client command connects, shared by `list`, `describe`, `call`, `health`, `login`, `logout`.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The server, HOST:PORT (plaintext h2c).")
    var address = "127.0.0.1:50051"

    @Option(
        name: [.customShort("H"), .customLong("header")],
        help: "A request header 'name: value' (repeatable); an explicit 'authorization' replaces the saved token.")
    var headers: [String] = []

    @Option(name: .customLong("max-time"), help: "Seconds each call may take before DEADLINE_EXCEEDED.")
    var maxTime: Double?

    var settings: ConnectionSettings {
        ConnectionSettings(
            address: address, headers: headers, maxTime: maxTime,
            configPath: CLIConfig.path(environment: ProcessInfo.processInfo.environment))
    }
}

/// Ends the process with `status` unless it is 0.
private func finish(_ status: Int32) throws {
    if status != 0 { throw ExitCode(status) }
}

/// `resonance list [SERVICE]`.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the server's services, or a service's methods (through server reflection).",
        discussion: """
            Examples:
              resonance list
              resonance list resonance.v1.Accounts --address 127.0.0.1:50051
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "A fully-qualified service name, e.g. resonance.v1.Accounts.")
    var service: String?

    func run() async throws { try finish(await Commands.list(connection.settings, service: service)) }
}

/// `resonance describe [SYMBOL]`.
struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print proto definitions of services, methods, messages and enums (through server reflection).",
        discussion: """
            Without SYMBOL every service is described.

            Examples:
              resonance describe
              resonance describe resonance.v1.Presence
              resonance describe resonance.v1.Presence.GoLive
              resonance describe resonance.v1.GoLiveRequest
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "A fully-qualified service, method, message or enum name.")
    var symbol: String?

    func run() async throws { try finish(await Commands.describe(connection.settings, symbol: symbol)) }
}

/// `resonance call METHOD`.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a method with JSON requests and print each response as JSON.",
        discussion: """
            Requests and responses use the proto3 JSON mapping, converted by the schema \
            the server's reflection service describes. Responses are printed as they arrive \
            (server streaming); client-streaming and bidirectional methods send every JSON \
            object of the data in turn. A session saved by `resonance login` for the address \
            is sent as `authorization: Bearer …`. A failed call prints its status on stderr \
            and exits with 64 + the status code.

            Examples:
              resonance call resonance.v1.Accounts/SignInAnonymously \\
                -d '{"displayName": "Ada"}'
              resonance call resonance.v1.Accounts.GetProfile -H 'authorization: Bearer T'
              resonance call resonance.v1.Discovery/WatchNearby --max-time 10
              resonance call resonance.v1.Presence/GoLive -d @request.json
              echo '{"value": 1} {"value": 2}' | resonance call pkg.Adder/Sum -d @-
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The method: package.Service/Method or package.Service.Method.")
    var method: String

    @Option(name: .shortAndLong, help: "The request JSON, @FILE, or @- for stdin (default {}).")
    var data: String?

    @Flag(
        name: .customLong("proto-names"),
        help: "Print the .proto field names (as grpcurl does) instead of lowerCamelCase.")
    var protoNames = false

    func run() async throws {
        let input: RequestInput
        do { input = try RequestInput.from(argument: data) } catch { throw ValidationError("\(error)") }
        try finish(await Commands.call(connection.settings, method: method, input: input, useProtoNames: protoNames))
    }
}

/// `resonance health [SERVICE]`.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check grpc.health.v1.Health: exit status 0 when SERVING, 1 otherwise.",
        discussion: """
            Examples:
              resonance health
              resonance health resonance.v1.Presence
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The service to check; the whole server when omitted.")
    var service = ""

    func run() async throws { try finish(await Commands.health(connection.settings, service: service)) }
}

/// `resonance login --anonymous`.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in and save the session token for the address.",
        discussion: """
            The token is saved in $RESONANCE_CONFIG, else \
            $XDG_CONFIG_HOME/resonance/config.json, else ~/.config/resonance/config.json \
            (mode 0600); later commands to the same address send it.

            Examples:
              resonance login --anonymous
              resonance login --anonymous --display-name "Night Owl"
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Sign in as a new anonymous user (the only sign-in the CLI offers).")
    var anonymous = false

    @Option(help: "The anonymous user's display name.")
    var displayName: String?

    func validate() throws {
        guard anonymous else { throw ValidationError("only --anonymous sign-in is supported; pass --anonymous") }
    }

    func run() async throws {
        try finish(await Commands.loginAnonymously(connection.settings, displayName: displayName))
    }
}

/// `resonance logout`.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Sign the saved session out on the server and forget its token.",
        discussion: """
            Examples:
              resonance logout --address 127.0.0.1:50051
            """
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws { try finish(await Commands.logout(connection.settings)) }
}
