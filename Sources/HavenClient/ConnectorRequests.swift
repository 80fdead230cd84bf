import JSONValue

/// The parameters of `createconnector`; `config`, `destination`, `schedule`, `credentials` and
/// `credentialsPolicy` are sent as JSON text.
public struct CreateConnectorRequest: Sendable, Hashable {
    public var name: String
    public var flavor: String
    public var config: JSON
    public var destination: JSON
    public var schedule: JSON?
    public var credentials: JSON?
    public var credentialsPolicy: JSON?
    public var description: String?

    public init(
        name: String, flavor: String, config: JSON, destination: JSON, schedule: JSON? = nil,
        credentials: JSON? = nil, credentialsPolicy: JSON? = nil, description: String? = nil
    ) {
        self.name = name
        self.flavor = flavor
        self.config = config
        self.destination = destination
        self.schedule = schedule
        self.credentials = credentials
        self.credentialsPolicy = credentialsPolicy
        self.description = description
    }
}

/// The parameters of `updateconnector`: each value given replaces the old one whole.
public struct UpdateConnectorRequest: Sendable, Hashable {
    public var name: String
    public var config: JSON?
    public var destination: JSON?
    public var schedule: JSON?
    public var credentials: JSON?
    public var credentialsPolicy: JSON?
    public var description: String?

    public init(
        name: String, config: JSON? = nil, destination: JSON? = nil, schedule: JSON? = nil,
        credentials: JSON? = nil, credentialsPolicy: JSON? = nil, description: String? = nil
    ) {
        self.name = name
        self.config = config
        self.destination = destination
        self.schedule = schedule
        self.credentials = credentials
        self.credentialsPolicy = credentialsPolicy
        self.description = description
    }
}
