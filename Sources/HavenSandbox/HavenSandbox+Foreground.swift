import Logging
import ServiceLifecycle
import UnixSignals

extension HavenSandbox {
    /// Serves `configuration` in the foreground until SIGINT or SIGTERM (requests in flight finish first),
    /// calling `started` once it listens (an error it throws stops the sandbox): what `havenflow sandbox` does.
    public static func serveUntilSignalled(
        _ configuration: SandboxConfiguration, started: (HavenSandbox) throws -> Void
    ) async throws {
        let sandbox = try await HavenSandbox.start(configuration)
        do {
            try started(sandbox)
        } catch {
            await sandbox.stop()
            throw error
        }
        var logger = Logger(label: "havenflow.sandbox")
        logger.logLevel = .warning
        let group = ServiceGroup(
            services: [ForegroundService(sandbox: sandbox)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}

/// The sandbox as a service: graceful shutdown stops it.
private struct ForegroundService: Service {
    let sandbox: HavenSandbox

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await sandbox.run()
        } onGracefulShutdown: {
            Task { await sandbox.stop() }
        }
    }
}
