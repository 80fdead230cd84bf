import JSONValue

/// One method per API of haven-api.md, synchronous mode. For asynchronous mode submit the same call as a
/// job: `try await client.submit(.createConnector(request))`, or `client.run(...)` to also wait for it.
extension HavenClient {
    public func createConnector(_ request: CreateConnectorRequest) async throws(HavenError) -> ConnectorCreated {
        try await perform(.createConnector(request))
    }

    public func updateConnector(_ request: UpdateConnectorRequest) async throws(HavenError) -> ConnectorMessage {
        try await perform(.updateConnector(request))
    }

    public func retrieveConfig(_ name: String) async throws(HavenError) -> ConnectorConfig {
        try await perform(.retrieveConfig(name))
    }

    public func connectorStatus(_ name: String, scheduleInformation: Bool = false) async throws(HavenError)
        -> ConnectorStatus
    {
        try await perform(.connectorStatus(name, scheduleInformation: scheduleInformation))
    }

    public func connectorHistory(_ name: String, statuses: [String] = [], maxPageResults: Int? = nil)
        async throws(HavenError) -> ConnectorHistory
    {
        try await perform(.connectorHistory(name, statuses: statuses, maxPageResults: maxPageResults))
    }

    public func startConnector(_ name: String, destination: JSON? = nil, ignorePreviousState: Bool? = nil)
        async throws(HavenError) -> ConnectorStarted
    {
        try await perform(.startConnector(name, destination: destination, ignorePreviousState: ignorePreviousState))
    }

    public func stopConnector(_ name: String) async throws(HavenError) -> ConnectorMessage {
        try await perform(.stopConnector(name))
    }

    public func cancelConnectorSchedule(_ name: String) async throws(HavenError) -> ScheduleCancelled {
        try await perform(.cancelConnectorSchedule(name))
    }

    public func listResources(types: [String] = [], flavors: [String] = []) async throws(HavenError) -> ResourceList {
        try await perform(.listResources(types: types, flavors: flavors))
    }

    public func createTextIndex(_ name: String, flavor: String, description: String? = nil) async throws(HavenError)
        -> IndexCreated
    {
        try await perform(.createTextIndex(name, flavor: flavor, description: description))
    }

    /// Deletes a connector, answering the server's confirmation request itself (see
    /// ``deleteResource(_:confirming:)``).
    public func deleteConnector(_ name: String) async throws(HavenError) -> DeleteResult {
        try await deleteResource(.deleteConnector(name)) { .deleteConnector(name, confirm: $0) }
    }

    /// Deletes a text index, answering the server's confirmation request itself.
    public func deleteTextIndex(_ name: String) async throws(HavenError) -> DeleteResult {
        try await deleteResource(.deleteTextIndex(name)) { .deleteTextIndex(name, confirm: $0) }
    }
}
