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
    /// Restricted network solves before no left-out arc priced negative (network only).
    public var pricingRounds: Int? = nil
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

    /// How many of each hub's arcs (the cheapest) the first restricted solve keeps.
    public static let restrictedArcsPerHub = 12

    /// Solves the network by *arc pricing*: first with every group, capacity
    /// and programme arc but only the cheapest hub arcs of each profile, then
    /// adding every left-out arc whose reduced cost at the solution's node
    /// potentials is negative, until none is. The flow is then optimal for the
    /// full network, and the potentials prove it: they are dual feasible on
    /// every arc (none left out prices negative) and complementary to the flow.
    static func solveNetwork(_ f: Formulation) throws(AllocationError) -> FlowResult {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let full = f.network
        var included = [Bool](repeating: true, count: full.arcCount)
        for arcs in f.hubArcs + f.receptionArcs where arcs.count > restrictedArcsPerHub {
            let sorted = arcs.sorted { full.costs[$0] != full.costs[$1] ? full.costs[$0] < full.costs[$1] : $0 < $1 }
            for arc in sorted.dropFirst(restrictedArcsPerHub) { included[arc] = false }
        }
        var rounds = 0
        while true {
            rounds += 1
            var sub = FlowNetwork(nodeCount: 0)
            sub.supplies = full.supplies
            var map: [Int] = []
            map.reserveCapacity(full.arcCount)
            sub.reserveArcs(full.arcCount)
            for a in 0..<full.arcCount where included[a] {
                map.append(a)
                sub.tails.append(full.tails[a])
                sub.heads.append(full.heads[a])
                sub.costs.append(full.costs[a])
                sub.capacities.append(full.capacities[a])
            }
            let outcome: FlowOutcome
            do {
                outcome = try NetworkSimplex.solve(sub)
            } catch {
                throw .solverFailed(error.description)
            }
            guard outcome.status == .optimal, let solution = outcome.solution else {
                return FlowResult(status: .infeasible, solver: .network, flows: [], objective: 0,
                                  capacityValue: [], dualObjective: nil, iterations: nil)
            }
            var flows = [Int64](repeating: 0, count: full.arcCount)
            for (k, a) in map.enumerated() { flows[a] = solution.flows[k] }
            let fullSolution = FlowSolution(flows: flows, potentials: solution.potentials, cost: solution.cost)
            var added = 0
            for a in 0..<full.arcCount where !included[a] && fullSolution.reducedCost(of: a, in: full) < 0 {
                included[a] = true
                added += 1
            }
            if added > 0 { continue }
            let values = f.capacityArcs.map { arcs -> Double? in
                guard let arc = arcs.crowded ?? arcs.base else { return nil }
                return Double(max(0, -fullSolution.reducedCost(of: arc, in: full))) / 100
            }
            return FlowResult(status: .optimal, solver: .network, flows: flows, objective: f.objective(networkCost: fullSolution.cost),
                              capacityValue: values, dualObjective: f.objective(networkCost: fullSolution.dualObjective(in: full)),
                              iterations: nil, pricingRounds: rounds)
        }
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
        var flows = [Int64](repeating: 0, count: f.network.arcCount)
        for (j, value) in solution.columnValues.prefix(f.network.arcCount).enumerated() {
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
        for (j, column) in program.columns.enumerated() {
            let reduced = solution.reducedCosts[j]
            if reduced < 0 { dual += reduced * (column.bounds.upper ?? 0) }
            if reduced > 0 { dual += reduced * (column.bounds.lower ?? 0) }
        }
        return FlowResult(status: .optimal, solver: .glpk, flows: flows, objective: f.objective(networkCost: f.network.cost(of: flows)),
                          capacityValue: values, dualObjective: Int64(dual.rounded()), iterations: outcome.iterations)
    }
}
