import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

#if canImport(Glibc)
import Glibc
#endif

/// `homeward sweep`: one change at every eligible establishment (or pair), ranked by the effect on families;
/// `homeward sweep merge` joins the shards of a sweep run as several jobs.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Apply one change to every eligible establishment in turn and rank the results.",
        discussion: """
            `homeward sweep SCENARIO --change …` runs a sweep (the `run` subcommand, the default); \
            `homeward sweep merge DIR… --out OUT` joins the shards of one run as several jobs (--shard K/N).
            """,
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self
    )
}

/// `homeward sweep [run] SCENARIO --change … --out DIR [--shard K/N]`.
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Apply one change to every eligible establishment in turn and rank the results.",
        discussion: """
            --change close        closes each establishment in turn;
            --change close-pairs  closes every pair of establishments (120 open establishments make 7,140 pairs);
            --change capacity+N   gives each establishment N more places (operational capacity and CNA);
            --change rerole       re-roles each reception, training or resettlement prison to each of the other two.
            --among A,B,C limits the change to those establishments (and their pairs). The number of scenarios is \
            printed before the first starts. Scenarios run in parallel (--threads, default: all cores). Closures and \
            capacity changes re-use the base formulation (its groups, arcs and costs) with new capacities; re-roles \
            build their own network. Each scenario starts from the base solution's spanning tree (or, with \
            --cold-start, cold); all solve with partial pricing. Ctrl-C stops starting new scenarios and writes the \
            finished ones (a second Ctrl-C stops at once, writing nothing). \
            Writes DIR/sweep.csv, sweep.json, sweep.md and sweep.html.
            With --shard K/N (K from 1 to N) only every N-th scenario from the K-th is run, and DIR gets shard.json \
            (the inputs with their SHA-256, the sweep's definition, K, N and the outcomes) instead of the reports; \
            `homeward sweep merge` joins the N folders into the files one run writes. --shard-from-env reads K and N \
            from a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _MAX, _COUNT) or a Kubernetes Indexed Job \
            (JOB_COMPLETION_INDEX, counting from 0, and HOMEWARD_SHARD_COUNT, set to the Job's completions).
            """
    )

    @Argument(help: "The scenario file (its estate, changes, people and policy are the base).")
    var scenario: String

    @Option(help: "close, close-pairs, rerole or capacity+N.")
    var change: String

    @Option(help: "Only these establishments (codes, comma-separated), e.g. BFI,BDI,WDI.")
    var among: String?

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(help: "Threads (default: the number of cores).")
    var threads: Int?

    @Option(help: "Run only the first N scenarios (for a quick look).")
    var limit: Int?

    @Option(help: "Run only shard K of N (K from 1 to N) and write DIR/shard.json for `homeward sweep merge`.")
    var shard: String?

    @Flag(name: .long, help: "Take --shard from a Slurm job array or a Kubernetes Indexed Job's environment.")
    var shardFromEnv = false

    @Flag(name: .long, help: "Solve every scenario cold instead of from the base solution's spanning tree.")
    var coldStart = false

    @Flag(name: .long, help: "Leave timings out of the outputs, so that two runs give the same bytes.")
    var omitTiming = false

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        guard Sweep.Change(argument: change) != nil else {
            throw ValidationError("--change must be close, rerole or capacity+N with N from 1 to 10000, or close-pairs, not '\(change)'")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if shard != nil && shardFromEnv { throw ValidationError("give --shard or --shard-from-env, not both") }
        if let shard {
            do throws(Sweep.ShardError) { _ = try Sweep.Shard(argument: shard) } catch {
                throw ValidationError("--shard: \(error)")
            }
        }
        if let among, amongCodes(among).isEmpty { throw ValidationError("--among must list establishment codes, such as BFI,BDI") }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let shard = try chosenShard()
            let instance = try instances.load(scenario: scenario)
            try Pipeline.requireNoMovesLimit(instance, file: scenario)
            let among = try self.among.map { text throws(CommandFailure) in try Self.checked(amongCodes(text), in: instance.estate) }
            // Refuse an existing output folder before the work, not after it.
            let output = try OutputDirectory(out, force: force)
            var sweep = try Sweep(change: Sweep.Change(argument: change)!, instance: instance, among: among, runtime: .system)
            if let limit, limit < sweep.cases.count { sweep = sweep.limited(to: limit) }
            if let shard { sweep = sweep.sharded(shard) }
            sweep.warmStart = !coldStart
            print(Self.countLine(sweep, shard: shard))
            let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let bar = ProgressBar(total: sweep.selection.count, enabled: isatty(2) != 0)
            Interruption.graceful = shard == nil ? 1 : 0
            let (outcomes, error) = sweep.runAll(threads: threadCount, shouldStop: { Interruption.interrupted != 0 },
                                                 progress: { done, total in bar.update(done) })
            bar.finish()
            if let error { throw error }
            if let shard {
                try writeShard(shard, sweep: sweep, outcomes: outcomes, instance: instance, threads: threadCount,
                               started: started, to: output)
            } else {
                try writeReports(sweep, outcomes: outcomes, instance: instance, threads: threadCount, started: started, to: output)
            }
        }
    }

    /// The whole sweep's reports (or, interrupted, the finished scenarios').
    func writeReports(_ sweep: Sweep, outcomes: [Sweep.Outcome], instance: ProblemInstance, threads threadCount: Int,
                      started: ContinuousClock.Instant, to output: OutputDirectory) throws {
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

    /// A shard's manifest and outcomes: all of its slice, or nothing.
    func writeShard(_ shard: Sweep.Shard, sweep: Sweep, outcomes: [Sweep.Outcome], instance: ProblemInstance, threads threadCount: Int,
                    started: ContinuousClock.Instant, to output: OutputDirectory) throws {
        guard outcomes.count == sweep.selection.count, Interruption.interrupted == 0 else {
            throw CommandFailure.interrupted
        }
        let definition = SweepShardFile.Definition(change: sweep.change.description, among: sweep.among?.map(\.rawValue),
                                                   limit: limit, coldStart: coldStart, timing: !omitTiming)
        let file = SweepShardFile(shard: shard, definition: definition, inputs: instance.provenance(), sweep: sweep,
                                  outcomes: outcomes, scenarioName: instance.scenario.name, synthetic: instance.synthetic,
                                  threads: threadCount, seconds: omitTiming ? nil : seconds(since: started))
        try output.write(SweepShardFile.fileName, file.text())
        try output.commit()
        let warm = outcomes.filter(\.isWarm).count
        print("shard \(shard.number) of \(shard.count): \(outcomes.count) scenarios (\(warm) warm-started) on \(threadCount) threads in \(Format.fixed(seconds(since: started), 1)) s; wrote \(out)/\(SweepShardFile.fileName)")
    }

    /// The shard asked for, if any.
    func chosenShard() throws(CommandFailure) -> Sweep.Shard? {
        do throws(Sweep.ShardError) {
            if shardFromEnv { return try Sweep.Shard.fromEnvironment(ProcessInfo.processInfo.environment) }
            return try shard.map { text throws(Sweep.ShardError) in try Sweep.Shard(argument: text) }
        } catch {
            throw .usage("\(shardFromEnv ? "--shard-from-env" : "--shard"): \(error)")
        }
    }

    func amongCodes(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The codes of `--among`, each checked against the estate.
    static func checked(_ codes: [String], in estate: Estate) throws(CommandFailure) -> Set<PrisonCode> {
        let unknown = codes.filter { estate.index(of: PrisonCode($0)) == nil }
        guard unknown.isEmpty else {
            throw .usage("--among: \(unknown.map { "'\($0)'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is not an establishment" : "are not establishments") of the estate (see `homeward estate show`)")
        }
        return Set(codes.map(PrisonCode.init))
    }

    /// "Sweep close-pairs: 7,140 scenarios (every pair of 120 establishments); shard 3 of 8 runs 893 of them".
    static func countLine(_ sweep: Sweep, shard: Sweep.Shard?) -> String {
        var text = "Sweep \(sweep.change): \(Format.grouped(sweep.cases.count)) scenarios"
        if sweep.change == .closePairs {
            let establishments = Set(sweep.cases.flatMap(\.codes)).count
            text += " (every pair of \(Format.grouped(establishments)) establishments)"
        }
        if let shard { text += "; shard \(shard.number) of \(shard.count) runs \(Format.grouped(sweep.selection.count)) of them" }
        return text
    }
}

enum SweepReportText {
    static func signed(_ value: Double) -> String {
        let text = Format.fixed(abs(value), 2)
        return (value < 0 && text != "0.00" ? "-" : "+") + text
    }
}
