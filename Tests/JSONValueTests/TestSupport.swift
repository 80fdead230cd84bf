import JSONValue

/// The error text `JSON(parsing:)` gives for `text`, or `nil` when it parses.
func parseError(_ text: String) -> String? { parseError(Array(text.utf8)) }

/// The error text `JSON(parsing:)` gives for raw `bytes`, or `nil` when they parse.
func parseError(_ bytes: [UInt8]) -> String? {
    do {
        _ = try JSON(parsing: bytes)
        return nil
    } catch {
        return error.description
    }
}

/// The number `text` parses to (exactly, bit for bit), or `nil` when it is not a number.
func parsedNumber(_ text: String) throws -> Double? {
    try JSON(parsing: text).doubleValue
}
