/// The top-level block an action pack claims in workflow files (e.g. `s3:`): its key, what it is for,
/// and its fields. The loader checks a claimed block against it (unknown fields with a did-you-mean, wrong
/// types) and keeps the values in `Workflow.configuration[key]`; the schema generator describes it.
public struct PackConfiguration: Sendable {
    /// The top-level key, e.g. `s3`.
    public var key: String
    /// One sentence for the schema.
    public var description: String
    public var fields: [Field]

    public init(key: String, description: String, fields: [Field]) {
        self.key = key
        self.description = description
        self.fields = fields
    }

    /// One field of the block.
    public struct Field: Sendable {
        public enum Kind: Sendable, Hashable {
            /// A string that may hold `${{ }}` over `inputs`, `vars`, `env` and `secrets`.
            case text
            /// A duration (`30s`, `1h30m`, or a number of seconds).
            case duration
            /// A number greater than 0.
            case positiveNumber
            /// An integer of at least 1.
            case positiveInteger
        }

        public var name: String
        public var kind: Kind
        /// For the schema; `nil` leaves the field undescribed.
        public var description: String?
        /// A warning for a text field written without `${{ }}` (e.g. a secret written into the file).
        public var literalWarning: String?

        public init(_ name: String, _ kind: Kind, description: String? = nil, literalWarning: String? = nil) {
            self.name = name
            self.kind = kind
            self.description = description
            self.literalWarning = literalWarning
        }
    }
}
