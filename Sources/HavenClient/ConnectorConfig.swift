import JSONValue

/// `retrieveconfig` (`output=config_attributes`): `{"name", "flavor", "config": {"config", "destination", …}}`.
public struct ConnectorConfig: Sendable, Hashable {
    public var name: String
    public var flavor: String?
    public var config: JSON?
    public var destination: JSON?
    public var schedule: JSON?
    public var credentials: JSON?
    public var credentialsPolicy: JSON?
    public var description: String?
    public var raw: JSON

    public init(json: JSON, name fallback: String = "") {
        name = json["name"]?.stringValue ?? json["connector"]?.stringValue ?? fallback
        flavor = json["flavor"]?.stringValue
        let settings = json["config"]?.objectValue.map(JSON.object)
        func member(_ key: String) -> JSON? { settings?[key]?.nonNull }
        config = member("config")
        destination = member("destination")
        schedule = member("schedule")
        credentials = member("credentials")
        credentialsPolicy = member("credentials_policy")
        description = member("description")?.stringValue
        raw = json
    }
}
