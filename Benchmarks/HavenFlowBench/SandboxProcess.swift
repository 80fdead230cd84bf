import FlowCore
import Foundation

/// `havenflow sandbox` (the release binary beside havenflow-bench) in a child process on a free port.
struct SandboxProcess {
    let process: Process
    let port: Int

    var endpoint: String { "http://127.0.0.1:\(port)" }

    static func start() throws -> SandboxProcess {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("havenflow")
        let port = try freePort()
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sandbox", "--port", String(port), "--job-delay", "1ms"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return SandboxProcess(process: process, port: port)
    }

    /// Waits (up to 10 s) until the port accepts connections.
    func waitUntilReady() async throws {
        for _ in 0..<200 {
            if Self.accepts(port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchmarkFailure("havenflow sandbox did not start listening on port \(port)")
    }

    /// The CPU time (user + system) the sandbox has used so far, in seconds, from `/proc/PID/stat`; nil
    /// where there is no `/proc`.
    var cpuSeconds: Double? { ProcessStat(pid: process.processIdentifier)?.cpuSeconds }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// A port the kernel says is free now (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchmarkFailure("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
