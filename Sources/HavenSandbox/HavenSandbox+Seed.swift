import JSONValue

extension HavenSandbox {
    /// Creates the seed's connectors and indexes that the sandbox does not hold yet (what exists is left as
    /// it is, so seeding a persistent sandbox again changes nothing). Seeding is not an API call: it is not
    /// audited. Returns the names created, connectors first.
    @discardableResult
    public func seed(_ seed: SandboxSeed) throws -> [String] {
        let now = engine.configuration.now()
        return try engine.mutate { (state, changes) throws(HavenError) -> [String] in
            var created: [String] = []
            for index in seed.indexes where state.indexes[index.name] == nil {
                changes.record(
                    .saveIndex(IndexRecord(name: index.name, flavor: index.flavor, description: index.description, createdAt: now)),
                    in: &state)
                created.append(index.name)
            }
            for connector in seed.connectors where state.connectors[connector.name] == nil {
                let record = ConnectorRecord(
                    name: connector.name, flavor: connector.flavor, config: connector.config,
                    destination: connector.destination, description: connector.description, createdAt: now)
                changes.record(.saveConnector(record), in: &state)
                created.append(connector.name)
            }
            return created
        }
    }
}
