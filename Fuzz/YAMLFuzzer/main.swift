// libFuzzer entry point: feeds arbitrary bytes to YAMLParser. Compiled by Fuzz/run in one module with
// the FlowYAML sources (see fuzzer.conf), so FlowYAML's types are visible without an import.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parser = YAMLParser(maximumNodes: 100_000)
    do {
        let node = try parser.parse(bytes, file: "fuzz.yaml")
        _ = node.hashValue  // walks the whole tree
    } catch {
        precondition(!error.diagnostics.isEmpty, "a YAMLError without diagnostics")
        let source = SourceText(String(decoding: bytes, as: UTF8.self))
        for diagnostic in error.diagnostics {
            precondition(diagnostic.mark.line >= 1 && diagnostic.mark.column >= 1, "mark \(diagnostic.mark)")
            _ = diagnostic.rendered(source: source)
        }
    }
    return 0
}
