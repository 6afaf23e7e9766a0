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
            DIR/plan-as-is.csv and DIR/plan-as-changed.csv.
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(name: .long, help: "Suppress counts below this in the published files (default: the scenario's report.suppress_below, or 5).")
    var suppressBelow: Int?

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        if let suppressBelow, !(2...100).contains(suppressBelow) {
            throw ValidationError("--suppress-below must be between 2 and 100")
        }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let instance = try instances.load(scenario: options.scenario)
            let provenance = Background(on: .system) { instance.provenance() }
            try Pipeline.requireChanges(instance, file: options.scenario)
            let comparison = try EstateComparison(instance, solver: options.solver)
            let outline = try instances.outline(of: instance)
            let (files, _) = Pipeline.assess(instance, comparison: comparison, outline: outline, inputs: provenance.result,
                                             suppressBelow: suppressBelow)
            let output = try OutputDirectory(out, force: force)
            try files.write(to: output)
            try output.commit()
            for line in files.lines { print(line) }
            if instance.synthetic { print("Note: the population is synthetic; figures about people are illustrative.") }
            print("Wrote \(out)/assessment.html, assessment.md and assessment.json (publishable), and moves.csv, plan-as-is.csv and plan-as-changed.csv (not for publication) in \(Format.fixed(seconds(since: started), 1)) s")
        }
    }
}
