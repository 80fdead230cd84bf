/// Reads one YAML document into a `Node` tree with libyaml's event API.
///
/// Plain scalars follow the YAML 1.2 core schema, aliases are expanded and merge keys applied. Every problem
/// is a `Diagnostic` at a 1-based line and column; see docs/yaml.md for the messages.
public struct YAMLParser: Sendable {
    /// The largest number of nodes the expanded tree may have (aliases counted each time they are used).
    public var maximumNodes: Int
    /// The deepest nesting of sequences and mappings accepted (protects the stack from `[[[[…` input).
    public var maximumDepth: Int

    public init(maximumNodes: Int = 1_000_000, maximumDepth: Int = 256) {
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
    }

    /// Parses `bytes` (UTF-8) of the file named `file` (used in diagnostics only).
    public func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> Node {
        try bytes.withUnsafeBufferPointer { (buffer) throws(YAMLError) -> Node in try parse(buffer, file: file) }
    }

    /// Parses `text` of the file named `file`.
    public func parse(_ text: String, file: String) throws(YAMLError) -> Node {
        var text = text
        let result = text.withUTF8 { buffer in Result { () throws(YAMLError) in try parse(buffer, file: file) } }
        return try result.get()
    }

    /// Parses the UTF-8 bytes in `buffer`, which only need to live for the duration of the call.
    public func parse(_ buffer: UnsafeBufferPointer<UInt8>, file: String) throws(YAMLError) -> Node {
        var composer = Composer(
            reader: EventReader(input: buffer), file: file, maximumNodes: maximumNodes, maximumDepth: maximumDepth)
        return try composer.composeDocument()
    }
}
