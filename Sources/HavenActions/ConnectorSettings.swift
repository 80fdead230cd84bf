import HavenClient
import JSONValue

/// The settings a step asks a connector to have, as compared with what `retrieveconfig` finds — by
/// `create-connector` (every setting: one not given must be unset) and `update-connector` (only the
/// settings given) when a retry looks whether an earlier attempt made its change. Credentials are not
/// compared: servers need not return them.
struct ConnectorSettings {
    var flavor: String?
    /// Name, what is asked (`nil`: not given).
    var settings: [(String, JSON?)]
    /// Whether a setting not given must be unset on the connector found (a create) or is left as it is
    /// (an update).
    var unsetMeansUnset: Bool

    init(_ request: CreateConnectorRequest) {
        flavor = request.flavor
        settings = Self.named(
            request.config, request.destination, request.schedule, request.credentialsPolicy, request.description)
        unsetMeansUnset = true
    }

    init(_ request: UpdateConnectorRequest) {
        settings = Self.named(
            request.config, request.destination, request.schedule, request.credentialsPolicy, request.description)
        unsetMeansUnset = false
    }

    private static func named(
        _ config: JSON?, _ destination: JSON?, _ schedule: JSON?, _ credentialsPolicy: JSON?, _ description: String?
    ) -> [(String, JSON?)] {
        [
            ("config", config), ("destination", destination), ("schedule", schedule),
            ("credentials_policy", credentialsPolicy), ("description", description.map(JSON.string)),
        ]
    }

    /// The first setting in which the connector found differs from the one asked for, or `nil`.
    static func difference(asked: ConnectorSettings, found: ConnectorConfig) -> String? {
        if let flavor = asked.flavor, let actual = found.flavor, actual.lowercased() != flavor.lowercased() {
            return "flavor"
        }
        let actual: [String: JSON?] = [
            "config": found.config, "destination": found.destination, "schedule": found.schedule,
            "credentials_policy": found.credentialsPolicy, "description": found.description.map(JSON.string),
        ]
        for (name, wanted) in asked.settings where wanted != nil || asked.unsetMeansUnset {
            if !sameSetting(wanted, actual[name] ?? nil) { return name }
        }
        return nil
    }

    /// Equal, or unset on both sides (an empty object counts as unset).
    private static func sameSetting(_ lhs: JSON?, _ rhs: JSON?) -> Bool {
        func normal(_ value: JSON?) -> JSON? {
            guard let value, value != .null, value != [:] else { return nil }
            if case .string(let text) = value, let parsed = try? JSON(parsing: text), parsed.objectValue != nil {
                return parsed
            }
            return value
        }
        return normal(lhs) == normal(rhs)
    }
}
