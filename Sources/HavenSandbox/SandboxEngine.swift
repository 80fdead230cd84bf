import JSONValue
import Synchronization

/// The Haven API without HTTP: every call goes through `mutate`, which holds the state lock, lets a
/// handler read and change the state, commits its changes in one transaction and writes its audit lines.
final class SandboxEngine: Sendable {
    /// One call: its parameters, the caller's key and the time it arrived.
    struct Call {
        var api: String
        var params: Parameters
        var key: String
        var now: Double
    }

    static let apis: Set<String> = [
        "createconnector", "updateconnector", "deleteconnector", "retrieveconfig", "connectorstatus",
        "connectorhistory", "startconnector", "stopconnector", "cancelconnectorschedule", "listresources",
        "createtextindex", "deletetextindex",
    ]

    let configuration: SandboxConfiguration
    let random: SandboxRandom
    private let store: SandboxStore
    private let state: Mutex<SandboxState>
    private let audit: AuditLog?

    init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        random = SandboxRandom(seed: (configuration.seed ?? UInt64.random(in: 0...UInt64.max)) ^ 0x5EED)
        store = try SandboxStore(path: configuration.dataFile)
        state = Mutex(try store.load())
        audit = try configuration.auditFile.map(AuditLog.init(path:))
    }

    func close() {
        store.close()
        audit?.close()
    }

    static func isKnown(_ api: String) -> Bool { apis.contains(api) }

    /// Runs `body` under the state lock; commits what it recorded unless it throws.
    func mutate<T: Sendable>(_ body: (inout SandboxState, inout ChangeSet) throws(HavenError) -> T) throws(HavenError) -> T {
        try state.withLock { (state) throws(HavenError) -> T in
            var changes = ChangeSet()
            let result: T
            do throws(HavenError) {
                result = try body(&state, &changes)
            } catch {
                if !changes.changes.isEmpty { reload(&state) }
                throw error
            }
            guard !changes.changes.isEmpty else { return result }
            do {
                try store.write(changes.changes)
            } catch {
                reload(&state)
                throw HavenError.backend("the sandbox database refused the change: \(error)")
            }
            audit?.write(changes.audits, at: configuration.now())
            return result
        }
    }

    /// Throws away the memory copy after a failed commit: the database is the source of truth.
    private func reload(_ state: inout SandboxState) {
        if let fresh = try? store.load() { state = fresh }
    }

    /// A synchronous call: the API's result.
    func perform(_ call: Call) throws(HavenError) -> JSON {
        try mutate { (state, changes) throws(HavenError) in try handle(call, &state, &changes) }
    }

    /// Dispatches one call to its API (4004 for an unknown one) after parsing its JSON-valued parameters.
    func handle(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        var call = call
        try call.params.parseJSONValues()
        switch call.api {
        case "createconnector": return try createConnector(call, &state, &changes)
        case "updateconnector": return try updateConnector(call, &state, &changes)
        case "deleteconnector": return try deleteResource(call, kind: "connector", &state, &changes)
        case "retrieveconfig": return try retrieveConfig(call, state)
        case "connectorstatus": return try connectorStatus(call, state)
        case "connectorhistory": return try connectorHistory(call, state)
        case "startconnector": return try startConnector(call, &state, &changes)
        case "stopconnector": return try stopConnector(call, &state, &changes)
        case "cancelconnectorschedule": return try cancelSchedule(call, &state, &changes)
        case "listresources": return try listResources(call, state)
        case "createtextindex": return try createTextIndex(call, &state, &changes)
        case "deletetextindex": return try deleteResource(call, kind: "index", &state, &changes)
        default: throw .unknownAPI
        }
    }

    /// Reads the state under the lock.
    func read<T: Sendable>(_ body: (SandboxState) -> T) -> T {
        state.withLock { body($0) }
    }
}
