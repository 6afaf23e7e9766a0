import HomewardDomain
import HomewardInput
import HomewardModel

/// Two optimal allocations of the same people under the same policy: the
/// estate as it is and as changed. Where the changed estate has several
/// equally good allocations, the one that keeps the most people where the
/// first allocation has them is chosen, so that every difference between the
/// two is a consequence of the change.
public struct EstateComparison: Sendable {
    public let before: Allocation
    public let after: Allocation

    /// Allocates the estate as it is and as the instance's scenario changes it.
    /// - Throws: ``AllocationError``.
    public init(_ instance: ProblemInstance, solver: SolverKind? = nil) throws(AllocationError) {
        try self.init(before: (instance.baseEstate, instance.asIs.distances), after: (instance.estate, instance.distances),
                      geography: instance.geography, population: instance.population, policy: instance.policy, solver: solver)
    }

    /// Allocates both estates.
    /// - Parameters:
    ///   - before: the estate as it is, with its distance table.
    ///   - after: the estate as changed, with its distance table.
    ///   - solver: the backend (nil: network, or GLPK with side constraints).
    /// - Throws: ``AllocationError``.
    public init(before: (estate: Estate, distances: DistanceTable), after: (estate: Estate, distances: DistanceTable),
                geography: Geography, population: Population, policy: Policy, solver: SolverKind? = nil) throws(AllocationError) {
        let first = try Allocation(estate: before.estate, geography: geography, population: population, policy: policy,
                                   distances: before.distances, solver: solver)
        try self.init(first: first, beforeEstate: before.estate, start: nil, after: after, geography: geography, population: population, policy: policy,
                      solver: solver)
    }

    /// Allocates the changed estate against an allocation of the estate as it is kept from before (the web
    /// workspace keeps one per base scenario).
    ///
    /// Started from the kept basis (`fromBasis`, the default) or cold, the result is byte for byte what
    /// ``init(_:solver:)`` gives: the solves may end at different optima of the changed estate, but the
    /// tie-break chooses among all of them from the optimal face alone (``AllocationSolver/preferring(_:in:optimum:)``).
    /// - Throws: ``AllocationError``.
    public init(base: Base, after: (estate: Estate, distances: DistanceTable), geography: Geography, population: Population,
                policy: Policy, solver: SolverKind? = nil, fromBasis: Bool = true) throws(AllocationError) {
        try self.init(first: base.allocation, beforeEstate: base.estate, start: fromBasis ? base.warmStart : nil, after: after,
                      geography: geography, population: population, policy: policy, solver: solver)
    }

    private init(first: Allocation, beforeEstate: Estate, start: WarmStart?, after: (estate: Estate, distances: DistanceTable), geography: Geography,
                 population: Population, policy: Policy, solver: SolverKind?) throws(AllocationError) {
        // The same people under the same policy have the first allocation's profiles.
        let same = first.formulation.population == population && first.formulation.cost.policy == policy
            && first.formulation.cost.geography == geography
        let formulation = Formulation(estate: after.estate, geography: geography, population: population, policy: policy,
                                      distances: after.distances, profiling: same ? Formulation.Profiling(of: first.formulation) : nil)
        // The solve on this core; on a second, where each person was (in the changed estate's numbering) and
        // those places as flows of the changed estate's network, which the tie-break prefers.
        let (solved, (preferred, reference)) = concurrently({
            let carried = start?.carried(from: first.formulation, to: formulation)
            return Result { () throws(AllocationError) in try AllocationSolver.solve(formulation, with: solver, start: carried) }
        }, {
            let preferred: [Int?] = first.plan.placements.map { placement in
                placement.destination.flatMap { after.estate.index(of: beforeEstate.establishments[$0].code) }
            }
            return (preferred, formulation.referenceFlows(destinations: preferred))
        })
        let report = try solved.get()
        let optimum = try report.optimal("the changed estate")
        let chosen = try AllocationSolver.preferring(reference, in: formulation, optimum: optimum)
        self.before = first
        self.after = Allocation(formulation: formulation, solution: chosen, statistics: report.statistics, preferred: preferred)
    }

    /// The estate as it is, allocated once and kept, with the basis that starts the changed estates' solves.
    public struct Base: Sendable {
        public let allocation: Allocation
        public let warmStart: WarmStart?
        /// The estate as it is.
        public let estate: Estate

        /// Allocates the instance's estate before its changes (``ProblemInstance/baseEstate``).
        /// - Throws: ``AllocationError``.
        public init(_ instance: ProblemInstance, solver: SolverKind? = nil) throws(AllocationError) {
            try self.init(estate: instance.baseEstate, distances: instance.asIs.distances, geography: instance.geography,
                          population: instance.population, policy: instance.policy, solver: solver)
        }

        /// Allocates `estate`, the estate as it is.
        /// - Throws: ``AllocationError``.
        public init(estate: Estate, distances: DistanceTable, geography: Geography, population: Population, policy: Policy,
                    solver: SolverKind? = nil) throws(AllocationError) {
            let formulation = Formulation(estate: estate, geography: geography, population: population, policy: policy,
                                          distances: distances)
            let report = try AllocationSolver.solve(formulation, with: solver)
            allocation = Allocation(formulation: formulation, solution: try report.optimal("the allocation"),
                                    statistics: report.statistics)
            warmStart = report.warmStart
            self.estate = estate
        }
    }
}
