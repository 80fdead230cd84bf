import ArgumentParser
import FlowCore
import FlowRuntime
import Foundation

/// The one place where outcomes become the exit codes of docs/cli.md.
enum ExitStatus: Int32 {
    case succeeded = 0
    case failed = 1
    case invalid = 2
    case locked = 3
    case interrupted = 4
    case usage = 64
    case internalError = 70

    var exitCode: ExitCode { ExitCode(rawValue) }

    init(_ error: RuntimeError) {
        switch error.kind {
        case .usage: self = .usage
        case .invalid: self = .invalid
        case .locked: self = .locked
        case .failed: self = .failed
        }
    }

    init(_ status: RunStatus) {
        switch status {
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .interrupted: self = .interrupted
        }
    }
}

/// Standard error, for messages and diagnostics.
enum StandardError {
    @Sendable static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`; a `RuntimeError` becomes its sentence on standard error and its exit code.
    func exiting(_ body: () async throws(RuntimeError) -> ExitStatus) async throws {
        let status: ExitStatus
        do {
            status = try await body()
        } catch {
            if !error.alreadyReported { StandardError.write("error: \(error.message)") }
            throw ExitStatus(error).exitCode
        }
        if status != .succeeded { throw status.exitCode }
    }
}
