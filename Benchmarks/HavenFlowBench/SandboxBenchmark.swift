import Foundation
import HavenSandbox

/// HavenSandbox under `wrk` at 32 connections: `connectorstatus` (GET, apikey in the query) and
/// `createconnector` (urlencoded POST, a unique name per request from a Lua counter).
enum SandboxBenchmark: Benchmark {
    static let name = "sandbox"
    static let summary = "HavenSandbox requests/s and p99 latency under wrk -c32 (connectorstatus, createconnector)"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What one wrk run reported.
    struct WrkResult {
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var non2xx: Double
    }

    static func run() async throws -> [Figure] {
        let sandbox = try await HavenSandbox.start(SandboxConfiguration(seed: 1))
        defer { Task { await sandbox.stop() } }
        let seed = try await wrk(["-t1", "-c1", "-d1s", "-s", try script(createScript(prefix: "seed")),
                                  "\(sandbox.endpoint)/1/api/sync/createconnector/v1"])
        // wrk calls request() once before it starts, so the first name used is seed_1_2.
        guard seed.requestsPerSecond > 10 else { throw Failure(description: "the sandbox did not answer") }
        let status = try await wrk(["-t2", "-c32", "-d5s", "--latency",
                                    "\(sandbox.endpoint)/1/api/sync/connectorstatus/v1?apikey=sandbox-key&connector=seed_1_10"])
        let create = try await wrk(["-t2", "-c32", "-d5s", "--latency", "-s", try script(createScript(prefix: "b")),
                                    "\(sandbox.endpoint)/1/api/sync/createconnector/v1"])
        await sandbox.stop()
        return [
            Figure("connectorstatus throughput", status.requestsPerSecond, "req/s", .atLeast, 5000),
            Figure("connectorstatus p99", status.p99Milliseconds, "ms", .atMost, 20),
            Figure("connectorstatus non-2xx", status.non2xx, "responses", .atMost, 0),
            Figure("createconnector throughput", create.requestsPerSecond, "req/s", .atLeast, 1500),
            Figure("createconnector p99", create.p99Milliseconds, "ms", .atMost, 20),
            Figure("createconnector non-2xx", create.non2xx, "responses", .atMost, 0),
        ]
    }

    static func createScript(prefix: String) -> String {
        """
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("tid", threads)
        end
        counter = 0
        function request()
          counter = counter + 1
          local body = "apikey=sandbox-key&connector=\(prefix)_" .. tid .. "_" .. counter
            .. "&flavor=web_cloud&config=%7B%22url%22%3A%22http%3A%2F%2Fexample.com%22%7D"
            .. "&destination=%7B%22action%22%3A%22addtotextindex%22%2C%22index%22%3A%22i%22%7D"
          return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
        end
        """
    }

    static func script(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "havenflow-bench-\(UUID().uuidString).lua"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs wrk without blocking a thread of the pool the sandbox serves from.
    static func wrk(_ arguments: [String]) async throws -> WrkResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output: String = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { _ in
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "wrk failed (is it installed? make bench installs it):\n\(output)")
        }
        return parse(output)
    }

    static func parse(_ output: String) -> WrkResult {
        var result = WrkResult(requestsPerSecond: 0, p99Milliseconds: .nan, non2xx: 0)
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let value = fields.last.flatMap({ Double($0) }) {
                result.requestsPerSecond = value
            } else if fields.count == 2, fields[0] == "99%" {
                result.p99Milliseconds = milliseconds(String(fields[1]))
            } else if line.contains("Non-2xx or 3xx responses:"), let value = fields.last.flatMap({ Double($0) }) {
                result.non2xx = value
            }
        }
        return result
    }

    /// wrk's `850.00us`, `12.34ms`, `1.20s`.
    static func milliseconds(_ text: String) -> Double {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? .nan) * scale
        }
        return .nan
    }
}
