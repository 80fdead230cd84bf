import FlowRuntime
import Testing

@Test func flowRuntimeLinks() {
    #expect(Bool(true))
}
