import ArgumentParser
import Foundation
import HomewardCore

/// `homeward check`: verify a plan independently of the formulation.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan against every hard rule and capacity, independently of the model.",
        discussion: """
            Reads DIR/summary.json to find the scenario, reloads its inputs (checking their SHA-256 against the
            summary), applies the scenario's estate changes, and checks every row of DIR/plan.csv.
            Exit code 0 if the plan keeps every rule, 2 if it breaks any.
            """
    )

    @Argument(help: "A folder written by `homeward allocate` (plan.csv and summary.json).")
    var plan: String

    @Option(help: "The scenario (default: the one named in summary.json).")
    var scenario: String?

    func run() throws {
        try reportingFailures {
            let summaryPath = (plan as NSString).appendingPathComponent("summary.json")
            let planPath = (plan as NSString).appendingPathComponent("plan.csv")
            let summaryText = try Files.read(summaryPath)
            guard let summary = try? JSONSerialization.jsonObject(with: Data(summaryText.utf8)) as? [String: Any],
                  let inputs = summary["inputs"] as? [String: [String: String]] else {
                throw InputErrors([InputError(file: summaryPath, field: "inputs", reason: .missing, hint: "this is not a summary.json written by homeward allocate")])
            }
            guard let scenarioPath = scenario ?? inputs["scenario"]?["path"] else {
                throw InputErrors([InputError(file: summaryPath, field: "inputs.scenario", reason: .missing)])
            }
            let workspace = try Workspace.load(scenario: scenarioPath)
            var changedInputs: [String] = []
            for input in workspace.inputs {
                if let recorded = inputs[input.role]?["sha256"], recorded != input.sha256 { changedInputs.append(input.role) }
            }
            if !changedInputs.isEmpty {
                throw CommandFailure.usage("the inputs have changed since the plan was made (\(changedInputs.joined(separator: ", "))); re-run allocate")
            }
            let estate = try EstateChanges.apply(workspace.scenario.changes, to: workspace.estate, context: workspace.changeContext)
            let checker = PlanChecker(estate: estate, geography: workspace.geography, population: workspace.population,
                                      policy: workspace.policy, checksDistances: workspace.measuredDistances.isEmpty)
            let violations = try checker.check(planCSV: try Files.read(planPath), file: planPath)
            if violations.isEmpty {
                print("\(planPath): every person placed once, every rule and capacity kept (\(Format.grouped(workspace.population.count)) people checked)")
            } else {
                for violation in violations.prefix(50) { printError(violation.description) }
                if violations.count > 50 { printError("… and \(violations.count - 50) more") }
                printError("\(violations.count) violations")
                throw ExitCode(2)
            }
        }
    }
}
