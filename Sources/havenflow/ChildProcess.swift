import FlowCore
import Foundation

/// A child process in its own process group (so a Ctrl-C at the scheduler's terminal does not reach
/// it), with standard input from `/dev/null` and standard output and error appended to one file.
struct ChildProcess: Sendable {
    let pid: pid_t

    struct SpawnFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func spawn(
        executable: String, arguments: [String], environment: [String: String], outputFile: String
    ) throws(SpawnFailure) -> ChildProcess {
        let output = open(outputFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            throw SpawnFailure(description: "cannot open \(outputFile): \(String(cString: strerror(errno)))")
        }
        defer { close(output) }
        switch ProcessGroupSpawn.spawn(
            executable: executable, arguments: arguments, environment: environment,
            descriptors: .init(input: nil, output: output, error: output))
        {
        case .success(let pid): return ChildProcess(pid: pid)
        case .failure(let error): throw SpawnFailure(description: "cannot start \(executable): \(error.reason)")
        }
    }

    /// Blocks the calling thread until the child exits; its exit status (128 + N when killed by signal N).
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Sends `signal` to the child's process group.
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// This executable's path (`/proc/self/exe` where there is one), for starting more of itself.
    static var currentExecutable: String {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        let path = CommandLine.arguments[0]
        if path.contains("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return Bundle.main.executablePath ?? path
    }
}
