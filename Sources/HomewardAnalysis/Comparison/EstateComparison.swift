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
        let formulation = Formulation(estate: after.estate, geography: geography, population: population, policy: policy,
                                      distances: after.distances)
        let report = try AllocationSolver.solve(formulation, with: solver)
        let optimum = try report.optimal("the changed estate")
        // Where each person was, in the changed estate's numbering.
        let preferred: [Int?] = first.plan.placements.map { placement in
            placement.destination.flatMap { after.estate.index(of: before.estate.establishments[$0].code) }
        }
        let reference = formulation.referenceFlows(destinations: preferred)
        let chosen = try AllocationSolver.preferring(reference, in: formulation, optimum: optimum)
        self.before = first
        self.after = Allocation(formulation: formulation, solution: chosen, statistics: report.statistics, preferred: preferred)
    }
}
