import Foundation

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
    /// Seconds since 1970 at this moment: what the sandbox stamps each call with, deciding the phases of
    /// jobs and connector runs, when confirm tokens expire and how fast the rate limit refills. The wall
    /// clock by default; a test passes a clock of its own to move the sandbox through time without waiting.
    public var now: @Sendable () -> Double

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
        maxBodySize: Int = 1 << 20,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
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
        self.now = now
    }
}
