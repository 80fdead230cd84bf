import FlowCore
import FlowYAML
import JSONValue

/// The contexts the expression tests evaluate in.
enum ExpressionFixtures {
    static let context = EvaluationContext(
        inputs: ["name": "Web", "count": 3, "empty": "", "flag": true, "zero": 0, "list": [1, 2, 3], "text": "42"],
        vars: [
            "legacy": ["wiki_old", "docs_old"],
            "index": "migrated",
            "people": [["name": "ann", "age": 30], ["name": "bob"], ["name": "cy", "age": 20]],
            "config": ["a": 1, "b": ["c": 2]],
            "groups": [["tags": ["x", "y"]], ["tags": ["z"]]],
            "matrix": [[1, 2], [3, 4]],
            "json": "{\"a\": [1, true, null]}",
            "half": 0.5,
        ],
        env: ["HOME": "/root", "EMPTY": ""],
        secrets: ["TOKEN": "s3cret"],
        steps: [
            "fetch": ["outputs": ["ids": [1, 2], "job_id": "j1"], "status": "succeeded", "error": nil],
            "broken": ["outputs": nil, "status": "failed", "error": ["message": "boom", "code": 4004]],
            "loop": [
                "outputs": [["job_id": "a"], nil, ["job_id": "c"]], "status": "failed", "error": nil,
                "results": [["item": "x", "status": "succeeded"], ["item": "y", "status": "failed"]],
            ],
        ],
        run: ["id": "r1", "name": "demo", "status": "running", "started_at": "2026-11-29T00:00:00Z"],
        item: ["id": 7, "tags": ["x"]], index: 2, itemAlias: "repo", anyStepFailed: false
    )

    static let failedContext: EvaluationContext = {
        var context = Self.context
        context.anyStepFailed = true
        return context
    }()

    /// Every context, steps `fetch`, `broken` and `loop` earlier, inside a `for_each` with `as: repo`.
    static let everything = ExpressionScope(
        earlierSteps: ["fetch", "broken", "loop"], inForEach: true, itemAlias: "repo")

    static let mark = Mark(line: 3, column: 10)

    static func evaluate(_ source: String, in context: EvaluationContext = context) throws -> JSON {
        try Expression.parse(source, at: mark).evaluate(in: context)
    }
}
