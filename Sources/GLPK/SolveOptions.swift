import CGLPK

/// How to run GLPK's simplex method (`glp_simplex`).
public struct SolveOptions: Sendable, Equatable {
    /// Which simplex variant runs (`glp_smcp.meth`).
    public enum Method: Sendable, Equatable {
        /// Primal simplex (`GLP_PRIMAL`): the choice after cost changes, where the basis stays primal feasible.
        case primal
        /// Dual simplex (`GLP_DUAL`): the choice after bound changes, and from the all-slack basis when costs are >= 0.
        case dual
        /// Dual simplex, falling back to primal if it fails (`GLP_DUALP`).
        case dualThenPrimal

        var code: Int32 {
            switch self {
            case .primal: return GLP_PRIMAL
            case .dual: return GLP_DUAL
            case .dualThenPrimal: return GLP_DUALP
            }
        }
    }

    /// Where the simplex starts when presolve is off.
    public enum Start: Sendable, Equatable {
        /// The all-slack basis (`glp_std_basis`). Dual feasible whenever every cost is >= 0.
        case standardBasis
        /// GLPK's triangular crash basis (`glp_adv_basis`), glpsol's default. Slow on allocation models.
        case advancedBasis
        /// The basis left by the previous solve: a warm start.
        case current
    }

    /// How much GLPK prints (to our logger, never to stdout).
    public enum Messages: Sendable, Equatable {
        case off, errors, normal, all

        var code: Int32 {
            switch self {
            case .off: return GLP_MSG_OFF
            case .errors: return GLP_MSG_ERR
            case .normal: return GLP_MSG_ON
            case .all: return GLP_MSG_ALL
            }
        }
    }

    public var method: Method
    /// Presolve (`GLP_ON`) ignores any stored basis and starts cold.
    public var presolve: Bool
    public var start: Start
    /// At most this many simplex iterations (`it_lim`), or no limit.
    public var iterationLimit: Int?
    /// At most this many seconds (`tm_lim`), or no limit.
    public var timeLimitSeconds: Double?
    public var messages: Messages

    public init(
        method: Method = .dual,
        presolve: Bool = true,
        start: Start = .standardBasis,
        iterationLimit: Int? = nil,
        timeLimitSeconds: Double? = nil,
        messages: Messages = .off
    ) {
        self.method = method
        self.presolve = presolve
        self.start = start
        self.iterationLimit = iterationLimit
        self.timeLimitSeconds = timeLimitSeconds
        self.messages = messages
    }

    /// A cold solve: presolve on, dual simplex. If presolve reports the model
    /// infeasible, the solve is repeated without presolve so that the status is exact.
    public static let cold = SolveOptions()

    /// A cold solve from the all-slack basis with the dual simplex and presolve
    /// off: on allocation models (all costs >= 0) that basis is dual feasible,
    /// which made GLPK about 140 times faster than its default start (research/solvers.md).
    public static let coldFromSlackBasis = SolveOptions(method: .dual, presolve: false, start: .standardBasis)

    /// A warm re-solve from the previous basis; use `.primal` after cost
    /// changes and `.dual` after bound changes.
    public static func warm(_ method: Method) -> SolveOptions {
        SolveOptions(method: method, presolve: false, start: .current)
    }
}
