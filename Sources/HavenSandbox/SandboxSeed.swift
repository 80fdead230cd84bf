import JSONValue

/// Resources a sandbox starts with (`havenflow sandbox --seed FILE`, `run/plan --sandbox --seed FILE`):
/// `{"connectors": [{name, flavor, config, destination, description?}], "indexes": [{name, flavor?,
/// description?}]}`. Names and flavors are checked as `createconnector` and `createtextindex` check them.
public struct SandboxSeed: Sendable, Hashable {
    public struct Connector: Sendable, Hashable {
        public var name: String
        public var flavor: String
        public var config: JSON
        public var destination: JSON
        public var description: String?
    }

    public struct Index: Sendable, Hashable {
        public var name: String
        public var flavor: String
        public var description: String?
    }

    public var connectors: [Connector]
    public var indexes: [Index]

    /// Reads the seed from its JSON form; the error names the entry at fault, e.g.
    /// `connectors[1].flavor: 'web' is not a connector flavor (one of web_cloud, …)`.
    public init(json: JSON) throws(SandboxSeedError) {
        guard let object = json.objectValue else {
            throw SandboxSeedError("a seed must be a mapping with 'connectors' and 'indexes', not \(json.typeName)")
        }
        for key in object.keys.sorted() where key != "connectors" && key != "indexes" {
            throw SandboxSeedError("'\(key)' is not part of a seed (it has 'connectors' and 'indexes')")
        }
        connectors = try Self.entries(object["connectors"], "connectors").enumerated().map {
            (index, entry) throws(SandboxSeedError) in try Connector(entry, at: "connectors[\(index)]")
        }
        indexes = try Self.entries(object["indexes"], "indexes").enumerated().map {
            (index, entry) throws(SandboxSeedError) in try Index(entry, at: "indexes[\(index)]")
        }
    }

    private static func entries(_ value: JSON?, _ key: String) throws(SandboxSeedError) -> [[String: JSON]] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue else { throw SandboxSeedError("'\(key)' must be a list, not \(value.typeName)") }
        var entries: [[String: JSON]] = []
        for (index, item) in list.enumerated() {
            guard let entry = item.objectValue else {
                throw SandboxSeedError("\(key)[\(index)] must be a mapping, not \(item.typeName)")
            }
            entries.append(entry)
        }
        return entries
    }
}

extension SandboxSeed.Connector {
    init(_ entry: [String: JSON], at path: String) throws(SandboxSeedError) {
        name = try SandboxSeed.name(entry, at: path)
        flavor = try SandboxSeed.flavor(entry, at: path, of: "connector", among: ConnectorRecord.flavors)
        config = try SandboxSeed.object(entry["config"], at: "\(path).config")
        destination = try SandboxSeed.object(entry["destination"], at: "\(path).destination")
        description = try SandboxSeed.text(entry["description"], at: "\(path).description")
    }
}

extension SandboxSeed.Index {
    init(_ entry: [String: JSON], at path: String) throws(SandboxSeedError) {
        name = try SandboxSeed.name(entry, at: path)
        flavor = try SandboxSeed.flavor(entry, at: path, of: "index", among: IndexRecord.flavors, default: "standard")
        description = try SandboxSeed.text(entry["description"], at: "\(path).description")
    }
}

extension SandboxSeed {
    fileprivate static func name(_ entry: [String: JSON], at path: String) throws(SandboxSeedError) -> String {
        guard let name = try text(entry["name"], at: "\(path).name") else { throw SandboxSeedError("\(path).name is missing") }
        guard ResourceName.isValid(name) else { throw SandboxSeedError("\(path).name: '\(name)' is not a valid resource name") }
        return name
    }

    /// The entry's `flavor`, one of `flavors` (or `fallback` when absent and there is one).
    fileprivate static func flavor(
        _ entry: [String: JSON], at path: String, of kind: String, among flavors: [String], default fallback: String? = nil
    ) throws(SandboxSeedError) -> String {
        guard let flavor = try text(entry["flavor"], at: "\(path).flavor") ?? fallback else {
            throw SandboxSeedError("\(path).flavor is missing")
        }
        guard flavors.contains(flavor) else {
            throw SandboxSeedError(
                "\(path).flavor: '\(flavor)' is not \(kind == "index" ? "an" : "a") \(kind) flavor (one of \(flavors.joined(separator: ", ")))")
        }
        return flavor
    }

    fileprivate static func text(_ value: JSON?, at path: String) throws(SandboxSeedError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw SandboxSeedError("\(path) must be a string, not \(value.typeName)") }
        return text
    }

    fileprivate static func object(_ value: JSON?, at path: String) throws(SandboxSeedError) -> JSON {
        guard let value, !value.isNull else { throw SandboxSeedError("\(path) is missing") }
        guard value.objectValue != nil else { throw SandboxSeedError("\(path) must be a mapping, not \(value.typeName)") }
        return value
    }
}

/// Why a seed cannot be used, as a sentence naming the entry at fault.
public struct SandboxSeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
