/// `schedule --serve`'s `[HOST:]PORT`: `8080` (on 127.0.0.1), `0.0.0.0:8080`, `[::1]:8080`.
struct ServeAddress: Equatable {
    var host: String
    var port: Int

    init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            hostPart = "127.0.0.1"
            portPart = Substring(text)
        }
        guard let port = Int(portPart), (0...65535).contains(port), !hostPart.isEmpty else { return nil }
        let bare = hostPart.hasPrefix("[") && hostPart.hasSuffix("]") ? hostPart.dropFirst().dropLast() : hostPart
        guard !bare.isEmpty, !bare.contains(" ") else { return nil }
        self.host = String(bare)
        self.port = port
    }
}
