import NIOCore

/// Runs Swift tasks on a NIO event loop, so that a call's handler runs on its connection's
/// loop: its writes then reach the connection without a thread hop, and the responses of
/// the calls started by one read leave in one socket write.
///
/// Handlers must not block: database work runs on the database's own threads.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}
