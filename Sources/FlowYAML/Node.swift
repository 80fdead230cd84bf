/// One node of a YAML document, with the position it starts at.
///
/// Aliases are expanded and merge keys (`<<`) applied by the parser, so consumers only ever see
/// scalars, sequences and mappings. Mapping entries keep their order in the file.
public struct Node: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair: Sendable, Hashable {
        public var key: Node
        public var value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    /// Where the node starts (for a mapping or sequence: its first token).
    public var mark: Mark
    /// The explicit tag as written, expanded (`tag:yaml.org,2002:str` for `!!str`), or `nil`.
    public var tag: String?

    public init(_ kind: Kind, mark: Mark, tag: String? = nil) {
        self.kind = kind
        self.mark = mark
        self.tag = tag
    }
}

/// A scalar as written, with its resolved core-schema value.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The YAML 1.2 core-schema value of the scalar.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
    }

    /// The text of the scalar after unquoting and folding.
    public var text: String
    public var value: Value
    /// (Declared after `value` so that it fills `value`'s padding: a `Node` takes 72 bytes instead of 80.)
    public var style: Style

    public init(text: String, style: Style, value: Value) {
        self.text = text
        self.style = style
        self.value = value
    }

    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }
}

extension Node {
    public var scalar: Scalar? {
        if case .scalar(let scalar) = kind { return scalar }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let nodes) = kind { return nodes }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The value of the first entry whose key is the plain string `key`.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.scalar?.text == key }?.value
    }

    /// `scalar`, `sequence` or `mapping` — for messages such as "expected a mapping, found a sequence".
    public var kindName: String {
        switch kind {
        case .scalar: "scalar"
        case .sequence: "sequence"
        case .mapping: "mapping"
        }
    }
}
