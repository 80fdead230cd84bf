import Foundation

/// What a command printed, with only what must vary from one run to the next replaced: run ids by
/// `<run>`, RFC 3339 times by `<time>`, local `yyyy-MM-dd HH:mm` times by `<local>`, durations by
/// `<duration>` (a table's padding after them by two spaces), `pid N on HOST` by `pid <pid> on <host>`,
/// and `folder`'s path by `<folder>`.
func normalised(_ text: String, folder: URL? = nil) -> String {
    var text = text
    if let folder { text = text.replacingOccurrences(of: folder.path, with: "<folder>") }
    let duration = #"\b(?=\d)(\d+h)?(\d+m)?(\d+(\.\d+)?s)?(\d+(\.\d+)?ms)?(?<=[hms])\b"#
    let rules: [(pattern: String, template: String)] = [
        (#"\d{8}T\d{6}Z-(?:[0-9a-f]{12}|[0-9a-f]{6})"#, "<run>"),
        (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#, "<time>"),
        (#"\d{4}-\d{2}-\d{2} \d{2}:\d{2}"#, "<local>"),
        (#"pid \d+ on [^\s),]+"#, "pid <pid> on <host>"),
        (duration + " {2,}", "<duration>  "),
        (duration, "<duration>"),
    ]
    for rule in rules {
        let expression = try! NSRegularExpression(pattern: rule.pattern)
        text = expression.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: rule.template)
    }
    return text
}
