/// What the core needs from around it to time its work and spread it over
/// the cores: a clock and threads. The core never reads the clock or starts a
/// thread of its own; the commands and the benchmarks pass the machine's
/// (`Runtime.system`, in HomewardCommands), and tests may pass ``inline``:
/// no clock (every time is 0) and every piece of work on the caller's thread,
/// which gives the same results, only more slowly.
///
/// (``concurrentMap(_:threads:grain:_:)``, the data-parallel map that builds a
/// formulation, is the one exception: it splits a pure computation whose
/// result does not depend on the split, so nothing observable comes from it.)
public struct Runtime: Sendable {
    /// Seconds since a fixed origin.
    public let now: @Sendable () -> Double
    /// Starts `work` on another thread, returning at once.
    public let start: @Sendable (_ work: @escaping @Sendable () -> Void) -> Void
    /// Runs `body(worker)` for every worker in `0..<workers` at once, returning when all have returned.
    public let concurrently: @Sendable (_ workers: Int, _ body: @Sendable (Int) -> Void) -> Void
    /// The cores to use.
    public let cores: Int

    public init(now: @escaping @Sendable () -> Double, start: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void,
                concurrently: @escaping @Sendable (Int, @Sendable (Int) -> Void) -> Void, cores: Int) {
        self.now = now
        self.start = start
        self.concurrently = concurrently
        self.cores = cores
    }

    /// No clock and no threads: every time reads 0 and all work runs on the caller's thread, in order.
    public static let inline = Runtime(now: { 0 }, start: { work in work() },
                                       concurrently: { workers, body in for worker in 0..<workers { body(worker) } },
                                       cores: 1)

    /// Seconds since `start` (a reading of ``now``).
    public func seconds(since start: Double) -> Double {
        now() - start
    }
}
