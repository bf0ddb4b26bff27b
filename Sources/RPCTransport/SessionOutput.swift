import HTTP2
import NIOCore

extension HTTP2Session {
    /// Writes everything the session has to send to `context`, one buffer per pass, and hands
    /// the events that sending causes (closed streams, drained queues) to `handle`, until
    /// nothing more is due; flushes the channel if anything was written.
    ///
    /// - Returns: whether the session is finished (the caller closes the channel).
    func writeOutput(
        to context: ChannelHandlerContext, reusing buffer: inout [UInt8], handle: ([HTTP2Event]) -> Void
    ) -> Bool {
        var wrote = false
        while true {
            buffer.removeAll(keepingCapacity: true)
            produceOutput(into: &buffer)
            if !buffer.isEmpty {
                context.write(NIOAny(context.channel.allocator.buffer(bytes: buffer)), promise: nil)
                wrote = true
            }
            let events = takeEvents()
            if events.isEmpty && (buffer.isEmpty || !wantsWrite) { break }
            handle(events)
        }
        if wrote { context.flush() }
        return isFinished
    }
}
