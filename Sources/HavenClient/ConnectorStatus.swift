import JSONValue

/// A connector run's status: `IDLE`, `QUEUED`, `PROCESSING`, `FINISHED`, `ERROR`, `STOPPING`, `STOPPED`
/// (read case-insensitively, kept upper case).
public struct ConnectorState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }

    public static let idle = ConnectorState(rawValue: "IDLE")
    public static let queued = ConnectorState(rawValue: "QUEUED")
    public static let processing = ConnectorState(rawValue: "PROCESSING")
    public static let finished = ConnectorState(rawValue: "FINISHED")
    public static let error = ConnectorState(rawValue: "ERROR")
    public static let stopping = ConnectorState(rawValue: "STOPPING")
    public static let stopped = ConnectorState(rawValue: "STOPPED")

    /// `QUEUED`, `PROCESSING` or `STOPPING`: a run is under way (the connector cannot be deleted).
    public var isRunning: Bool { self == .queued || self == .processing || self == .stopping }
    public var description: String { rawValue }
}

/// `connectorstatus` (and each run of `connectorhistory`): the state of the connector's last run.
public struct ConnectorStatus: Sendable, Hashable {
    public var connector: String
    public var status: ConnectorState
    public var flavor: String?
    /// The run's token (as returned by `startconnector`).
    public var token: String?
    public var queuedTime: String?
    public var timeInQueue: Double?
    public var processStartTime: String?
    public var timeProcessing: Double?
    public var processEndTime: String?
    /// `added`, `deleted`, `errors`, … → count.
    public var documentCounts: [String: Int]
    /// `{"last_run_time", "next_run_time", "occurrences_remaining"}` with `schedule_information`.
    public var schedule: JSON?
    /// The error message of a run that failed.
    public var error: String?
    public var raw: JSON

    public init(json: JSON, connector fallback: String = "") {
        connector = json["connector"]?.stringValue ?? fallback
        status = ConnectorState(rawValue: json["status"]?.stringValue ?? "")
        flavor = json["flavor"]?.stringValue
        token = json["token"]?.stringValue
        queuedTime = json["queued_time"]?.stringValue
        timeInQueue = json["time_in_queue"]?.doubleValue
        processStartTime = json["process_start_time"]?.stringValue
        timeProcessing = json["time_processing"]?.doubleValue
        processEndTime = json["process_end_time"]?.stringValue
        documentCounts = json["document_counts"]?.objectValue?.compactMapValues(\.intValue) ?? [:]
        schedule = json["schedule"]?.nonNull
        error = json["error"]?.stringValue ?? json["failed"]?.stringValue
        raw = json
    }
}

/// `connectorhistory`: the runs, newest first.
public struct ConnectorHistory: Sendable, Hashable {
    public var runs: [ConnectorStatus]
    public var raw: JSON

    public init(json: JSON) {
        runs = (json["history"]?.arrayValue ?? []).map { ConnectorStatus(json: $0) }
        raw = json
    }
}
