import JSONValue

extension HavenError {
    /// A job's own failure reads *Haven job J failed in API: …*; a failed request about a job reads
    /// *Asking Haven about job J failed: …* followed by the request's sentence.
    public var description: String {
        switch kind {
        case .jobFailed, .jobTimeout, .cancelled: return sentence
        default: return jobID.map { "Asking Haven about job \($0) failed: \(sentence)" } ?? sentence
        }
    }

    private var sentence: String {
        let call = api ?? "the request"
        switch kind {
        case .haven:
            return "Haven rejected \(call): \(havenSummary)"
        case .jobFailed:
            let job = jobID.map { "Haven job \($0)" } ?? "The Haven job"
            return "\(job) failed in \(call): \(havenSummary)"
        case .http:
            let status = httpStatus.map { "HTTP \($0)" } ?? "an HTTP error"
            return "Haven answered \(call) with \(status)" + (message.map { ": \($0)" } ?? "")
        case .connection:
            return "Could not reach Haven for \(call)" + (message.map { ": \($0)" } ?? "")
        case .timeout:
            return "Haven did not answer \(call)" + (waited.map { " within \($0.spoken)" } ?? " in time")
        case .invalidResponse:
            return "Haven's answer to \(call) is not a valid Haven response" + (message.map { ": \($0)" } ?? "")
        case .invalidRequest:
            return "Cannot send \(call)" + (message.map { ": \($0)" } ?? "")
        case .cancelled:
            return "The \(call) call was cancelled"
        case .jobTimeout:
            let job = jobID.map { "Haven job \($0)" } ?? "The Haven job"
            let last = message.map { " (last status: \($0))" } ?? ""
            return "\(job) for \(call) did not finish" + (waited.map { " within \($0.spoken)" } ?? "") + last
        default:
            return "Haven call \(call) failed"
        }
    }

    /// `Invalid job action parameters (4005): connector already exists (connector 'wiki_old')`.
    private var havenSummary: String {
        var text = reason ?? "error"
        if let code { text += " (\(code))" }
        switch detail {
        case .string(let detailText)?: text += ": \(detailText)"
        case .object(let members)?:
            if let message = detailMessage { text += ": \(message)" }
            let notes = Self.notes(members)
            if !notes.isEmpty { text += " (\(notes.joined(separator: ", ")))" }
        case .some(let other) where other != .null: text += ": \(other.rendered())"
        default: break
        }
        return text
    }

    /// `connector 'x'`, `params: a, b`, … for the members of a detail object other than its message.
    private static func notes(_ members: [String: JSON]) -> [String] {
        members.keys.sorted().compactMap { key -> String? in
            guard !["message", "detail", "error", "reason"].contains(key), let value = members[key] else {
                return nil
            }
            switch value {
            case .string(let text): return "\(key) '\(text)'"
            case .array(let elements): return "\(key): \(elements.map(\.interpolated).joined(separator: ", "))"
            case .null: return nil
            default: return "\(key): \(value.rendered())"
            }
        }
    }
}
