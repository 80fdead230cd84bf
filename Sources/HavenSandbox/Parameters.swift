import JSONValue

/// The parameters of one call: query string, urlencoded and multipart body merged, repeated keys kept in
/// order. JSON-valued parameters are parsed once by `parseJSONValues()`.
struct Parameters: Sendable {
    static let jsonNames: [String] = ["config", "destination", "schedule", "credentials", "credentials_policy", "params", "job"]
    static let fieldLimit = 1000

    private(set) var values: [String: [String]] = [:]
    private(set) var fieldCount = 0
    private(set) var json: [String: JSON] = [:]

    init() {}

    /// Adds one field; past `fieldLimit` fields the request is refused (7001).
    mutating func add(_ name: String, _ value: String) throws(HavenError) {
        fieldCount += 1
        guard fieldCount <= Parameters.fieldLimit else { throw .tooManyFields(Parameters.fieldLimit) }
        values[name, default: []].append(value)
    }

    /// Sets a parameter from a JSON value (a batch job's `params`): arrays repeat the key, objects stay JSON.
    mutating func set(_ name: String, _ value: JSON) {
        switch value {
        case .array(let elements): values[name] = elements.map(\.interpolated)
        case .object: values[name] = [value.rendered()]; json[name] = value
        default: values[name] = [value.interpolated]
        }
    }

    /// Parses every JSON-valued parameter present; 4010 for one that is not JSON, 4000 for one given twice.
    mutating func parseJSONValues() throws(HavenError) {
        for name in Parameters.jsonNames where json[name] == nil {
            guard let text = try single(name) else { continue }
            do {
                json[name] = try JSON(parsing: text)
            } catch {
                throw .invalidJSON(name, "\(error)")
            }
        }
    }

    /// All values of a repeated parameter (empty strings dropped).
    func all(_ name: String) -> [String] {
        (values[name] ?? []).filter { !$0.isEmpty }
    }

    /// The one value of a parameter, `nil` when absent or empty; 4000 when it is given more than once.
    func single(_ name: String) throws(HavenError) -> String? {
        guard let list = values[name] else { return nil }
        guard list.count == 1 else { throw .duplicateParameters([name]) }
        return list[0].isEmpty ? nil : list[0]
    }

    func has(_ name: String) -> Bool { values[name]?.contains { !$0.isEmpty } ?? false }

    /// 4015 listing every one of `names` that is absent or empty.
    func require(_ names: [String]) throws(HavenError) {
        let missing = names.filter { !has($0) }
        if !missing.isEmpty { throw .missingParameters(missing) }
    }

    /// A boolean flag: `true`, `1`, `yes` (any case) are true.
    func flag(_ name: String) throws(HavenError) -> Bool {
        guard let text = try single(name) else { return false }
        return ["true", "1", "yes"].contains(text.lowercased())
    }

    /// A JSON-valued parameter that must be an object (4005 otherwise).
    func object(_ name: String, _ kind: String, _ resource: String) throws(HavenError) -> JSON? {
        guard let value = json[name] else { return nil }
        guard case .object = value else {
            throw .invalidParameters("\(name) must be a JSON object", kind, resource)
        }
        return value
    }
}

/// Resource names: 1-100 characters of `A-Z a-z 0-9 _ -` (a documented decision).
enum ResourceName {
    static func isValid(_ name: String) -> Bool {
        var count = 0
        for byte in name.utf8 {
            count += 1
            guard count <= 100 else { return false }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return count > 0
    }
}
