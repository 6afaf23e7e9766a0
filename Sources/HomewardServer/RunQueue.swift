import Foundation

/// A run's live state while the server holds it: status, progress and the cancel flag.
package final class LiveRun: @unchecked Sendable {
    package let id: Int64
    private let lock = NSLock()
    private var _status = "queued"
    private var _done = 0
    private var _total = 1
    private var _cancelled = false

    init(id: Int64) {
        self.id = id
    }

    package var status: String { lock.withLock { _status } }
    package var progress: (done: Int, total: Int) { lock.withLock { (_done, _total) } }
    package var cancelled: Bool { lock.withLock { _cancelled } }

    func set(status: String) { lock.withLock { _status = status } }
    func set(done: Int, total: Int) { lock.withLock { _done = done; _total = max(1, total) } }
    func cancel() { lock.withLock { _cancelled = true } }
}

/// Runs waiting for a core: at most `limit` run at once, each on its own thread (the solves are long and
/// synchronous, so they stay off the server's event loops and Swift's cooperative threads); the rest wait in order.
package final class RunQueue: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var waiting: [(run: LiveRun, work: @Sendable (LiveRun) -> Void)] = []
    private var running = 0
    private var live: [Int64: LiveRun] = [:]

    init(limit: Int) {
        self.limit = limit
    }

    /// Queues `work` for run `id`; it starts when a core is free.
    @discardableResult
    package func submit(_ id: Int64, work: @escaping @Sendable (LiveRun) -> Void) -> LiveRun {
        let run = LiveRun(id: id)
        lock.withLock {
            live[id] = run
            waiting.append((run, work))
        }
        startWaiting()
        return run
    }

    /// The live state of run `id`, while the server has it.
    package func live(_ id: Int64) -> LiveRun? { lock.withLock { live[id] } }

    /// Runs in progress now.
    package var active: Int { lock.withLock { running } }

    private func startWaiting() {
        let ready: [(run: LiveRun, work: @Sendable (LiveRun) -> Void)] = lock.withLock {
            var ready: [(run: LiveRun, work: @Sendable (LiveRun) -> Void)] = []
            while running < limit, !waiting.isEmpty {
                ready.append(waiting.removeFirst())
                running += 1
            }
            return ready
        }
        for item in ready {
            let thread = Thread { [self] in
                item.work(item.run)
                lock.withLock { running -= 1 }
                startWaiting()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
