import Foundation

/// `multipart/form-data` bodies. Tolerates the official Swift client's body, which ends with
/// `--BOUNDARY\r\n` and no closing `--`. File parts become ordinary parameters holding the file's text.
enum Multipart {
    /// The boundary of a `multipart/form-data; boundary=…` content type, quoted or not.
    static func boundary(of contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let trimmed = part.drop { $0 == " " || $0 == "\t" }
            guard trimmed.lowercased().hasPrefix("boundary=") else { continue }
            var value = trimmed.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }

    static func decode(_ body: [UInt8], boundary: String, into parameters: inout Parameters) throws(HavenError) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        guard var position = find(delimiter, in: body, from: 0) else {
            throw .invalidPost("the multipart body has no boundary line")
        }
        position += delimiter.count
        while true {
            // After a boundary: `--` ends the body; CRLF starts a part; the end of the data (Swift client) ends it.
            if position + 2 <= body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { return }
            if position + 2 <= body.count, body[position] == 13, body[position + 1] == 10 { position += 2 }
            if position >= body.count { return }
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: position) else {
                if body[position...].allSatisfy({ $0 == 13 || $0 == 10 }) { return }
                throw .invalidPost("a multipart part has no blank line after its headers")
            }
            let name = try partName(headers: body[position..<headerEnd])
            let contentStart = headerEnd + 4
            guard let contentEnd = find(separator, in: body, from: contentStart) else {
                throw .invalidPost("a multipart part is not closed by the boundary")
            }
            try parameters.add(name, String(decoding: body[contentStart..<contentEnd], as: UTF8.self))
            position = contentEnd + separator.count
        }
    }

    private static func partName(headers: ArraySlice<UInt8>) throws(HavenError) -> String {
        let text = String(decoding: headers, as: UTF8.self)
        for line in text.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let range = line.range(of: "name=\"") else { break }
            let rest = line[range.upperBound...]
            guard let close = rest.firstIndex(of: "\"") else { break }
            if range.lowerBound > line.startIndex, line[line.index(before: range.lowerBound)] != " ",
                line[line.index(before: range.lowerBound)] != ";"
            {
                // `filename="…"` matched first: look for the real name= further on.
                if let other = line.range(of: "; name=\"") ?? line.range(of: ";name=\"") {
                    let value = line[other.upperBound...]
                    if let end = value.firstIndex(of: "\"") { return String(value[..<end]) }
                }
                break
            }
            return String(rest[..<close])
        }
        throw .invalidPost("a multipart part has no Content-Disposition name")
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            guard let candidate = haystack[index...last].firstIndex(of: first) else { return nil }
            if haystack[candidate..<candidate + needle.count].elementsEqual(needle) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
