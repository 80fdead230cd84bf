import JSONValue

/// An asynchronous job: its actions were carried out when it was accepted; the clock reveals them,
/// `queued` until `startedAt`, `in progress` until `finishedAt`, then `finished` or `failed`.
struct JobRecord: Sendable, Equatable {
    struct Action: Sendable, Equatable {
        var action: String
        var version: String
        var result: JSON?
        var error: JSON?
    }

    var id: String
    var createdAt: Double
    var startedAt: Double
    var finishedAt: Double
    var actions: [Action]

    func isDone(at now: Double) -> Bool { now >= finishedAt }

    func status(at now: Double) -> String {
        if now < startedAt { return "queued" }
        if now < finishedAt { return "in progress" }
        return actions.contains { $0.error != nil } ? "failed" : "finished"
    }

    /// The job envelope `{"jobID", "status", "actions": [...]}`.
    func envelope(at now: Double) -> JSON {
        let status = status(at: now)
        let done = isDone(at: now)
        let items: [JSON] = actions.map { action in
            var members: [String: JSON] = ["action": .string(action.action), "version": .string(action.version)]
            if !done {
                members["status"] = .string(status)
            } else if let error = action.error {
                members["status"] = "failed"
                members["errors"] = [error]
            } else {
                members["status"] = "finished"
                members["result"] = action.result ?? .null
            }
            return .object(members)
        }
        return ["jobID": .string(id), "status": .string(status), "actions": .array(items)]
    }

    /// The actions as stored in the database.
    var actionsJSON: JSON {
        .array(actions.map { action in
            var members: [String: JSON] = ["action": .string(action.action), "version": .string(action.version)]
            if let result = action.result { members["result"] = result }
            if let error = action.error { members["error"] = error }
            return .object(members)
        })
    }

    static func actions(from json: JSON) -> [Action] {
        (json.arrayValue ?? []).map { item in
            Action(action: item["action"]?.stringValue ?? "", version: item["version"]?.stringValue ?? "v1",
                   result: item["result"], error: item["error"])
        }
    }
}
