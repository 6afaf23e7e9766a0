/// Where the time of a solve with non-associations went (``CoupledSolver``),
/// in seconds, read from the clock the caller passes to
/// ``AllocationSolver/solve(_:with:start:workspace:clock:)``. Without a clock
/// every figure is 0, so that results stay the same run to run.
public struct CoupledSeconds: Sendable, Equatable {
    /// The network relaxation (no pair constraints): the lower bound.
    public var relaxation = 0.0
    /// Laying the rows the relaxation breaks into the network, and its solves (``LaidPairs``).
    public var laying = 0.0
    /// Finding the plan that keeps every apart pair apart: the upper bound (network re-solves).
    public var upperBound = 0.0
    /// The Lagrangian bound on the pair rows (network solves with multipliers; 0 when the first bounds met).
    public var lagrangian = 0.0
    /// Reduced-cost fixing, building the restricted MIP, and checking its answer.
    public var fixing = 0.0
    /// Loading the restricted MIP into GLPK and its branch-and-cut (0 when the bounds met, or too many arcs were left).
    public var mip = 0.0

    public init() {}
}

/// Where the time of a solve with a moves limit went (``MovesLimitSolver``), in seconds, read from the
/// clock as for ``CoupledSeconds`` (every figure 0 without one).
public struct MovesLimitSeconds: Sendable, Equatable {
    /// The search for the price per transfer: the network solves to the breakpoint, and the walk along the face.
    public var price = 0.0
    /// Reduced-cost fixing, building the restricted MIPs, and checking their answers.
    public var fixing = 0.0
    /// Loading the restricted MIPs into GLPK and its branch-and-cut (0 when the breakpoint plan proved itself).
    public var mip = 0.0

    public init() {}
}
