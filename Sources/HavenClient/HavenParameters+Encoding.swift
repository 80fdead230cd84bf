extension HavenParameters {
    /// The `application/x-www-form-urlencoded` text of these parameters followed by `apikey`.
    func formEncoded(apiKey: String) -> String {
        var output = ""
        for (key, value) in entries {
            for text in value.texts { Self.appendPair(key, text, to: &output) }
        }
        Self.appendPair("apikey", apiKey, to: &output)
        return output
    }

    /// A `multipart/form-data` body: one part per text value (lists repeat the part), file parts with
    /// their filename and content type, and `apikey` last.
    func multipartEncoded(apiKey: String, boundary: String) -> [UInt8] {
        var body: [UInt8] = []
        func field(_ name: String, _ text: String) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n".utf8)
            body += Array(text.utf8)
            body += Array("\r\n".utf8)
        }
        for (key, value) in entries {
            if case .file(let file) = value {
                body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(key))\"; "
                    + "filename=\"\(Self.quoted(file.filename))\"\r\nContent-Type: \(file.contentType)\r\n\r\n").utf8)
                body += file.bytes
                body += Array("\r\n".utf8)
            } else {
                for text in value.texts { field(key, text) }
            }
        }
        field("apikey", apiKey)
        body += Array("--\(boundary)--\r\n".utf8)
        return body
    }

    private static func appendPair(_ key: String, _ value: String, to output: inout String) {
        if !output.isEmpty { output += "&" }
        output += percentEncoded(key)
        output += "="
        output += percentEncoded(value)
    }

    private static func quoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\r", with: "").replacing("\n", with: " ")
    }

    /// `text` with every byte outside the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~`) as `%XX`: safe in
    /// a query, a form body and a path segment alike.
    static func percentEncoded(_ text: String) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy(isUnreserved) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
