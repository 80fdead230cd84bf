import Metrics
import Prometheus
import Synchronization

/// The `havenflow_…` series of `/metrics`, made through swift-metrics on a `PrometheusMetricsFactory`
/// bound to this server's own registry (not the process-wide bootstrap, so several servers — or tests — in
/// one process keep their figures apart). Each series is documented in docs/serve.md.
final class MetricsSeries: Sendable {
    static let runs = "havenflow_runs"
    static let runDuration = "havenflow_run_duration_seconds"
    static let stepDuration = "havenflow_step_duration_seconds"
    static let elementDuration = "havenflow_element_duration_seconds"
    static let attempts = "havenflow_action_attempts_total"
    static let retries = "havenflow_action_retries_total"
    static let havenCalls = "havenflow_haven_calls_total"
    static let havenRetries = "havenflow_haven_client_retries_total"
    static let fires = "havenflow_scheduler_fires_total"
    static let lag = "havenflow_scheduler_lag_seconds"
    static let unreadableLogs = "havenflow_metrics_unreadable_logs"

    /// Histogram buckets for run, step and element durations: 10 ms to 1 h.
    static let durationBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(300), .seconds(900), .seconds(3600),
    ]
    /// Histogram buckets for the scheduler's lag: 100 ms to 5 min.
    static let lagBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10), .seconds(30),
        .seconds(60), .seconds(300),
    ]

    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The series made so far, by name and labels: a first scrape counts 100,000 events and more, and
    /// making a handle looks the series up in the registry under its lock.
    private let counters = Mutex<[[String]: Metrics.Counter]>([:])
    private let timers = Mutex<[[String]: Metrics.Timer]>([:])

    init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.durationBuckets
        factory.durationHistogramBuckets = [Self.lag: Self.lagBuckets]
        self.factory = factory
    }

    /// Adds `amount` to the counter `name` with `labels`.
    func count(_ name: String, _ labels: [(String, String)], by amount: Int = 1) {
        Self.handle(in: counters, name, labels) { Metrics.Counter(label: name, dimensions: labels, factory: factory) }
            .increment(by: amount)
    }

    /// Records `milliseconds` in the duration histogram `name` with `labels`.
    func time(_ name: String, _ labels: [(String, String)], milliseconds: Int) {
        Self.handle(in: timers, name, labels) { Metrics.Timer(label: name, dimensions: labels, factory: factory) }
            .recordMilliseconds(max(0, milliseconds))
    }

    /// Sets the gauge `name` with `labels` to `value`.
    func set(_ name: String, _ labels: [(String, String)], to value: Int) {
        Metrics.Gauge(label: name, dimensions: labels, factory: factory).record(value)
    }

    /// The handle of the series `name` with `labels` kept in `made`, made by `make` the first time.
    private static func handle<Handle>(
        in made: borrowing Mutex<[[String]: Handle]>, _ name: String, _ labels: [(String, String)],
        make: () -> Handle
    ) -> Handle {
        let key = [name] + labels.flatMap { [$0.0, $0.1] }
        return made.withLock { made in
            if let handle = made[key] { return handle }
            let handle = make()
            made[key] = handle
            return handle
        }
    }

    /// The Prometheus text of every series.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
