import Foundation

/// One benchmark: a name for the command line, and a run that returns its figures.
protocol Benchmark {
    static var name: String { get }
    static var summary: String { get }
    static func run() async throws -> [Figure]
}

/// One measured figure with the target an issue set for it.
struct Figure: Codable {
    enum Goal: String, Codable { case atMost = "<=", atLeast = ">=", none = "" }

    var name: String
    var value: Double
    var unit: String
    var goal: Goal
    var target: Double?

    init(_ name: String, _ value: Double, _ unit: String, _ goal: Goal = .none, _ target: Double? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.goal = goal
        self.target = target
    }

    var met: Bool? {
        guard let target else { return nil }
        switch goal {
        case .atMost: return value <= target
        case .atLeast: return value >= target
        case .none: return nil
        }
    }
}

/// Prints figures as table rows and writes them to `.havenflow/bench/NAME.json`.
struct BenchmarkReport: Codable {
    var benchmark: String
    var figures: [Figure]

    func publish() {
        for figure in figures {
            let value = String(format: "%.3f", figure.value)
            let target = figure.target.map { "\(figure.goal.rawValue) \(String(format: "%g", $0))" } ?? ""
            let verdict = figure.met.map { $0 ? "met" : "NOT MET" } ?? ""
            print(
                [benchmark, figure.name, "\(value) \(figure.unit)", target, verdict]
                    .map { $0.padding(toLength: max($0.count, 14), withPad: " ", startingAt: 0) }
                    .joined(separator: "  "))
        }
        let directory = URL(fileURLWithPath: ".havenflow/bench", isDirectory: true)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let data = try? encoder.encode(self) {
            try? data.write(to: directory.appendingPathComponent("\(benchmark).json"))
        }
    }
}

/// Peak resident memory of this process so far, in bytes.
func peakMemoryBytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) * 1024
}

/// The value a `fraction` (0.5: the median) of `sorted` is at or below; 0 for none.
func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

/// Seconds taken by `body`.
func measure(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try await clock.measure { try await body() }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
