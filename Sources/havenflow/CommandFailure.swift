import ArgumentParser
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
}

/// An error the CLI reports as one sentence on standard error, then exits with `status`.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus

    init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    var description: String { message }
}

/// Standard error, for messages and diagnostics.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into its message on standard error and its exit code.
    func reportingFailures(_ body: () async throws -> ExitStatus) async throws {
        let status: ExitStatus
        do {
            status = try await body()
        } catch let failure as CommandFailure {
            StandardError.write("error: \(failure.message)")
            throw failure.status.exitCode
        }
        if status != .succeeded { throw status.exitCode }
    }
}
