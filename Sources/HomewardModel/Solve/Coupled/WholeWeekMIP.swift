import HomewardDomain
import LinearProgramming

/// Non-associations together with side rows (a moves limit, or places
/// limited at a capped prison): the whole week as one MIP on GLPK's
/// branch-and-cut (``Formulation/mixedIntegerProgram(integers:name:)``, every
/// column integer, since with a side row the rest is no longer a network).
///
/// The relaxation, repair and reduced-cost fixing of ``CoupledSolver`` rest
/// on the network simplex, which a side row breaks; GLPK takes the week
/// whole instead. A week from a population management unit's extract is
/// small enough: the demo's 3,000 people with a moves limit of 500 is a MIP of
/// about 156,000 columns, which GLPK proves optimal at its root in about 5 s.
/// A national week (1.75 million columns) is refused with the reason, before
/// anything is built.
enum WholeWeekMIP {
    /// The most columns handed to GLPK.
    static let largestMIP = 400_000
    /// A limit on the branch-and-cut, so that a run always ends; a search it stops is reported as not proven.
    static let timeLimitSeconds = 600.0

    static func solve(_ f: Formulation, pairs: Pairs, clock now: () -> Double) throws(AllocationError) -> SolveReport {
        let started = now()
        guard f.network.arcCount <= largestMIP else {
            throw .inconsistent("non-associations with a moves limit (or with places limited at a prison with an arrivals cap) "
                + "are solved as one MIP on GLPK, of at most \(Format.grouped(largestMIP)) columns; this week has "
                + "\(Format.grouped(f.network.arcCount)) arcs. Run it without moves_limit, or on the movers list of an extract")
        }
        let program = f.mixedIntegerProgram(integers: .all, name: "homeward_week")
        let (outcome, notProven) = try FixedArcsMIP.branchAndCut(program, warmStart: nil, timeLimitSeconds: timeLimitSeconds,
                                                                 problem: "the week as one MIP", mayBeInfeasible: true)
        if outcome.termination == .infeasible {
            throw .noFeasibleFlow("the week with its non-associations and side constraints")
        }
        guard let values = outcome.columnValues else {
            throw .solver(SolverFailure(solver: .glpk, reason: .stopped("GLPK's branch-and-cut found no plan before its time limit")))
        }
        let whole = values.map { $0.rounded() }
        let flows = (0..<f.network.arcCount).map { Int64(whole[$0]) }
        guard f.network.violations(of: flows).isEmpty, pairs.sharing(flows, .apart).isEmpty,
              FixedArcsMIP.keepsEveryRow(program, whole) else {
            throw .inconsistent("GLPK's branch-and-cut returned a plan that breaks the network, a side row or a non-association")
        }
        var stats = CoupledStatistics()
        stats.apartPairs = pairs.apart.count
        stats.costedPairs = pairs.costed.count
        stats.leftToEstablishment = pairs.leftToEstablishment.count
        stats.conflictsInRelaxation = 0
        stats.wholeMIP = true
        stats.mipStages = 1
        stats.mipColumns = program.columns.count
        stats.mipRows = program.rows.count
        stats.nodes = outcome.nodes
        stats.sharingCost = pairs.sharingCost(flows)
        stats.pairsSharing = pairs.sharing(flows, .costed).count
        let objective = f.network.cost(of: flows)
        stats.objective = objective + stats.sharingCost
        stats.upperBound = stats.objective
        stats.proven = notProven == nil
        stats.notProven = notProven
        stats.gap = outcome.gap
        // GLPK's bound, from its relative gap (|incumbent − bound| / |incumbent|); the plan's cost when proven.
        let bound = stats.proven ? stats.objective : Int64((Double(stats.objective) * (1 - outcome.gap)).rounded(.down))
        (stats.lowerBound, stats.lagrangianBound, stats.integerBound) = (bound, bound, bound)
        stats.seconds.mip = now() - started
        var statistics = SolveStatistics(solver: .glpk, iterations: nil)
        statistics.coupled = stats
        // A MIP's duals do not price capacity, so no shadow prices and no dual objective are claimed.
        let solution = OptimalFlow(flows: flows, objective: objective, capacityValue: [Double?](repeating: nil, count: f.cost.estate.count),
                                   dualObjective: nil)
        return SolveReport(termination: .optimal, solution: solution, statistics: statistics)
    }
}
