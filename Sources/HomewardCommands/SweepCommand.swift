import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

#if canImport(Glibc)
import Glibc
#endif

/// `homeward sweep`: one change at every eligible establishment, ranked by the effect on families.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Apply one change to every eligible establishment in turn and rank the results.",
        discussion: """
            --change close       closes each establishment in turn;
            --change capacity+N  gives each establishment N more places (operational capacity and CNA);
            --change rerole      re-roles each reception, training or resettlement prison to each of the other two.
            Scenarios run in parallel (--threads, default: all cores). Closures and capacity changes re-use the base \
            formulation (its groups, arcs and costs) with new capacities; re-roles build their own network. Each \
            scenario starts from the base solution's spanning tree (or, with --cold-start, cold); all solve with \
            partial pricing. Ctrl-C stops starting new \
            scenarios and writes the finished ones (a second Ctrl-C stops at once, writing nothing). \
            Writes DIR/sweep.csv, sweep.json, sweep.md and sweep.html.
            """
    )

    @Argument(help: "The scenario file (its estate, changes, people and policy are the base).")
    var scenario: String

    @Option(help: "close, rerole or capacity+N.")
    var change: String

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(help: "Threads (default: the number of cores).")
    var threads: Int?

    @Option(help: "Run only the first N scenarios (for a quick look).")
    var limit: Int?

    @Flag(name: .long, help: "Solve every scenario cold instead of from the base solution's spanning tree.")
    var coldStart = false

    @Flag(name: .long, help: "Leave timings out of the outputs, so that two runs give the same bytes.")
    var omitTiming = false

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        guard Sweep.Change(argument: change) != nil else {
            throw ValidationError("--change must be close, rerole or capacity+N with N from 1 to 10000, not '\(change)'")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let instance = try instances.load(scenario: scenario)
            try Pipeline.requireNoMovesLimit(instance, file: scenario)
            // Refuse an existing output folder before the work, not after it.
            let output = try OutputDirectory(out, force: force)
            var sweep = try Sweep(change: Sweep.Change(argument: change)!, instance: instance, runtime: .system)
            if let limit, limit < sweep.cases.count { sweep = sweep.limited(to: limit) }
            sweep.warmStart = !coldStart
            let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let bar = ProgressBar(total: sweep.cases.count, enabled: isatty(2) != 0)
            Interruption.graceful = 1
            let (outcomes, error) = sweep.runAll(threads: threadCount, shouldStop: { Interruption.interrupted != 0 },
                                                 progress: { done, total in bar.update(done) })
            bar.finish()
            if let error { throw error }
            let (files, _) = Pipeline.sweepFiles(sweep, outcomes: outcomes, instance: instance, threads: threadCount,
                                                 seconds: omitTiming ? nil : seconds(since: started))
            try files.write(to: output)
            try output.commit()
            for line in files.lines { print(line) }
            let warm = outcomes.filter(\.isWarm).count
            print("\(outcomes.count) of \(sweep.cases.count) scenarios (\(warm) warm-started) on \(threadCount) threads in \(Format.fixed(seconds(since: started), 1)) s; wrote \(out)/sweep.csv, .json, .md and .html")
            if Interruption.interrupted != 0 {
                printError("interrupted: wrote the \(outcomes.count) finished scenarios")
                throw ExitCode(130)
            }
        }
    }
}

enum SweepReportText {
    static func signed(_ value: Double) -> String {
        let text = Format.fixed(abs(value), 2)
        return (value < 0 && text != "0.00" ? "-" : "+") + text
    }
}
