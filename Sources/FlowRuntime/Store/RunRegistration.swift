import FlowCore
import Foundation

/// What a run records about itself before its first event.
public struct RunRegistration: Sendable {
    public var id: String
    public var workflow: String
    /// The workflow file's absolute path (what `resume` reloads).
    public var file: String
    public var fileHash: String
    /// `steps` then `finally` step keys, in file order.
    public var stepKeys: [String]

    public init(id: String, workflow: String, file: String, fileHash: String, stepKeys: [String]) {
        self.id = id
        self.workflow = workflow
        self.file = file
        self.fileHash = fileHash
        self.stepKeys = stepKeys
    }

    /// The registration of a run of `workflow` whose file holds `contents`.
    public init(id: String, workflow: Workflow, contents: [UInt8]) {
        let path = workflow.file.hasPrefix("/")
            ? workflow.file : FileManager.default.currentDirectoryPath + "/" + workflow.file
        self.init(
            id: id, workflow: workflow.name, file: (path as NSString).standardizingPath,
            fileHash: SHA256.hex(contents), stepKeys: (workflow.steps + workflow.finally).map(\.key))
    }
}
