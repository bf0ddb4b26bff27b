import ArgumentParser

/// The `resonance` command: the server and its tools.
@main
struct Resonance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resonance",
        abstract: "Resonance: real-time, location-aware music discovery over gRPC.",
        subcommands: [
            Serve.self, InteropServerCommand.self, ListCommand.self, DescribeCommand.self, CallCommand.self,
            HealthCommand.self, LoginCommand.self, LogoutCommand.self,
        ],
        defaultSubcommand: nil
    )
}
