import LinearProgramming

/// The final spanning tree of a ``WarmNetworkSimplex`` solve, which can start
/// a later solve of a network with the same nodes and arcs.
///
/// The basis records, for every arc, whether it is in the tree or at its
/// lower or upper bound, and for every node the arc that joins it to its
/// parent in the tree (or that it hangs from the artificial root). It does
/// not record flows, costs, capacities or supplies: a later solve recomputes
/// the tree flows from its own data and repairs whatever no longer fits.
public struct SpanningTreeBasis: Sendable {
    /// The arc tails and heads of the network the basis belongs to, kept to
    /// recognise a network with the same structure (usually by sharing the
    /// arrays' storage, so that the check is cheap).
    let tails: [Int32]
    let heads: [Int32]
    /// Per arc, in network order: -1 at the upper bound, 0 in the tree,
    /// 1 at the lower bound.
    let arcStates: [Int8]
    /// Per node: the network arc to its parent, or -1 if it hangs from the root.
    let parentArcs: [Int32]

    /// The number of nodes of the network the basis belongs to.
    public var nodeCount: Int { parentArcs.count }
    /// The number of arcs of the network the basis belongs to.
    public var arcCount: Int { arcStates.count }
    /// How many pivots the solve that produced this basis made, a measure of
    /// how much work a warm start saved.
    public let pivotCount: Int
    /// How many nodes hang directly from the artificial root rather than on
    /// a network arc.
    public var rootedNodeCount: Int { parentArcs.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// Whether the basis can start a solve of `network`: the same number of
    /// nodes and the same arcs, tail and head, in the same order.
    public func fits(_ network: FlowNetwork) -> Bool {
        network.nodeCount == nodeCount && network.tails == tails && network.heads == heads
    }
}

/// A primal network simplex in Swift that solves the same problem as
/// ``NetworkSimplex`` and can also start from a previous basis or a given flow.
///
/// The algorithm follows LEMON 1.3.1's `NetworkSimplex`: an artificial root
/// joined to every node, a strongly feasible spanning tree kept in thread
/// order, block-search pricing with blocks of about the square root of the
/// arc count, and Cunningham's leaving-arc rule. Artificial arcs into the
/// root cost nothing and arcs out of it cost a big-M larger than any path
/// cost, so infeasibility shows as flow left on an artificial arc.
public enum WarmNetworkSimplex {
    /// Where a solve starts.
    public enum Start: Sendable {
        /// LEMON's start: every node on its own artificial arc to the root.
        case artificial
        /// The basis of an earlier solve of a network with the same nodes
        /// and arcs, whose costs, capacities and supplies may differ. Tree
        /// arcs whose new flow breaks a bound are set to that bound and their
        /// subtrees re-hung from the root, which carries the imbalance. A
        /// basis that does not fit the network is ignored (cold start).
        case basis(SpanningTreeBasis)
        /// A flow, one value per arc, ideally feasible (such as the current
        /// placement of every person). Values outside their bounds are
        /// clamped, and any imbalance travels on artificial arcs until the
        /// simplex removes it.
        case flow([Int64])
    }

    /// The sum of |cost| over arcs with positive capacity above which the
    /// big-M would not leave headroom in 64-bit potentials; such networks go
    /// to ``NetworkSimplex`` instead.
    static let pathCostLimit: Int64 = 1 << 59

    /// Solves the minimum-cost flow problem `network`.
    ///
    /// - Parameters:
    ///   - network: nodes, supplies and arcs; supplies must sum to zero.
    ///   - start: where the simplex starts (LEMON's artificial basis by default).
    /// - Returns: the status and, when optimal, flows and potentials in the
    ///   form ``NetworkSimplex/solve(_:)`` gives them (the same optimal cost;
    ///   where the optimum is not unique, the flows or potentials may be
    ///   another optimal choice); and the final basis, for a later warm start
    ///   (also after an infeasible solve), or nil in the rare case (absurdly
    ///   large costs) that the solve was handed to ``NetworkSimplex``.
    /// - Throws: ``NetworkFlowError/invalidNetwork(_:)`` with the same reasons
    ///   as ``NetworkSimplex/solve(_:)``, or if a start flow does not have
    ///   one value per arc.
    public static func solve(
        _ network: FlowNetwork,
        start: Start = .artificial
    ) throws(NetworkFlowError) -> (outcome: FlowOutcome, basis: SpanningTreeBasis?) {
        try solve(network, start: start, inspect: nil)
    }

    /// A solve by *partial pricing*: ``solve(_:start:deferring:)``'s answer.
    public struct PricedSolve: Sendable {
        /// The status and, when optimal, flows and potentials, as ``solve(_:start:)`` gives them.
        public var outcome: FlowOutcome
        /// The final basis, or nil if the solve was handed to ``NetworkSimplex``.
        public var basis: SpanningTreeBasis?
        /// Simplex runs: one, plus one for every time deferred arcs were admitted.
        public var rounds: Int
        /// Arcs deferred at the start.
        public var deferredAtStart: Int
        /// Deferred arcs that never priced negative, and so were never scanned by the simplex.
        public var neverAdmitted: Int
    }

    /// Solves `network` by partial pricing: the simplex first prices only the
    /// arcs not marked in `deferred`; whenever it stops, every deferred arc
    /// whose reduced cost at the current potentials is negative joins the
    /// priced set and the simplex goes on from the same tree. When no deferred
    /// arc prices negative, the potentials are dual feasible on every arc, so
    /// the flow is optimal for the whole network (or, with flow left on an
    /// artificial arc, the whole network is infeasible).
    ///
    /// Deferring arcs that an optimum is unlikely to use (say, all but the few
    /// cheapest ways out of each supply node) saves the pricing most of its
    /// work; the answer does not depend on which arcs are deferred.
    /// - Parameters:
    ///   - network: nodes, supplies and arcs; supplies must sum to zero.
    ///   - start: where the simplex starts. Arcs that the start puts in the
    ///     tree, at their upper bound or (for a flow) carrying flow are never
    ///     deferred.
    ///   - deferred: per arc, whether it waits outside the priced set; nil or
    ///     all false gives ``solve(_:start:)``.
    ///   - workspace: storage kept from earlier solves of a loop, to use
    ///     instead of allocating; the answer is the same without it.
    /// - Throws: as ``solve(_:start:)``, and if `deferred` does not have one value per arc.
    public static func solve(
        _ network: FlowNetwork,
        start: Start = .artificial,
        deferring deferred: [Bool]?,
        workspace: SimplexWorkspace? = nil
    ) throws(NetworkFlowError) -> PricedSolve {
        if let deferred, deferred.count != network.arcCount {
            throw .invalidNetwork("the deferred-arc mask has length \(deferred.count), not the arc count \(network.arcCount)")
        }
        return try run(network, start: start, deferred: deferred, workspace: workspace, inspect: nil)
    }

    /// Stages at which tests may inspect the engine.
    enum Stage {
        /// After LEMON's artificial start (chosen, or fallen back to).
        case startedCold
        /// After a warm start from a basis or a flow.
        case startedWarm
        /// After the last pivot.
        case optimised
    }

    /// ``solve(_:start:)``, calling `inspect` at each ``Stage``.
    static func solve(
        _ network: FlowNetwork,
        start: Start,
        inspect: ((Stage, SimplexEngine) -> Void)?
    ) throws(NetworkFlowError) -> (outcome: FlowOutcome, basis: SpanningTreeBasis?) {
        let solved = try run(network, start: start, deferred: nil, workspace: nil, inspect: inspect)
        return (solved.outcome, solved.basis)
    }

    static func run(
        _ network: FlowNetwork,
        start: Start,
        deferred requested: [Bool]?,
        workspace: SimplexWorkspace?,
        inspect: ((Stage, SimplexEngine) -> Void)?
    ) throws(NetworkFlowError) -> PricedSolve {
        try NetworkSimplex.validate(network)
        try validateMagnitudes(network)
        if case let .flow(values) = start, values.count != network.arcCount {
            throw .invalidNetwork("the start flow has \(values.count) values for \(network.arcCount) arcs")
        }
        guard let artificialCost = artificialCost(for: network) else {
            return PricedSolve(outcome: try NetworkSimplex.solve(network), basis: nil, rounds: 1,
                               deferredAtStart: 0, neverAdmitted: 0)
        }
        // Only arcs the start leaves empty and out of the tree may wait.
        var deferred = requested
        if deferred != nil {
            switch start {
            case .artificial:
                break
            case let .basis(basis):
                if basis.fits(network) {
                    for a in 0..<network.arcCount where basis.arcStates[a] != ArcState.lower { deferred![a] = false }
                }
            case let .flow(values):
                for a in 0..<network.arcCount where values[a] != 0 { deferred![a] = false }
            }
        }

        // The engine's arrays belong to the workspace's storage, or to one
        // that lives (and frees them) for this solve only.
        if let workspace {
            return optimise(network, start: start, deferred: deferred, artificialCost: artificialCost,
                            storage: &workspace.storage, inspect: inspect)
        }
        var storage = SimplexStorage()
        return optimise(network, start: start, deferred: deferred, artificialCost: artificialCost,
                        storage: &storage, inspect: inspect)
    }

    /// The simplex proper, for ``run(_:start:deferred:workspace:inspect:)``: an
    /// engine on arrays from `storage`, started as `start` asks and pivoted to
    /// the optimum, admitting deferred arcs until none prices negative.
    private static func optimise(
        _ network: FlowNetwork,
        start: Start,
        deferred: [Bool]?,
        artificialCost: Int64,
        storage: inout SimplexStorage,
        inspect: ((Stage, SimplexEngine) -> Void)?
    ) -> PricedSolve {
        var engine = SimplexEngine(network: network, artificialCost: artificialCost, deferred: deferred, storage: &storage)
        let deferredAtStart = engine.positiveArcCount - engine.searchArcCount
        let warm: Bool
        switch start {
        case .artificial:
            warm = false
        case let .basis(basis):
            warm = basis.fits(network) && engine.startFromBasis(basis)
        case let .flow(values):
            warm = engine.startFromFlow(values)
        }
        if !warm { engine.startArtificial() }
        inspect?(warm ? .startedWarm : .startedCold, engine)
        var rounds = 1
        var feasible = engine.optimise()
        while engine.admitDeferredArcs() > 0 {
            rounds += 1
            feasible = engine.optimise()
        }
        inspect?(.optimised, engine)
        let basis = engine.basis(of: network)
        let neverAdmitted = engine.positiveArcCount - engine.searchArcCount
        guard feasible else {
            return PricedSolve(outcome: FlowOutcome(status: .infeasible, solution: nil), basis: basis, rounds: rounds,
                               deferredAtStart: deferredAtStart, neverAdmitted: neverAdmitted)
        }
        return PricedSolve(outcome: FlowOutcome(status: .optimal, solution: engine.solution(of: network)), basis: basis,
                           rounds: rounds, deferredAtStart: deferredAtStart, neverAdmitted: neverAdmitted)
    }

    /// The checks LEMON's C shim makes after ``NetworkSimplex/validate(_:)``,
    /// with the same messages, so that both solvers refuse the same networks.
    static func validateMagnitudes(_ network: FlowNetwork) throws(NetworkFlowError) {
        let limit: Int64 = 1 << 40
        for supply in network.supplies where supply > limit || supply < -limit {
            throw .invalidNetwork("a node supply is too large")
        }
        var bound: UInt64 = 0
        for a in 0..<network.arcCount {
            let capacity = network.capacities[a], cost = network.costs[a]
            if capacity > limit {
                throw .invalidNetwork("an arc capacity is negative or too large")
            }
            if cost > limit || cost < -limit {
                throw .invalidNetwork("an arc cost is too large")
            }
        }
        // The objective must stay well inside Int64: sum(|cost| * capacity) < 2^62.
        for a in 0..<network.arcCount {
            let (product, overflow) = network.costs[a].magnitude
                .multipliedReportingOverflow(by: UInt64(network.capacities[a]))
            bound += overflow ? 1 << 62 : min(product, 1 << 62)
            if bound >= 1 << 62 {
                throw .invalidNetwork("costs times capacities could overflow 64-bit arithmetic")
            }
        }
    }

    /// A big-M above the cost of any simple path of arcs that can carry flow
    /// (so that an optimum with flow on an artificial arc proves the network
    /// infeasible), or nil if it or the supplies would crowd 64-bit
    /// arithmetic. With it every potential, measured from the root, stays
    /// below 2^61 in magnitude.
    static func artificialCost(for network: FlowNetwork) -> Int64? {
        var pathBound: Int64 = 0
        var largest: Int64 = 0
        for a in 0..<network.arcCount where network.capacities[a] > 0 {
            let magnitude = abs(network.costs[a])
            largest = max(largest, magnitude)
            pathBound += magnitude
            if pathBound > pathCostLimit { return nil }
        }
        var totalSupply: Int64 = 0
        for supply in network.supplies where supply > 0 {
            totalSupply += supply
            if totalSupply > SimplexEngine.artificialFlowLimit { return nil }
        }
        let (perNode, overflow) = largest.multipliedReportingOverflow(by: Int64(max(network.nodeCount - 1, 0)))
        return (overflow ? pathBound : min(pathBound, perNode)) + 1
    }
}

extension SimplexEngine {
    /// The flows, potentials and cost, in network order. Potentials are
    /// shifted as LEMON shifts them, so that the largest is at most zero.
    func solution(of network: FlowNetwork) -> FlowSolution {
        var flows = [Int64](repeating: 0, count: arcCount)
        var total: Int64 = 0
        for e in 0..<arcCount {
            flows[Int(originalArc[e])] = flow[e]
            total += flow[e] * cost[e]
        }
        var potentials = [Int64](repeating: 0, count: nodeCount)
        var highest = Int64.min
        for u in 0..<nodeCount {
            potentials[u] = potential[u] &- potential[root]
            highest = max(highest, potentials[u])
        }
        if highest > 0 {
            for u in 0..<nodeCount { potentials[u] -= highest }
        }
        return FlowSolution(flows: flows, potentials: potentials, cost: total)
    }

    /// The current tree as a basis for a later solve of a network like `network`.
    func basis(of network: FlowNetwork) -> SpanningTreeBasis {
        var states = [Int8](repeating: ArcState.lower, count: arcCount)
        for e in 0..<arcCount { states[Int(originalArc[e])] = state[e] }
        var parentArcs = [Int32](repeating: -1, count: nodeCount)
        for u in 0..<nodeCount {
            let e = Int(pred[u])
            if e < arcCount { parentArcs[u] = originalArc[e] }
        }
        return SpanningTreeBasis(
            tails: network.tails, heads: network.heads,
            arcStates: states, parentArcs: parentArcs, pivotCount: pivotCount)
    }
}

extension SpanningTreeBasis {
    /// This basis carried over to `network`, a network with other nodes and
    /// arcs that corresponds in part to the one the basis belongs to (say, the
    /// same allocation a week later, with people gone and new ones arrived).
    ///
    /// Each arc keeps the state of the arc it corresponds to (new arcs start
    /// at their lower bound), and each node keeps its parent arc where that
    /// arc and the parent node both carry over; other nodes hang from the
    /// root. A start from the result repairs what no longer fits, as after
    /// capacity or supply changes (``WarmNetworkSimplex/Start/basis(_:)``).
    /// - Parameters:
    ///   - network: the new network.
    ///   - nodeMap: per node of `network`, the node of the old network it
    ///     corresponds to, or -1. No two nodes may name the same old node.
    ///   - arcMap: per arc of `network`, the arc of the old network it
    ///     corresponds to, or -1. No two arcs may name the same old arc.
    /// - Returns: a basis of `network`, or nil if the maps do not have one
    ///   entry per node and arc of `network` or name nodes or arcs the basis does not have.
    public func transferred(to network: FlowNetwork, nodeMap: [Int32], arcMap: [Int32]) -> SpanningTreeBasis? {
        guard nodeMap.count == network.nodeCount, arcMap.count == network.arcCount else { return nil }
        var newArcOf = [Int32](repeating: -1, count: arcCount)
        var states = [Int8](repeating: ArcState.lower, count: network.arcCount)
        for (a, old) in arcMap.enumerated() where old >= 0 {
            guard Int(old) < arcCount, newArcOf[Int(old)] < 0 else { return nil }
            newArcOf[Int(old)] = Int32(a)
            // Tree arcs become tree arcs again only below, as some node's parent arc.
            if arcStates[Int(old)] == ArcState.upper { states[a] = ArcState.upper }
        }
        var parents = [Int32](repeating: -1, count: network.nodeCount)
        for (u, old) in nodeMap.enumerated() where old >= 0 {
            guard Int(old) < nodeCount else { return nil }
            let oldArc = Int(parentArcs[Int(old)])
            guard oldArc >= 0 else { continue }
            let a = Int(newArcOf[oldArc])
            guard a >= 0, states[a] != ArcState.tree else { continue }
            // The arc must join u to the node that corresponds to the old parent.
            let tail = Int(network.tails[a]), head = Int(network.heads[a])
            let oldTail = Int(tails[oldArc]), oldHead = Int(heads[oldArc])
            let other: Int, oldOther: Int
            if tail == u && oldTail == Int(old) {
                other = head
                oldOther = oldHead
            } else if head == u && oldHead == Int(old) {
                other = tail
                oldOther = oldTail
            } else {
                continue
            }
            guard other != u, Int(nodeMap[other]) == oldOther else { continue }
            parents[u] = Int32(a)
            states[a] = ArcState.tree
        }
        return SpanningTreeBasis(tails: network.tails, heads: network.heads, arcStates: states, parentArcs: parents,
                                 pivotCount: 0)
    }
}
