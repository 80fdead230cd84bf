import JSONValue

/// What `havenflow store status` prints: the backend, where it is, its schema version and what it holds.
public struct StoreStatus: Sendable, Hashable {
    /// `sqlite` or `postgresql`.
    public var backend: String
    /// The database file, or the URL without its password.
    public var location: String
    /// The schema version the database is at (the number of its applied migrations).
    public var schemaVersion: Int
    /// The newest schema version this havenflow knows.
    public var knownVersion: Int
    public var runs: Int
    /// Runs by status (`running`, `succeeded`, `failed`, `interrupted`).
    public var runsByStatus: [String: Int]
    public var fires: Int
    public var locks: Int

    /// Lines of `NAME  VALUE`.
    public var text: String {
        let statuses = runsByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return [
            "backend         \(backend)",
            "location        \(location)",
            "schema version  \(schemaVersion) (this havenflow: \(knownVersion))",
            "runs            \(runs)" + (statuses.isEmpty ? "" : " (\(statuses))"),
            "fire records    \(fires)",
            "run locks held  \(locks)",
        ].joined(separator: "\n")
    }

    public var json: JSON {
        [
            "backend": .string(backend), "location": .string(location),
            "schema_version": .number(Double(schemaVersion)), "known_version": .number(Double(knownVersion)),
            "runs": .number(Double(runs)), "runs_by_status": .object(runsByStatus.mapValues { .number(Double($0)) }),
            "fires": .number(Double(fires)), "locks": .number(Double(locks)),
        ]
    }
}
