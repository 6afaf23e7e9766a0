import Foundation
import HomewardCore

// Hand-written rather than a package: the one maintained candidate in reach (vapor/console-kit's activity
// indicators) would bring a console framework for 25 lines, and this bar must stay silent when standard error
// is not a terminal, so that CI logs and piped output carry no control characters.
/// A one-line progress bar on standard error: done/total, rate and time left. Silent when not a terminal.
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    let started = ContinuousClock.now

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let elapsed = seconds(since: started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = Int(Double(width) * Double(done) / Double(total))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = "\r[\(bar)] \(done)/\(total)  \(Format.fixed(rate, 1))/s  \(Int(left) / 60):\(String(format: "%02d", Int(left) % 60)) left "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
