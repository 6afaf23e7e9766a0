import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

/// `homeward assess`: a publishable family impact assessment of a scenario's estate changes.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Write a family impact assessment of a re-role, closure, capacity change or new build.",
        discussion: """
            Allocates the estate as it is and as changed by the scenario's changes, with the same people and policy, \
            and compares them person by person. Writes DIR/assessment.html (one self-contained page, prints on A4), \
            DIR/assessment.md and DIR/assessment.json (every figure; small counts suppressed; no identifiers), \
            and, for the people who plan transfers and never for publication, DIR/moves.csv, \
            DIR/plan-as-is.csv, DIR/plan-as-changed.csv and DIR/inputs.json (the inputs' paths as given, for check).
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "Suppress counts below this in the published files (default: the scenario's report.suppress_below, or 5).")
    var suppressBelow: Int?

    @Option(name: .long, help: "Synthetic populations to run the assessment on, with seeds following the scenario's (default: the scenario's report.draws, or 1).")
    var draws: Int?

    @Option(name: .long, help: "Weeks over which a dated closure empties its establishment, for the week-by-week section.")
    var runDown = ChangeSchedule.defaultRunDownWeeks

    @Option(name: .long, help: "Most weeks simulated for the week-by-week section (0: leave the section out).")
    var phasingWeeks = 16

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        if let draws, !(1...64).contains(draws) { throw ValidationError("--draws must be between 1 and 64") }
        guard (1...104).contains(runDown) else { throw ValidationError("--run-down must be between 1 and 104 weeks") }
        guard (0...104).contains(phasingWeeks) else { throw ValidationError("--phasing-weeks must be between 0 and 104") }
        if let suppressBelow, !(2...100).contains(suppressBelow) {
            throw ValidationError("--suppress-below must be between 2 and 100")
        }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let instance = try instances.load(scenario: options.scenario, options: .init(needsCalibration: true))
            let provenance = Background(on: .system) { instance.provenance() }
            try Pipeline.requireChanges(instance, file: options.scenario)
            let (runDown, phasingWeeks) = (runDown, phasingWeeks)
            let phasing = Background(on: .system) {
                Result { () throws(AllocationError) in try AssessCommand.phasing(instance, runDown: runDown, maxWeeks: phasingWeeks) }
            }
            let drawCount = draws ?? instance.scenario.draws
            guard drawCount == 1 || instance.synthetic else {
                throw CommandFailure.usage("\(options.scenario): --draws needs a synthetic population (population: {synth: ...})")
            }
            let comparison = try EstateComparison(instance, solver: options.solver)
            let outline = try instances.outline(of: instance)
            let others = try otherDraws(drawCount)
            let (files, _) = Pipeline.assess(instance, comparison: comparison, outline: outline, inputs: provenance.result,
                                             suppressBelow: suppressBelow, phasing: try phasing.result.get(),
                                             otherDraws: others)
            let output = try OutputDirectory(out, force: force)
            try files.write(to: output)
            try output.commit()
            for line in files.lines { print(line) }
            if instance.synthetic { print("Note: the population is synthetic; figures about people are illustrative.") }
            print("Wrote \(out)/assessment.html, assessment.md and assessment.json (publishable), and moves.csv, plan-as-is.csv, plan-as-changed.csv and inputs.json (not for publication) in \(Format.fixed(seconds(since: started), 1)) s")
        }
    }

    /// The assessments of draws 2 to `count` (populations with the scenario's seed plus 1, 2, ...), two at a time.
    func otherDraws(_ count: Int) throws -> [Assessment] {
        guard count > 1 else { return [] }
        let (scenario, solver, threshold) = (options.scenario, options.solver, suppressBelow)
        let loader = instances
        let results = concurrentMap(count - 1, threads: 2, grain: 1) { k -> Result<Assessment, any Error> in
            Result {
                let instance = try loader.load(scenario: scenario, options: .init(seedOffset: UInt64(k + 1)))
                let comparison = try EstateComparison(instance, solver: solver)
                return Assessment(Assessment.Input(
                    scenario: instance.scenario, synthetic: instance.synthetic, inputs: [], before: comparison.before,
                    after: comparison.after, disclosure: Disclosure(threshold: threshold ?? instance.scenario.suppressBelow)))
            }
        }
        return try results.map { try $0.get() }
    }

    /// The week-by-week simulations of the change's window, with the changes at their dates and without them
    /// (same seed), or nil when no change is dated or the section is turned off.
    static func phasing(_ instance: ProblemInstance, runDown: Int, maxWeeks: Int) throws(AllocationError) -> Assessment.Phasing.Input? {
        guard maxWeeks > 0, instance.calibration != nil,
              let window = ChangeSchedule.window(changes: instance.scenario.changes, runDownWeeks: runDown, maxWeeks: maxWeeks)
        else { return nil }
        let limit = instance.policy.movesLimit
        // One week more, starting a week earlier: the first week moves people from where they are held today towards
        // the model's best allocation, with or without the change, and is left out of the report.
        let start = ChangeSchedule.iso(ChangeSchedule.day(window.start)! - 7)
        let weeks = window.weeks + 1
        let with = WeeklySimulation(instance, seed: Assessment.phasingSeed, movesLimit: limit, dated: true, start: start,
                                    runDownWeeks: runDown)
        let without = WeeklySimulation(instance.asIs, seed: Assessment.phasingSeed, movesLimit: limit)
        let other = Background(on: .system) { Result { () throws(AllocationError) in try without.run(from: instance.population, weeks: weeks) } }
        let changed = try with.run(from: instance.population, weeks: weeks)
        return Assessment.Phasing.Input(withChange: Array(changed.dropFirst()), withoutChange: Array(try other.result.get().dropFirst()),
                                        runDownWeeks: runDown, movesLimit: limit)
    }
}
