import JSONValue
import Timing

/// listresources, createtextindex, and the two-step delete of connectors and text indexes.
extension SandboxEngine {
    func listResources(_ call: Call, _ state: SandboxState) throws(HavenError) -> JSON {
        let types = Set(call.params.all("type"))
        let flavors = Set(call.params.all("flavor"))
        var items: [(Double, String, JSON)] = []
        func add(_ name: String, _ type: String, _ flavor: String, _ description: String?, _ created: Double) {
            guard types.isEmpty || types.contains(type), flavors.isEmpty || flavors.contains(flavor) else { return }
            let item: JSON = [
                "resource": .string(name), "type": .string(type), "flavor": .string(flavor),
                "description": description.map { JSON.string($0) } ?? .null,
                "date_created": .string(HavenTime.resource(created)),
            ]
            items.append((created, name, item))
        }
        for index in state.indexes.values { add(index.name, "content", index.flavor, index.description, index.createdAt) }
        for connector in state.connectors.values {
            add(connector.name, "connector", connector.flavor, connector.description, connector.createdAt)
        }
        items.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return ["private_resources": .array(items.map(\.2)), "public_resources": []]
    }

    func createTextIndex(_ call: Call, _ state: inout SandboxState, _ changes: inout ChangeSet) throws(HavenError) -> JSON {
        try call.params.require(["index", "flavor"])
        let name = try call.params.single("index") ?? ""
        guard ResourceName.isValid(name) else { throw .indexNameInvalid() }
        let flavor = try call.params.single("flavor") ?? ""
        guard IndexRecord.flavors.contains(flavor) else { throw .invalidFlavor(flavor, IndexRecord.flavors) }
        guard state.indexes[name] == nil else { throw .invalidParameters("index already exists", "index", name) }
        let record = IndexRecord(name: name, flavor: flavor, description: try call.params.single("description"),
                                 createdAt: call.now)
        changes.record(.saveIndex(record), in: &state)
        changes.audit(call.api, name, "created")
        return ["index": .string(name), "message": "index created"]
    }

    /// deleteconnector (`kind` "connector") and deletetextindex (`kind` "index"): without `confirm` the
    /// first call hands out a token (nothing is deleted, nothing audited); with it, the resource goes.
    func deleteResource(_ call: Call, kind: String, _ state: inout SandboxState, _ changes: inout ChangeSet)
        throws(HavenError) -> JSON
    {
        let name: String
        if kind == "connector" {
            let record = try existingConnector(call, state)
            guard !record.isRunning(at: call.now) else {
                throw .invalidParameters("connector is running", "connector", record.name)
            }
            name = record.name
        } else {
            try call.params.require(["index"])
            name = try call.params.single("index") ?? ""
            guard ResourceName.isValid(name) else { throw .indexNameInvalid() }
            guard state.indexes[name] != nil else { throw .invalidParameters("index does not exist", "index", name) }
        }
        let confirm = try call.params.single("confirm")
        if configuration.deleteConfirmation == .required {
            guard let confirm else { return issueToken(call, kind: kind, name: name, &state, &changes) }
            guard let token = state.tokens[confirm], token.kind == kind, token.resource == name,
                token.keyFingerprint == keyFingerprint(call.key), token.expiresAt > call.now
            else { throw .invalidConfirm(kind, name) }
            changes.record(.deleteToken(token.token), in: &state)
        }
        changes.record(kind == "connector" ? .deleteConnector(name) : .deleteIndex(name), in: &state)
        let stale = state.tokens.values.filter { $0.kind == kind && $0.resource == name }
        for token in stale { changes.record(.deleteToken(token.token), in: &state) }
        changes.audit(call.api, name, "deleted")
        return [kind: .string(name), "deleted": true]
    }

    private func issueToken(_ call: Call, kind: String, name: String, _ state: inout SandboxState,
                            _ changes: inout ChangeSet) -> JSON
    {
        let expired = state.tokens.values.filter { $0.expiresAt <= call.now }
        for token in expired { changes.record(.deleteToken(token.token), in: &state) }
        let token = ConfirmToken(
            token: random.hex(bytes: 16), kind: kind, resource: name, keyFingerprint: keyFingerprint(call.key),
            expiresAt: call.now + configuration.confirmTokenLifetime.secondsValue)
        changes.record(.saveToken(token), in: &state)
        return [kind: .string(name), "deleted": false, "confirm": .string(token.token)]
    }
}
