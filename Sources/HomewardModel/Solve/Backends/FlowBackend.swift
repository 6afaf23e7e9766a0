import HomewardDomain

/// A solver of a ``Formulation``: Homeward's network simplex, LEMON's, or GLPK's
/// simplex on the LP. Each backend translates the formulation into its own
/// terms and its answer back into a ``SolveReport``; nothing of the solver's
/// own types leaves HomewardModel.
///
/// A new backend is one type conforming to this protocol and one case of
/// ``SolverKind`` mapped to it in ``AllocationSolver/backend(_:)``.
public protocol FlowBackend: Sendable {
    /// Which solver this is.
    var kind: SolverKind { get }
    /// Solves `formulation`.
    /// - Parameters:
    ///   - start: where to start, if the backend can warm-start (others ignore it).
    ///   - workspace: storage kept between the solves of a loop, if the backend can use it.
    /// - Returns: the termination, the optimal flow if found, statistics and a warm start for a related solve.
    /// - Throws: ``AllocationError`` if the backend cannot take the model or fails.
    func solve(_ formulation: Formulation, start: WarmStart?, workspace: SolverWorkspace?) throws(AllocationError) -> SolveReport
}

/// Solves formulations with the chosen backend: the one door to the solvers.
public enum AllocationSolver {
    /// The backend of `kind`.
    public static func backend(_ kind: SolverKind) -> any FlowBackend {
        switch kind {
        case .network: return HomewardSimplexBackend()
        case .lemon: return LemonBackend()
        case .glpk: return GLPKBackend()
        }
    }

    /// Solves `formulation`.
    /// - Parameters:
    ///   - kind: the backend; nil chooses one for the formulation (``SolverKind/choose(_:for:)``).
    ///   - start: a warm start for backends that take one.
    ///   - workspace: storage kept between the solves of a loop (one per thread).
    ///   - clock: seconds since a fixed origin, for the phase timings of a solve with non-associations or a moves limit (nil: none).
    /// - Throws: ``AllocationError``.
    public static func solve(_ formulation: Formulation, with kind: SolverKind? = nil, start: WarmStart? = nil,
                             workspace: SolverWorkspace? = nil,
                             clock: (@Sendable () -> Double)? = nil) throws(AllocationError) -> SolveReport {
        if formulation.hasCountedNonAssociations {
            return try CoupledSolver.solve(formulation, relaxation: kind, start: start, workspace: workspace, clock: clock)
        }
        let chosen = SolverKind.choose(kind, for: formulation)
        if formulation.hasOnlyMovesLimit && chosen != .glpk {
            return try MovesLimitSolver.solve(formulation, start: start, workspace: workspace, clock: clock)
        }
        return try backend(chosen).solve(formulation, start: start, workspace: workspace)
    }
}

extension Formulation {
    /// Points saved by one more operational place at each establishment, from the dual of its costliest
    /// capacity arc that has places (an extra place is added at the top): the capacity shadow prices. `value`
    /// turns an arc's reduced cost into points, as each backend reads its own duals.
    func capacityValues(_ value: (_ arc: Int) -> Double) -> [Double?] {
        capacityArcs.map { arcs -> Double? in
            guard let arcs else { return nil }
            let top = Tranche.allCases.filter { network.capacities[arcs[$0]] > 0 }.max { cost(of: $0) < cost(of: $1) }
            return top.map { value(arcs[$0]) }
        }
    }
}
