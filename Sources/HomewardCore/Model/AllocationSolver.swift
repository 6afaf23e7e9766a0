import GLPK
import LinearProgramming
import NetworkFlow

/// Which solver runs the allocation.
public enum SolverKind: String, Sendable, CaseIterable {
    /// LEMON's network simplex: the default for a pure network.
    case network
    /// GLPK's simplex on the node-arc LP: needed when side constraints exist.
    case glpk
}

/// The solved flows of a ``Formulation``.
public struct FlowResult: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case optimal
        /// No feasible flow. Cannot happen while every group has an unplaced arc.
        case infeasible
    }

    public var status: Status
    public var solver: SolverKind
    /// Flow on every arc (whole people).
    public var flows: [Int64]
    /// The objective in centipoints.
    public var objective: Int64
    /// Points saved by one more operational place at each establishment
    /// (estate order), from the solver's duals; nil where nobody can be held.
    public var capacityValue: [Double?]
    /// The dual objective in centipoints, when the solver's duals give one
    /// (equal to `objective` at an optimum: a zero duality gap).
    public var dualObjective: Int64?
    /// Simplex iterations (GLPK only).
    public var iterations: Int?
}

/// Why the allocation could not be solved.
public enum AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The network solver cannot take side constraints.
    case sideConstraintsNeedGLPK
    /// GLPK's LP optimum is fractional (possible only with side constraints).
    case fractional(objective: Double)
    /// The solver stopped without an answer.
    case solverFailed(String)

    public var description: String {
        switch self {
        case .sideConstraintsNeedGLPK:
            return "a moves limit is a side constraint that the network solver cannot take; use --solver glpk"
        case let .fractional(objective):
            return "the LP optimum (\(Format.points(Int64(objective.rounded())))) splits people between placements; "
                + "loosen the moves limit or remove it"
        case let .solverFailed(reason): return "the solver failed: \(reason)"
        }
    }
}

/// Solves a formulation with either backend.
public enum AllocationSolver {
    /// Solves `formulation`.
    /// - Parameters:
    ///   - formulation: the network (and any side constraints).
    ///   - solver: the backend.
    ///   - glpkOptions: how GLPK runs, when it is the backend.
    /// - Returns: integral flows, the objective and capacity shadow prices.
    /// - Throws: ``AllocationError``.
    public static func solve(
        _ formulation: Formulation, with solver: SolverKind, glpkOptions: SolveOptions = .coldFromSlackBasis
    ) throws(AllocationError) -> FlowResult {
        switch solver {
        case .network: return try solveNetwork(formulation)
        case .glpk: return try solveLP(formulation, options: glpkOptions)
        }
    }

    static func solveNetwork(_ f: Formulation) throws(AllocationError) -> FlowResult {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(f.network)
        } catch {
            throw .solverFailed(error.description)
        }
        guard outcome.status == .optimal, let solution = outcome.solution else {
            return FlowResult(status: .infeasible, solver: .network, flows: [], objective: 0,
                              capacityValue: [], dualObjective: nil, iterations: nil)
        }
        let values = f.capacityArcs.map { arcs -> Double? in
            guard let arc = arcs.crowded ?? arcs.base else { return nil }
            let reduced = solution.reducedCost(of: arc, in: f.network)
            return Double(max(0, -reduced)) / 100
        }
        return FlowResult(status: .optimal, solver: .network, flows: solution.flows, objective: solution.cost,
                          capacityValue: values, dualObjective: solution.dualObjective(in: f.network), iterations: nil)
    }

    static func solveLP(_ f: Formulation, options: SolveOptions) throws(AllocationError) -> FlowResult {
        let program = f.linearProgram()
        let outcome: SolveOutcome
        do {
            outcome = try GLPK.solve(program, options: options)
        } catch {
            throw .solverFailed(error.description)
        }
        switch outcome.termination {
        case .optimal: break
        case .infeasible:
            return FlowResult(status: .infeasible, solver: .glpk, flows: [], objective: 0, capacityValue: [],
                              dualObjective: nil, iterations: outcome.iterations)
        case .unbounded: throw .solverFailed("the LP is unbounded, which a bounded allocation cannot be")
        case let .failed(failure): throw .solverFailed(failure.description)
        }
        let solution = outcome.solution!
        var flows = [Int64](repeating: 0, count: program.columns.count)
        for (j, value) in solution.columnValues.enumerated() {
            let rounded = value.rounded()
            if abs(value - rounded) > 1e-6 { throw .fractional(objective: solution.objective) }
            flows[j] = Int64(rounded)
        }
        let values = f.capacityArcs.map { arcs -> Double? in
            guard let arc = arcs.crowded ?? arcs.base else { return nil }
            return max(0, -solution.reducedCosts[arc]) / 100
        }
        // LP duality: b.y plus bound terms equals the objective at an optimum.
        var dual = 0.0
        for (i, row) in program.rows.enumerated() {
            let y = solution.rowDuals[i]
            dual += y * (y >= 0 ? (row.bounds.lower ?? 0) : (row.bounds.upper ?? 0))
        }
        for (j, column) in program.columns.enumerated() where solution.reducedCosts[j] < 0 {
            dual += solution.reducedCosts[j] * (column.bounds.upper ?? 0)
        }
        return FlowResult(status: .optimal, solver: .glpk, flows: flows, objective: f.network.cost(of: flows),
                          capacityValue: values, dualObjective: Int64(dual.rounded()), iterations: outcome.iterations)
    }
}
