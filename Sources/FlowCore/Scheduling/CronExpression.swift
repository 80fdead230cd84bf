import Foundation

/// A five-field cron expression (or `@hourly` … `@yearly`). (Contract; the scheduler fills it in.)
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let source: String

    /// Parses `text`; errors carry the 0-based character offset of the offending field.
    public static func parse(_ text: String) throws(CronError) -> CronExpression {
        throw CronError(message: "cron expressions are not implemented yet", offset: 0)
    }

    /// The first fire time strictly after `date` in `timeZone`, following the DST rules of the spec.
    public func nextFire(after date: Date, in timeZone: TimeZone) -> Date? { nil }

    public var description: String { source }
}

/// A cron expression that could not be read.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 0-based offset in the expression text of the field at fault.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
