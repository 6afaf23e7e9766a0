import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// An interrupted run (SIGINT, SIGTERM) leaves either a complete output folder or none,
/// never a half-written one, and no temporary files beside it.
@Suite("Interrupted runs leave complete output or none", .serialized)
struct InterruptionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var signal: Int32
        var seconds: Double
        var testDescription: String { "\(signal == SIGINT ? "SIGINT" : "SIGTERM") after \(seconds) s" }
    }

    static let national = CLI.root.appendingPathComponent("Scenarios/national.yaml").path
    static let quick = CLI.root.appendingPathComponent("Scenarios/quick.yaml").path

    static let nationalCases: [Case] = [SIGINT, SIGTERM].flatMap { signal in [0.3, 1, 2].map { Case(signal: signal, seconds: $0) } }

    /// The national scenario (86,267 people) is still loading, synthesising or solving after 2 s.
    @Test(arguments: nationalCases)
    func anInterruptedNationalRunLeavesNothingBehind(_ testCase: Case) throws {
        let parent = try CLI.temporaryDirectory("interrupt")
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("plan")
        let run = try Interrupted.run(["allocate", Self.national, "--out", out.path],
                                      signal: testCase.signal, after: testCase.seconds)
        try Interrupted.expectOutcome(run, signal: testCase.signal, out: out)
        try Interrupted.expectCompleteOrAbsent(out, in: parent)
    }

    /// Signals spread over a whole quick run, up to its last moments (writing and renaming the folder).
    @Test func signalsAcrossAQuickRunNeverLeaveAPartialFolder() throws {
        try Self.signalQuickRuns(at: [0.5, 0.8, 0.9, 0.95, 0.98, 1.0], folder: "interrupt-quick")
    }

    /// Thirty signals at moments spread evenly over a quick run: each run ends within ``Interrupted/grace``
    /// seconds, exiting 0 or 128 + the signal, with its output whole or absent. In CI it once caught the
    /// clean-up racing a write (exit 73, "cannot write" on the folder being removed), now kept apart by
    /// ``Interruption.staged``. (A handler that allocated once deadlocked on malloc's lock and hung a CI run;
    /// that race is too narrow to reproduce here: with the allocating handler put back, 13 rounds passed.
    /// What this does guard is that a stuck run fails the test instead of stalling CI.)
    @Test func manySignalsThroughARunNeverHangItOrLeaveAPartialFolder() throws {
        let runs = 30
        try Self.signalQuickRuns(at: (0..<runs).map { (Double($0) + 0.5) / Double(runs) }, folder: "interrupt-many")
    }

    /// Times one whole quick run (which must finish, with complete output), then runs it again once per
    /// fraction, signalling each (SIGINT and SIGTERM in turn) that far through the whole run's time: each
    /// ends as ``Interrupted/expectOutcome(_:signal:out:sourceLocation:)`` requires, its output whole or absent.
    static func signalQuickRuns(at fractions: [Double], folder: String) throws {
        let parent = try CLI.temporaryDirectory(folder)
        defer { try? FileManager.default.removeItem(at: parent) }
        let started = Date()
        let full = parent.appendingPathComponent("full")
        let complete = try Interrupted.run(["allocate", quick, "--out", full.path], signal: SIGINT, after: 120)
        try #require(complete.finished && complete.status == 0, "\(complete.stderr)")
        let duration = Date().timeIntervalSince(started)
        try Interrupted.expectCompleteOrAbsent(full, in: parent, others: [])
        for (k, fraction) in fractions.enumerated() {
            let out = parent.appendingPathComponent("run\(k)")
            let before = try FileManager.default.contentsOfDirectory(atPath: parent.path)
            let signal = k % 2 == 0 ? SIGINT : SIGTERM
            let run = try Interrupted.run(["allocate", quick, "--out", out.path], signal: signal, after: duration * fraction)
            try Interrupted.expectOutcome(run, signal: signal, out: out)
            try Interrupted.expectCompleteOrAbsent(out, in: parent, others: before, check: false)
        }
    }

    /// `--force` replaces a folder only once the new one is complete: interrupted, the old one stays.
    @Test func anInterruptedForcedRunKeepsThePreviousOutput() throws {
        let parent = try CLI.temporaryDirectory("interrupt-force")
        defer { try? FileManager.default.removeItem(at: parent) }
        let out = parent.appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try CLI.write("the previous output", to: out.appendingPathComponent("notes.txt"))
        let run = try Interrupted.run(["allocate", Self.national, "--out", out.path, "--force"],
                                      signal: SIGTERM, after: 0.5)
        #expect(!run.finished)
        #expect(run.status == 128 + SIGTERM, "exit \(run.status): \(run.stderr)")
        #expect(try CLI.read(out.appendingPathComponent("notes.txt")) == "the previous output")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["plan"])
    }
}

/// Runs `homeward` and sends it a signal after a delay.
enum Interrupted {
    struct Result {
        /// True if the run ended before the signal was sent.
        var finished: Bool
        /// True if the run was still going ``grace`` seconds after the signal, and was killed.
        var hung = false
        var status: Int32
        var stderr: String
    }

    /// How long a run may take to stop after a signal before it counts as hung.
    static let grace = 30.0

    /// Starts `homeward` as a terminal would: SIGINT and SIGTERM unblocked and at their defaults.
    /// (Foundation's `Process` passes on the spawning thread's signal mask, and Swift Testing runs
    /// tests on threads that block both, so a child started that way never sees the signal.)
    static func run(_ arguments: [String], signal: Int32, after seconds: Double) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-interrupt-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Paths are absolute, so the child's working folder does not matter.
        let argv = ([CLI.binary.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, CLI.binary.path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }

        var status: Int32 = 0
        var finished = false
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { finished = true; break }
            usleep(5_000)
        }
        var hung = false
        if !finished {
            kill(pid, signal)
            // A run that does not end soon after the signal is stuck (say, a deadlock in its handler):
            // kill it rather than hang the suite.
            let limit = Date().addingTimeInterval(grace)
            var ended = false
            while !ended && Date() < limit {
                let waited = waitpid(pid, &status, WNOHANG)
                ended = waited == pid || (waited == -1 && errno != EINTR)
                if !ended { usleep(5_000) }
            }
            if !ended {
                hung = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            }
        }
        // (Reading an empty file with String(contentsOf:) leaks its buffer in FoundationEssentials: skip it.)
        let size = (try? FileManager.default.attributesOfItem(atPath: log.path)[.size] as? Int) ?? 0
        let stderr = size > 0 ? (try? String(contentsOf: log, encoding: .utf8)) ?? "" : ""
        // Exited: the exit code; killed by a signal (no handler): 128 + the signal, as a shell reports it.
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(finished: finished, hung: hung, status: code, stderr: stderr)
    }

    /// The run finished (exit 0, with its output), or the signal stopped it (exit 128 + signal).
    /// A run may finish between the last look and the signal: then the signal finds it gone.
    static func expectOutcome(_ run: Result, signal: Int32, out: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(!run.hung, "still running \(grace) s after the signal: killed", sourceLocation: sourceLocation)
        #expect(run.status == 0 || run.status == 128 + signal, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        if run.status == 0 {
            #expect(FileManager.default.fileExists(atPath: out.path), "exit 0 without output", sourceLocation: sourceLocation)
        }
    }

    /// `out` is absent, or complete (plan.csv, summary.json, and `homeward check` passes);
    /// nothing else (no staging folder, no temporary file) is left in `parent`.
    static func expectCompleteOrAbsent(_ out: URL, in parent: URL, others: [String] = [], check: Bool = true,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: out.path) {
            let files = try manager.contentsOfDirectory(atPath: out.path).sorted()
            #expect(files == ["plan.csv", "summary.json"], "a partial output folder: \(files)", sourceLocation: sourceLocation)
            let summary = try? JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            #expect(summary is [String: Any], "summary.json is not complete JSON", sourceLocation: sourceLocation)
            if check {
                let result = try CLI.run(["check", out.path])
                #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
            }
        }
        let expected = Set(others + (manager.fileExists(atPath: out.path) ? [out.lastPathComponent] : []))
        let left = Set(try manager.contentsOfDirectory(atPath: parent.path))
        #expect(left == expected, "left behind: \(left.subtracting(expected).sorted())", sourceLocation: sourceLocation)
    }
}
