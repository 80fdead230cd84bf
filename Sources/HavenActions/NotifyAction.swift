import AsyncHTTPClient
import FlowCore
import Foundation
import JSONValue
import NIOCore
import NIOHTTP1
import Synchronization

/// `notify`: tells people how a run went, by webhook (POST JSON), by appending a JSON line to a file,
/// and/or on the console. Under dry run nothing is delivered; `plan` says what would be.
public struct NotifyAction: Action, DescribesRequest {
    public static let name = "notify"

    public init() {}

    public var declaration: ActionDeclaration {
        ActionDeclaration(
            name: Self.name,
            summary: "Send a message to a webhook, a file and/or the console",
            inputs: [
                InputSpec("message", .string, required: true, description: "The text to send"),
                InputSpec(
                    "webhook", .string, secret: true,
                    description: "URL to POST {text, title, level, workflow, run_id, status} to (masked: webhook URLs carry tokens)"),
                InputSpec("file", .string, description: "File to append one JSON line to"),
                InputSpec("stdout", .boolean, description: "Print the message on the console", default: false),
                InputSpec("title", .string, description: "A short title"),
                InputSpec(
                    "level", .string, description: "Severity", default: "info", allowed: ["info", "warning", "error"]),
            ],
            outputs: [OutputSpec("delivered", .list, description: "Where the message went: webhook, file, stdout")],
            changesState: true
        )
    }

    public func plan(_ input: JSON) -> String {
        let inputs = ActionInputs(input)
        var targets: [String] = []
        if inputs.optionalString("webhook") != nil { targets.append("POST webhook ****") }
        if let file = inputs.optionalString("file") { targets.append("append to \(file)") }
        if inputs.bool("stdout") { targets.append("print") }
        let message = (try? inputs.string("message")) ?? ""
        return "notify \(targets.joined(separator: ", ")): \(message)"
    }

    public func run(_ input: JSON, context: ActionContext) async throws -> JSON {
        let inputs = ActionInputs(input)
        let message = try inputs.string("message")
        let webhook = inputs.optionalString("webhook")
        let file = inputs.optionalString("file")
        let stdout = inputs.bool("stdout")
        guard webhook != nil || file != nil || stdout else {
            throw ActionFailure("notify needs at least one of 'webhook', 'file' or 'stdout: true'")
        }
        if let outputs = dryRunOutputs(input, context: context) { return outputs }
        let level = inputs.optionalString("level") ?? "info"
        var payload: [String: JSON] = [
            "text": .string(context.mask(message)), "level": .string(level),
            "workflow": .string(context.workflowName), "run_id": .string(context.runID),
            "status": .string(context.runStatus),
        ]
        if let title = inputs.optionalString("title") { payload["title"] = .string(context.mask(title)) }
        let body = JSON.object(payload)

        var delivered: [JSON] = []
        var failures: [String] = []
        var transient = false
        if let webhook {
            do {
                try await Self.post(body, to: webhook)
                delivered.append("webhook")
            } catch let failure as ActionFailure {
                failures.append(context.mask(failure.message))
                transient = transient || failure.transient
            }
        }
        if let file {
            do {
                try Self.append(body, to: file)
                delivered.append("file")
            } catch {
                failures.append("could not append to \(file): \(error.localizedDescription)")
            }
        }
        if stdout {
            let prefix = inputs.optionalString("title").map { "[\(level)] \($0): " } ?? "[\(level)] "
            context.print(context.mask(prefix + message))
            delivered.append("stdout")
        }
        guard failures.isEmpty else {
            throw ActionFailure(
                "notify failed: " + failures.joined(separator: "; "), detail: ["delivered": .array(delivered)],
                transient: transient)
        }
        return ["delivered": .array(delivered)]
    }

    /// POSTs `body` as JSON; a non-2xx answer or a transport error is a failure naming what happened.
    static func post(_ body: JSON, to url: String) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "havenflow")
        request.body = .bytes(ByteBuffer(bytes: body.utf8Data))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        } catch {
            throw ActionFailure("the webhook could not be reached (\(Self.describe(error)))", transient: true)
        }
        _ = try? await response.body.collect(upTo: 64 * 1024)
        let status = response.status
        guard (200..<300).contains(Int(status.code)) else {
            throw ActionFailure(
                "the webhook answered HTTP \(status.code) \(status.reasonPhrase)", code: "\(status.code)",
                transient: status.code == 429 || status.code >= 500)
        }
    }

    /// Serializes appends from concurrent steps of this process, so that lines never interleave.
    private static let appending = Mutex(())

    /// Appends `body` as one line; the file is created when missing.
    static func append(_ body: JSON, to path: String) throws {
        try appending.withLock { _ in try appendLine(body, to: path) }
    }

    private static func appendLine(_ body: JSON, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let line = Data((body.rendered() + "\n").utf8)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }

    /// An HTTP client error in words, never with the URL (it may hold a token).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return error.shortDescription }
        return String(describing: type(of: error))
    }
}
