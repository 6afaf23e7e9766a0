import Foundation

/// A value computed on another thread (of a ``Runtime``) from the moment it is created, and
/// waited for where it is first needed: the second core's share of work that
/// would otherwise sit on the critical path (hashing the synthetic population
/// while the model is built, writing plan.csv while the summary is written).
public final class Background<Value: Sendable>: @unchecked Sendable {
    // Written once, under the lock, before the group is left; read after waiting on the group.
    private var value: Value?
    private let done = DispatchGroup()
    private let lock = NSLock()

    /// Starts `work` on another thread of `runtime` (with ``Runtime/inline``, runs it now).
    public init(on runtime: Runtime, _ work: @escaping @Sendable () -> Value) {
        done.enter()
        runtime.start {
            let result = work()
            self.lock.withLock { self.value = result }
            self.done.leave()
        }
    }

    /// The value, waiting for it if it is not ready yet. May be called more than once.
    public var result: Value {
        done.wait()
        return lock.withLock { value! }
    }
}

/// `(0..<count).map(transform)`, computed in contiguous chunks on the
/// machine's cores (serially when `threads` is 1 or there are fewer than
/// `grain` items for each thread); the result is in index order, whatever the
/// scheduling. `transform` must not touch shared mutable state.
public func concurrentMap<T>(_ count: Int, threads: Int = ProcessInfo.processInfo.activeProcessorCount, grain: Int = 64,
                             _ transform: (Int) -> T) -> [T] {
    let workers = max(1, min(threads, count / max(grain, 1)))
    guard workers > 1 else { return (0..<count).map(transform) }
    // More chunks than threads, so that one slow chunk does not leave a core idle.
    let chunkCount = min(count, workers * 8)
    let chunks = ChunkResults<T>(chunkCount)
    withoutActuallyEscaping(transform) { transform in
        // concurrentPerform runs the closure on this thread and the others and returns when all are done.
        nonisolated(unsafe) let transform = transform
        DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
            let range = (count * c / chunkCount)..<(count * (c + 1) / chunkCount)
            let part = range.map(transform)
            chunks.lock.withLock { chunks.parts[c] = part }
        }
    }
    return chunks.parts.flatMap { $0 }
}

/// `body` over `0..<count` cut into `runs` contiguous ranges (each a large
/// piece of work), computed on the cores; the results in range order.
public func concurrentRuns<T>(_ count: Int, runs: Int, _ body: (Range<Int>) -> T) -> [T] {
    let runs = max(1, min(runs, count))
    return concurrentMap(runs, grain: 1) { run in body((count * run / runs)..<(count * (run + 1) / runs)) }
}

/// The chunks of a ``concurrentMap(_:threads:_:)``, each stored under the lock.
private final class ChunkResults<T>: @unchecked Sendable {
    let lock = NSLock()
    var parts: [[T]]
    init(_ n: Int) { parts = [[T]](repeating: [], count: n) }
}

/// `(first(), second())`, the two computed at once on two cores where the machine has them (one after the
/// other where it has one): the same values either way. Neither may touch shared mutable state.
public func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    guard ProcessInfo.processInfo.activeProcessorCount > 1 else { return (first(), second()) }
    let results = PairResults<A, B>()
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            nonisolated(unsafe) let (first, second) = (first, second)
            // concurrentPerform runs the two on this thread and another and returns when both are done.
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 {
                    let a = first()
                    results.lock.withLock { results.first = a }
                } else {
                    let b = second()
                    results.lock.withLock { results.second = b }
                }
            }
        }
    }
    return results.lock.withLock { (results.first!, results.second!) }
}

/// The two values of a ``concurrently(_:_:)``, each stored under the lock.
private final class PairResults<A, B>: @unchecked Sendable {
    let lock = NSLock()
    var first: A?
    var second: B?
}
