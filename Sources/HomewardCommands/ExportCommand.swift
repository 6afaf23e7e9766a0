import ArgumentParser
import Foundation
import HomewardCore
import LinearProgramming

/// `homeward export`: the exact LP that `allocate` solves, for glpsol, HiGHS or any LP solver, or its
/// network in DIMACS form, for a network solver such as OR-Tools' min-cost flow.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the allocation LP in CPLEX LP or free MPS format, or its network in DIMACS format.",
        discussion: """
            The file is exactly the LP that `allocate --solver glpk` solves (one column per arc, one balance row per \
            node but the sink). Check it elsewhere, e.g. `glpsol --lp FILE` or `glpsol --freemps FILE`; the optimum \
            equals summary.json's objective times 100 (the LP is in centipoints). \
            With --format dimacs, the same network as a DIMACS minimum-cost flow problem (`p min`; node v is v+1, \
            arcs in column order, integer costs in centipoints); a scenario with a moves limit has a side \
            constraint that DIMACS cannot express, and is refused.
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "File format: lp (CPLEX LP), mps (free MPS) or dimacs (DIMACS min-cost flow).")
    var format: ExportFormat = .lp

    @Option(name: .long, help: "Where to write the model.")
    var out: String

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    func run() throws {
        try reportingFailures {
            let instance = try instances.load(scenario: scenario)
            let formulation = Formulation(instance)
            let comment = [
                "Homeward allocation model for scenario '\(instance.scenario.name)'.",
                instance.synthetic ? "The population is synthetic (generated from published aggregates)." : "Population supplied by the user.",
            ]
            if format == .dimacs {
                guard formulation.isPureNetwork else {
                    throw CommandFailure.usage("\(scenario): the moves limit is a side constraint that DIMACS cannot express; use --format lp or mps")
                }
                let network = formulation.network
                let text = DIMACSWriter.write(network, comment: comment + [
                    "Minimum-cost flow; costs in centipoints (1/100 point). Node v of the model is node v+1 here; arcs in LP column order.",
                ])
                try writeFileAtomically(out, text, force: force)
                print("Wrote \(out): \(Format.grouped(network.nodeCount)) nodes, \(Format.grouped(network.arcCount)) arcs")
                return
            }
            let program = formulation.linearProgram()
            let text: String
            do {
                text = try LPWriter.write(program, format: format == .mps ? .mps : .lp, comment: [
                    comment[0],
                    "Costs are in centipoints (1/100 point); minimise. Columns are arcs, rows are node balances (the sink's is implied).",
                    comment[1],
                ])
            } catch {
                throw CommandFailure.noSolution("the model cannot be written: \(error)")
            }
            try writeFileAtomically(out, text, force: force)
            let stats = formulation.statistics
            print("Wrote \(out): \(Format.grouped(program.rows.count)) rows, \(Format.grouped(program.columns.count)) columns, \(Format.grouped(program.entries.count)) nonzeros (\(stats.groups) groups, \(stats.profiles) profiles)")
        }
    }
}

/// What `homeward export` writes.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    /// CPLEX LP (`glpsol --lp`, HiGHS).
    case lp
    /// Free MPS (`glpsol --freemps`, HiGHS).
    case mps
    /// DIMACS minimum-cost flow (`p min`), for network solvers.
    case dimacs
}

