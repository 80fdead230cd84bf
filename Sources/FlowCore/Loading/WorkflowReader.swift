import FlowYAML
import Foundation

/// One pass over a parsed workflow document: builds the model and reports every problem it meets.
struct WorkflowReader {
    let registry: ActionRegistry
    var collector: DiagnosticCollector
    /// Declared workflow inputs, for checking schedule inputs.
    var declaredInputs: [InputDeclaration] = []
    /// Ids of the steps read so far (what `steps.X` may name).
    var earlierSteps: Set<String> = []
    /// Step ids seen so far with the line of their first use.
    var stepLines: [String: Int] = [:]

    /// The language's own top-level keys; the keys packs claim go between `vars` and `defaults`.
    static let ownKeys = ["version", "name", "description", "on", "inputs", "vars", "defaults", "steps", "finally"]

    /// Every top-level key a file may use, in the order did-you-mean prefers them.
    let topLevelKeys: [String]

    init(registry: ActionRegistry, file: String) {
        self.registry = registry
        self.collector = DiagnosticCollector(file: file)
        let packKeys = registry.configurations.map(\.key).filter { !Self.ownKeys.contains($0) }
        let defaults = Self.ownKeys.firstIndex(of: "defaults") ?? Self.ownKeys.endIndex
        var keys = Self.ownKeys
        keys.insert(contentsOf: packKeys, at: defaults)
        self.topLevelKeys = keys
    }

    var file: String { collector.file }

    mutating func workflow(from root: Node) -> Workflow? {
        if root.scalar?.value == .null {
            collector.error("the workflow file is empty; it needs at least 'steps'", at: root.mark)
            return nil
        }
        guard let keys = mapping(root, named: "the workflow file", allowed: topLevelKeys) else { return nil }
        if let version = keys["version"] { checkVersion(version) }
        let name = keys["name"].flatMap { workflowName($0) } ?? defaultName
        let description = keys["description"].flatMap { string($0, named: "description") }
        declaredInputs = keys["inputs"].map { workflowInputs($0) } ?? []
        let triggerBlock = keys["on"].flatMap { self.triggers($0) }
        let vars = keys["vars"].map { variables($0) } ?? []
        let configuration = packBlocks(keys)
        let defaults = keys["defaults"].map { stepDefaults($0) } ?? StepDefaults()
        var steps: [Step] = []
        if let stepsNode = keys["steps"] {
            steps = stepList(stepsNode, named: "steps", defaults: defaults, isFinally: false)
            if stepsNode.sequence?.isEmpty == true || stepsNode.scalar?.value == .null {
                collector.error("'steps' must not be empty", at: stepsNode.mark)
            }
        } else if !keys.hasTypo(of: "steps", among: topLevelKeys, in: root) {
            collector.error("missing required key 'steps'", at: root.mark)
        }
        let finallySteps = keys["finally"].map { stepList($0, named: "finally", defaults: defaults, isFinally: true) } ?? []
        return Workflow(
            name: name, description: description, file: file, triggers: triggerBlock, inputs: declaredInputs, vars: vars,
            configuration: configuration, defaults: defaults, steps: steps, finally: finallySteps)
    }

    /// The file name without directory and extension.
    var defaultName: String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    private mutating func checkVersion(_ node: Node) {
        guard case .scalar(let scalar) = node.kind, case .int(let version) = scalar.value else {
            collector.error("'version' must be the number 1, found \(node.typeDescription)", at: node.mark)
            return
        }
        if version != 1 {
            collector.error("unsupported version \(version); the only version is 1", at: node.mark)
        }
    }

    private mutating func workflowName(_ node: Node) -> String? {
        guard let name = string(node, named: "name") else { return nil }
        let allowed = name.unicodeScalars.allSatisfy {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.-".unicodeScalars.contains($0))
        }
        guard !name.isEmpty, allowed else {
            collector.error(
                "workflow name '\(name)' may only contain letters, digits, '_', '.' and '-'", at: node.textMark)
            return nil
        }
        return name
    }

    private mutating func variables(_ node: Node) -> [(name: String, value: TemplateValue)] {
        guard let pairs = mapping(node, named: "vars", allowed: nil)?.pairs else { return [] }
        let scope = ExpressionScope(contexts: ["inputs", "env"])
        return pairs.map { pair in (name: pair.key.scalar?.text ?? "", value: templateValue(pair.value, scope: scope)) }
    }
}
