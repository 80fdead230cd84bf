/// How `Engine` runs workflows: everything that comes from the command line and the environment.
public struct EngineOptions: Sendable {
    /// `--dry-run` / `plan`: actions whose declaration says `changesState` are not called.
    public var dryRun: Bool
    /// The `env` context.
    public var env: [String: String]
    /// The `secrets` context; every value is masked.
    public var secrets: [String: String]
    /// More values to mask everywhere (the API key).
    public var maskedValues: [String]
    /// Upper bound for any step's `concurrency`.
    public var maxConcurrency: Int
    /// Triggered by the CLI on SIGINT/SIGTERM.
    public var cancellation: RunCancellation
    /// How long in-flight actions may go on after `cancellation` before their tasks are cancelled.
    public var gracePeriod: Duration
    /// Sleeps between retries (inject one that does not sleep in tests).
    public var clock: any EngineClock
    /// A number in `0..<1` for retry jitter.
    public var random: @Sendable () -> Double

    public init(
        dryRun: Bool = false, env: [String: String] = [:], secrets: [String: String] = [:],
        maskedValues: [String] = [], maxConcurrency: Int = 256, cancellation: RunCancellation = RunCancellation(),
        gracePeriod: Duration = .seconds(10), clock: any EngineClock = SystemEngineClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.dryRun = dryRun
        self.env = env
        self.secrets = secrets
        self.maskedValues = maskedValues
        self.maxConcurrency = maxConcurrency
        self.cancellation = cancellation
        self.gracePeriod = gracePeriod
        self.clock = clock
        self.random = random
    }
}

/// What the engine sleeps on between retry attempts.
public protocol EngineClock: Sendable {
    /// Sleeps for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemEngineClock: EngineClock {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
