import HomewardDomain
import HomewardInput

/// Builds, solves and reads back one allocation.
public struct Allocation: Sendable {
    public let formulation: Formulation
    public let result: FlowResult
    public let plan: Plan

    /// Allocates an instance's people in its (changed) estate under its policy.
    /// - Parameter solver: the backend; nil picks the network solver for a pure network and GLPK when side constraints exist.
    /// - Throws: ``AllocationError`` if the solver fails.
    public init(_ instance: ProblemInstance, solver: SolverKind? = nil) throws(AllocationError) {
        try self.init(estate: instance.estate, geography: instance.geography, population: instance.population,
                      policy: instance.policy, distances: instance.distances, solver: solver)
    }

    /// Allocates `population` in `estate` under `policy`.
    /// - Parameters:
    ///   - solver: the backend; nil picks the network solver for a pure
    ///     network and GLPK when side constraints exist.
    /// - Throws: ``AllocationError`` if the solver fails; an infeasible flow
    ///   cannot arise, since everyone has an unplaced arc.
    public init(estate: Estate, geography: Geography, population: Population, policy: Policy,
                distances: DistanceTable, solver: SolverKind? = nil) throws(AllocationError) {
        let formulation = Formulation(estate: estate, geography: geography, population: population,
                                      policy: policy, distances: distances)
        let kind = solver ?? (formulation.isPureNetwork ? .network : .glpk)
        let result = try AllocationSolver.solve(formulation, with: kind)
        guard result.status == .optimal else {
            throw .solverFailed("no feasible flow, although every person has an unplaced arc")
        }
        self.formulation = formulation
        self.result = result
        plan = Plan(formulation: formulation, result: result)
    }

    /// Reads back a solved formulation.
    /// - Parameter preferred: per person, an estate index to keep them at where the flows allow (see ``Plan``).
    public init(formulation: Formulation, result: FlowResult, preferred: [Int?]? = nil) {
        self.formulation = formulation
        self.result = result
        plan = Plan(formulation: formulation, result: result, preferred: preferred)
    }
}
