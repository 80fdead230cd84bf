import FlowCore
import FlowRuntime
import Hummingbird

/// `/metrics` as one of the server's route groups: a collector over the server's store and run logs (the
/// store's copy of a run recorded by another host, as the run page and `/events` read it), counting the
/// fire records of the triggers `/schedules` lists (the workflow files the server was given).
struct MetricsRoute: ServeRouteProvider {
    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        let state = reader.state
        let collector = MetricsCollector(
            store: reader.store, runLog: { state.runLogPath($0) },
            storedLog: { await reader.storedLogLines(runID: $0) },
            triggers: { ((try? await reader.schedules()) ?? []).map(\.trigger) })
        router.addMetricsRoute(collector)
    }
}
