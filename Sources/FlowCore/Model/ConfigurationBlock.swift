/// The values of one pack's top-level block as the loader checked them (see `PackConfiguration`); a
/// field that is absent or invalid has no value. The pack reads its block back when it connects.
public struct ConfigurationBlock: Sendable {
    /// One checked value, typed by its field's kind.
    public enum Value: Sendable {
        case text(TemplateValue)
        case duration(Duration)
        case number(Double)
        case integer(Int)
    }

    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) {
        self.values = values
    }

    public subscript(field: String) -> Value? {
        get { values[field] }
        set { values[field] = newValue }
    }

    /// The text of a `.text` field, unevaluated.
    public func text(_ field: String) -> TemplateValue? {
        if case .text(let value) = values[field] { value } else { nil }
    }

    public func duration(_ field: String) -> Duration? {
        if case .duration(let value) = values[field] { value } else { nil }
    }

    public func number(_ field: String) -> Double? {
        if case .number(let value) = values[field] { value } else { nil }
    }

    public func integer(_ field: String) -> Int? {
        if case .integer(let value) = values[field] { value } else { nil }
    }

    /// Every text value, for finding the `secrets.*` the block mentions.
    public var texts: [TemplateValue] {
        values.values.compactMap { if case .text(let value) = $0 { value } else { nil } }
    }
}
