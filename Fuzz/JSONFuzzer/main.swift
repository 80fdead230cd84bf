// libFuzzer entry point: feeds arbitrary bytes to JSON(parsing:). Any input must parse or throw an error
// that points inside it; what parses must survive render → parse unchanged, compact and pretty, and render
// to the same text again. Compiled by Fuzz/run in one module with the JSONValue sources (see fuzzer.conf),
// so JSON is visible without an import.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let value: JSON
    do {
        value = try JSON(parsing: bytes)
    } catch {
        precondition(error.offset >= 0 && error.offset <= size, "offset \(error.offset) outside \(size) bytes")
        precondition(!error.reason.isEmpty, "an error without a reason")
        return 0
    }
    for pretty in [false, true] {
        let text = value.rendered(pretty: pretty)
        let again: JSON
        do {
            again = try JSON(parsing: text)
        } catch {
            preconditionFailure("the rendering of a parsed value does not parse (\(error)): \(text)")
        }
        precondition(again == value, "render → parse changed the value: \(text)")
        precondition(again.hashValue == value.hashValue, "equal values with different hashes: \(text)")
        precondition(again.rendered(pretty: pretty) == text, "rendering twice gave two texts: \(text)")
    }
    return 0
}
