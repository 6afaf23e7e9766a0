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
            let first = try instances.load(scenario: scenarios[0])
            var configurations: [Comparison.Configuration] = []
            for (k, path) in scenarios.enumerated() {
                // Every configuration keeps the first scenario's people (and, unless comparing policies, its policy).
                let instance = k == 0 ? first : try instances.load(scenario: path, options: .init(sharing: first, ownPolicy: policies))
                if instance.sharingOverrode {
                    let what = policies ? "other people" : "other people or another policy"
                    printError("note: \(path) names \(what); the comparison uses those of \(scenarios[0])")
                }
                let allocation = try Allocation(instance, solver: solver)
                configurations.append(.init(name: instance.scenario.name, file: path, allocation: allocation))
                if Interruption.interrupted != 0 { throw ExitCode(130) }
            }
            let comparison = Comparison(configurations, synthetic: first.synthetic)
            let document = comparison.document()
            let output = try OutputDirectory(out, force: force)
            try output.write("comparison.html", document.html())
            try output.write("comparison.md", document.markdown())
            try output.write("comparison.json", comparison.json().text())
            try output.write("comparison.csv", comparison.csv())
            try output.commit()
            let mean = comparison.rows.first { $0.key == "mean_miles" }!
            let within = comparison.rows.first { $0.key == "within_50_miles" }!
            let unplaced = comparison.rows.first { $0.key == "unplaced" }!
            for (k, name) in comparison.names.enumerated() {
                print("\(name): mean \(Comparison.text(mean.values[k], .miles)) miles from home, \(Comparison.text(within.values[k], .share)) within 50 miles, \(Comparison.text(unplaced.values[k], .count)) not placed")
            }
            if first.synthetic { print("Note: the population is synthetic; figures about people are illustrative.") }
            print("Wrote \(out)/comparison.html, .md, .json and .csv in \(Format.fixed(seconds(since: started), 1)) s")
        }
    }
}
