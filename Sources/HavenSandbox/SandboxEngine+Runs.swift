import JSONValue
import Timing

/// connectorstatus, connectorhistory, startconnector, stopconnector.
extension SandboxEngine {
    func connectorStatus(_ call: Call, _ state: SandboxState) throws(HavenError) -> JSON {
        let record = try existingConnector(call, state)
        return record.statusJSON(at: call.now, scheduleInformation: try call.params.flag("schedule_information"))
    }

    func connectorHistory(_ call: Call, _ state: SandboxState) throws(HavenError) -> JSON {
        let params = call.params
        var names = params.all("connectors")
        if let one = try params.single("connector") { names.insert(one, at: 0) }
        guard !names.isEmpty else { throw .missingParameters(["connector"]) }
        var runs: [(String, ConnectorRun)] = []
        for name in names {
            guard ResourceName.isValid(name) else { throw .connectorNameInvalid() }
            guard let record = state.connectors[name] else {
                throw .invalidParameters("connector does not exist", "connector", name)
            }
            runs += record.runs.map { (name, $0) }
        }
        runs.sort { $0.1.sequence > $1.1.sequence }
        let statuses = Set(params.all("statuses").map { $0.uppercased() })
        var items = runs.map { $0.1.json(connector: $0.0, at: call.now) }
        if !statuses.isEmpty {
            items = items.filter { statuses.contains($0["status"]?.stringValue ?? "") }
        }
        if let text = try params.single("max_page_results") {
            guard let limit = Int(text), limit > 0 else {
                throw .invalidParameters("max_page_results must be a positive whole number", "connector", names[0])
            }
            items = Array(items.prefix(limit))
        }
        return ["history": .array(items)]
    }

    func startConnector(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        let record = try existingConnector(call, state)
        guard !record.isOnsite else {
            throw .invalidParameters("startconnector is available only for cloud flavor connectors", "connector", record.name)
        }
        guard !record.isRunning(at: call.now) else {
            throw .invalidParameters("connector is running", "connector", record.name)
        }
        let destination = try call.params.object("destination", "connector", record.name)
        _ = try call.params.flag("ignore_previous_state")
        let token = base64("127.0.0.1:7200:FETCH:\(random.next() % 10_000_000_000)")
        let outcome = record.config["sandbox_outcome"]?.stringValue == "ERROR" ? "ERROR" : "FINISHED"
        let run = ConnectorRun(
            token: token, sequence: state.nextRunSequence, queuedAt: call.now,
            duration: configuration.runDuration.secondsValue, stopRequestedAt: nil, outcome: outcome, destination: destination)
        changes.record(.saveRun(connector: record.name, run), in: &state)
        changes.audit(call.api, record.name, "started")
        return ["connector": .string(record.name), "token": .string(token)]
    }

    func stopConnector(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        let record = try existingConnector(call, state)
        let status = record.status(at: call.now)
        guard status == "QUEUED" || status == "PROCESSING", var run = record.runs.last else {
            throw .invalidParameters("connector is not running", "connector", record.name)
        }
        run.stopRequestedAt = call.now
        changes.record(.saveRun(connector: record.name, run), in: &state)
        changes.audit(call.api, record.name, "stop requested")
        return ["connector": .string(record.name), "message": "stop requested"]
    }
}

private func base64(_ text: String) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    let bytes = Array(text.utf8)
    var output = ""
    var index = 0
    while index < bytes.count {
        let chunk = bytes[index..<min(index + 3, bytes.count)]
        var value = 0
        for byte in chunk { value = value << 8 | Int(byte) }
        value <<= (3 - chunk.count) * 8
        for position in 0..<4 {
            if position <= chunk.count {
                output.append(alphabet[(value >> (18 - position * 6)) & 63])
            } else {
                output.append("=")
            }
        }
        index += 3
    }
    return output
}
