import LinearProgramming

/// A ``WarmNetworkSimplex`` kept between solves of one network whose arc
/// costs change from solve to solve (a price per transfer, Lagrangian
/// multipliers), so that each solve after the first goes on from the last
/// tree without rebuilding anything.
///
/// A solve through ``WarmNetworkSimplex/solve(_:start:deferring:workspace:)``
/// from a kept basis validates the network, copies every arc into the
/// engine's order, rebuilds the tree and writes the basis back out: on a
/// national network about a tenth of a second, even when the new optimum is
/// a few hundred pivots away. Here a change of costs rewrites only the costs
/// and the potentials (the tree and its flows stay primal feasible), and the
/// simplex goes on from there. The answers are the same as a warm solve's:
/// an optimum of the network with the new costs.
///
/// A session uses a ``SimplexWorkspace``'s arrays for as long as it lives:
/// nothing else may use that workspace meanwhile.
public final class RepricingNetworkSimplex {
    /// The network: its structure, and the costs of the last solve.
    public private(set) var network: FlowNetwork
    private let workspace: SimplexWorkspace
    private var engine: SimplexEngine?
    private let deferred: [Bool]?
    /// Whether the last solve found a feasible flow.
    public private(set) var feasible = false
    /// Pivots over every solve of the session.
    public var pivotCount: Int { engine?.pivotCount ?? 0 }

    /// Solves `network` from `start`, as ``WarmNetworkSimplex/solve(_:start:deferring:workspace:)`` does.
    /// Returns nil (having solved nothing) when its costs are too large for the engine's 64-bit
    /// arithmetic; the caller then solves through ``WarmNetworkSimplex``, which hands such networks on.
    /// - Throws: as ``WarmNetworkSimplex/solve(_:start:deferring:workspace:)``.
    public init?(_ network: FlowNetwork, start: WarmNetworkSimplex.Start, deferring deferred: [Bool]?,
                 workspace: SimplexWorkspace? = nil) throws(NetworkFlowError) {
        if let deferred, deferred.count != network.arcCount {
            throw .invalidNetwork("the deferred-arc mask has length \(deferred.count), not the arc count \(network.arcCount)")
        }
        try NetworkSimplex.validate(network)
        try WarmNetworkSimplex.validateMagnitudes(network)
        if case let .flow(values) = start, values.count != network.arcCount {
            throw .invalidNetwork("the start flow has \(values.count) values for \(network.arcCount) arcs")
        }
        guard let artificialCost = WarmNetworkSimplex.artificialCost(for: network) else { return nil }
        self.network = network
        self.workspace = workspace ?? SimplexWorkspace()
        var kept = deferred
        if kept != nil, case let .basis(basis) = start, basis.fits(network) {
            for a in 0..<network.arcCount where basis.arcStates[a] != ArcState.lower { kept![a] = false }
        }
        if kept != nil, case let .flow(values) = start {
            for a in 0..<network.arcCount where values[a] != 0 { kept![a] = false }
        }
        self.deferred = kept
        var engine = SimplexEngine(network: network, artificialCost: artificialCost, deferred: kept,
                                   storage: &self.workspace.storage)
        let warm: Bool
        switch start {
        case .artificial: warm = false
        case let .basis(basis): warm = basis.fits(network) && engine.startFromBasis(basis)
        case let .flow(values): warm = engine.startFromFlow(values)
        }
        if !warm { engine.startArtificial() }
        feasible = Self.optimise(&engine)
        self.engine = engine
    }

    /// Solves again with `costs` (one per arc, in network order), from the last tree.
    /// Returns false, changing nothing, when they are too large for the engine's 64-bit arithmetic.
    /// - Throws: ``NetworkFlowError/invalidNetwork(_:)`` if there is not one cost per arc.
    public func reprice(_ costs: [Int64]) throws(NetworkFlowError) -> Bool {
        guard costs.count == network.arcCount else {
            throw .invalidNetwork("\(costs.count) costs for \(network.arcCount) arcs")
        }
        var priced = network
        priced.costs = costs
        guard (try? WarmNetworkSimplex.validateMagnitudes(priced)) != nil,
              let artificialCost = WarmNetworkSimplex.artificialCost(for: priced), var engine else { return false }
        network = priced
        engine.reprice(costs, artificialCost: artificialCost)
        feasible = Self.optimise(&engine)
        self.engine = engine
        return true
    }

    /// The last solve's flows and potentials, as ``WarmNetworkSimplex`` gives them (nil if it was infeasible).
    public var solution: FlowSolution? {
        guard feasible, let engine else { return nil }
        return engine.solution(of: network)
    }

    /// The last tree, to start a later solve.
    public var basis: SpanningTreeBasis? { engine?.basis(of: network) }

    /// Pivots to the optimum, admitting deferred arcs until none prices negative; whether the flow is feasible.
    private static func optimise(_ engine: inout SimplexEngine) -> Bool {
        var feasible = engine.optimise()
        while engine.admitDeferredArcs() > 0 { feasible = engine.optimise() }
        return feasible
    }
}

extension SimplexEngine {
    /// Takes `costs` (network order) and a big-M for the artificial arcs, and recomputes the potentials down
    /// the tree. The flows and the tree are untouched, so the basis stays primal feasible.
    mutating func reprice(_ costs: [Int64], artificialCost: Int64) {
        self.artificialCost = artificialCost
        costs.withUnsafeBufferPointer { given in
            for e in 0..<arcCount { cost[e] = given[Int(originalArc[e])] }
        }
        for u in 0..<nodeCount where Int(source[arcCount + u]) == root { cost[arcCount + u] = artificialCost }
        potential[root] = 0
        var u = Int(thread[root])
        while u != root {
            let e = Int(pred[u])
            let above = potential[Int(parent[u])]
            potential[u] = predDirection[u] == TreeDirection.up ? above &- cost[e] : above &+ cost[e]
            u = Int(thread[u])
        }
        nextArc = 0
    }
}
