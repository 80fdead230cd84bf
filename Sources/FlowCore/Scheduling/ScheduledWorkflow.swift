/// A workflow the scheduler fires: its name (which identifies it in the fire store), its file, and its
/// `on:` block.
public struct ScheduledWorkflow: Sendable {
    public var name: String
    public var file: String
    public var triggers: Triggers

    public init(name: String, file: String, triggers: Triggers) {
        self.name = name
        self.file = file
        self.triggers = triggers
    }

    /// The scheduled part of a loaded workflow; `nil` when it has no `on.schedule`.
    public init?(_ workflow: Workflow) {
        guard let triggers = workflow.triggers, !triggers.schedules.isEmpty else { return nil }
        self.init(name: workflow.name, file: workflow.file, triggers: triggers)
    }
}

/// One `on.schedule` entry of one workflow: the key of the fire store's records.
public struct TriggerID: Sendable, Hashable, CustomStringConvertible {
    public var workflow: String
    /// The entry's index in `on.schedule`.
    public var index: Int

    public init(workflow: String, index: Int) {
        self.workflow = workflow
        self.index = index
    }

    public var description: String { "\(workflow)#\(index)" }
}
