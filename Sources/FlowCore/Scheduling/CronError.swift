/// A cron expression that could not be read: a sentence, and where in the text it went wrong.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based offset (in Unicode scalars) in the expression text of the field or token at fault.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
