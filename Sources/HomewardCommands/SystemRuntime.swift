import Foundation
import HomewardCore

extension Runtime {
    /// The machine's clock and cores: what the commands and the benchmarks hand to the core.
    public static let system: Runtime = {
        let origin = ContinuousClock.now
        return Runtime(
            now: { secondsOf(ContinuousClock.now - origin) },
            start: { work in DispatchQueue.global(qos: .userInitiated).async(execute: work) },
            concurrently: { workers, body in DispatchQueue.concurrentPerform(iterations: workers, execute: body) },
            cores: ProcessInfo.processInfo.activeProcessorCount)
    }()
}

/// Seconds since `start`, for the timings that the commands report.
func seconds(since start: ContinuousClock.Instant) -> Double {
    secondsOf(ContinuousClock.now - start)
}

/// A duration in seconds.
private func secondsOf(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
