import Foundation
import JSONValue
import Testing

/// README.md's tour, run line by line as written (through `sh -c`, with the built `havenflow` first on
/// PATH) in a fresh folder holding a copy of workflows/, so the front door cannot rot. Each line states its
/// exit status as `# exit N`; `RUN_ID` stands for the newest run `havenflow runs` lists; a line that says
/// `on SIGTERM` serves until it is stopped: it gets SIGTERM once it listens.
@Suite(.timeLimit(.minutes(3))) struct ReadmeTourTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct TourLine: CustomStringConvertible {
        var command: String
        var status: Int32
        var servesUntilStopped: Bool
        var description: String { command }
    }

    /// The commands of the README's tour block (the `sh` block that starts with `havenflow validate`).
    static func tour() throws -> [TourLine] {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let block = try #require(blocks.first { $0.hasPrefix("havenflow validate") })
        return try block.split(separator: "\n").map { line in
            let parts = line.split(separator: "#", maxSplits: 1).map(String.init)
            let comment = parts.count > 1 ? parts[1] : ""
            let status = try #require(
                comment.firstMatch(of: /exit (\d+)/).flatMap { Int32($0.1) }, "no '# exit N' on: \(line)")
            return TourLine(
                command: parts[0].trimmingCharacters(in: .whitespaces), status: status,
                servesUntilStopped: comment.contains("on SIGTERM"))
        }
    }

    /// The tour shows workflows/quickstart.yaml as it is (from `version: 1` on).
    @Test func theTourShowsTheQuickstartAsItIs() throws {
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let shown = try #require(
            readme.components(separatedBy: "```yaml\n# workflows/quickstart.yaml\n").dropFirst().first?
                .components(separatedBy: "```\n").first)
        let file = try String(
            contentsOf: Self.repository.appendingPathComponent("workflows/quickstart.yaml"), encoding: .utf8)
        #expect(file.hasSuffix("\n" + shown))
        #expect(shown.hasPrefix("version: 1\n"))
    }

    @Test func everyCommandOfTheTourExitsAsTheReadmeSays() async throws {
        let lines = try Self.tour()
        #expect(lines.count >= 8)
        let folder = try HavenflowProcess.folder(with: [:])
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("workflows"), to: folder.appendingPathComponent("workflows"))
        var environment = ProcessInfo.processInfo.environment
        environment["HAVENFLOW_STATE_DIR"] = nil
        environment["HAVEN_ENDPOINT"] = nil
        environment["NO_COLOR"] = "1"
        environment["PATH"] = HavenflowProcess.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "")
        for line in lines {
            var command = line.command
            if command.contains("RUN_ID") {
                let runs = try await StateQuery.runs(stateDir: ".havenflow", in: folder)
                let runID = try #require(runs.first?["id"]?.stringValue, "no run recorded before: \(command)")
                command = command.replacing("RUN_ID", with: runID)
            }
            let shell = try ShellLine(command, environment: environment, in: folder)
            if line.servesUntilStopped {
                try await waitUntil("'\(command)' to listen", timeout: .seconds(60)) { shell.stdout.contains("listening") }
                _ = kill(shell.process.processIdentifier, SIGTERM)
            }
            let status = try await shell.wait()
            #expect(status == line.status, "\(command)\n\(shell.stdout)\n\(shell.stderr)")
        }
    }
}

/// One line of shell, started in `folder` with its output kept in files there.
final class ShellLine: @unchecked Sendable {
    let process = Process()
    private let stdoutURL: URL
    private let stderrURL: URL

    init(_ line: String, environment: [String: String], in folder: URL) throws {
        let id = UUID().uuidString
        stdoutURL = folder.appendingPathComponent("stdout-\(id).txt")
        stderrURL = folder.appendingPathComponent("stderr-\(id).txt")
        for url in [stdoutURL, stderrURL] { FileManager.default.createFile(atPath: url.path, contents: nil) }
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec` so that a signal reaches havenflow itself, not the shell.
        process.arguments = ["-c", "exec " + line]
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    func wait() async throws -> Int32 {
        try await HavenflowProcess.waitForExit(process)
        return process.terminationStatus
    }

    var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
}
