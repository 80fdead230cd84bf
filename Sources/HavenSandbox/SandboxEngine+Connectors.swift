import JSONValue

/// createconnector, updateconnector, retrieveconfig.
extension SandboxEngine {
    /// The connector named by `connector`: 4015 when absent, 8004 when invalid, 4005 when unknown.
    func existingConnector(_ call: Call, _ state: SandboxState) throws(HavenError) -> ConnectorRecord {
        try call.params.require(["connector"])
        let name = try connectorName(call)
        guard let record = state.connectors[name] else {
            throw .invalidParameters("connector does not exist", "connector", name)
        }
        return record
    }

    func connectorName(_ call: Call) throws(HavenError) -> String {
        let name = try call.params.single("connector") ?? ""
        guard ResourceName.isValid(name) else { throw .connectorNameInvalid() }
        return name
    }

    func createConnector(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        let params = call.params
        try params.require(["connector", "flavor", "config", "destination"])
        let name = try connectorName(call)
        let flavor = try params.single("flavor") ?? ""
        guard ConnectorRecord.flavors.contains(flavor) else { throw .invalidFlavor(flavor, ConnectorRecord.flavors) }
        let record = ConnectorRecord(
            name: name, flavor: flavor,
            config: try params.object("config", "connector", name) ?? [:],
            destination: try params.object("destination", "connector", name) ?? [:],
            schedule: try params.object("schedule", "connector", name),
            credentials: try params.object("credentials", "connector", name),
            credentialsPolicy: try params.object("credentials_policy", "connector", name),
            description: try params.single("description"), createdAt: call.now)
        guard state.connectors[name] == nil else {
            throw .invalidParameters("connector already exists", "connector", name)
        }
        if let limit = configuration.maxConnectors, state.connectors.count >= limit { throw .connectorQuota(limit) }
        changes.record(.saveConnector(record), in: &state)
        changes.audit(call.api, name, "created")
        var result: JSON = ["connector": .string(name), "message": "connector created"]
        if record.isOnsite, case .object(var members) = result {
            members["download_link"] = record.downloadLinks
            result = .object(members)
        }
        return result
    }

    func updateConnector(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        let params = call.params
        let old = try existingConnector(call, state)
        let name = old.name
        if let flavor = try params.single("flavor"), flavor != old.flavor {
            throw .invalidParameters("the flavor of a connector cannot change", "connector", name)
        }
        var record = old
        if let value = try params.object("config", "connector", name) { record.config = value }
        if let value = try params.object("destination", "connector", name) { record.destination = value }
        if let value = try params.object("schedule", "connector", name) {
            record.schedule = value
            record.scheduleCancelled = false
        }
        if let value = try params.object("credentials", "connector", name) { record.credentials = value }
        if let value = try params.object("credentials_policy", "connector", name) { record.credentialsPolicy = value }
        if let value = try params.single("description") { record.description = value }
        if record != old {
            changes.record(.saveConnector(record), in: &state)
            changes.audit(call.api, name, "updated")
        }
        return ["connector": .string(name), "message": "connector updated"]
    }

    func retrieveConfig(_ call: Call, _ state: SandboxState) throws(HavenError) -> JSON {
        let record = try existingConnector(call, state)
        let output = try call.params.single("output") ?? "config_attributes"
        switch output {
        case "config_attributes":
            return ["name": .string(record.name), "flavor": .string(record.flavor), "config": record.configuration]
        case "config_file":
            return [
                "name": .string(record.name), "flavor": .string(record.flavor),
                "config": .string(record.configuration.rendered(pretty: true)),
                "licenseKey": "sandbox-license", "validation": "sandbox", "verification": "sandbox",
            ]
        default:
            throw .invalidParameters("output must be config_attributes or config_file", "connector", record.name)
        }
    }

    func cancelSchedule(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        var record = try existingConnector(call, state)
        let active = record.schedule != nil && !record.scheduleCancelled
        if active {
            record.scheduleCancelled = true
            changes.record(.saveConnector(record), in: &state)
            changes.audit(call.api, record.name, "schedule cancelled")
        }
        return ["connector": .string(record.name), "stopped_schedule": .bool(active)]
    }
}
