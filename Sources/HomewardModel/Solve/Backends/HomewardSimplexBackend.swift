import HomewardDomain
internal import NetworkFlow

/// Homeward's network simplex, by *partial pricing*, from any ``WarmStart``.
///
/// The simplex first prices every stay, unplaced, capacity and programme
/// arc but only the ``arcsPerProfileInFirstRound`` cheapest placement arcs
/// of each profile; the other placement arcs are deferred. Whenever the
/// simplex stops, every deferred arc whose reduced cost at the current
/// potentials is negative joins the priced set, and the simplex goes on
/// from the same spanning tree (``WarmNetworkSimplex/solve(_:start:deferring:workspace:)``).
/// When no deferred arc prices negative, the flow is optimal for the full
/// network, and its potentials prove it: dual feasible on every arc and
/// complementary to the flow (``OptimalFlow/dualObjective`` equals the cost).
/// Arcs the start uses are never deferred.
struct HomewardSimplexBackend: FlowBackend {
    var kind: SolverKind { .network }

    /// How many of each profile's placement arcs (the cheapest) the first round keeps.
    static let arcsPerProfileInFirstRound = 4

    func solve(_ f: Formulation, start: WarmStart?, workspace: SolverWorkspace?) throws(AllocationError) -> SolveReport {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let solved: WarmNetworkSimplex.PricedSolve
        do {
            solved = try WarmNetworkSimplex.solve(f.network, start: start?.simplexStart ?? .artificial,
                                                  deferring: HomewardSimplexBackend.deferredArcs(f), workspace: workspace?.simplex)
        } catch {
            throw .solver(SolverFailure(error, solver: .network))
        }
        let statistics = SolveStatistics(solver: .network, iterations: solved.basis?.pivotCount ?? 0, pricingRounds: solved.rounds)
        let warm = solved.basis.map { WarmStart(.basis($0)) }
        guard solved.outcome.status == .optimal, let solution = solved.outcome.solution else {
            return SolveReport(termination: .infeasible, solution: nil, statistics: statistics, warmStart: warm)
        }
        return SolveReport(termination: .optimal, solution: OptimalFlow(network: solution, of: f), statistics: statistics,
                           warmStart: warm)
    }

    /// Per arc of `f`, whether partial pricing defers it: every placement arc
    /// of a profile except its ``arcsPerProfileInFirstRound`` cheapest
    /// (ties to the lower arc index).
    static func deferredArcs(_ f: Formulation) -> [Bool] {
        let keep = arcsPerProfileInFirstRound
        let costs = f.network.costs
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
}

/// LEMON's network simplex (C++) on the whole network, from its cold start: the reference network solver.
struct LemonBackend: FlowBackend {
    var kind: SolverKind { .lemon }

    func solve(_ f: Formulation, start: WarmStart?, workspace: SolverWorkspace?) throws(AllocationError) -> SolveReport {
        guard f.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(f.network)
        } catch {
            throw .solver(SolverFailure(error, solver: .lemon))
        }
        let statistics = SolveStatistics(solver: .lemon)
        guard outcome.status == .optimal, let solution = outcome.solution else {
            return SolveReport(termination: .infeasible, solution: nil, statistics: statistics)
        }
        return SolveReport(termination: .optimal, solution: OptimalFlow(network: solution, of: f), statistics: statistics)
    }
}

extension OptimalFlow {
    /// A network solver's optimum: its flows and cost, the capacity shadow prices and dual objective from its
    /// potentials, and the potentials themselves.
    init(network solution: FlowSolution, of f: Formulation) {
        self.init(flows: solution.flows, objective: solution.cost,
                  capacityValue: f.capacityValues { arc in Double(max(0, -solution.reducedCost(of: arc, in: f.network))) / 100 },
                  dualObjective: solution.dualObjective(in: f.network), potentials: solution.potentials)
    }
}

extension SolverFailure {
    /// A network solver's error, kept typed.
    init(_ error: NetworkFlowError, solver: SolverKind) {
        switch error {
        case let .invalidNetwork(reason): self.init(solver: solver, reason: .invalidModel("invalid network: \(reason)"))
        case let .solverFailure(reason): self.init(solver: solver, reason: .stopped("network solver failure: \(reason)"))
        }
    }
}
