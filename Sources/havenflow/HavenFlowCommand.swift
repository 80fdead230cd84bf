import ArgumentParser

@main
struct HavenFlowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "havenflow",
        abstract: "Run declarative workflows against Haven OnDemand.",
        discussion: "Documentation: docs/ in the HavenFlow repository, starting with docs/cli.md.",
        version: "0.1.0",
        subcommands: [
            RunCommand.self, ValidateCommand.self, PlanCommand.self, ActionsCommand.self, SchemaCommand.self,
            SandboxCommand.self,
            RunsCommand.self, ShowCommand.self, LogsCommand.self, ResumeCommand.self,
            ScheduleCommand.self, ServeCommand.self, StoreCommand.self,
        ]
    )
}
