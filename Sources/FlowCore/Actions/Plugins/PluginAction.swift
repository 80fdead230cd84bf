import Foundation
import JSONValue

/// An executable plugin as an action: its inputs go as one JSON object on standard input, its standard
/// output must be one JSON object (its outputs), exit status 0 means success. See `docs/extending.md`.
public struct PluginAction: Action {
    public let declaration: ActionDeclaration
    /// The executable's absolute path.
    public let path: String
    /// The plugin's whole environment (`PluginEnvironment.minimal`): nothing else of HavenFlow's leaks in.
    public let environment: [String: String]

    public init(declaration: ActionDeclaration, path: String, environment: [String: String]) {
        self.declaration = declaration
        self.path = path
        self.environment = environment
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let process = PluginProcess(executable: path, environment: environment, input: Array((input.rendered() + "\n").utf8))
        let result = await process.run()
        let name = declaration.name
        let stderrLines = String(decoding: result.stderr, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { context.mask(String($0)) }
        switch result.ending {
        case .exited(0):
            break
        case .exited(let status):
            let last = stderrLines.suffix(5).joined(separator: "; ")
            throw ActionFailure(
                last.isEmpty
                    ? "plugin '\(name)' exited with status \(status) and printed nothing on standard error"
                    : "plugin '\(name)' exited with status \(status): \(last)",
                code: "exit \(status)", transient: status == 75)
        case .signalled(let signal):
            throw ActionFailure("plugin '\(name)' was killed by signal \(signal)", code: "signal \(signal)")
        case .couldNotStart(let reason):
            throw ActionFailure("plugin '\(name)' could not be started (\(path)): \(reason)", code: "spawn")
        case .timedOut, .cancelled:
            throw CancellationError()
        case .outputTooLarge:
            throw ActionFailure(
                "plugin '\(name)' printed more than \(process.limits.maxOutput / 1024) KiB on standard output; it was stopped",
                code: "output")
        }
        for line in stderrLines.suffix(100) { context.print(line) }
        if result.leftChildren {
            context.print("plugin '\(name)' left a process running that held its output open; it was killed")
        }
        return try Self.outputs(result.stdout, name: name, mask: context.mask)
    }

    /// Standard output as the outputs object; nothing at all counts as `{}`.
    static func outputs(_ bytes: [UInt8], name: String, mask: (String) -> String) throws -> JSON {
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return [:] }
        let value: JSON
        do {
            value = try JSON(parsing: text)
        } catch {
            throw ActionFailure(
                "plugin '\(name)' printed something that is not JSON on standard output (\(error)): \(mask(excerpt(text)))",
                code: "output")
        }
        guard case .object = value else {
            throw ActionFailure(
                "plugin '\(name)' printed a JSON \(value.typeName) on standard output, not an object of outputs",
                code: "output")
        }
        return value
    }

    /// The first 80 characters of `text` on one line.
    static func excerpt(_ text: String) -> String {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isNewline)
            .joined(separator: " ")
        return line.count > 80 ? String(line.prefix(80)) + "…" : line
    }
}
