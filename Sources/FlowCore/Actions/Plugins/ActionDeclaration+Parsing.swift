import JSONValue

extension ActionDeclaration {
    /// Reads a declaration from the JSON that `json` produces (what a plugin's `--describe` prints):
    /// `name`, `summary` and `changes_state` are required; `aliases`, `inputs` and `outputs` default to
    /// empty; each input needs `name` and `type`, and may have `required`, `secret`, `description`,
    /// `default`, `allowed` and `one_or_many`; each output needs `name` and `type`. `inputs` and `outputs`
    /// are either a list of `{name, …}` or, as in GitHub Actions' action.yml, a map from name to `{…}`
    /// (read in name order).
    public init(json: JSON) throws(DeclarationError) {
        let object = try Self.object(json, at: "the declaration")
        let inputs = try Self.named(object["inputs"], at: "inputs") { (item, path) throws(DeclarationError) in
            try InputSpec(json: item, at: path)
        }
        self.init(
            name: try Self.string(object["name"], at: "name"),
            aliases: try Self.each(object["aliases"], at: "aliases") { (item, path) throws(DeclarationError) in
                try Self.string(item, at: path)
            },
            summary: try Self.string(object["summary"], at: "summary"),
            inputs: inputs,
            outputs: try Self.named(object["outputs"], at: "outputs") { (item, path) throws(DeclarationError) in
                try OutputSpec(json: item, at: path)
            },
            changesState: try Self.bool(object["changes_state"], at: "changes_state"))
        var seen = Set<String>()
        for input in inputs where !seen.insert(input.name).inserted {
            throw DeclarationError("inputs: '\(input.name)' is declared twice")
        }
    }

    static func object(_ value: JSON?, at path: String) throws(DeclarationError) -> [String: JSON] {
        guard let value else { throw DeclarationError("\(path) is missing") }
        guard let object = value.objectValue else { throw DeclarationError("\(path) must be an object, not \(value.typeName)") }
        return object
    }

    static func list(_ value: JSON?, at path: String) throws(DeclarationError) -> [JSON] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw DeclarationError("\(path) must be a list, not \(value.typeName)") }
        return items
    }

    /// Reads each element of the list `value` (absent: none) with `read`, given the element's path.
    static func each<T>(
        _ value: JSON?, at path: String, _ read: (JSON, String) throws(DeclarationError) -> T
    ) throws(DeclarationError) -> [T] {
        var results: [T] = []
        for (index, item) in try list(value, at: path).enumerated() { results.append(try read(item, "\(path)[\(index)]")) }
        return results
    }

    static func string(_ value: JSON?, at path: String, default fallback: String? = nil) throws(DeclarationError)
        -> String
    {
        guard let value, !value.isNull else {
            guard let fallback else { throw DeclarationError("\(path) is missing") }
            return fallback
        }
        guard let text = value.stringValue else { throw DeclarationError("\(path) must be a string, not \(value.typeName)") }
        return text
    }

    static func bool(_ value: JSON?, at path: String, default fallback: Bool? = nil) throws(DeclarationError) -> Bool {
        guard let value, !value.isNull else {
            guard let fallback else { throw DeclarationError("\(path) is missing") }
            return fallback
        }
        guard let flag = value.boolValue else { throw DeclarationError("\(path) must be true or false, not \(value.typeName)") }
        return flag
    }

    static func type(_ value: JSON?, at path: String) throws(DeclarationError) -> ValueType {
        let name = try string(value, at: path)
        guard let type = ValueType(rawValue: name) else {
            let known = ValueType.allCases.map(\.rawValue).joined(separator: ", ")
            throw DeclarationError("\(path): '\(name)' is not a type (one of \(known))")
        }
        return type
    }
}

extension InputSpec {
    init(json: JSON, at path: String) throws(DeclarationError) {
        let object = try ActionDeclaration.object(json, at: path)
        var allowed: [String]?
        if let list = object["allowed"], !list.isNull {
            allowed = try ActionDeclaration.each(list, at: "\(path).allowed") { (item, path) throws(DeclarationError) in
                try ActionDeclaration.string(item, at: path)
            }
        }
        self.init(
            try ActionDeclaration.string(object["name"], at: "\(path).name"),
            try ActionDeclaration.type(object["type"], at: "\(path).type"),
            required: try ActionDeclaration.bool(object["required"], at: "\(path).required", default: false),
            secret: try ActionDeclaration.bool(object["secret"], at: "\(path).secret", default: false),
            description: try ActionDeclaration.string(object["description"], at: "\(path).description", default: ""),
            default: object["default"].flatMap { $0.isNull ? nil : $0 }, allowed: allowed,
            oneOrMany: try ActionDeclaration.bool(object["one_or_many"], at: "\(path).one_or_many", default: false))
        if oneOrMany, type != .list {
            throw DeclarationError("\(path).one_or_many: only a list input can take one or many values, not a \(type.rawValue)")
        }
    }
}

extension OutputSpec {
    init(json: JSON, at path: String) throws(DeclarationError) {
        let object = try ActionDeclaration.object(json, at: path)
        self.init(
            try ActionDeclaration.string(object["name"], at: "\(path).name"),
            try ActionDeclaration.type(object["type"], at: "\(path).type"),
            description: try ActionDeclaration.string(object["description"], at: "\(path).description", default: ""))
    }
}

/// Why a JSON value is not an action declaration, as a sentence naming the field, e.g.
/// `inputs[1].type: 'strng' is not a type (one of string, number, …)`.
public struct DeclarationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
