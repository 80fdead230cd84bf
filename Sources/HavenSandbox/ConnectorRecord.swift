import JSONValue

/// A connector as stored: its configuration and its runs, oldest first.
struct ConnectorRecord: Sendable, Equatable {
    static let cloudFlavors = ["web_cloud", "dropbox_cloud", "exchange_cloud", "imap_cloud", "jive_cloud",
                               "sharepoint_cloud", "twitter_cloud"]
    static let onsiteFlavors = ["filesystem_onsite", "sharepoint_onsite", "web_onsite"]
    static let flavors = cloudFlavors + onsiteFlavors

    var name: String
    var flavor: String
    var config: JSON
    var destination: JSON
    var schedule: JSON?
    var credentials: JSON?
    var credentialsPolicy: JSON?
    var description: String?
    var createdAt: Double
    var scheduleCancelled = false
    var runs: [ConnectorRun] = []

    var isOnsite: Bool { flavor.hasSuffix("_onsite") }

    /// The status of the last run, or `IDLE`.
    func status(at now: Double) -> String { runs.last?.status(at: now) ?? "IDLE" }

    /// `QUEUED`, `PROCESSING` and `STOPPING` connectors cannot be started again or deleted.
    func isRunning(at now: Double) -> Bool {
        ["QUEUED", "PROCESSING", "STOPPING"].contains(status(at: now))
    }

    /// retrieveconfig's `config` object.
    var configuration: JSON {
        var members: [String: JSON] = ["config": config, "destination": destination]
        if let schedule { members["schedule"] = schedule }
        if let credentials { members["credentials"] = credentials }
        if let credentialsPolicy { members["credentials_policy"] = credentialsPolicy }
        if let description { members["description"] = .string(description) }
        return .object(members)
    }

    /// connectorstatus's answer.
    func statusJSON(at now: Double, scheduleInformation: Bool) -> JSON {
        var members: [String: JSON] = ["connector": .string(name), "flavor": .string(flavor)]
        if let run = runs.last, case .object(let fields) = run.json(connector: name, at: now) {
            members.merge(fields) { first, _ in first }
        } else {
            members["status"] = "IDLE"
        }
        if scheduleInformation {
            let occurrences = schedule?["occurrences"]?.intValue ?? -1
            let active = schedule != nil && !scheduleCancelled
            members["schedule"] = [
                "occurrences_remaining": .number(Double(active ? occurrences : 0)),
                "next_run_time": .null,
                "last_run_time": runs.last.map { JSON.string(HavenTime.connector($0.queuedAt)) } ?? .null,
            ]
        }
        return .object(members)
    }

    /// `download_link` of an onsite flavor's createconnector answer.
    var downloadLinks: JSON {
        let base = "https://sandbox.havenondemand.invalid/connectors/\(flavor)/\(name)"
        return [
            "linux_x86": .string("\(base)/linux_x86.zip"), "linux_x86_64": .string("\(base)/linux_x86_64.zip"),
            "windows_x86": .string("\(base)/windows_x86.zip"), "windows_x86_64": .string("\(base)/windows_x86_64.zip"),
        ]
    }
}

/// One run of a connector. Its status follows from the clock: `QUEUED` for the first fifth of the run
/// duration, then `PROCESSING`, then `FINISHED` (or `ERROR`); a stop request makes it `STOPPING` for a
/// quarter of the run duration, then `STOPPED`.
struct ConnectorRun: Sendable, Equatable {
    var token: String
    var sequence: Int
    var queuedAt: Double
    var duration: Double
    var stopRequestedAt: Double?
    var outcome: String
    var destination: JSON?

    var processStart: Double { queuedAt + duration * 0.2 }
    var processEnd: Double { stopRequestedAt.map { $0 + duration * 0.25 } ?? queuedAt + duration }

    func status(at now: Double) -> String {
        if stopRequestedAt != nil { return now < processEnd ? "STOPPING" : "STOPPED" }
        if now < processStart { return "QUEUED" }
        if now < processEnd { return "PROCESSING" }
        return outcome
    }

    /// A history item (connectorstatus adds `flavor` and `schedule`).
    func json(connector: String, at now: Double) -> JSON {
        let status = status(at: now)
        var members: [String: JSON] = [
            "connector": .string(connector), "status": .string(status), "token": .string(token),
            "queued_time": .string(HavenTime.connector(queuedAt)), "start_time": .string(HavenTime.connector(queuedAt)),
        ]
        let started = min(now, processStart)
        members["time_in_queue"] = .number((started - queuedAt).rounded())
        if now >= processStart {
            let end = min(now, processEnd)
            let share = duration > 0 ? max(0, min(1, (end - processStart) / (duration * 0.8))) : 1
            members["process_start_time"] = .string(HavenTime.connector(processStart))
            members["time_processing"] = .number(max(0, end - processStart).rounded())
            members["document_counts"] = [
                "added": .number((share * 100).rounded()), "deleted": 0, "errors": .number(status == "ERROR" ? 1 : 0),
                "ingest_added": .number((share * 100).rounded()), "ingest_deleted": 0, "ingest_failed": 0,
            ]
        }
        if now >= processEnd {
            members["process_end_time"] = .string(HavenTime.connector(processEnd))
        }
        if status == "ERROR" {
            members["error"] = "the run failed (sandbox_outcome in the connector config)"
            members["failed"] = "sandbox_outcome"
        }
        if let destination { members["destination"] = destination }
        return .object(members)
    }
}

/// A text index.
struct IndexRecord: Sendable, Equatable {
    static let flavors = ["standard", "explorer", "categorization", "custom_fields", "querymanipulation", "jumbo"]

    var name: String
    var flavor: String
    var description: String?
    var createdAt: Double
}

/// A delete confirm token: bound to one resource and one key, valid once until it expires.
struct ConfirmToken: Sendable, Equatable {
    var token: String
    var kind: String
    var resource: String
    var keyFingerprint: String
    var expiresAt: Double
}
