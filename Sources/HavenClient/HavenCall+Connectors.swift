import JSONValue

extension HavenParameters {
    mutating func append(_ key: String, json value: JSON?) {
        if let value { append(key, .json(value)) }
    }

    mutating func append(_ key: String, text value: String?) {
        if let value { append(key, .string(value)) }
    }

    /// The settings `createconnector` and `updateconnector` share, those given.
    mutating func appendSettings(
        config: JSON?, destination: JSON?, schedule: JSON?, credentials: JSON?, credentialsPolicy: JSON?,
        description: String?
    ) {
        append("config", json: config)
        append("destination", json: destination)
        append("schedule", json: schedule)
        append("credentials", json: credentials)
        append("credentials_policy", json: credentialsPolicy)
        append("description", text: description)
    }
}

extension HavenCall where Result == ConnectorCreated {
    public static func createConnector(_ request: CreateConnectorRequest) -> Self {
        var parameters: HavenParameters = ["connector": .string(request.name), "flavor": .string(request.flavor)]
        parameters.appendSettings(
            config: request.config, destination: request.destination, schedule: request.schedule,
            credentials: request.credentials, credentialsPolicy: request.credentialsPolicy,
            description: request.description)
        return Self(api: "createconnector", parameters: parameters, isIdempotent: false) {
            ConnectorCreated(json: $0, connector: request.name)
        }
    }
}

extension HavenCall where Result == ConnectorMessage {
    public static func updateConnector(_ request: UpdateConnectorRequest) -> Self {
        var parameters: HavenParameters = ["connector": .string(request.name)]
        parameters.appendSettings(
            config: request.config, destination: request.destination, schedule: request.schedule,
            credentials: request.credentials, credentialsPolicy: request.credentialsPolicy,
            description: request.description)
        return Self(api: "updateconnector", parameters: parameters, isIdempotent: false) {
            ConnectorMessage(json: $0, connector: request.name)
        }
    }

    public static func stopConnector(_ name: String) -> Self {
        Self(api: "stopconnector", parameters: ["connector": .string(name)], isIdempotent: false) {
            ConnectorMessage(json: $0, connector: name)
        }
    }
}

extension HavenCall where Result == DeleteResult {
    /// One `deleteconnector` call; ``HavenClient/deleteConnector(_:)`` makes the confirmation round trip.
    /// With a `confirm` token the call is idempotent (the token works once; repeating it cannot delete
    /// anything else), so it is retried on transient failures.
    public static func deleteConnector(_ name: String, confirm: String? = nil) -> Self {
        var parameters: HavenParameters = ["connector": .string(name)]
        parameters.append("confirm", text: confirm)
        return Self(api: "deleteconnector", parameters: parameters, isIdempotent: confirm != nil) {
            DeleteResult(json: $0, name: name, confirmed: confirm != nil)
        }
    }

    /// One `deletetextindex` call; ``HavenClient/deleteTextIndex(_:)`` makes the confirmation round trip.
    public static func deleteTextIndex(_ name: String, confirm: String? = nil) -> Self {
        var parameters: HavenParameters = ["index": .string(name)]
        parameters.append("confirm", text: confirm)
        return Self(api: "deletetextindex", parameters: parameters, isIdempotent: confirm != nil) {
            DeleteResult(json: $0, name: name, confirmed: confirm != nil)
        }
    }
}

extension HavenCall where Result == ConnectorConfig {
    /// `retrieveconfig` with `output=config_attributes`.
    public static func retrieveConfig(_ name: String) -> Self {
        Self(
            api: "retrieveconfig", parameters: ["connector": .string(name), "output": "config_attributes"],
            isIdempotent: true
        ) { ConnectorConfig(json: $0, name: name) }
    }
}

extension HavenCall where Result == ConnectorStatus {
    public static func connectorStatus(_ name: String, scheduleInformation: Bool = false) -> Self {
        var parameters: HavenParameters = ["connector": .string(name)]
        if scheduleInformation { parameters.append("schedule_information", "true") }
        return Self(api: "connectorstatus", parameters: parameters, isIdempotent: true) {
            ConnectorStatus(json: $0, connector: name)
        }
    }
}

extension HavenCall where Result == ConnectorHistory {
    /// `connectorhistory` of one connector, optionally only runs with one of `statuses`.
    public static func connectorHistory(_ name: String, statuses: [String] = [], maxPageResults: Int? = nil) -> Self {
        var parameters: HavenParameters = ["connector": .string(name)]
        if !statuses.isEmpty { parameters.append("statuses", .array(statuses)) }
        parameters.append("max_page_results", text: maxPageResults.map { String($0) })
        return Self(api: "connectorhistory", parameters: parameters, isIdempotent: true) {
            ConnectorHistory(json: $0)
        }
    }
}

extension HavenCall where Result == ConnectorStarted {
    /// `startconnector`, optionally sending this run to another `destination`.
    public static func startConnector(
        _ name: String, destination: JSON? = nil, ignorePreviousState: Bool? = nil
    ) -> Self {
        var parameters: HavenParameters = ["connector": .string(name)]
        parameters.append("destination", json: destination)
        parameters.append("ignore_previous_state", text: ignorePreviousState.map { $0 ? "true" : "false" })
        return Self(api: "startconnector", parameters: parameters, isIdempotent: false) {
            ConnectorStarted(json: $0, connector: name)
        }
    }
}

extension HavenCall where Result == ScheduleCancelled {
    public static func cancelConnectorSchedule(_ name: String) -> Self {
        Self(api: "cancelconnectorschedule", parameters: ["connector": .string(name)], isIdempotent: false) {
            ScheduleCancelled(json: $0, connector: name)
        }
    }
}

extension HavenCall where Result == ResourceList {
    /// `listresources`, optionally only of some `types` (`connector`, `content`, …) and `flavors`.
    public static func listResources(types: [String] = [], flavors: [String] = []) -> Self {
        var parameters = HavenParameters()
        if !types.isEmpty { parameters.append("type", .array(types)) }
        if !flavors.isEmpty { parameters.append("flavor", .array(flavors)) }
        return Self(api: "listresources", parameters: parameters, isIdempotent: true) {
            ResourceList(json: $0)
        }
    }
}

extension HavenCall where Result == IndexCreated {
    public static func createTextIndex(_ name: String, flavor: String, description: String? = nil) -> Self {
        var parameters: HavenParameters = ["index": .string(name), "flavor": .string(flavor)]
        parameters.append("description", text: description)
        return Self(api: "createtextindex", parameters: parameters, isIdempotent: false) {
            IndexCreated(json: $0, index: name)
        }
    }
}
