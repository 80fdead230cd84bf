import ArgumentParser
import FlowCore
import JSONValue

/// `havenflow schema`: the JSON Schema of workflow files, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of workflow files, with every registered action.",
        discussion: """
            Save it and point your editor at it, e.g. with the YAML language server: \
            havenflow schema > havenflow.schema.json, then start a workflow file with \
            # yaml-language-server: $schema=./havenflow.schema.json
            """
    )

    func run() throws {
        print(WorkflowSchema.generate(registry: PluginRegistry.adding(to: ShippedPacks.registry, forWorkflowAt: nil)).rendered(pretty: true))
    }
}
