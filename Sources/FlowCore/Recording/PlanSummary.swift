/// The closing summary of `havenflow plan`: counts by resource type and kind, then each resource with
/// its change, e.g.
///
/// ```
/// Plan: 3 connectors to create, 3 to start, 3 to delete; 1 index to create; 0 unknown
///   create connector v2-wiki, v2-docs, v2-blog
///   start  connector v2-wiki, v2-docs, v2-blog
///   delete connector wiki, docs, blog
///   create index     migrated
/// ```
public enum PlanSummary {
    public static func render(_ changes: [PlannedChange]) -> [String] {
        if changes.isEmpty { return ["Plan: no changes"] }
        let known = changes.filter { !$0.isUnknown }
        let unknown = changes.filter(\.isUnknown)
        var types: [String] = []
        for change in known where !types.contains(change.type) { types.append(change.type) }
        let kinds = PlannedChange.Kind.allCases.filter { $0 != .unknown }
        var groups: [String] = []
        var rows: [(kind: String, type: String, names: String)] = []
        for type in types {
            var counts: [String] = []
            for kind in kinds {
                let names = known.filter { $0.type == type && $0.kind == kind }.compactMap(\.resource)
                guard !names.isEmpty else { continue }
                counts.append(counts.isEmpty ? "\(names.count) \(noun(type, names.count)) to \(kind.rawValue)" : "\(names.count) to \(kind.rawValue)")
                rows.append((kind.rawValue, type, names.joined(separator: ", ")))
            }
            groups.append(counts.joined(separator: ", "))
        }
        groups.append("\(unknown.count) unknown")
        var lines = ["Plan: " + groups.joined(separator: "; ")]
        let kindWidth = rows.map(\.kind.count).max() ?? 0
        let typeWidth = rows.map(\.type.count).max() ?? 0
        for row in rows {
            lines.append("  " + pad(row.kind, kindWidth) + " " + pad(row.type, typeWidth) + " " + row.names)
        }
        for change in unknown {
            let name = change.resource ?? "a name known only after the run"
            lines.append("  \(change.kind == .unknown ? "call" : change.kind.rawValue) \(change.type): \(name)")
        }
        return lines
    }

    private static func noun(_ type: String, _ count: Int) -> String {
        guard count != 1 else { return type }
        return type.hasSuffix("x") || type.hasSuffix("s") ? type + "es" : type + "s"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
