// libFuzzer entry point: feeds arbitrary text to Expression.parse and Template.parse, then checks and
// evaluates what parses. Compiled by Fuzz/run in one module with the JSONValue, Mark and expression
// sources (see fuzzer.conf), so their types are visible without an import.

private let start = Mark(line: 1, column: 1)

private let scope = ExpressionScope(earlierSteps: ["fetch", "loop"], inForEach: true, itemAlias: "repo")

private let context = EvaluationContext(
    inputs: ["name": "Web", "count": 3, "list": [1, "two", nil, [3]]],
    vars: ["people": [["name": "ann", "age": 30], ["name": "bob"]], "json": "{\"a\": [1, true]}"],
    env: ["HOME": "/root"], secrets: ["TOKEN": "s3cret"],
    steps: [
        "fetch": ["outputs": ["ids": [1, 2]], "status": "succeeded", "error": nil],
        "loop": ["outputs": [["id": "a"], nil], "status": "failed", "results": [["status": "failed"]]],
    ],
    run: ["id": "r1", "status": "running"], item: ["id": 7], index: 0, itemAlias: "repo", anyStepFailed: true
)

/// Errors point inside the text: at most one line per line break, at most one column past the end.
private func checkMark(_ mark: Mark, in text: String) {
    let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    precondition(mark.line >= 1 && mark.line <= lines.count, "line of \(mark) outside the text")
    precondition(mark.column >= 1 && mark.column <= lines[mark.line - 1].count + 2, "column of \(mark)")
}

private func exercise(_ expression: Expression, in text: String) {
    for problem in expression.check(in: scope) { checkMark(problem.mark, in: text) }
    _ = expression.usesStatusFunction
    if let value = try? expression.evaluate(in: context) { _ = value.interpolated }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        exercise(try Expression.parse(text, at: start), in: text)
    } catch {
        checkMark(error.mark, in: text)
    }
    do {
        if let template = try Template.parse(text, at: start, quoted: false) {
            for expression in template.expressions { exercise(expression, in: text) }
            _ = try? template.evaluate(in: context)
        }
    } catch {
        checkMark(error.mark, in: text)
    }
    return 0
}
