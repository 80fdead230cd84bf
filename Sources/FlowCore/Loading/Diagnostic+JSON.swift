import FlowYAML
import JSONValue

extension Diagnostic {
    /// `{file, line, column, severity, message}` — the shape `havenflow validate --json` prints.
    public var json: JSON {
        [
            "file": .string(file), "line": .number(Double(mark.line)), "column": .number(Double(mark.column)),
            "severity": .string(severity.rawValue), "message": .string(message),
        ]
    }
}

extension LoadResult {
    /// `{file, valid, diagnostics: [...]}` for one loaded file.
    public func json(file: String) -> JSON {
        ["file": .string(file), "valid": .bool(workflow != nil), "diagnostics": .array(diagnostics.map(\.json))]
    }
}
