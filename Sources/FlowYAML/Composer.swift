internal import CYAML

/// Builds the `Node` tree of a file's one document from libyaml's events, expanding aliases and counting
/// nodes as it goes. Problems that do not stop the reading (duplicate keys, unknown aliases, tags that do
/// not fit) are collected; syntax errors and limits stop it.
struct Composer {
    struct Anchored {
        var node: Node
        /// Nodes in `node`'s expanded tree, added to the total each time an alias repeats it.
        var size: Int
    }

    let reader: EventReader
    let file: String
    let maximumNodes: Int
    let maximumDepth: Int
    var anchors: [String: Anchored] = [:]
    var anchorsBeingComposed: [String] = []
    var nodeCount = 0
    var diagnostics: [Diagnostic] = []
    /// Items of the sequences and entries of the mappings being composed, innermost last: each finished
    /// collection is moved out into an array of its exact size, instead of growing its own array.
    let openItems = OpenStack<Node>()
    let openPairs = OpenStack<Node.Pair>()
    /// The scalar keys of the mappings being composed, for `KeyIndex`.
    let openKeys = OpenStack<KeyIndex.Key>()
    /// The texts of scalars too long to sit in their node.
    var texts = TextStore()

    init(reader: EventReader, file: String, maximumNodes: Int, maximumDepth: Int) {
        self.reader = reader
        self.file = file
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
    }

    mutating func composeDocument() throws(YAMLError) -> Node {
        try advance()  // stream start
        try advance()
        if reader.kind == YAML_STREAM_END_EVENT { throw stop(.emptyFile, at: Mark(line: 1, column: 1)) }
        try advance()  // past the document start
        let root = try composeNode(depth: 0)
        try advance()  // document end
        try advance()
        if reader.kind == YAML_DOCUMENT_START_EVENT { throw stop(.moreThanOneDocument, at: reader.startMark) }
        if !diagnostics.isEmpty { throw YAMLError(diagnostics) }
        return root
    }

    /// Composes the node whose first event is the current one; leaves its last event current.
    mutating func composeNode(depth: Int) throws(YAMLError) -> Node {
        switch reader.kind {
        case YAML_SCALAR_EVENT: try composeScalar().node
        case YAML_ALIAS_EVENT: try composeAlias()
        case YAML_SEQUENCE_START_EVENT: try composeSequence(depth: depth)
        case YAML_MAPPING_START_EVENT: try composeMapping(depth: depth)
        default: throw stop(.unexpectedEvent, at: reader.startMark)  // libyaml never sends one here
        }
    }

    /// Composes the current scalar; with `resolving` (for a mapping key) also returns its value, which an
    /// untagged node does not store.
    mutating func composeScalar(resolving: Bool = false) throws(YAMLError) -> (node: Node, value: Scalar.Value?) {
        let mark = reader.startMark
        try count(1, at: mark)
        let bytes = reader.scalarBytes
        let style = reader.scalarStyle
        let node: Node
        var value: Scalar.Value?
        if let tag = reader.tag {
            let text = String(decoding: bytes, as: UTF8.self)
            let fitting = ScalarResolver.tagged(tag, bytes: bytes, text: text)
            if fitting == nil {
                report(.tagDoesNotFit(text: text, tag: tag), at: mark)
            } else {
                checkTag(tag, fits: "scalar", at: mark)
            }
            let taggedValue = fitting ?? .string(text)
            node = Node(.scalar(Scalar(text: text, style: style, value: taggedValue)), mark: mark, tag: tag)
            value = taggedValue
        } else {
            let resolution = ScalarResolver.untagged(bytes, style: style)
            if case .integerTooLarge = resolution {
                report(.integerTooLarge(String(decoding: bytes, as: UTF8.self)), at: mark)
            }
            if resolving { value = resolution.value(text: String(decoding: bytes, as: UTF8.self)) }
            node = Node(scalar: bytes, style: style, mark: mark, texts: &texts)
        }
        if let anchor = reader.anchor { anchors[anchor] = Anchored(node: node, size: 1) }
        return (node, value)
    }

    private mutating func composeAlias() throws(YAMLError) -> Node {
        let mark = reader.startMark
        let name = reader.anchor ?? ""
        guard let anchored = anchors[name] else {
            report(anchorsBeingComposed.contains(name) ? .recursiveAlias(name) : .unknownAlias(name), at: mark)
            try count(1, at: mark)
            return Node(.scalar(Scalar(text: "", style: .plain, value: .null)), mark: mark)
        }
        try count(anchored.size, at: mark)
        return anchored.node
    }

    private mutating func composeSequence(depth: Int) throws(YAMLError) -> Node {
        let (mark, tag, anchor, sizeBefore) = try beginCollection(depth: depth)
        let start = openItems.count
        while true {
            try advance()
            if reader.kind == YAML_SEQUENCE_END_EVENT { break }
            let item = try composeNode(depth: depth + 1)
            openItems.append(item)
        }
        let items = openItems.take(from: start)
        if let tag { checkTag(tag, fits: "sequence", at: mark) }
        return endCollection(Node(.sequence(items), mark: mark, tag: tag), anchor: anchor, sizeBefore: sizeBefore)
    }

    // MARK: Helpers shared with Composer+Mapping

    /// Reads a collection's start event: its mark, tag and anchor, and the node count before it.
    mutating func beginCollection(depth: Int) throws(YAMLError) -> (Mark, String?, String?, Int) {
        let mark = reader.startMark
        guard depth < maximumDepth else { throw stop(.tooDeep(limit: maximumDepth), at: mark) }
        let sizeBefore = nodeCount
        try count(1, at: mark)
        let anchor = reader.anchor
        if let anchor { anchorsBeingComposed.append(anchor) }
        return (mark, reader.tag, anchor, sizeBefore)
    }

    mutating func endCollection(_ node: Node, anchor: String?, sizeBefore: Int) -> Node {
        if let anchor {
            anchorsBeingComposed.removeLast()
            anchors[anchor] = Anchored(node: node, size: nodeCount - sizeBefore)
        }
        return node
    }

    mutating func advance() throws(YAMLError) {
        guard reader.advance() else {
            diagnostics.append(reader.failure.diagnostic(file: file, source: SourceBytes(bytes: reader.input)))
            throw YAMLError(diagnostics)
        }
    }

    @inline(__always)
    mutating func count(_ nodes: Int, at mark: Mark) throws(YAMLError) {
        nodeCount += nodes
        if nodeCount > maximumNodes { throw stop(.tooManyNodes(limit: maximumNodes), at: mark) }
    }

    mutating func report(_ problem: Problem, at mark: Mark) {
        diagnostics.append(Diagnostic(file: file, mark: mark, message: problem.description))
    }

    /// Reports `problem` and returns the error that ends the reading, with everything reported so far.
    mutating func stop(_ problem: Problem, at mark: Mark) -> YAMLError {
        report(problem, at: mark)
        return YAMLError(diagnostics)
    }

    /// Reports core tags used on the wrong kind of node (`!!map` on a sequence, `!!seq` on a scalar, …).
    mutating func checkTag(_ tag: String, fits kind: String, at mark: Mark) {
        guard tag.hasPrefix(ScalarResolver.tagPrefix) else { return }
        let expected: String =
            switch tag.dropFirst(ScalarResolver.tagPrefix.count) {
            case "seq": "sequence"
            case "map": "mapping"
            case "str", "int", "float", "bool", "null": "scalar"
            default: kind
            }
        if expected != kind { report(.tagOnWrongKind(tag: tag, kind: kind), at: mark) }
    }
}
