/// A scrape of `/metrics`, parsed: each sample line `name{label="value",…} number`.
struct MetricsExposition {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let text: String
    let samples: [Sample]

    init(_ text: String) {
        self.text = text
        samples = text.split(separator: "\n").compactMap { Self.sample(String($0)) }
    }

    /// The value of the one sample named `name` whose labels include `labels`; `nil` when there is none
    /// (several matching samples are summed).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    private static func sample(_ line: String) -> Sample? {
        guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
        else { return nil }
        let series = line[..<space]
        guard let brace = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
        var labels: [String: String] = [:]
        var rest = series[series.index(after: brace)...].dropLast()  // without the closing brace
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].trimmingPrefix(",")
            var cursor = rest.index(equals, offsetBy: 2)  // past `="`
            var text = ""
            while cursor < rest.endIndex, rest[cursor] != "\"" {
                if rest[cursor] == "\\" { cursor = rest.index(after: cursor) }
                text.append(rest[cursor])
                cursor = rest.index(after: cursor)
            }
            labels[String(key)] = text
            rest = rest[rest.index(after: cursor)...]
        }
        return Sample(name: String(series[..<brace]), labels: labels, value: value)
    }
}
