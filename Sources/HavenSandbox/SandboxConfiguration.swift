/// Everything a sandbox needs to start: where it listens, which keys it accepts, how slow and how
/// unreliable it is, and where it keeps its data. The defaults serve a quiet, in-memory sandbox on a free
/// loopback port.
public struct SandboxConfiguration: Sendable {
    /// Whether `deleteconnector` and `deletetextindex` hand out a confirm token first (`required`, the
    /// default) or delete in one call (`none`, as some deployments did).
    public enum DeleteConfirmation: String, Sendable, CaseIterable {
        case required
        case none
    }

    /// Address to bind; loopback by default.
    public var host: String
    /// Port to bind; 0 picks a free one (read it back from `HavenSandbox.port`).
    public var port: Int
    /// Accepted `apikey` values.
    public var apiKeys: [String]
    /// How long an asynchronous job takes, split between `queued` and `in progress`.
    public var jobDelay: Duration
    /// How long a connector run takes from `QUEUED` to `FINISHED`.
    public var runDuration: Duration
    /// How long `/1/job/result` waits for a job before answering error 7000.
    public var resultTimeout: Duration
    /// Seed for job timing, ids, tokens and faults; `nil` draws one at random.
    public var seed: UInt64?
    /// Connector count quota (error 9003); `nil` means unlimited.
    public var maxConnectors: Int?
    /// Requests per second across all keys (error 4030, HTTP 429); `nil` means unlimited.
    public var rateLimit: Double?
    /// Injected faults and latency.
    public var faults: FaultPlan
    /// The delete flow.
    public var deleteConfirmation: DeleteConfirmation
    /// How long a confirm token stays valid (10 minutes, as documented).
    public var confirmTokenLifetime: Duration
    /// JSON Lines audit file, one line per effective change; `nil` writes none.
    public var auditFile: String?
    /// SQLite database file (WAL mode); `nil` keeps everything in memory.
    public var dataFile: String?
    /// Largest request body accepted; larger ones get HTTP 413.
    public var maxBodySize: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        apiKeys: [String] = ["sandbox-key"],
        jobDelay: Duration = .milliseconds(200),
        runDuration: Duration = .seconds(2),
        resultTimeout: Duration = .seconds(60),
        seed: UInt64? = nil,
        maxConnectors: Int? = nil,
        rateLimit: Double? = nil,
        faults: FaultPlan = FaultPlan(),
        deleteConfirmation: DeleteConfirmation = .required,
        confirmTokenLifetime: Duration = .seconds(600),
        auditFile: String? = nil,
        dataFile: String? = nil,
        maxBodySize: Int = 1 << 20
    ) {
        self.host = host
        self.port = port
        self.apiKeys = apiKeys
        self.jobDelay = jobDelay
        self.runDuration = runDuration
        self.resultTimeout = resultTimeout
        self.seed = seed
        self.maxConnectors = maxConnectors
        self.rateLimit = rateLimit
        self.faults = faults
        self.deleteConfirmation = deleteConfirmation
        self.confirmTokenLifetime = confirmTokenLifetime
        self.auditFile = auditFile
        self.dataFile = dataFile
        self.maxBodySize = maxBodySize
    }
}

extension SandboxConfiguration {
    /// A duration written `250ms`, `2s`, `1.5s` or `500us` (the CLI's and the fault spec's syntax).
    public static func duration(parsing text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 1e-3), ("us", 1e-6), ("s", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite else { return nil }
            return .nanoseconds(Int64((number * scale * 1e9).rounded()))
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
