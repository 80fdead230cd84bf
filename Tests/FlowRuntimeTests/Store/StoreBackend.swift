import FlowCore
import FlowRuntime
import Foundation
import PostgresTesting
import Testing

/// A state-store backend the contract suite runs against (`@Test(arguments: StoreBackend.all)`): how to
/// make a new, empty store and open it as a given process. A new backend adds itself to `all`.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    var name: String
    /// The location of a new, empty store.
    var makeLocation: @Sendable () async throws -> String
    /// The store at `location` as `process` would open it, its leases timed by `clock`.
    var opening: @Sendable (_ location: String, _ process: ProcessIdentity, _ clock: any SchedulerClock) async throws
        -> any StateStore

    var testDescription: String { name }

    static let sqlite = StoreBackend(
        name: "SQLite", makeLocation: { temporaryStateDirectory() },
        opening: { location, process, clock in try SQLiteStateStore(directory: location, process: process, clock: clock) })

    /// A database of its own on the test process's PostgreSQL (`PostgresServer`), connected at opening.
    static let postgres = StoreBackend(
        name: "PostgreSQL", makeLocation: { try PostgresServer.shared().freshURL() },
        opening: { location, process, clock in
            let store = try PostgresStateStore(address: PostgresAddress(url: location), process: process, clock: clock)
            try await store.connect()
            return store
        })

    static let all: [StoreBackend] = [.sqlite, .postgres]

    /// Opens the store at `location` as `process` (this one by default).
    func open(
        _ location: String, as process: ProcessIdentity = .current, clock: any SchedulerClock = SystemSchedulerClock()
    ) async throws -> any StateStore {
        try await opening(location, process, clock)
    }

    /// A new, empty store, opened by this process.
    func fresh() async throws -> any StateStore {
        try await open(try await makeLocation())
    }
}

/// A fresh state directory under the temporary folder.
func temporaryStateDirectory() -> String {
    NSTemporaryDirectory() + "havenflow-state-\(UUID().uuidString)"
}

/// Where the lease tests' clocks start: 2027-01-15T08:00:00Z.
let leaseEpoch = Date(timeIntervalSince1970: 1_800_000_000)

/// A pid no process has (beyond Linux's pid_max).
let deadPID: Int32 = 99_999_999

extension ProcessIdentity {
    /// A process on this host: `pid` 1 (alive everywhere) or `deadPID`, started at `started`.
    static func local(pid: Int32, started: String? = nil) -> ProcessIdentity {
        ProcessIdentity(pid: pid, host: ProcessIdentity.current.host, started: started)
    }
}
