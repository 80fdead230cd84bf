import FlowRuntime
import Foundation
import Hummingbird

/// `/healthz`: 200 `ok` while the server answers and its store can be read.
struct HealthRoute: ServeRouteProvider {
    func addRoutes(to router: Router<BasicRequestContext>, reader: RunReader) {
        router.get("/healthz") { request, _ -> Response in
            do throws(RuntimeError) {
                _ = try await reader.runs(workflow: nil, limit: 1)
            } catch {
                return Answer.error(.serviceUnavailable, "the state store cannot be read: \(error.message)", request: request)
            }
            return Answer.make(contentType: Answer.text, body: "ok\n".utf8)
        }
    }
}
