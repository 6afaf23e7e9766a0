import HomewardDomain
internal import NetworkFlow

/// Where a solve of Homeward's network simplex starts: a spanning-tree basis
/// from an earlier solve, or a flow such as the current placements. Opaque:
/// the simplex's basis stays inside HomewardModel. Other backends start cold
/// and ignore it.
public struct WarmStart: Sendable {
    enum Origin: Sendable {
        case basis(SpanningTreeBasis)
        case flow([Int64])
    }

    let origin: Origin
    /// The price per transfer (p/q centipoints) at which a moves limit's solve ended (``MovesLimitSolver``):
    /// where the next week's price search starts.
    let movesPrice: (p: Int64, q: Int64)?

    init(_ origin: Origin, movesPrice: (p: Int64, q: Int64)? = nil) {
        self.origin = origin
        self.movesPrice = movesPrice
    }

    /// A start from everyone staying where they are (``Formulation/stayFlows()``).
    public static func currentPlacements(of formulation: Formulation) -> WarmStart {
        WarmStart(.flow(formulation.stayFlows()))
    }

    /// Whether this start is an earlier solve's basis (rather than a flow).
    public var isBasis: Bool {
        if case .basis = origin { return true }
        return false
    }

    /// This basis, from a solve of `old`, carried over to `new` (another week's or a re-role's formulation),
    /// node for node and arc for arc where they correspond (``Formulation/correspondence(from:)``).
    /// - Returns: nil if this start is not a basis or does not carry over.
    public func carried(from old: Formulation, to new: Formulation) -> WarmStart? {
        guard case let .basis(basis) = origin else { return nil }
        let map = new.correspondence(from: old)
        return basis.transferred(to: new.network, nodeMap: map.nodes, arcMap: map.arcs).map { WarmStart(.basis($0), movesPrice: movesPrice) }
    }

    /// The spanning-tree basis, if this start is one.
    var basis: SpanningTreeBasis? {
        if case let .basis(basis) = origin { return basis }
        return nil
    }

    var simplexStart: WarmNetworkSimplex.Start {
        switch origin {
        case let .basis(basis): return .basis(basis)
        case let .flow(flows): return .flow(flows)
        }
    }
}

/// Storage that a loop of solves (a sweep's thread, a simulation) keeps from one solve to the next, so that the
/// network simplex does not allocate and fault in its arrays (about 60 MB nationally) each time. One per thread.
public final class SolverWorkspace: @unchecked Sendable {
    let simplex = SimplexWorkspace()

    public init() {}
}
