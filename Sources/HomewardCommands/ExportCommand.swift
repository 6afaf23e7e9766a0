import ArgumentParser
import Foundation
import HomewardCore
import LinearProgramming

/// `homeward export`: the exact LP that `allocate` solves, for glpsol, HiGHS or any LP solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the allocation LP in CPLEX LP or free MPS format.",
        discussion: """
            The file is exactly the LP that `allocate --solver glpk` solves (one column per arc, one balance row per
            node but the sink). Check it elsewhere, e.g. `glpsol --lp FILE` or `glpsol --freemps FILE`; the optimum
            equals summary.json's objective times 100 (the LP is in centipoints).
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "File format: lp (CPLEX LP) or mps (free MPS).")
    var format: LPWriter.Format = .lp

    @Option(name: .long, help: "Where to write the model.")
    var out: String

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    func run() throws {
        try reportingFailures {
            let workspace = try Workspace.load(scenario: scenario)
            let estate = try EstateChanges.apply(workspace.scenario.changes, to: workspace.estate, context: workspace.changeContext)
            let formulation = Formulation(estate: estate, geography: workspace.geography, population: workspace.population,
                                          policy: workspace.policy, distances: workspace.distances(for: estate, policy: workspace.policy))
            let program = formulation.linearProgram()
            let comment = [
                "Homeward allocation model for scenario '\(workspace.scenario.name)'.",
                "Costs are in centipoints (1/100 point); minimise. Columns are arcs, rows are node balances (the sink's is implied).",
                workspace.synthetic ? "The population is synthetic (generated from published aggregates)." : "Population supplied by the user.",
            ]
            let text: String
            do {
                text = try LPWriter.write(program, format: format, comment: comment)
            } catch {
                throw CommandFailure.noSolution("the model cannot be written: \(error)")
            }
            try writeFileAtomically(out, text, force: force)
            let stats = formulation.statistics
            print("Wrote \(out): \(Format.grouped(program.rows.count)) rows, \(Format.grouped(program.columns.count)) columns, \(Format.grouped(program.entries.count)) nonzeros (\(stats.groups) groups, \(stats.profiles) profiles)")
        }
    }
}

extension LPWriter.Format: ExpressibleByArgument {}
