import Hummingbird

extension Router {
    /// The Prometheus text format's content type.
    static var prometheusText: String { "text/plain; version=0.0.4; charset=utf-8" }

    /// `GET /metrics`: the collector's series in the Prometheus text format (version 0.0.4). A store that
    /// cannot be read answers 503 with a sentence naming the failure, as text.
    public func addMetricsRoute(_ collector: MetricsCollector) {
        get("/metrics") { _, _ -> Response in
            do {
                return Answer.make(contentType: Self.prometheusText, body: try await collector.scrape())
            } catch {
                return Answer.make(
                    .serviceUnavailable, contentType: Answer.text, body: "the metrics could not be read: \(error)\n".utf8)
            }
        }
    }
}
