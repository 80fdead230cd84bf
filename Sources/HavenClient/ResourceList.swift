import JSONValue

/// `listresources`: `{"private_resources": [...], "public_resources": [...]}`.
public struct ResourceList: Sendable, Hashable {
    public struct Resource: Sendable, Hashable {
        public var resource: String
        /// `connector`, `content`, `query_profile`, …
        public var type: String?
        public var flavor: String?
        public var description: String?
        public var dateCreated: String?
        public var raw: JSON

        public init(json: JSON) {
            resource = json["resource"]?.stringValue ?? ""
            type = json["type"]?.stringValue
            flavor = json["flavor"]?.stringValue
            description = json["description"]?.stringValue
            dateCreated = json["date_created"]?.stringValue
            raw = json
        }
    }

    public var privateResources: [Resource]
    public var publicResources: [Resource]
    public var raw: JSON

    public init(json: JSON) {
        privateResources = (json["private_resources"]?.arrayValue ?? []).map(Resource.init(json:))
        publicResources = (json["public_resources"]?.arrayValue ?? []).map(Resource.init(json:))
        raw = json
    }

    /// The private resource named `name`, if any.
    public func resource(named name: String) -> Resource? {
        privateResources.first { $0.resource == name }
    }
}
