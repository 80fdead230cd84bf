import ArgumentParser

@main
struct HavenFlowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "havenflow",
        abstract: "Run declarative workflows against Haven OnDemand.",
        version: "0.1.0",
        subcommands: []
    )
}
