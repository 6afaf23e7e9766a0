import Foundation
import HomewardCore

extension Runtime {
    /// The machine's clock and cores: what the commands and the benchmarks hand to the core.
    public static let system: Runtime = {
        let origin = ContinuousClock.now
        return Runtime(
            now: {
                let elapsed = ContinuousClock.now - origin
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            },
            start: { work in DispatchQueue.global(qos: .userInitiated).async(execute: work) },
            concurrently: { workers, body in DispatchQueue.concurrentPerform(iterations: workers, execute: body) },
            cores: ProcessInfo.processInfo.activeProcessorCount)
    }()
}

/// Seconds since `start`, for the timings that the commands report.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}
