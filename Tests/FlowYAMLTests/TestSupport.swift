import FlowYAML

/// Parses `text` as the file `t.yaml`.
func parse(_ text: String, parser: YAMLParser = YAMLParser()) throws(YAMLError) -> Node {
    try parser.parse(text, file: "t.yaml")
}

/// The diagnostics parsing `bytes` as `t.yaml` produces, one `FILE:LINE:COL: error: MESSAGE` per line,
/// or `nil` when it parses.
func diagnostics(_ bytes: [UInt8], parser: YAMLParser = YAMLParser()) -> String? {
    do {
        _ = try parser.parse(bytes, file: "t.yaml")
        return nil
    } catch {
        return error.description
    }
}

func diagnostics(_ text: String, parser: YAMLParser = YAMLParser()) -> String? {
    diagnostics(Array(text.utf8), parser: parser)
}

/// The first diagnostic for `text`, rendered with its source line and caret.
func rendered(_ text: String) -> String? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error.diagnostics.first?.rendered(source: SourceText(text))
    }
}

extension Node {
    /// The keys of a mapping, as text.
    var keys: [String] { mapping?.compactMap { $0.key.scalar?.text } ?? [] }

    /// The value of a scalar, or `nil`.
    var value: Scalar.Value? { scalar?.value }
}
