// Initial spanning trees for ``SimplexEngine``: LEMON's artificial start with
// its heuristic initial pivots, a start from a previous basis (repaired after
// capacity or supply changes) and a start from a given flow.

extension SimplexEngine {
    /// The most total flow the artificial arcs may carry at a warm start;
    /// beyond it the warm start is dropped for a cold one, whose artificial
    /// flows are bounded by the supplies.
    static let artificialFlowLimit: Int64 = 1 << 61

    // MARK: - Cold start

    /// LEMON's initial basis: every node hangs from the root on its own
    /// artificial arc (cost 0 towards the root for supply nodes, big-M from
    /// the root for demand nodes), followed by LEMON's heuristic pivots.
    mutating func startArtificial() {
        let n = nodeCount, m = arcCount
        for a in 0..<m {
            flow[a] = 0
            state[a] = ArcState.lower
        }
        parent[root] = -1
        pred[root] = -1
        thread[root] = 0
        reverseThread[0] = Int32(root)
        successorCount[root] = Int32(n + 1)
        lastSuccessor[root] = Int32(root - 1)
        potential[root] = 0
        predDirection[root] = 0
        for u in 0..<n {
            let e = m + u
            parent[u] = Int32(root)
            pred[u] = Int32(e)
            thread[u] = Int32(u + 1)
            reverseThread[u + 1] = Int32(u)
            successorCount[u] = 1
            lastSuccessor[u] = Int32(u)
            setArtificialArc(of: u, carrying: supply[u])
            potential[u] = predDirection[u] == TreeDirection.up ? 0 : artificialCost
        }
        nextArc = 0
        pivotCount = 0
        initialPivots()
    }

    /// Makes the artificial arc of `u` a tree arc from `u` to the root
    /// carrying `excess` if it is non-negative, else from the root to `u`
    /// carrying `-excess` at the big-M cost.
    @inline(__always)
    mutating func setArtificialArc(of u: Int, carrying excess: Int64) {
        let e = arcCount + u
        capacity[e] = Self.unbounded
        state[e] = ArcState.tree
        if excess >= 0 {
            predDirection[u] = TreeDirection.up
            source[e] = Int32(u)
            target[e] = Int32(root)
            flow[e] = excess
            cost[e] = 0
        } else {
            predDirection[u] = TreeDirection.down
            source[e] = Int32(root)
            target[e] = Int32(u)
            flow[e] = -excess
            cost[e] = artificialCost
        }
    }

    /// Marks the artificial arc of `u` as an empty non-tree arc.
    @inline(__always)
    mutating func clearArtificialArc(of u: Int) {
        let e = arcCount + u
        capacity[e] = Self.unbounded
        state[e] = ArcState.lower
        source[e] = Int32(u)
        target[e] = Int32(root)
        flow[e] = 0
        cost[e] = 0
    }

    /// LEMON's heuristic initial pivots for a balanced problem: for a single
    /// source and sink, the arcs of a reverse search from the sink through
    /// arcs wide enough for the whole supply; otherwise the cheapest arc into
    /// each demand node.
    mutating func initialPivots() {
        let n = nodeCount
        var total: Int64 = 0
        var supplyNodes = 0, demandNodes = 0
        var onlySupply = -1, onlyDemand = -1
        for u in 0..<n {
            if supply[u] > 0 {
                total += supply[u]
                supplyNodes += 1
                onlySupply = u
            } else if supply[u] < 0 {
                demandNodes += 1
                onlyDemand = u
            }
        }
        guard total > 0 else { return }

        var candidates: [Int32] = []
        if supplyNodes == 1 && demandNodes == 1 {
            // Reverse depth-first search from the sink to the source.
            var start = [Int32](repeating: 0, count: n + 1)
            for e in 0..<searchArcCount { start[Int(target[e]) + 1] += 1 }
            for v in 0..<n { start[v + 1] += start[v] }
            var fill = start
            var incoming = [Int32](repeating: 0, count: searchArcCount)
            for e in 0..<searchArcCount {
                let v = Int(target[e])
                incoming[Int(fill[v])] = Int32(e)
                fill[v] += 1
            }
            var reached = [Bool](repeating: false, count: n)
            var stack = [onlyDemand]
            reached[onlyDemand] = true
            while let v = stack.popLast() {
                if v == onlySupply { break }
                for i in Int(start[v])..<Int(start[v + 1]) {
                    let e = Int(incoming[i])
                    let u = Int(source[e])
                    if reached[u] || capacity[e] < total { continue }
                    candidates.append(Int32(e))
                    reached[u] = true
                    stack.append(u)
                }
            }
        } else {
            // The cheapest priceable arc into each demand node.
            var cheapest = [Int32](repeating: -1, count: n)
            for e in stride(from: searchArcCount - 1, through: 0, by: -1) {
                let v = Int(target[e])
                guard supply[v] < 0 else { continue }
                let best = Int(cheapest[v])
                if best < 0 || cost[e] < cost[best] { cheapest[v] = Int32(e) }
            }
            for v in stride(from: n - 1, through: 0, by: -1) where cheapest[v] >= 0 {
                candidates.append(cheapest[v])
            }
        }
        for e in candidates {
            inArc = Int(e)
            guard Int64(state[inArc]) * reducedCost(inArc) < 0 else { continue }
            pivot()
        }
    }

    // MARK: - Tree bookkeeping

    /// Rebuilds thread, reverse thread, successor counts and last successors
    /// from `parent`, and the potentials from the tree arcs. Returns false,
    /// changing nothing else, if `parent` does not describe a tree spanning
    /// every node from the root.
    mutating func rebuildTree() -> Bool {
        let nodeSlots = nodeCount + 1
        var childStart = [Int32](repeating: 0, count: nodeSlots + 1)
        for u in 0..<nodeCount {
            let p = Int(parent[u])
            guard p >= 0 && p < nodeSlots && p != u else { return false }
            childStart[p + 1] += 1
        }
        for v in 0..<nodeSlots { childStart[v + 1] += childStart[v] }
        var fill = childStart
        var children = [Int32](repeating: 0, count: max(nodeCount, 1))
        for u in 0..<nodeCount {
            let p = Int(parent[u])
            children[Int(fill[p])] = Int32(u)
            fill[p] += 1
        }
        // Preorder by an explicit stack; each subtree comes out contiguous.
        var order = [Int32]()
        order.reserveCapacity(nodeSlots)
        var stack: [Int32] = [Int32(root)]
        while let u = stack.popLast() {
            order.append(u)
            let v = Int(u)
            for i in Int(childStart[v])..<Int(childStart[v + 1]) { stack.append(children[i]) }
        }
        guard order.count == nodeSlots else { return false }

        parent[root] = -1
        pred[root] = -1
        predDirection[root] = 0
        var position = [Int32](repeating: 0, count: nodeSlots)
        for (i, u) in order.enumerated() {
            position[Int(u)] = Int32(i)
            thread[Int(u)] = order[(i + 1) % nodeSlots]
            reverseThread[Int(order[(i + 1) % nodeSlots])] = u
            successorCount[Int(u)] = 1
        }
        for i in stride(from: nodeSlots - 1, through: 1, by: -1) {
            let u = Int(order[i])
            successorCount[Int(parent[u])] += successorCount[u]
        }
        for u in order {
            let v = Int(u)
            lastSuccessor[v] = order[Int(position[v]) + Int(successorCount[v]) - 1]
        }
        potential[root] = 0
        for i in 1..<nodeSlots {
            let u = Int(order[i])
            let e = Int(pred[u])
            let above = potential[Int(parent[u])]
            potential[u] = predDirection[u] == TreeDirection.up ? above - cost[e] : above + cost[e]
        }
        nextArc = 0
        return true
    }

    /// The tree nodes in preorder (the root first), following the thread.
    func preorder() -> [Int32] {
        var order = [Int32]()
        order.reserveCapacity(nodeCount + 1)
        var u = root
        repeat {
            order.append(Int32(u))
            u = Int(thread[u])
        } while u != root
        return order
    }

    /// Whether `value` fits the warm-start flow limit in magnitude.
    @inline(__always)
    static func withinLimit(_ value: Int64) -> Bool {
        value <= artificialFlowLimit && value >= -artificialFlowLimit
    }

    // MARK: - Warm start from a basis

    /// Starts from `basis`, a basis of a network with the same arcs. Arcs
    /// out of the tree keep their bound (at the new capacity); tree flows
    /// follow from the new supplies. A tree arc whose flow would break a
    /// bound, or would leave the tree not strongly feasible, is set to the
    /// bound and its subtree re-hung from the root on an artificial arc that
    /// carries the imbalance, as LEMON's initial basis does for every node.
    /// Returns false, with the engine in an unspecified state, if the basis
    /// is not a spanning tree of this network or the imbalances are too
    /// large; the caller then starts cold.
    mutating func startFromBasis(_ basis: SpanningTreeBasis) -> Bool {
        hangOnBasis(basis) && settleTreeFlows() && rebuildTree()
    }

    /// Sets the arc states and the tree of `basis`, with every arc out of the
    /// tree at its bound and every tree arc empty. Returns false if the basis
    /// is not a spanning tree of this network.
    private mutating func hangOnBasis(_ basis: SpanningTreeBasis) -> Bool {
        let n = nodeCount, m = arcCount
        var treeArcs = 0
        for e in 0..<m {
            let given = basis.arcStates[Int(originalArc[e])]
            if given == ArcState.tree && capacity[e] > 0 {
                state[e] = ArcState.tree
                flow[e] = 0
                treeArcs += 1
            } else if given == ArcState.upper {
                state[e] = ArcState.upper
                flow[e] = capacity[e]
            } else {
                state[e] = ArcState.lower
                flow[e] = 0
            }
        }
        var hungOnArcs = 0
        for u in 0..<n {
            clearArtificialArc(of: u)
            let given = Int(basis.parentArcs[u])
            let e = given >= 0 && given < m ? Int(internalArc[given]) : -1
            if e >= 0 && state[e] == ArcState.tree {
                let tail = Int(source[e]), head = Int(target[e])
                guard tail != head, tail == u || head == u else { return false }
                parent[u] = Int32(tail == u ? head : tail)
                pred[u] = Int32(e)
                predDirection[u] = tail == u ? TreeDirection.up : TreeDirection.down
                hungOnArcs += 1
            } else {
                parent[u] = Int32(root)
                pred[u] = Int32(m + u)
                predDirection[u] = TreeDirection.up
            }
        }
        // Every tree arc must join exactly one node to its parent.
        return hungOnArcs == treeArcs && rebuildTree()
    }

    /// Gives the tree arcs the flows the supplies and the non-tree flows call
    /// for, children before parents; an arc whose flow would break a bound,
    /// or leave the tree not strongly feasible, is set to that bound and its
    /// node re-hung from the root, on an artificial arc carrying the rest.
    /// Returns false if the imbalances are too large for a warm start. The
    /// thread is then out of date for the nodes re-hung.
    private mutating func settleTreeFlows() -> Bool {
        let n = nodeCount, m = arcCount
        // Excess each node must pass up the tree, given the non-tree flows.
        var excess = [Int64](repeating: 0, count: n + 1)
        for u in 0..<n { excess[u] = supply[u] }
        for e in 0..<m where state[e] == ArcState.upper {
            let f = flow[e], tail = Int(source[e]), head = Int(target[e])
            guard tail != head else { continue }
            let (out, o1) = excess[tail].subtractingReportingOverflow(f)
            let (into, o2) = excess[head].addingReportingOverflow(f)
            guard !o1, !o2, Self.withinLimit(out), Self.withinLimit(into) else { return false }
            excess[tail] = out
            excess[head] = into
        }
        // Children before parents: settle each tree arc, cutting bad ones.
        var artificialTotal: Int64 = 0
        let order = preorder()
        for i in stride(from: order.count - 1, through: 1, by: -1) {
            let u = Int(order[i])
            var net = excess[u]
            let e = Int(pred[u])
            let p = Int(parent[u])
            if e < m {
                let up = predDirection[u] == TreeDirection.up
                let f = up ? net : -net
                let cap = capacity[e]
                let fits = (f > 0 && f < cap) || (f == 0 && up) || (f == cap && !up)
                if fits {
                    flow[e] = f
                    let (sum, overflow) = excess[p].addingReportingOverflow(net)
                    guard !overflow, Self.withinLimit(sum) else { return false }
                    excess[p] = sum
                    continue
                }
                // Fix the arc at the bound it breaks and re-hang u from the root.
                let bound: Int64 = f <= 0 ? 0 : cap
                flow[e] = bound
                state[e] = bound == 0 ? ArcState.lower : ArcState.upper
                let (sum, overflow) = up
                    ? excess[p].addingReportingOverflow(bound)
                    : excess[p].subtractingReportingOverflow(bound)
                guard !overflow, Self.withinLimit(sum) else { return false }
                excess[p] = sum
                net = up ? net - bound : net + bound
                parent[u] = Int32(root)
                pred[u] = Int32(m + u)
            }
            setArtificialArc(of: u, carrying: net)
            artificialTotal += abs(net)
            guard artificialTotal <= Self.artificialFlowLimit else { return false }
        }
        return true
    }
}
