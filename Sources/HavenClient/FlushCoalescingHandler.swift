import NIOCore

/// Holds back a connection's flushes to the end of the event loop's current tick, so that all the writes
/// of one tick leave in one system call.
///
/// AsyncHTTPClient flushes a request's head and then its body: for a small form POST that is two writes,
/// two TCP segments, and on the server two wake-ups for one request. Installed first in each connection's
/// pipeline (nearest the socket), this handler makes them one write.
final class FlushCoalescingHandler: ChannelOutboundHandler {
    typealias OutboundIn = IOData

    private var flushScheduled = false

    func flush(context: ChannelHandlerContext) {
        guard !flushScheduled else { return }
        flushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.flushScheduled = false
            context.flush()
        }
    }

    /// Adds the handler to a new HTTP/1 connection, for `HTTPClient.Configuration.http1_1ConnectionDebugInitializer`.
    @Sendable static func install(on channel: any Channel) -> EventLoopFuture<Void> {
        channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(FlushCoalescingHandler(), position: .first)
        }
    }
}
