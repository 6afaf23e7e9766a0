import CGLPK
import LinearProgramming

/// Why GLPK stopped. Infeasible and unbounded are answers, not errors.
public enum Termination: Sendable, Equatable, CustomStringConvertible {
    /// An optimal basic solution was found (`GLP_OPT`).
    case optimal
    /// The model has no feasible solution (`GLP_NOFEAS`, or presolve's `GLP_ENOPFS` confirmed without presolve).
    case infeasible
    /// The objective is unbounded (`GLP_UNBND`).
    case unbounded
    /// The solver stopped without an answer.
    case failed(Failure)

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case let .failed(failure): return "failed: \(failure)"
        }
    }
}

/// A reason the simplex stopped without an answer, from `glp_simplex`'s return code.
public enum Failure: Sendable, Equatable, CustomStringConvertible {
    /// The iteration limit was reached (`GLP_EITLIM`).
    case iterationLimit
    /// The time limit was reached (`GLP_ETMLIM`).
    case timeLimit
    /// The starting basis is invalid (`GLP_EBADB`).
    case invalidBasis
    /// The basis matrix is singular (`GLP_ESING`).
    case singularBasis
    /// The basis matrix is ill-conditioned (`GLP_ECOND`).
    case illConditioned
    /// A double-bounded variable has incorrect bounds (`GLP_EBOUND`).
    case incorrectBounds
    /// The solver failed for numerical reasons (`GLP_EFAIL`).
    case numerical
    /// Another return code or an undefined final status.
    case other(code: Int32, status: Int32)

    init(code: Int32, status: Int32) {
        switch code {
        case GLP_EITLIM: self = .iterationLimit
        case GLP_ETMLIM: self = .timeLimit
        case GLP_EBADB: self = .invalidBasis
        case GLP_ESING: self = .singularBasis
        case GLP_ECOND: self = .illConditioned
        case GLP_EBOUND: self = .incorrectBounds
        case GLP_EFAIL: self = .numerical
        default: self = .other(code: code, status: status)
        }
    }

    public var description: String {
        switch self {
        case .iterationLimit: return "the iteration limit was reached; raise it or simplify the model"
        case .timeLimit: return "the time limit was reached; raise it or use the network solver"
        case .invalidBasis: return "the starting basis is invalid; solve cold"
        case .singularBasis: return "the basis became singular; solve cold or rescale costs"
        case .illConditioned: return "the basis is ill-conditioned; rescale costs or capacities"
        case .incorrectBounds: return "a variable has incorrect bounds"
        case .numerical: return "GLPK failed for numerical reasons; rescale costs or capacities"
        case let .other(code, status): return "GLPK stopped with code \(code), status \(status)"
        }
    }
}

/// Primal and dual values of a basic solution.
public struct Solution: Sendable, Equatable {
    /// The objective value (`glp_get_obj_val`).
    public var objective: Double
    /// Column values x (`glp_get_col_prim`).
    public var columnValues: [Double]
    /// Row activities A x (`glp_get_row_prim`).
    public var rowActivities: [Double]
    /// Row duals, the shadow prices of the rows (`glp_get_row_dual`). For a
    /// binding `<=` row in a minimisation the dual is <= 0.
    public var rowDuals: [Double]
    /// Reduced costs, the duals of the column bounds (`glp_get_col_dual`).
    public var reducedCosts: [Double]
}

/// What a solve produced.
public struct SolveOutcome: Sendable, Equatable {
    public var termination: Termination
    /// Present when `termination` is `.optimal`.
    public var solution: Solution?
    /// Simplex iterations used (`glp_get_it_cnt`), summed over any fallback.
    public var iterations: Int
    /// True if presolve reported infeasibility and the solve was repeated without it.
    public var repeatedWithoutPresolve: Bool
}

/// An error from the wrapper; GLPK itself never aborts the process.
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model was refused before GLPK saw it.
    case invalidModel(InvalidModel)
    /// An edit named a row or column that does not exist, or a non-finite number.
    case invalidArgument(String)
    /// GLPK raised a fatal error, which the shim caught; the thread's GLPK
    /// environment was freed and rebuilt. This is a bug in our validation.
    case libraryFault
    /// The problem object was freed by an earlier fault on this thread.
    case problemLost
    /// GLPK could not allocate the problem.
    case outOfMemory
    /// A file could not be read (`glp_read_lp`, `glp_read_mps`).
    case unreadable(path: String)

    public var description: String {
        switch self {
        case let .invalidModel(model): return model.description
        case let .invalidArgument(text): return "invalid argument: \(text)"
        case .libraryFault: return "GLPK raised a fatal error (caught; please report this as a bug)"
        case .problemLost: return "the GLPK problem was lost to an earlier fault"
        case .outOfMemory: return "GLPK could not allocate memory for the problem"
        case let .unreadable(path): return "GLPK could not read \(path)"
        }
    }
}

/// What GLPK's branch-and-cut found (``Problem/solveInteger(warmStart:timeLimitSeconds:messages:)``).
public struct MIPOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        /// The incumbent is proven optimal (GLPK's `glp_mip_status` is `GLP_OPT`; relative gap 0).
        case optimal
        /// No integer solution exists.
        case infeasible
        /// The time limit stopped the search; the incumbent, if any, is not proven optimal.
        case timeLimit
        case failed(Failure)
    }

    public var termination: Termination
    /// The incumbent's objective, if there is one.
    public var objective: Double?
    /// The incumbent, one value per column.
    public var columnValues: [Double]?
    /// Nodes of the branch-and-bound tree (including the root).
    public var nodes: Int
    /// The relative gap between the incumbent and the best bound when the
    /// search stopped (0 when proven optimal).
    public var gap: Double
}
