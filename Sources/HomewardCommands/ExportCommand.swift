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
            constraint that DIMACS cannot express, and is refused. \
            With --mip, the whole allocation with its non-associations as one mixed-integer program: the same \
            columns and rows, then a row x(a at e) + x(b at e) <= 1 per apart pair and establishment both can \
            reach, and a sharing column (0 or 1, at the sharing cost) per costed pair and establishment. Only \
            the paired people's arcs and the sharing columns are integer (the rest is a network, whose optimum \
            is whole anyway); --integers all makes every column integer. Its optimum equals summary.json's \
            non_associations objective times 100 (`glpsol --freemps FILE` or `glpsol --lp FILE` solves it).
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

    @Flag(name: .long, help: "Write the mixed-integer program with the non-associations (lp or mps only).")
    var mip = false

    @Option(name: .long, help: "With --mip, which columns are integer: paired (the paired people's arcs and the sharing columns) or all.")
    var integers: MIPIntegers = .paired

    func validate() throws {
        if mip && format == .dimacs {
            throw ValidationError("--mip needs --format lp or mps: DIMACS cannot express the non-association rows")
        }
        if integers != .paired && !mip {
            throw ValidationError("--integers applies only with --mip")
        }
    }

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
            let program = mip ? formulation.mixedIntegerProgram(integers: integers.columns) : formulation.linearProgram()
            let pairs = mip ? formulation.countedPairCounts : (0, 0)
            let describe = mip
                ? ["Costs are in centipoints (1/100 point); minimise. Columns are arcs, then sharing columns; rows are node balances "
                    + "(the sink's is implied), then one per apart pair and establishment, then one per costed pair and establishment.",
                   "Non-associations the policy counts: \(pairs.0) apart pairs, \(pairs.1) costed pairs; integer columns: "
                    + (integers == .all ? "all." : "the paired people's arcs and the sharing columns (the rest is a network).")]
                : ["Costs are in centipoints (1/100 point); minimise. Columns are arcs, rows are node balances (the sink's is implied)."]
            let text: String
            do {
                text = try LPWriter.write(program, format: format == .mps ? .mps : .lp, comment: [comment[0]] + describe + [comment[1]])
            } catch {
                throw CommandFailure.noSolution("the model cannot be written: \(error)")
            }
            try writeFileAtomically(out, text, force: force)
            let stats = formulation.statistics
            print("Wrote \(out): \(Format.grouped(program.rows.count)) rows, \(Format.grouped(program.columns.count)) columns, \(Format.grouped(program.entries.count)) nonzeros (\(stats.groups) groups, \(stats.profiles) profiles)")
            if mip {
                let integer = program.columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) }
                print("Mixed-integer program: \(Format.grouped(integer)) integer columns; \(Format.grouped(pairs.0)) apart and \(Format.grouped(pairs.1)) costed pairs")
            }
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


/// Which columns `homeward export --mip` makes integer.
enum MIPIntegers: String, CaseIterable, ExpressibleByArgument {
    /// The paired people's arcs and the sharing columns.
    case paired
    /// Every column.
    case all

    var columns: Formulation.IntegerColumns { self == .all ? .all : .paired }
}
