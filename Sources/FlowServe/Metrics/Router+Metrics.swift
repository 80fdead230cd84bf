import Hummingbird

extension Router {
    /// `GET /metrics`: the collector's series in the Prometheus text format (version 0.0.4). A store that
    /// cannot be read answers 503 with the store's sentence.
    public func addMetricsRoute(_ collector: MetricsCollector) {
        get("metrics") { _, _ -> Response in
            let text: [UInt8]
            do {
                text = try await collector.scrape()
            } catch {
                throw HTTPError(.serviceUnavailable, message: "the metrics could not be read: \(error)")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
