import FlowCore

/// One step's (or `for_each` element's) attempts in one run: what an action remembers from one attempt
/// for the next is kept under this key.
struct AttemptKey: Hashable {
    var runID: String
    var step: String
    var index: Int?

    init(_ context: ActionContext) {
        runID = context.runID
        step = context.stepKey
        index = context.index
    }
}
