import JSONValue

/// `createconnector`: `{"connector", "message", "download_link"?}` (installer links for onsite flavors).
public struct ConnectorCreated: Sendable, Hashable {
    public var connector: String
    public var message: String?
    /// `linux_x86`, `linux_x86_64`, `windows_x86`, `windows_x86_64` → URL, for onsite flavors.
    public var downloadLink: [String: String]?
    public var raw: JSON

    public init(json: JSON, connector fallback: String = "") {
        connector = json["connector"]?.stringValue ?? fallback
        message = json["message"]?.stringValue
        downloadLink = json["download_link"]?.objectValue?.compactMapValues(\.stringValue)
        raw = json
    }
}

/// `updateconnector` and `stopconnector`: `{"connector", "message"}`.
public struct ConnectorMessage: Sendable, Hashable {
    public var connector: String
    public var message: String?
    public var raw: JSON

    public init(json: JSON, connector fallback: String = "") {
        connector = json["connector"]?.stringValue ?? fallback
        message = json["message"]?.stringValue
        raw = json
    }
}

/// `startconnector`: `{"connector", "token"}`; the token names the run in the connector's history.
public struct ConnectorStarted: Sendable, Hashable {
    public var connector: String
    public var token: String?
    public var raw: JSON

    public init(json: JSON, connector fallback: String = "") {
        connector = json["connector"]?.stringValue ?? fallback
        token = json["token"]?.stringValue
        raw = json
    }
}

/// `cancelconnectorschedule`: `{"connector", "stopped_schedule"}`.
public struct ScheduleCancelled: Sendable, Hashable {
    public var connector: String
    public var stoppedSchedule: Bool
    public var raw: JSON

    public init(json: JSON, connector fallback: String = "") {
        connector = json["connector"]?.stringValue ?? fallback
        stoppedSchedule = json["stopped_schedule"]?.boolValue ?? false
        raw = json
    }
}

/// `deleteconnector` and `deletetextindex`: `{"connector" | "index", "deleted", "confirm"?}`.
public struct DeleteResult: Sendable, Hashable {
    /// The connector or index name.
    public var name: String
    public var deleted: Bool
    /// The confirmation token of a first answer that asks for one.
    public var confirm: String?
    /// Whether the deletion took the confirmation round trip.
    public var confirmed: Bool
    public var raw: JSON

    public init(json: JSON, name fallback: String = "", confirmed: Bool = false) {
        name = json["connector"]?.stringValue ?? json["index"]?.stringValue ?? fallback
        deleted = json["deleted"]?.boolValue ?? false
        confirm = json["confirm"]?.stringValue
        self.confirmed = confirmed
        raw = json
    }
}

/// `createtextindex`: `{"index", "message"}`.
public struct IndexCreated: Sendable, Hashable {
    public var index: String
    public var message: String?
    public var raw: JSON

    public init(json: JSON, index fallback: String = "") {
        index = json["index"]?.stringValue ?? fallback
        message = json["message"]?.stringValue
        raw = json
    }
}
