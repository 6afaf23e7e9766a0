import HomewardDomain
import HomewardInput

/// Builds, solves and reads back one allocation.
public struct Allocation: Sendable {
    public let formulation: Formulation
    /// The optimal flow (an allocation exists only once one is found).
    public let solution: OptimalFlow
    /// Which solver found it, and with how much work.
    public let statistics: SolveStatistics
    public let plan: Plan

    /// Allocates an instance's people in its (changed) estate under its policy.
    /// - Parameter solver: the backend; nil chooses one (``SolverKind/choose(_:for:)``).
    /// - Throws: ``AllocationError`` if the solver fails.
    public init(_ instance: ProblemInstance, solver: SolverKind? = nil) throws(AllocationError) {
        try self.init(Formulation(instance), solver: solver)
    }

    /// Allocates `population` in `estate` under `policy`.
    /// - Parameter solver: the backend; nil chooses one (``SolverKind/choose(_:for:)``).
    /// - Throws: ``AllocationError`` if the solver fails; an infeasible flow
    ///   cannot arise, since everyone has an unplaced arc.
    public init(estate: Estate, geography: Geography, population: Population, policy: Policy,
                distances: DistanceTable, solver: SolverKind? = nil) throws(AllocationError) {
        try self.init(Formulation(estate: estate, geography: geography, population: population, policy: policy,
                                  distances: distances), solver: solver)
    }

    /// Solves `formulation` and reads the plan back.
    /// - Throws: ``AllocationError`` if the solver fails.
    public init(_ formulation: Formulation, solver: SolverKind? = nil) throws(AllocationError) {
        let report = try AllocationSolver.solve(formulation, with: solver)
        self.init(formulation: formulation, solution: try report.optimal("the allocation"), statistics: report.statistics)
    }

    /// Reads back a solved formulation.
    /// - Parameter preferred: per person, an estate index to keep them at where the flows allow (see ``Plan``).
    public init(formulation: Formulation, solution: OptimalFlow, statistics: SolveStatistics, preferred: [Int?]? = nil) {
        self.formulation = formulation
        self.solution = solution
        self.statistics = statistics
        plan = Plan(formulation: formulation, flows: solution.flows, preferred: preferred)
    }
}
