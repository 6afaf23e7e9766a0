import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

/// `homeward compare`: several estate configurations side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare estate configurations allocated with the same people and policy.",
        discussion: """
            Each scenario contributes its estate and its changes; the people and the policy are the first \
            scenario's, so that every difference comes from the estate. With --policies each scenario keeps its \
            own policy, to compare policies on the same people. Writes DIR/comparison.html (self-contained), \
            DIR/comparison.md, DIR/comparison.json and DIR/comparison.csv: one column per configuration.
            """
    )

    @Argument(help: "Two or more scenario files.")
    var scenarios: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Option(help: "Solver: network or glpk (default: network, or glpk with side constraints).")
    var solver: SolverKind?

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Flag(name: .long, help: "Compare policies: each scenario keeps its own policy (the people are still the first scenario's).")
    var policies = false

    func validate() throws {
        guard scenarios.count >= 2 else { throw ValidationError("give at least two scenario files to compare") }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let files = try Pipeline.compare(scenarios, loader: instances, solver: solver, policies: policies,
                                             control: RunControl(shouldStop: { Interruption.interrupted != 0 }),
                                             notes: { printError($0) })
            let output = try OutputDirectory(out, force: force)
            try files.write(to: output)
            try output.commit()
            for line in files.lines { print(line) }
            print("Wrote \(out)/comparison.html, .md, .json and .csv in \(Format.fixed(seconds(since: started), 1)) s")
        }
    }
}
