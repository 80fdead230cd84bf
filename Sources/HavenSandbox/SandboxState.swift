import JSONValue

/// Everything the sandbox knows, in memory. The database is the source of truth across restarts; this
/// copy serves reads and is changed only through `Change`s that were committed first.
struct SandboxState: Sendable {
    var connectors: [String: ConnectorRecord] = [:]
    var indexes: [String: IndexRecord] = [:]
    var jobs: [String: JobRecord] = [:]
    var tokens: [String: ConfirmToken] = [:]
    var nextRunSequence = 1

    mutating func apply(_ change: Change) {
        switch change {
        case .saveConnector(let record):
            connectors[record.name] = record
        case .deleteConnector(let name):
            connectors[name] = nil
        case .saveRun(let connector, let run):
            guard var record = connectors[connector] else { return }
            if let index = record.runs.firstIndex(where: { $0.token == run.token }) {
                record.runs[index] = run
            } else {
                record.runs.append(run)
                nextRunSequence = max(nextRunSequence, run.sequence + 1)
            }
            connectors[connector] = record
        case .saveIndex(let record):
            indexes[record.name] = record
        case .deleteIndex(let name):
            indexes[name] = nil
        case .saveJob(let job):
            jobs[job.id] = job
        case .saveToken(let token):
            tokens[token.token] = token
        case .deleteToken(let token):
            tokens[token] = nil
        }
    }
}

/// One change of state, applied to memory and written to the database in the same step.
enum Change: Sendable {
    case saveConnector(ConnectorRecord)
    case deleteConnector(String)
    case saveRun(connector: String, ConnectorRun)
    case saveIndex(IndexRecord)
    case deleteIndex(String)
    case saveJob(JobRecord)
    case saveToken(ConfirmToken)
    case deleteToken(String)
}

/// The changes and audit lines of one request, committed together as one transaction.
struct ChangeSet: Sendable {
    struct AuditEntry: Sendable {
        var api: String
        var resource: String
        var outcome: String
    }

    private(set) var changes: [Change] = []
    private(set) var audits: [AuditEntry] = []

    mutating func record(_ change: Change, in state: inout SandboxState) {
        state.apply(change)
        changes.append(change)
    }

    mutating func audit(_ api: String, _ resource: String, _ outcome: String) {
        audits.append(AuditEntry(api: api, resource: resource, outcome: outcome))
    }
}
