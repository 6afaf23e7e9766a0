import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

#if canImport(Glibc)
import Glibc
#endif

/// `homeward simulate`: week-by-week allocation with arrivals, releases and progression.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate weeks of arrivals, releases and progression, re-allocating the estate each week.",
        discussion: """
            Starts from the scenario's people where they are now. Each week: sentenced people whose time runs out \
            are released, remand prisoners leave or are sentenced, some men progress to open conditions, new \
            receptions and recalls arrive (synthetic, drawn like the population), and the estate is re-allocated \
            optimally with at most --moves-limit transfers, starting from last week's solution (see --start). Dated \
            changes apply at their dates: week 1 starts on --start-date; a closure empties its establishment over \
            --run-down weeks from its date, a new build opens on its date, a re-role or capacity change steps on it. \
            Writes \
            DIR/weekly.csv, weekly.json, simulation.html and simulation.md. The same seed gives the same bytes \
            (with --omit-timing).
            """
    )

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(help: "Weeks to simulate.")
    var weeks = 52

    @Option(name: .long, help: "Transfers allowed a week (default: the policy's moves_limit, or else the published volume, about 1,500 a week at 88,000 people (Prison Reform Trust, 2013), scaled to the population).")
    var movesLimit: Int?

    @Flag(name: .long, help: "No limit on transfers a week (the model moves everyone it would).")
    var noMovesLimit = false

    @Option(help: "Seed for arrivals and flows.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Flag(name: .long, help: "Also solve every week cold, to measure what the warm start saves.")
    var compareCold = false

    @Option(name: .long, help: "Where each week's first solve starts: basis (last week's spanning tree, carried over), placements (last week's placements) or cold.")
    var start: String = WeeklySimulation.WeekStart.lastBasis.rawValue

    @Option(name: .long, help: "The date week 1 starts (YYYY-MM-DD), when the scenario's changes are dated (default: \(ChangeSchedule.defaultLeadWeeks) weeks before the earliest).")
    var startDate: String?

    @Option(name: .long, help: "Weeks over which a dated closure empties its establishment, from its date.")
    var runDown = ChangeSchedule.defaultRunDownWeeks

    @Flag(name: .long, help: "Leave timings out of the outputs, so that two runs give the same bytes.")
    var omitTiming = false

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        guard (1...520).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 520") }
        if let movesLimit, movesLimit < 0 { throw ValidationError("--moves-limit must be 0 or more") }
        if movesLimit != nil && noMovesLimit { throw ValidationError("give --moves-limit or --no-moves-limit, not both") }
        if let startDate, ChangeSchedule.day(startDate) == nil { throw ValidationError("--start-date must be a date YYYY-MM-DD, not '\(startDate)'") }
        guard (1...104).contains(runDown) else { throw ValidationError("--run-down must be between 1 and 104 weeks") }
        guard WeeklySimulation.WeekStart(rawValue: start) != nil else {
            throw ValidationError("--start must be basis, placements or cold, not '\(start)'")
        }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let instance = try instances.load(scenario: scenario, options: .init(needsCalibration: true))
            let output = try OutputDirectory(out, force: force)
            let limit = noMovesLimit ? nil
                : movesLimit ?? instance.policy.movesLimit ?? WeeklySimulation.defaultMovesLimit(people: instance.population.count)
            let simulation = WeeklySimulation(
                instance, seed: seed, movesLimit: limit, compareCold: compareCold,
                weekStart: WeeklySimulation.WeekStart(rawValue: start)!, runtime: .system,
                dated: true, start: startDate, runDownWeeks: runDown)
            let bar = ProgressBar(total: weeks, enabled: isatty(2) != 0)
            let series = try simulation.run(from: instance.population, weeks: weeks, shouldStop: { Interruption.interrupted != 0 },
                                            progress: { bar.update($0) })
            bar.finish()
            let files = Pipeline.simulationFiles(instance, series: series, seed: seed, timing: !omitTiming)
            try files.write(to: output)
            try output.commit()
            let solve = series.map(\.solveSeconds).reduce(0, +)
            var line = "\(series.count) weeks in \(Format.fixed(seconds(since: started), 1)) s (solves \(Format.fixed(solve, 1)) s"
            if compareCold, let comparison = WarmColdComparison(series) { line += "; " + comparison.description }
            print(line + "); wrote \(out)/weekly.csv, weekly.json, simulation.html and simulation.md")
            if let last = series.last {
                print("Week \(last.week): \(Format.grouped(last.populationEnd)) people, mean \(Format.fixed(last.meanMiles, 1)) miles from home, \(Format.percent(last.within50, 1)) within 50 miles, \(last.moves) transfers, \(last.unplaced) not placed")
            }
        }
    }
}

/// Warm-started weeks against the same solves from a cold start (`--compare-cold`). Week 1 is left out: it has
/// no last week to start from.
struct WarmColdComparison: CustomStringConvertible {
    var weeks = 0
    var lastWeek = 0
    var fasterWeeks = 0
    var warmSeconds = 0.0
    var coldSeconds = 0.0
    var lowestRatio = Double.infinity
    var highestRatio = 0.0

    init?(_ series: [WeeklySimulation.Week]) {
        for week in series.dropFirst() {
            guard let cold = week.coldSolveSeconds, cold > 0 else { continue }
            weeks += 1
            lastWeek = week.week
            warmSeconds += week.solveSeconds
            coldSeconds += cold
            let ratio = week.solveSeconds / cold
            if ratio < 1 { fasterWeeks += 1 }
            lowestRatio = min(lowestRatio, ratio)
            highestRatio = max(highestRatio, ratio)
        }
        guard weeks > 0 else { return nil }
    }

    var description: String {
        "weeks 2-\(lastWeek) warm \(Format.fixed(warmSeconds, 1)) s against cold \(Format.fixed(coldSeconds, 1)) s, "
            + "warm/cold \(Format.fixed(warmSeconds / coldSeconds, 2)) (per week \(Format.fixed(lowestRatio, 2))-\(Format.fixed(highestRatio, 2)); "
            + "warm faster in \(fasterWeeks) of \(weeks) weeks)"
    }
}
