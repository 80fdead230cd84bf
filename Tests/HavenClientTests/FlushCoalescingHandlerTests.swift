@testable import HavenClient
import NIOCore
import NIOEmbedded
import Testing

@Suite struct FlushCoalescingHandlerTests {
    @Test func theFlushesOfOneTickLeaveTogetherAtItsEnd() throws {
        let channel = EmbeddedChannel(handler: FlushCoalescingHandler())
        channel.write(ByteBuffer(string: "head"), promise: nil)
        channel.flush()
        channel.write(ByteBuffer(string: "body"), promise: nil)
        channel.flush()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)

        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "head"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "body"))
        #expect(try channel.finish().isClean)
    }

    @Test func aLaterTickFlushesAgain() throws {
        let channel = EmbeddedChannel(handler: FlushCoalescingHandler())
        channel.writeAndFlush(ByteBuffer(string: "first"), promise: nil)
        channel.embeddedEventLoop.run()
        channel.writeAndFlush(ByteBuffer(string: "second"), promise: nil)
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "first"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "second"))
    }
}
