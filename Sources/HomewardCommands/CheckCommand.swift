import ArgumentParser
import Foundation
import HomewardCore

/// `homeward check`: verify a plan independently of the formulation.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan against every hard rule and capacity, independently of the model.",
        discussion: """
            Reads DIR/summary.json to find the scenario, reloads its inputs (checking their SHA-256 against the \
            summary), applies the scenario's estate changes, and checks every row of DIR/plan.csv. For a folder \
            written by `homeward assess`, checks DIR/plan-as-is.csv against the estate as it is and \
            DIR/plan-as-changed.csv against the estate as changed (inputs from DIR/inputs.json). \
            Exit code 0 if the plan keeps every rule, 2 if it breaks any.
            """
    )

    @Argument(help: "A folder written by `homeward allocate` or `homeward assess`.")
    var plan: String

    @Option(help: "The scenario (default: the one named in summary.json).")
    var scenario: String?

    func run() throws {
        try reportingFailures {
            // A folder from `allocate` holds plan.csv and summary.json; one from `assess` holds the plans
            // of the estate as it is and as changed, with the inputs recorded in assessment.json.
            let isAssessment = FileManager.default.fileExists(atPath: path("plan-as-is.csv"))
            // The published assessment.json names its inputs by file name only; inputs.json beside it (not for
            // publication) keeps the paths as given.
            let inAssessment = isAssessment && !FileManager.default.fileExists(atPath: path("inputs.json"))
            let recordPath = path(isAssessment ? (inAssessment ? "assessment.json" : "inputs.json") : "summary.json")
            let recordText = try Files.read(recordPath)  // a missing file is reported as missing
            let record = try? JSONSerialization.jsonObject(with: Data(recordText.utf8)) as? [String: Any]
            let recorded = inAssessment ? (record?["method"] as? [String: Any])?["inputs"] : record?["inputs"]
            guard let inputs = recorded as? [String: [String: String]] else {
                throw InputErrors([InputError(file: recordPath, field: "inputs", reason: .missing,
                                              hint: "this is not a file written by homeward allocate or assess")])
            }
            guard let scenarioPath = scenario ?? inputs["scenario"]?["path"] else {
                throw InputErrors([InputError(file: recordPath, field: "inputs.scenario", reason: .missing)])
            }
            let instance = try instances.load(scenario: scenarioPath)
            var changedInputs: [String] = []
            for input in instance.provenance() {
                if let recorded = inputs[input.role]?["sha256"], recorded != input.sha256 { changedInputs.append(input.role) }
            }
            if !changedInputs.isEmpty {
                throw CommandFailure.usage("the inputs have changed since the plan was made (\(changedInputs.joined(separator: ", "))); re-run the command that made it")
            }
            let plans = isAssessment
                ? [(path("plan-as-is.csv"), instance.baseEstate), (path("plan-as-changed.csv"), instance.estate)]
                : [(path("plan.csv"), instance.estate)]
            var broken = 0
            for (planPath, estate) in plans {
                let checker = PlanChecker(estate: estate, geography: instance.geography, population: instance.population,
                                          policy: instance.policy, checksDistances: instance.measuredDistances.isEmpty)
                let violations = try checker.check(planCSV: try Files.read(planPath), file: planPath)
                if violations.isEmpty {
                    print("\(planPath): every person placed once, every rule and capacity kept (\(Format.grouped(instance.population.count)) people checked)")
                } else {
                    for violation in violations.prefix(50) { printError(violation.description) }
                    if violations.count > 50 { printError("… and \(violations.count - 50) more") }
                    printError("\(planPath): \(violations.count) violations")
                    broken += violations.count
                }
            }
            if broken > 0 { throw ExitCode(2) }
        }
    }

    private func path(_ name: String) -> String {
        (plan as NSString).appendingPathComponent(name)
    }
}
