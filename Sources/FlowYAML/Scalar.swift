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
    public var style: Style

    public init(text: String, style: Style, value: Value) {
        self.text = text
        self.style = style
        self.value = value
    }

    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }
}

extension Scalar.Value {
    /// Whether the two values are the same down to the bytes: strings compared byte for byte (not by
    /// Unicode equivalence), floats bit for bit (so `.nan` is identical to itself, `0.0` not to `-0.0`).
    func isIdentical(to other: Self) -> Bool {
        switch (self, other) {
        case (.string(let left), .string(let right)): left.utf8.elementsEqual(right.utf8)
        case (.float(let left), .float(let right)): left.bitPattern == right.bitPattern
        default: self == other
        }
    }
}
