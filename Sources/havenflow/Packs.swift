import FlowRuntime
import HavenActions

extension Runtime {
    /// The runtime of the `havenflow` command: its action packs (one line per pack) and standard error.
    static var havenflow: Runtime {
        Runtime(packs: [HavenPack()], report: StandardError.write)
    }
}
