import Foundation

/// Debian's `chromium`, headless, for the browser tests: `--dump-dom` gives the DOM after the page's
/// scripts ran for a virtual-time budget, `--screenshot` a PNG. Each call is a new browser process with a
/// new profile folder, so tests may run in parallel. A browser that cannot be found or started is an
/// error (a sentence), never a skipped test: `make test` installs it (`apt-get install -y -qq chromium`).
struct Chromium: Sendable {
    /// The longest a browser process may take before it is stopped and the call fails (a guard against a
    /// browser that hangs; no test measures time).
    static let processLimit: Duration = .seconds(120)

    let executable: String

    /// The browser named by `HAVENFLOW_CHROMIUM`, else `chromium` or `chromium-browser` on `PATH`.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Chromium {
        if let named = environment["HAVENFLOW_CHROMIUM"], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named) else {
                throw BrowserError("HAVENFLOW_CHROMIUM names \(named), which is not an executable file")
            }
            return Chromium(executable: named)
        }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return Chromium(executable: "\(folder)/\(name)")
            }
        }
        throw BrowserError(
            "chromium was not found on PATH (\(environment["PATH"] ?? "")); the browser tests need Debian's "
                + "chromium: `make test` installs it, or run `apt-get install -y -qq chromium`")
    }

    /// The DOM of `url` as serialised after the page's scripts ran for `virtualTimeMs` of virtual time.
    func dumpDOM(_ url: String, virtualTimeMs: Int = 5000) async throws -> String {
        let output = try await run(["--dump-dom", "--virtual-time-budget=\(virtualTimeMs)", url])
        guard output.contains("<html") else {
            throw BrowserError("chromium gave no DOM for \(url); it printed: \(output.prefix(500))")
        }
        return output
    }

    /// Saves a PNG of `url` at `width`×`height` to `path`, after `virtualTimeMs` of virtual time.
    func screenshot(_ url: String, to path: String, width: Int, height: Int, virtualTimeMs: Int = 5000) async throws {
        try? FileManager.default.removeItem(atPath: path)
        _ = try await run([
            "--screenshot=\(path)", "--window-size=\(width),\(height)", "--hide-scrollbars",
            "--virtual-time-budget=\(virtualTimeMs)", url,
        ])
        guard let data = FileManager.default.contents(atPath: path), data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw BrowserError("chromium wrote no PNG screenshot of \(url) to \(path)")
        }
    }

    /// Runs the browser headless with `arguments`; its standard output. A browser that cannot be started,
    /// exits with a failure or outlives `processLimit` throws, naming what it printed.
    private func run(_ arguments: [String]) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let stdout = folder.appendingPathComponent("stdout")
        let stderr = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            ] + arguments
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        let ended = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in ended.continuation.finish() }
        do {
            try process.run()
        } catch {
            throw BrowserError("chromium (\(executable)) could not be started: \(error)")
        }
        let guardTask = Task {
            try await Task.sleep(for: Self.processLimit)
            process.terminate()
        }
        for await _ in ended.stream {}
        guardTask.cancel()
        let output = String(decoding: (try? Data(contentsOf: stdout)) ?? Data(), as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let errors = String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self)
            throw BrowserError(
                "chromium \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus), "
                    + "\(process.terminationReason == .exit ? "exited" : "stopped by a signal")): \(errors.suffix(800))")
        }
        return output
    }
}

/// A browser test's failure, as a sentence.
struct BrowserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
