import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Removes half-written outputs when the process is interrupted (SIGINT, SIGTERM).
///
/// Outputs are staged (a hidden folder or file beside the target) and renamed
/// into place only when complete; the handler removes whatever is staged and
/// exits with 128 + the signal number, so an interrupted run leaves either the
/// complete previous output or nothing new.
enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [String] = []
    nonisolated(unsafe) private static var installed = false

    /// Starts watching for SIGINT and SIGTERM.
    static func install() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        // A parent started from a Dispatch or Swift-concurrency thread may hand down a mask that blocks
        // these signals (Foundation's Process does); unblock them so that Ctrl-C and kill are heard.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        // The handler only writes the signal's number to a pipe; a watcher thread reads it and does the
        // clean-up, which allocates and so must not run inside the handler (a signal that lands while the
        // interrupted thread holds malloc's lock would deadlock the process).
        // Without a pipe the default dispositions stay: a signal still stops the process, only without clean-up.
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        wakeFD = ends[1]
        let readFD = ends[0]
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while true {
                let n = read(readFD, &byte, 1)
                if n == 1 { exitCleanly(Int32(byte)) }
                if n < 0 && errno == EINTR { continue }
                return  // the write end is never closed, so this is not expected; stop watching rather than spin
            }
        }
        signal(SIGINT, handleSignal)
        signal(SIGTERM, handleSignal)
    }

    static func register(_ path: String) {
        lock.lock()
        paths.append(path)
        lock.unlock()
    }

    static func unregister(_ path: String) {
        lock.lock()
        paths.removeAll { $0 == path }
        lock.unlock()
    }

    /// Removes every registered path (files, or folders with their files). Called with the writers
    /// stopped (``stopWriters()``), so no file appears in a folder while it is being removed.
    static func cleanUp() {
        // Runs on the watcher thread, not in the handler, so it can take the lock like any writer of the list.
        lock.lock()
        let staged = paths
        lock.unlock()
        for path in staged {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Set by the handler when the process is to exit: from then on writers start no other file.
    nonisolated(unsafe) static var exiting: sig_atomic_t = 0

    /// Held by a writer while it creates, writes or renames a staged output, and taken by the watcher
    /// before it removes them, which it then keeps until the process exits. So the clean-up never races a
    /// write: a write it cut short failed on the vanished folder and the run exited 73 with a misleading
    /// error (seen once in CI), and a rename racing the removal could have moved a half-removed folder
    /// into place.
    private static let writing = NSLock()

    /// Runs one step of writing a staged output (create, write, rename) so that an interruption lands
    /// before or after it, never during it. If the process is already exiting, this never returns: the
    /// watcher thread removes what is staged and ends the process.
    static func staged<T>(_ step: () throws(CommandFailure) -> T) throws(CommandFailure) -> T {
        writing.lock()
        if exiting != 0 {
            writing.unlock()
            while true { pause() }
        }
        defer { writing.unlock() }
        return try step()
    }

    /// Taken by the watcher before it cleans up; never released (the process exits).
    fileprivate static func stopWriters() {
        writing.lock()
    }

    /// Whether a signal has arrived (checked by long-running commands between steps).
    nonisolated(unsafe) static var interrupted: sig_atomic_t = 0

    /// When set, the first signal only sets ``interrupted``, so that a command that checks it
    /// (a sweep) can finish the work in hand and write its complete results; a second signal
    /// exits at once, as without it.
    nonisolated(unsafe) static var graceful: sig_atomic_t = 0

    /// The pipe's write end, which the handler wakes the watcher thread through.
    nonisolated(unsafe) static var wakeFD: Int32 = -1
}

private func handleSignal(_ signal: Int32) {
    if Interruption.graceful != 0 && Interruption.interrupted == 0 {
        Interruption.interrupted = 1
        return
    }
    Interruption.interrupted = 1
    Interruption.exiting = 1
    // Async-signal-safe from here: write(2) only; the watcher thread cleans up and exits.
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(Interruption.wakeFD, &byte, 1)
}

/// On the watcher thread: waits for a write in progress to finish, stops all others
/// (``Interruption/staged(_:)``), removes the staged outputs and exits with 128 + the signal number.
private func exitCleanly(_ signal: Int32) -> Never {
    Interruption.stopWriters()
    Interruption.cleanUp()
    _exit(128 + signal)
}
