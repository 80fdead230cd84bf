import Foundation

/// The `havenflow` executable as a user meets it: cold start of `--version`, `validate` of a small file,
/// and `validate` of a generated 10,000-step workflow (whole process: wall time and peak memory).
enum CLIBenchmark: Benchmark {
    static let name = "cli"
    static let summary = "havenflow --version, validate of a small file, validate of 10,000 steps (whole process)"

    static func run() async throws -> [Figure] {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("havenflow").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkFailure("build the havenflow product next to havenflow-bench first (\(binary))")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("havenflow-cli-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = folder.appendingPathComponent("small.yaml").path
        let large = folder.appendingPathComponent("large.yaml").path
        try smallWorkflow.write(toFile: small, atomically: true, encoding: .utf8)
        try largeWorkflow(steps: 10_000).write(toFile: large, atomically: true, encoding: .utf8)

        let version = try best(of: 10) { try ChildProcess.run(binary, ["--version"]) }
        let validateSmall = try best(of: 10) { try ChildProcess.run(binary, ["validate", small]) }
        let validateLarge = try best(of: 5) { try ChildProcess.run(binary, ["validate", large]) }
        return [
            Figure("--version", version.seconds * 1000, "ms"),
            Figure("validate small", validateSmall.seconds * 1000, "ms"),
            Figure("validate 10k steps", validateLarge.seconds * 1000, "ms", .atMost, 300),
            Figure("validate 10k memory", validateLarge.peakBytes / 1_000_000, "MB", .atMost, 100),
        ]
    }

    /// The fastest of `count` runs (each must exit 0), with its peak memory.
    static func best(of count: Int, _ body: () throws -> ChildProcess.Result) throws -> ChildProcess.Result {
        var results: [ChildProcess.Result] = []
        for _ in 0..<count { results.append(try body()) }
        return results.min { $0.seconds < $1.seconds }!
    }

    static let smallWorkflow = """
        version: 1
        name: small
        steps:
          - id: hello
            log: { message: "hello ${{ run.id }}" }
          - delete-connector: { connector: old, missing_ok: true }
        """

    static func largeWorkflow(steps: Int) -> String {
        var text = "version: 1\nname: large\ninputs:\n  prefix: { type: string, default: \"v2-\" }\n"
        text += "vars:\n  index: migrated\nsteps:\n"
        text.reserveCapacity(steps * 160)
        for index in 0..<steps {
            switch index % 4 {
            case 0:
                text += "  - id: s\(index)\n    log: { message: \"step \(index) of ${{ run.name }} into ${{ vars.index }}\" }\n"
            case 1:
                text += "  - id: s\(index)\n    if: ${{ steps.s\(index - 1).status == 'succeeded' }}\n"
                text += "    delete-connector: { connector: \"${{ inputs.prefix }}c\(index)\", missing_ok: true }\n"
            case 2:
                text += "  - id: s\(index)\n    for_each: ${{ steps.s\(index - 2).outputs.* }}\n"
                text += "    create: { connector: \"${{ inputs.prefix }}${{ item }}\", flavor: web_cloud, "
                text += "config: { url: \"https://example.com/${{ index }}\" }, "
                text += "destination: { action: addtotextindex, index: \"${{ vars.index }}\" } }\n"
            default:
                text += "  - id: s\(index)\n    sleep: { duration: 1ms }\n"
            }
        }
        return text
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a program to completion and measures its wall time and peak memory (from `wait4`).
enum ChildProcess {
    struct Result {
        var seconds: Double
        var peakBytes: Double
    }

    static func run(_ path: String, _ arguments: [String]) throws -> Result {
        let argv = ([path] + arguments).map { strdup($0) }
        defer { for pointer in argv { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = ContinuousClock.now
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv + [nil], environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let elapsed = ContinuousClock.now - start
        guard status == 0 else { throw BenchmarkFailure("\(path) \(arguments.joined(separator: " ")) exited \(status)") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(seconds: seconds, peakBytes: Double(usage.ru_maxrss) * 1024)
    }
}
