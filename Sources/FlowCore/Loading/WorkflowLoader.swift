import FlowYAML
import Foundation

/// Reads a workflow file into a validated `Workflow`, collecting every problem in one pass.
///
///     let result = WorkflowLoader(registry: registry).load(file: "workflows/nightly.yaml")
///     for diagnostic in result.diagnostics { print(diagnostic.rendered(source: result.source)) }
public struct WorkflowLoader: Sendable {
    public var registry: ActionRegistry

    public init(registry: ActionRegistry) {
        self.registry = registry
    }

    /// Loads the file at `path`; diagnostics name the file as `path` is written.
    public func load(file path: String) -> LoadResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            let message = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            var result = LoadResult(
                workflow: nil, diagnostics: [Diagnostic(file: path, mark: Mark(line: 1, column: 1), message: message)],
                source: SourceText(""))
            result.fileWasRead = false
            return result
        }
        return load(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// Loads `text` as the contents of `file` (used in diagnostics and for the default workflow name).
    public func load(text: String, file: String) -> LoadResult {
        let source = SourceText(text)
        let root: Node
        do {
            root = try YAMLParser().parse(text, file: file)
        } catch {
            return LoadResult(workflow: nil, diagnostics: error.diagnostics, source: source)
        }
        return load(node: root, file: file, source: source)
    }

    /// Validates an already parsed document.
    public func load(node root: Node, file: String, source: SourceText = SourceText("")) -> LoadResult {
        var reader = WorkflowReader(registry: registry, file: file)
        let workflow = reader.workflow(from: root)
        let diagnostics = reader.collector.sorted
        let failed = diagnostics.contains { $0.severity == .error }
        return LoadResult(workflow: failed ? nil : workflow, diagnostics: diagnostics, source: source)
    }
}

/// What `WorkflowLoader` found: the workflow when there is no error, and every diagnostic in file order.
public struct LoadResult: Sendable {
    public var workflow: Workflow?
    public var diagnostics: [Diagnostic]
    /// The file's text, for `diagnostic.rendered(source:)`.
    public var source: SourceText
    /// `false` when the file could not be read (its diagnostics then have no source excerpt).
    public var fileWasRead = true

    public init(workflow: Workflow?, diagnostics: [Diagnostic], source: SourceText) {
        self.workflow = workflow
        self.diagnostics = diagnostics
        self.source = source
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Every diagnostic with its source line and caret, one block per diagnostic.
    public var rendered: String { diagnostics.map { $0.rendered(source: fileWasRead ? source : nil) }.joined(separator: "\n") }
}
