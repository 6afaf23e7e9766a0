import GLPK
import HomewardDomain
import HomewardInput
import LinearProgramming
import NetworkFlow

/// Which solver runs the allocation.
public enum SolverKind: String, Sendable, CaseIterable {
    /// Homeward's own network simplex (a Swift port of LEMON's algorithm),
    /// started from the current placement and able to re-start from a
    /// previous basis: the default for a pure network.
    case network
    /// LEMON's network simplex (C++), started cold: the reference network solver.
    case lemon
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
    /// Restricted network solves before no left-out arc priced negative (LEMON only).
    public var pricingRounds: Int? = nil
    /// The final spanning tree (Homeward's network simplex only), to warm-start a related solve.
    public var basis: SpanningTreeBasis? = nil
    /// Node potentials proving optimality (network solvers only), in centipoints.
    public var potentials: [Int64]? = nil

    public static func == (lhs: FlowResult, rhs: FlowResult) -> Bool {
        lhs.status == rhs.status && lhs.solver == rhs.solver && lhs.flows == rhs.flows && lhs.objective == rhs.objective
            && lhs.capacityValue == rhs.capacityValue && lhs.dualObjective == rhs.dualObjective
    }
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
        case .network: return try solvePriced(formulation)
        case .lemon: return try solveNetwork(formulation)
        case .glpk: return try solveLP(formulation, options: glpkOptions)
        }
    }

    /// How many of each profile's placement arcs (the cheapest) the first round keeps.
    public static let arcsPerProfileInFirstRound = 4

    /// Solves with Homeward's network simplex by *partial pricing*.
    ///
    /// The simplex first prices every stay, unplaced, capacity and programme
    /// arc but only the `arcsPerProfileInFirstRound` cheapest placement arcs
    /// of each profile; the other placement arcs are deferred. Whenever the
    /// simplex stops, every deferred arc whose reduced cost at the current
    /// potentials is negative joins the priced set, and the simplex goes on
    /// from the same spanning tree (``WarmNetworkSimplex/solve(_:start:deferring:)``).
    /// When no deferred arc prices negative, the flow is optimal for the full
    /// network, and its potentials prove it: dual feasible on every arc and
    /// complementary to the flow (``FlowResult/dualObjective`` equals the cost).
    /// - Parameters:
    ///   - f: the formulation (a pure network).
    ///   - basis: a basis from a solve of a network with the same arcs (e.g.
    ///     the base of a sweep), to start from instead of LEMON's artificial start.
    ///     Arcs it uses are never deferred.
    ///   - replacement: the formulation's network with other capacities or costs (the same arcs), e.g. one
    ///     establishment closed in a sweep; by default the formulation's own network.
    ///   - workspace: the simplex's storage, kept between the solves of a loop (one per thread).
    public static func solvePriced(_ f: Formulation, from basis: SpanningTreeBasis? = nil,
                                   network replacement: FlowNetwork? = nil,
                                   workspace: SimplexWorkspace? = nil) throws(AllocationError) -> FlowResult {
        try solvePriced(f, start: basis.map { .basis($0) } ?? .artificial, network: replacement, workspace: workspace)
    }

    /// ``solvePriced(_:from:network:workspace:)`` from any start: a basis, a flow (such as
    /// ``Formulation/stayFlows()``) or LEMON's artificial start. Arcs the start uses are never deferred.
    public static func solvePriced(_ f: Formulation, start: WarmNetworkSimplex.Start,
                                   network replacement: FlowNetwork? = nil,
                                   workspace: SimplexWorkspace? = nil) throws(AllocationError) -> FlowResult {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let full = replacement ?? f.network
        let solved: WarmNetworkSimplex.PricedSolve
        do {
            solved = try WarmNetworkSimplex.solve(full, start: start, deferring: deferredArcs(f, costs: full.costs),
                                                  workspace: workspace)
        } catch {
            throw .solverFailed(error.description)
        }
        let pivots = solved.basis?.pivotCount ?? 0
        guard solved.outcome.status == .optimal, let solution = solved.outcome.solution else {
            return FlowResult(status: .infeasible, solver: .network, flows: [], objective: 0, capacityValue: [],
                              dualObjective: nil, iterations: pivots, pricingRounds: solved.rounds, basis: solved.basis)
        }
        return FlowResult(status: .optimal, solver: .network, flows: solution.flows, objective: solution.cost,
                          capacityValue: capacityValues(f, solution), dualObjective: solution.dualObjective(in: full),
                          iterations: pivots, pricingRounds: solved.rounds, basis: solved.basis, potentials: solution.potentials)
    }

    /// Per arc of `f`, whether partial pricing defers it: every placement arc
    /// of a profile except its `arcsPerProfileInFirstRound` cheapest under
    /// `costs` (ties to the lower arc index).
    static func deferredArcs(_ f: Formulation, costs: [Int64]) -> [Bool] {
        let keep = arcsPerProfileInFirstRound
        var deferred = [Bool](repeating: false, count: costs.count)
        var cheapest: [(cost: Int64, arc: Int)] = []
        cheapest.reserveCapacity(keep + 1)
        for arcs in f.hubArcs + f.receptionArcs where arcs.count > keep {
            cheapest.removeAll(keepingCapacity: true)
            for arc in arcs {
                deferred[arc] = true
                let entry = (cost: costs[arc], arc: arc)
                // Insertion into the short sorted list of the cheapest so far.
                if cheapest.count == keep, let last = cheapest.last, !(entry < last) { continue }
                var i = cheapest.count
                cheapest.append(entry)
                while i > 0 && entry < cheapest[i - 1] {
                    cheapest[i] = cheapest[i - 1]
                    i -= 1
                }
                cheapest[i] = entry
                if cheapest.count > keep { cheapest.removeLast() }
            }
            for kept in cheapest { deferred[kept.arc] = false }
        }
        return deferred
    }

    static func capacityValues(_ f: Formulation, _ solution: FlowSolution) -> [Double?] {
        f.capacityArcs.map { arcs -> Double? in
            guard let arc = arcs.crowded ?? arcs.base else { return nil }
            return Double(max(0, -solution.reducedCost(of: arc, in: f.network))) / 100
        }
    }

    /// Solves with LEMON's network simplex on the whole network, from its cold start.
    static func solveNetwork(_ f: Formulation) throws(AllocationError) -> FlowResult {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(f.network)
        } catch {
            throw .solverFailed(error.description)
        }
        guard outcome.status == .optimal, let solution = outcome.solution else {
            return FlowResult(status: .infeasible, solver: .lemon, flows: [], objective: 0,
                              capacityValue: [], dualObjective: nil, iterations: nil)
        }
        return FlowResult(status: .optimal, solver: .lemon, flows: solution.flows, objective: solution.cost,
                          capacityValue: capacityValues(f, solution), dualObjective: solution.dualObjective(in: f.network),
                          iterations: nil, potentials: solution.potentials)
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
        for (j, column) in program.columns.enumerated() {
            let reduced = solution.reducedCosts[j]
            if reduced < 0 { dual += reduced * (column.bounds.upper ?? 0) }
            if reduced > 0 { dual += reduced * (column.bounds.lower ?? 0) }
        }
        return FlowResult(status: .optimal, solver: .glpk, flows: flows, objective: f.network.cost(of: flows),
                          capacityValue: values, dualObjective: Int64(dual.rounded()), iterations: outcome.iterations)
    }

    // MARK: - Ties

    /// Among all optimal flows, one that keeps as many people as possible
    /// where `reference` has them (e.g. the allocation before an estate
    /// change), so that only real consequences of a change show as moves.
    ///
    /// The optimum's potentials mark every arc as one that must stay empty
    /// (positive reduced cost), must stay full (negative) or may carry any
    /// flow (zero); every flow that respects those marks is optimal, by
    /// complementary slackness. A second min-cost flow over the free arcs, with
    /// a reward of 1 for each person on an arc where `reference` has them,
    /// picks the optimal flow that agrees most with the reference.
    /// - Parameters:
    ///   - optimum: an optimal result of `f` (its objective is kept exactly).
    ///   - reference: people per arc of `f` in the reference allocation.
    /// - Returns: an optimal result of `f` with the same objective and duals.
    public static func preferring(_ reference: [Int64], in f: Formulation, optimum: FlowResult) throws(AllocationError) -> FlowResult {
        guard optimum.status == .optimal, f.isPureNetwork else { return optimum }
        var potentials = optimum.potentials
        if potentials == nil { potentials = try solveNetwork(f).potentials }
        guard let pi = potentials else { return optimum }
        let full = f.network
        var stage = FlowNetwork(nodeCount: 0)
        stage.supplies = full.supplies
        var forced = [Int64](repeating: 0, count: full.arcCount)
        var owner: [Int] = []
        for a in 0..<full.arcCount {
            let tail = Int(full.tails[a]), head = Int(full.heads[a])
            let reduced = full.costs[a] + pi[tail] - pi[head]
            let capacity = full.capacities[a]
            if reduced > 0 || capacity == 0 { continue }
            if reduced < 0 {
                forced[a] = capacity
                stage.supplies[tail] -= capacity
                stage.supplies[head] += capacity
                continue
            }
            let keep = min(max(0, a < reference.count ? reference[a] : 0), capacity)
            if keep > 0 {
                stage.addArc(from: tail, to: head, cost: -1, capacity: keep)
                owner.append(a)
            }
            if capacity > keep {
                stage.addArc(from: tail, to: head, cost: 0, capacity: capacity - keep)
                owner.append(a)
            }
        }
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(stage)
        } catch {
            throw .solverFailed(error.description)
        }
        guard outcome.status == .optimal, let solution = outcome.solution else { return optimum }
        var flows = forced
        for (k, a) in owner.enumerated() { flows[a] += solution.flows[k] }
        // Every flow on the optimal face has the same cost; anything else is a bug, so keep the original.
        guard full.cost(of: flows) == optimum.objective, full.violations(of: flows).isEmpty else { return optimum }
        var result = optimum
        result.flows = flows
        return result
    }
}
