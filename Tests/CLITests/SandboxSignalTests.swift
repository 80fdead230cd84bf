import Foundation
import Testing

/// `havenflow sandbox` traps SIGTERM before it says it listens: a SIGTERM sent the moment the line
/// appears stops it gracefully (exit 0, "Haven sandbox stopped") instead of killing the process — the
/// README tour does just that, and on a loaded machine the signal used to land before the trap.
@Suite(.timeLimit(.minutes(2))) struct SandboxSignalTests {
    @Test(arguments: 1...3)
    func aSIGTERMTheMomentItListensStopsItGracefully(round: Int) async throws {
        let folder = try HavenflowProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let sandbox = try ShellLine(
            "'\(HavenflowProcess.binary.path)' sandbox --port 0", environment: ProcessInfo.processInfo.environment,
            in: folder)
        try await waitUntil("the sandbox to listen") { sandbox.stdout.contains("listening") || !sandbox.process.isRunning }
        _ = kill(sandbox.process.processIdentifier, SIGTERM)
        #expect(try await sandbox.wait() == 0, "\(sandbox.stdout)\n\(sandbox.stderr)")
        #expect(sandbox.process.terminationReason == .exit, "it ended by exiting, not by the signal")
        #expect(sandbox.stdout.hasSuffix("Haven sandbox stopped\n"), "\(sandbox.stdout)")
    }
}
