import HomewardDomain
internal import GLPK
import LinearProgramming

/// GLPK's simplex on the node-arc LP (``Formulation/linearProgram()``): the backend for formulations with
/// side constraints (a moves limit), which a network solver cannot take. It starts from the slack basis
/// (GLPK's own crash basis makes its simplex far slower on this structure; research/solvers.md).
struct GLPKBackend: FlowBackend {
    var kind: SolverKind { .glpk }

    /// How GLPK runs: its primal simplex from the slack basis, presolver off.
    static let options = SolveOptions.coldFromSlackBasis

    func solve(_ f: Formulation, start: WarmStart?, workspace: SolverWorkspace?) throws(AllocationError) -> SolveReport {
        let program = f.linearProgram()
        let outcome: SolveOutcome
        do {
            outcome = try GLPK.solve(program, options: GLPKBackend.options)
        } catch {
            throw .solver(SolverFailure(error))
        }
        let statistics = SolveStatistics(solver: .glpk, iterations: outcome.iterations)
        switch outcome.termination {
        case .optimal: break
        case .infeasible: return SolveReport(termination: .infeasible, solution: nil, statistics: statistics)
        case .unbounded: throw .solver(SolverFailure(solver: .glpk, reason: .unbounded))
        case let .failed(failure): throw .solver(SolverFailure(solver: .glpk, reason: .stopped(failure.description)))
        }
        let solution = outcome.solution!
        var flows = [Int64](repeating: 0, count: f.network.arcCount)
        for (j, value) in solution.columnValues.enumerated() {
            let rounded = value.rounded()
            if abs(value - rounded) > 1e-6 { throw .fractional(objective: solution.objective) }
            flows[j] = Int64(rounded)
        }
        let optimum = OptimalFlow(flows: flows, objective: f.network.cost(of: flows),
                                  capacityValue: f.capacityValues { arc in max(0, -solution.reducedCosts[arc]) / 100 },
                                  dualObjective: GLPKBackend.dualObjective(program, solution),
                                  potentials: f.isPureNetwork ? GLPKBackend.potentials(f, solution) : nil)
        return SolveReport(termination: .optimal, solution: optimum, statistics: statistics)
    }

    /// Node potentials from the balance rows' duals (`π = -y`, the sink's 0),
    /// in the network solvers' convention: reduced cost `c + π[tail] - π[head]`.
    /// The duals of a network LP's basis are integers when the costs are.
    static func potentials(_ f: Formulation, _ solution: GLPK.Solution) -> [Int64] {
        var potentials = [Int64](repeating: 0, count: f.network.nodeCount)
        var row = 0
        for v in 0..<f.network.nodeCount where v != f.sink {
            potentials[v] = -Int64(solution.rowDuals[row].rounded())
            row += 1
        }
        return potentials
    }

    /// LP duality: b.y plus the bound terms of the reduced costs, which equals the objective at an optimum.
    static func dualObjective(_ program: LinearProgram, _ solution: GLPK.Solution) -> Int64 {
        var dual = 0.0
        for (i, row) in program.rows.enumerated() {
            let y = solution.rowDuals[i]
            dual += y * (y >= 0 ? (row.bounds.lower ?? 0) : (row.bounds.upper ?? 0))
        }
        for (j, column) in program.columns.enumerated() {
            let reduced = solution.reducedCosts[j]
            if reduced < 0 { dual += reduced * (column.bounds.upper ?? 0) }
            if reduced > 0 { dual += reduced * (column.bounds.lower ?? 0) }
        }
        return Int64(dual.rounded())
    }
}

extension SolverFailure {
    /// GLPK's error, kept typed.
    init(_ error: GLPKError) {
        switch error {
        case let .invalidModel(model): self.init(solver: .glpk, reason: .invalidModel(model.description))
        case let .invalidArgument(text): self.init(solver: .glpk, reason: .invalidModel("invalid argument: \(text)"))
        case .outOfMemory: self.init(solver: .glpk, reason: .outOfMemory)
        case .libraryFault, .problemLost, .unreadable: self.init(solver: .glpk, reason: .stopped(error.description))
        }
    }
}
