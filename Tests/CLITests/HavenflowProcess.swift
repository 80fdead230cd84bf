import FlowCore
import Foundation

/// Runs the built `havenflow` executable, as a user would, and captures what it printed.
///
/// The binary is found next to the test bundle (`<scratch>/debug/havenflow`), or at `$HAVENFLOW_BINARY`.
struct HavenflowProcess {
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The `havenflow` executable this test run uses.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["HAVENFLOW_BINARY"] { return URL(fileURLWithPath: path) }
        var folders = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        folders.append(repository.appendingPathComponent(".build/debug"))
        for folder in folders {
            let candidate = folder.appendingPathComponent("havenflow")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repository.appendingPathComponent(".build/debug/havenflow")
    }()

    /// Runs `havenflow ARGUMENTS…` in `directory` with `environment` added to this process's environment
    /// and `stdin` (if any) as its standard input, and waits for it to exit.
    ///
    /// The wait suspends instead of blocking a thread: tests serve the sandbox from this very process, and
    /// a blocked cooperative thread would starve it.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        in directory: URL? = nil
    ) async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("havenflow-cli-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        let stdinURL = scratch.appendingPathComponent("stdin")
        for url in [stdoutURL, stderrURL] { FileManager.default.createFile(atPath: url.path, contents: nil) }
        FileManager.default.createFile(atPath: stdinURL.path, contents: Data((stdin ?? "").utf8))

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let output = try FileHandle(forWritingTo: stdoutURL)
        let errors = try FileHandle(forWritingTo: stderrURL)
        let input = try FileHandle(forReadingFrom: stdinURL)
        defer {
            try? output.close()
            try? errors.close()
            try? input.close()
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        try await waitForExit(process)
        return Output(
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8),
            status: process.terminationStatus)
    }

    /// A fresh temporary folder holding `files` (name → contents), for commands that read files.
    static func folder(with files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("havenflow-files-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Suspends until `process` has exited, polling every 10 ms. Fails, instead of waiting for the suite's
    /// time limit, when the kernel has had the process as exited (a zombie) for 30 s while Foundation still
    /// reports it running — an exit Foundation did not notice.
    static func waitForExit(_ process: Process) async throws {
        var exitedSince: ContinuousClock.Instant?
        while process.isRunning {
            if ProcessStat(pid: process.processIdentifier)?.state == "Z" {
                let since = exitedSince ?? .now
                exitedSince = since
                if ContinuousClock.now - since > .seconds(30) { throw ExitNotNoticed(pid: process.processIdentifier) }
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
    }
}

struct ExitNotNoticed: Error, CustomStringConvertible {
    var pid: Int32
    var description: String { "process \(pid) exited 30 s ago, but Foundation's Process still reports it running" }
}
