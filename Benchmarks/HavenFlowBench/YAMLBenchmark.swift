import CYAML
import FlowYAML
import Foundation

/// A generated ~5 MB workflow-shaped YAML text: libyaml's bare event parse (events parsed and deleted,
/// nothing kept) against `YAMLParser.parse` composing the whole `Node` tree, best of 5 each, in one process.
/// Composing should cost at most 2× the bare parse, and peak memory stay under 10× the file size.
enum YAMLBenchmark: Benchmark {
    static let name = "yaml"
    static let summary = "5 MB workflow YAML: YAMLParser.parse vs libyaml's bare event parse; peak memory"

    static let targetBytes = 5_000_000
    static let rounds = 5

    static func run() async throws -> [Figure] {
        let baseline = peakMemoryBytes()  // the runtime and Foundation, before any YAML exists
        let bytes = Array(workflowText(bytes: targetBytes).utf8)
        let parser = YAMLParser(maximumNodes: 10_000_000)
        var events = 0
        var libyamlSeconds = Double.infinity
        var composeSeconds = Double.infinity
        var tree: Node?
        var nodes = 0
        for _ in 0..<rounds {
            libyamlSeconds = min(libyamlSeconds, try await measure { events = try bareEventParse(bytes) })
            // The tree is released after the clock stops: freeing it is not part of composing it.
            composeSeconds = min(composeSeconds, try await measure { tree = try parser.parse(bytes, file: "bench.yaml") })
            nodes = tree.map(count) ?? 0
            tree = nil
        }
        let size = Double(bytes.count)
        return [
            Figure("file size", size / 1_000_000, "MB"),
            Figure("libyaml events", Double(events), "events"),
            Figure("nodes", Double(nodes), "nodes"),
            Figure("libyaml parse", libyamlSeconds * 1000, "ms"),
            Figure("compose Node", composeSeconds * 1000, "ms"),
            Figure("compose/libyaml", composeSeconds / libyamlSeconds, "x", .atMost, 2),
            Figure("throughput", size / composeSeconds / 1_000_000, "MB/s"),
            Figure("peak mem/file", peakMemoryBytes() / size, "x", .atMost, 10),
            Figure("baseline RSS", baseline / 1_000_000, "MB"),
            Figure("peak-baseline", (peakMemoryBytes() - baseline) / size, "x file"),
        ]
    }

    /// Runs libyaml over `bytes`, deleting each event: the floor any event-based reader pays.
    static func bareEventParse(_ bytes: [UInt8]) throws -> Int {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            event.deallocate()
            parser.deallocate()
        }
        guard yaml_parser_initialize(parser) != 0 else { throw BareParseFailure() }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var count = 0
            while true {
                guard yaml_parser_parse(parser, event) != 0 else { throw BareParseFailure() }
                let done = event.pointee.type == YAML_STREAM_END_EVENT
                yaml_event_delete(event)
                count += 1
                if done { return count }
            }
        }
    }

    struct BareParseFailure: Error {}

    /// The nodes of the tree under `node`, itself included (read without making any scalar's text).
    static func count(_ node: Node) -> Int {
        if let items = node.sequence { return items.reduce(1) { $0 + count($1) } }
        if let pairs = node.mapping { return pairs.reduce(1) { $0 + count($1.key) + count($1.value) } }
        return 1
    }

    /// A workflow of numbered steps (ids, nested mappings, flow sequences and mappings, quoted strings with
    /// `${{ }}`, block scalars, a merge key every tenth step) until the text reaches `bytes`.
    static func workflowText(bytes: Int) -> String {
        var text = """
            name: benchmark-workflow
            on:
              schedule: "0 3 * * *"
            defaults: &defaults
              retries: 2
              timeout: 30s
            steps:

            """
        var step = 0
        while text.utf8.count < bytes {
            step += 1
            text += """
                  - id: step-\(step)
                    uses: haven.addToTextIndex
                    if: ${{ steps.step-\(step - 1).outcome == 'success' }}
                    with:
                \(step % 10 == 0 ? "      <<: *defaults\n" : "")\
                      index: "index-\(step % 17)"
                      url: "https://example.com/docs/\(step)?page=${{ inputs.page }}"
                      tags: [alpha, beta, "gamma delta", \(step)]
                      options: {retries: 3, backoff: 1.5, verbose: true, limit: null}
                      body: |
                        Document \(step) of the nightly import.
                        It mentions ${{ inputs.topic }} twice: ${{ inputs.topic }}.
                    env:
                      TOKEN: ${{ secrets.HAVEN_TOKEN }}
                      REGION: 'eu-west-1'

                """
        }
        return text
    }
}
