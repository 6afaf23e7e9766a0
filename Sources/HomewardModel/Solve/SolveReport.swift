import HomewardDomain
import HomewardInput

/// Which solver runs the allocation.
public enum SolverKind: String, Sendable, CaseIterable {
    /// Homeward's own network simplex (a Swift port of LEMON's algorithm),
    /// started from the current placement and able to re-start from a
    /// previous basis: the default for a pure network.
    case network
    /// LEMON's network simplex (C++), started cold: the reference network solver.
    case lemon
    /// GLPK's simplex on the node-arc LP: needed when side constraints other than the moves limit exist.
    case glpk

    /// The solver to use for `formulation`: `requested` if given, else the network
    /// solver for a pure network or one whose only side constraint is the moves
    /// limit (priced exactly, ``MovesLimitSolver``), and GLPK when other side
    /// constraints exist. The one place where Homeward chooses a solver.
    public static func choose(_ requested: SolverKind?, for formulation: Formulation) -> SolverKind {
        requested ?? (formulation.isPureNetwork || formulation.hasOnlyMovesLimit ? .network : .glpk)
    }
}

/// Why a solve stopped (as MathOptInterface's termination status: separate from what it found).
public enum Termination: Sendable, Equatable {
    /// An optimal flow was found and proven.
    case optimal
    /// No feasible flow exists. Cannot happen while every group has an unplaced arc.
    case infeasible
}

/// An optimal flow of a ``Formulation``, with the duals that prove it and price capacity.
public struct OptimalFlow: Sendable, Equatable {
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
    /// Node potentials proving optimality (network solvers only), in centipoints.
    public var potentials: [Int64]?

    public init(flows: [Int64], objective: Int64, capacityValue: [Double?], dualObjective: Int64?, potentials: [Int64]? = nil) {
        self.flows = flows
        self.objective = objective
        self.capacityValue = capacityValue
        self.dualObjective = dualObjective
        self.potentials = potentials
    }

    /// Equal flows, objective, capacity values and dual objective (potentials may differ between solvers).
    public static func == (lhs: OptimalFlow, rhs: OptimalFlow) -> Bool {
        lhs.flows == rhs.flows && lhs.objective == rhs.objective && lhs.capacityValue == rhs.capacityValue
            && lhs.dualObjective == rhs.dualObjective
    }
}

/// How a solve went: which solver, and how much work it did.
public struct SolveStatistics: Sendable, Equatable {
    public var solver: SolverKind
    /// Simplex iterations (GLPK) or pivots (Homeward's network simplex); nil where the solver does not count them.
    public var iterations: Int?
    /// Restricted network solves before no left-out arc priced negative (Homeward's network simplex only).
    public var pricingRounds: Int?
    /// How non-associations were solved, where the population has any the policy counts.
    public var coupled: CoupledStatistics?
    /// How a moves limit was solved (``MovesLimitSolver``), where the policy sets one.
    public var movesLimit: MovesLimitStatistics?

    public init(solver: SolverKind, iterations: Int? = nil, pricingRounds: Int? = nil) {
        self.solver = solver
        self.iterations = iterations
        self.pricingRounds = pricingRounds
    }
}

/// What a backend reports: why it stopped, the solution if there is one, its
/// statistics, and a start for a related solve if it can give one.
public struct SolveReport: Sendable {
    public var termination: Termination
    /// Present when `termination` is `.optimal`.
    public var solution: OptimalFlow?
    public var statistics: SolveStatistics
    /// Where a solve of a related formulation (same arcs, or carried over) can start; Homeward's network simplex only.
    public var warmStart: WarmStart?

    public init(termination: Termination, solution: OptimalFlow?, statistics: SolveStatistics, warmStart: WarmStart? = nil) {
        self.termination = termination
        self.solution = solution
        self.statistics = statistics
        self.warmStart = warmStart
    }

    /// The optimal flow.
    /// - Parameter context: what was being solved, for the error (e.g. "week 3").
    /// - Throws: ``AllocationError/noFeasibleFlow(_:)`` if the solve found none.
    public func optimal(_ context: @autoclosure () -> String) throws(AllocationError) -> OptimalFlow {
        guard termination == .optimal, let solution else { throw .noFeasibleFlow(context()) }
        return solution
    }
}

/// Why the allocation could not be solved.
public enum AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The network solver cannot take side constraints.
    case sideConstraintsNeedGLPK
    /// GLPK's LP optimum is fractional (possible only with side constraints).
    case fractional(objective: Double)
    /// The solve found no feasible flow (which cannot happen while every person has an unplaced arc).
    case noFeasibleFlow(String)
    /// A solver refused the model or failed: the backend's own error, translated but not flattened.
    case solver(SolverFailure)
    /// Two solves that must agree did not (a bug, reported rather than hidden).
    case inconsistent(String)
    /// A sweep's scenario could not be applied to the estate.
    case changeRefused(scenario: String, InputErrors)

    public var description: String {
        switch self {
        case .sideConstraintsNeedGLPK:
            return "a moves limit is a side constraint that the network solver cannot take; use --solver glpk"
        case let .fractional(objective):
            return "the LP optimum (\(Format.points(Int64(objective.rounded())))) splits people between placements; "
                + "loosen the moves limit or remove it"
        case let .noFeasibleFlow(context):
            return "the solver failed: \(context): no feasible flow, although every person has an unplaced arc"
        case let .solver(failure): return "the solver failed: \(failure)"
        case let .inconsistent(reason): return "the solver failed: \(reason)"
        case let .changeRefused(scenario, errors): return "the solver failed: scenario \(scenario): \(errors)"
        }
    }
}

/// A solver's failure, in Homeward's terms: which solver, and why.
public struct SolverFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The solver refused the model before solving (a bug in the formulation if it ever happens).
        case invalidModel(String)
        /// The solver stopped without an answer (an iteration or time limit, numerical trouble, a caught fault).
        case stopped(String)
        /// The LP is unbounded, which a bounded allocation cannot be.
        case unbounded
        /// The solver could not get memory.
        case outOfMemory
    }

    public var solver: SolverKind
    public var reason: Reason

    public init(solver: SolverKind, reason: Reason) {
        self.solver = solver
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case let .invalidModel(text): return "\(solver.rawValue): \(text)"
        case let .stopped(text): return "\(solver.rawValue): \(text)"
        case .unbounded: return "\(solver.rawValue): the LP is unbounded, which a bounded allocation cannot be"
        case .outOfMemory: return "\(solver.rawValue): out of memory"
        }
    }
}
