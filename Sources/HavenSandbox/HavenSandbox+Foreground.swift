import Logging
import ServiceLifecycle
import UnixSignals

extension HavenSandbox {
    /// Serves `configuration` in the foreground until SIGINT or SIGTERM (requests in flight finish first),
    /// calling `started` once it listens (an error it throws stops the sandbox): what `havenflow sandbox` does.
    /// `started` is called once the signals are trapped, so a SIGTERM sent as soon as it announces the
    /// sandbox stops it gracefully rather than killing the process.
    public static func serveUntilSignalled(
        _ configuration: SandboxConfiguration, started: @escaping @Sendable (HavenSandbox) throws -> Void
    ) async throws {
        let sandbox = try await HavenSandbox.start(configuration)
        var logger = Logger(label: "havenflow.sandbox")
        logger.logLevel = .warning
        let group = ServiceGroup(
            services: [ForegroundService(sandbox: sandbox, started: started)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        try await group.run()
    }
}

/// The sandbox as a service: it announces the sandbox (the service group traps the signals before it
/// starts its services), then serves; graceful shutdown stops it.
private struct ForegroundService: Service {
    let sandbox: HavenSandbox
    let started: @Sendable (HavenSandbox) throws -> Void

    func run() async throws {
        do {
            try started(sandbox)
        } catch {
            await sandbox.stop()
            throw error
        }
        try await withGracefulShutdownHandler {
            try await sandbox.run()
        } onGracefulShutdown: {
            Task { await sandbox.stop() }
        }
    }
}
