/// One node of a YAML document, with the position it starts at.
///
/// Aliases are expanded and merge keys (`<<`) applied by the parser, so consumers only ever see
/// scalars, sequences and mappings. Mapping entries keep their order in the file.
///
/// A node takes 24 bytes (a mapping entry 48): `kind`, `mark` and `tag` read and write a compact storage
/// (see `Content`), and a scalar's `Scalar` is made from its text when it is asked for.
public struct Node: Sendable {
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

    private var content: Content
    private var bits: ScalarBits
    /// The mark, 1-based, unless `content` is `.boxed`.
    private var line: UInt32
    private var column: UInt32

    public init(_ kind: Kind, mark: Mark, tag: String? = nil) {
        if tag == nil, let line = UInt32(exactly: mark.line), let column = UInt32(exactly: mark.column) {
            switch kind {
            case .sequence(let items):
                self.init(content: .sequence(items), bits: .none, line: line, column: column)
                return
            case .mapping(let pairs):
                self.init(content: .mapping(pairs), bits: .none, line: line, column: column)
                return
            case .scalar(let scalar):
                if let bits = Self.inlineBits(of: scalar) {
                    self.init(content: .inlineScalar, bits: bits, line: line, column: column)
                    return
                }
            }
        }
        self.init(boxed: Boxed(kind: kind, mark: mark, tag: tag))
    }

    /// The untagged scalar of `bytes` and `style`, whose value is what they resolve to: its text inline when
    /// short, else copied into `texts`.
    init(scalar bytes: UnsafeBufferPointer<UInt8>, style: Scalar.Style, mark: Mark, texts: inout TextStore) {
        if let line = UInt32(exactly: mark.line), let column = UInt32(exactly: mark.column) {
            if bytes.count <= ScalarBits.inlineCapacity {
                self.init(
                    content: .inlineScalar, bits: ScalarBits(inline: bytes, style: style), line: line, column: column)
                return
            }
            if bytes.count <= ScalarBits.largestCount {
                let (chunk, offset) = texts.store(bytes)
                let bits = ScalarBits(offset: offset, count: bytes.count, style: style)
                self.init(content: .scalar(chunk), bits: bits, line: line, column: column)
                return
            }
        }
        self.init(boxed: Boxed(kind: .scalar(Self.scalar(bytes, style: style)), mark: mark, tag: nil))
    }

    private init(boxed: Boxed) {
        self.init(content: .boxed(boxed), bits: .none, line: 0, column: 0)
    }

    private init(content: Content, bits: ScalarBits, line: UInt32, column: UInt32) {
        self.content = content
        self.bits = bits
        self.line = line
        self.column = column
    }

    public var kind: Kind {
        get {
            switch content {
            case .inlineScalar, .scalar: .scalar(scalar!)
            case .sequence(let items): .sequence(items)
            case .mapping(let pairs): .mapping(pairs)
            case .boxed(let boxed): boxed.kind
            }
        }
        set { self = Node(newValue, mark: mark, tag: tag) }
    }

    /// Where the node starts (for a mapping or sequence: its first token).
    public var mark: Mark {
        get {
            if case .boxed(let boxed) = content { return boxed.mark }
            return Mark(line: Int(line), column: Int(column))
        }
        set { self = Node(kind, mark: newValue, tag: tag) }
    }

    /// The explicit tag as written, expanded (`tag:yaml.org,2002:str` for `!!str`), or `nil`.
    public var tag: String? {
        get {
            if case .boxed(let boxed) = content { return boxed.tag }
            return nil
        }
        set { self = Node(kind, mark: mark, tag: newValue) }
    }

    /// A scalar's text, without resolving its value.
    var scalarText: String? {
        switch content {
        case .inlineScalar, .scalar: withTextBytes { String(decoding: $0, as: UTF8.self) }
        case .sequence, .mapping: nil
        case .boxed: scalar?.text
        }
    }

    /// Calls `body` with the bytes of a compact scalar's text.
    private func withTextBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if case .scalar(let chunk) = content { return chunk.withBytes(at: bits.offset, count: bits.count, body) }
        return bits.withInlineBytes(body)
    }

    /// The untagged scalar of `bytes` and `style`.
    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, style: Scalar.Style) -> Scalar {
        let text = String(decoding: bytes, as: UTF8.self)
        return Scalar(text: text, style: style, value: ScalarResolver.untagged(bytes, style: style).value(text: text))
    }

    /// The bits of `scalar` when it can be stored inline: a short text, and the value it resolves to.
    private static func inlineBits(of scalar: Scalar) -> ScalarBits? {
        var text = scalar.text
        return text.withUTF8 { bytes in
            guard bytes.count <= ScalarBits.inlineCapacity,
                scalar.value.isIdentical(to: Self.scalar(bytes, style: scalar.style).value)
            else { return nil }
            return ScalarBits(inline: bytes, style: scalar.style)
        }
    }
}

extension Node: Hashable {
    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.kind == rhs.kind && lhs.mark == rhs.mark && lhs.tag == rhs.tag
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(mark)
        hasher.combine(tag)
    }
}

extension Node {
    public var scalar: Scalar? {
        switch content {
        case .inlineScalar, .scalar: withTextBytes { Self.scalar($0, style: bits.style) }
        case .sequence, .mapping: nil
        case .boxed(let boxed): if case .scalar(let scalar) = boxed.kind { scalar } else { nil }
        }
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        if case .boxed(let boxed) = content, case .sequence(let items) = boxed.kind { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        if case .boxed(let boxed) = content, case .mapping(let pairs) = boxed.kind { return pairs }
        return nil
    }

    /// The value of the first entry whose key is the plain string `key`.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.scalarText == key }?.value
    }

    /// `scalar`, `sequence` or `mapping` — for messages such as "expected a mapping, found a sequence".
    public var kindName: String {
        if sequence != nil { return "sequence" }
        if mapping != nil { return "mapping" }
        return "scalar"
    }
}
