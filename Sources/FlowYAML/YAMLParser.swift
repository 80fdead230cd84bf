internal import CYAML

/// Reads one YAML document into a `Node` tree with libyaml's event API.
public struct YAMLParser: Sendable {
    /// The largest number of nodes the expanded tree may have (aliases counted each time they are used).
    public var maximumNodes: Int

    public init(maximumNodes: Int = 1_000_000) {
        self.maximumNodes = maximumNodes
    }

    /// Parses `bytes` (UTF-8) of the file named `file` (used in diagnostics only).
    public func parse(_ bytes: [UInt8], file: String) throws(YAMLError) -> Node {
        _ = yaml_get_version_string()
        throw YAMLError(file: file, mark: Mark(line: 1, column: 1), message: "the YAML parser is not written yet")
    }

    /// Parses `text` of the file named `file`.
    public func parse(_ text: String, file: String) throws(YAMLError) -> Node {
        try parse(Array(text.utf8), file: file)
    }
}
