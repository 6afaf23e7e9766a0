// A warm start of ``SimplexEngine`` from a given, feasible or nearly feasible
// flow, such as the current placement of every person.

extension SimplexEngine {
    /// Starts from `given` (one value per network arc, in network order).
    ///
    /// Values are clamped to their bounds; what the clamped flow leaves
    /// unbalanced at a node travels on that node's artificial arc. Arcs
    /// strictly between their bounds become tree arcs as far as they form a
    /// forest; each component hangs from the root on one artificial arc
    /// (at its unbalanced node, if it has one). Nodes on no free arc hang,
    /// where possible, on an arc at a bound that keeps the tree strongly
    /// feasible and gives them the best potential. Free arcs that would
    /// close a cycle are then pivoted in (in the direction that does not
    /// raise the cost) until they reach a bound or join the tree. The flow
    /// of the resulting basis is the clamped flow plus the artificial flows,
    /// improved by those pivots. Returns false if the imbalances are too
    /// large for a warm start; the caller then starts cold.
    mutating func startFromFlow(_ given: [Int64]) -> Bool {
        guard let (excess, freeArcs) = clampFlow(given) else { return false }
        var reached = [Bool](repeating: false, count: nodeCount + 1)
        let (forest, cycleClosing, hung) = hangForest(of: freeArcs, excess: excess, reached: &reached)
        if hung.count < nodeCount { hangOnBoundedArcs(below: hung, reached: &reached) }
        for e in forest { state[Int(e)] = ArcState.tree }
        guard rebuildTree() else { return false }

        // Pivot in the free arcs that closed cycles.
        for e in cycleClosing {
            inArc = Int(e)
            state[inArc] = reducedCost(inArc) > 0 ? ArcState.upper : ArcState.lower
            pivot()
        }
        nextArc = 0
        return true
    }

    /// Sets every arc's flow to its value in `given`, clamped to its bounds,
    /// and its state to the bound it is at (`lower` if at neither). Returns
    /// what the clamped flow leaves unbalanced at each node and the arcs
    /// strictly between their bounds, or nil if the imbalances are too large
    /// for a warm start.
    private mutating func clampFlow(_ given: [Int64]) -> (excess: [Int64], freeArcs: [Int32])? {
        let n = nodeCount, m = arcCount
        var excess = [Int64](repeating: 0, count: n)
        for u in 0..<n { excess[u] = supply[u] }
        var freeArcs: [Int32] = []
        var overflow = false
        given.withUnsafeBufferPointer { values in
            for e in 0..<m {
                let cap = capacity[e]
                let f = min(max(values[Int(originalArc[e])], 0), cap)
                flow[e] = f
                let tail = Int(source[e]), head = Int(target[e])
                let (out, o1) = excess[tail].subtractingReportingOverflow(f)
                excess[tail] = out
                let (into, o2) = excess[head].addingReportingOverflow(f)
                excess[head] = into
                overflow = overflow || o1 || o2
                if f == 0 {
                    state[e] = ArcState.lower
                } else if f == cap {
                    state[e] = ArcState.upper
                } else {
                    state[e] = ArcState.lower
                    freeArcs.append(Int32(e))
                }
            }
        }
        guard !overflow else { return nil }
        var artificialTotal: Int64 = 0
        for u in 0..<n {
            guard Self.withinLimit(excess[u]) else { return nil }
            artificialTotal += abs(excess[u])
            guard artificialTotal <= Self.artificialFlowLimit else { return nil }
        }
        return (excess, freeArcs)
    }

    /// Takes a spanning forest of the free arcs, with every unbalanced node
    /// already joined to the root through its artificial arc, and hangs it
    /// from the root breadth first: first every unbalanced node with its
    /// component, then every other component of two or more nodes, from one
    /// of its nodes on an empty artificial arc. Returns the forest's arcs
    /// (not yet marked as tree arcs), the free arcs that would close a cycle,
    /// and the nodes hung, in the order hung.
    private mutating func hangForest(
        of freeArcs: [Int32], excess: [Int64], reached: inout [Bool]
    ) -> (forest: [Int32], cycleClosing: [Int32], hung: [Int32]) {
        let n = nodeCount
        var components = UnionFind(count: n + 1)
        for u in 0..<n where excess[u] != 0 { components.union(u, root) }
        var forest: [Int32] = []
        var cycleClosing: [Int32] = []
        for e in freeArcs {
            if components.union(Int(source[Int(e)]), Int(target[Int(e)])) {
                forest.append(e)
            } else {
                cycleClosing.append(e)
            }
        }

        let forestAdjacency = Incidence(nodeCount: n, arcs: forest, source: source, target: target)
        var queue: [Int32] = []
        queue.reserveCapacity(n + 1)
        reached[root] = true
        potential[root] = 0
        parent[root] = -1
        for u in 0..<n { clearArtificialArc(of: u) }
        for u in 0..<n where excess[u] != 0 {
            reached[u] = true
            hangFromRoot(u, carrying: excess[u])
            spread(from: u, along: forestAdjacency, into: &queue, reached: &reached)
        }
        for u in 0..<n where !reached[u] && !forestAdjacency.range(of: u).isEmpty {
            reached[u] = true
            hangFromRoot(u, carrying: 0)
            spread(from: u, along: forestAdjacency, into: &queue, reached: &reached)
        }
        return (forest, cycleClosing, queue)
    }

    /// Hangs the nodes not yet reached (balanced, on no free arc) on arcs at
    /// a bound, in rounds outward from `hung`, each on the arc that gives it
    /// the highest potential (so that every arc it could have hung on, among
    /// those seen, prices out), keeping the tree strongly feasible: an empty
    /// arc must point towards the root, a full one away from it. Whatever is
    /// left hangs from the root on an empty artificial arc. (Anchoring every
    /// component and hanging only single nodes this way needed fewer pivots,
    /// in tests on allocation networks, than hanging whole components on arcs.)
    private mutating func hangOnBoundedArcs(below hung: [Int32], reached: inout [Bool]) {
        let n = nodeCount
        var bounded: [Int32] = []
        for e in 0..<searchArcCount where flow[e] == 0 || flow[e] == capacity[e] {
            bounded.append(Int32(e))
        }
        let boundedAdjacency = Incidence(nodeCount: n, arcs: bounded, source: source, target: target)
        bounded = []
        var bestArc = [Int32](repeating: -1, count: n)
        var bestPotential = [Int64](repeating: 0, count: n)
        var frontier = hung
        var candidates: [Int32] = []
        while !frontier.isEmpty {
            candidates.removeAll(keepingCapacity: true)
            for w32 in frontier {
                let w = Int(w32)
                for i in boundedAdjacency.range(of: w) {
                    let e = Int(boundedAdjacency.arcs[i])
                    let tail = Int(source[e]), head = Int(target[e])
                    let u: Int, value: Int64
                    if head == w && flow[e] == 0 {
                        // u -> w empty: u hangs below w on an upward arc.
                        u = tail
                        value = potential[w] - cost[e]
                    } else if tail == w && flow[e] == capacity[e] {
                        // w -> u full: u hangs below w on a downward arc.
                        u = head
                        value = potential[w] + cost[e]
                    } else {
                        continue
                    }
                    guard !reached[u] else { continue }
                    if bestArc[u] < 0 {
                        candidates.append(Int32(u))
                    } else if value <= bestPotential[u] {
                        continue
                    }
                    bestArc[u] = Int32(e)
                    bestPotential[u] = value
                }
            }
            for u32 in candidates {
                let u = Int(u32)
                let e = Int(bestArc[u])
                hang(u, from: Int(source[e]) == u ? Int(target[e]) : Int(source[e]), on: e)
                state[e] = ArcState.tree
                reached[u] = true
            }
            swap(&frontier, &candidates)
        }
        for u in 0..<n where !reached[u] {
            hangFromRoot(u, carrying: 0)
        }
    }

    /// Hangs the forest component of `start` (already hung itself) below
    /// it, breadth first, appending its nodes to `queue`.
    private mutating func spread(
        from start: Int, along forest: Incidence, into queue: inout [Int32], reached: inout [Bool]
    ) {
        var head = queue.count
        queue.append(Int32(start))
        while head < queue.count {
            let w = Int(queue[head])
            head += 1
            for i in forest.range(of: w) {
                let e = Int(forest.arcs[i])
                let u = Int(source[e]) == w ? Int(target[e]) : Int(source[e])
                guard !reached[u] else { continue }
                hang(u, from: w, on: e)
                reached[u] = true
                queue.append(Int32(u))
            }
        }
    }

    /// Hangs `u` from the root on its artificial arc, carrying `excess`.
    @inline(__always)
    private mutating func hangFromRoot(_ u: Int, carrying excess: Int64) {
        parent[u] = Int32(root)
        pred[u] = Int32(arcCount + u)
        setArtificialArc(of: u, carrying: excess)
        potential[u] = predDirection[u] == TreeDirection.up ? 0 : artificialCost
    }

    /// Hangs `u` below `w` on arc `e` (which joins them), setting its
    /// potential so that `e` has zero reduced cost.
    @inline(__always)
    private mutating func hang(_ u: Int, from w: Int, on e: Int) {
        parent[u] = Int32(w)
        pred[u] = Int32(e)
        if Int(source[e]) == u {
            predDirection[u] = TreeDirection.up
            potential[u] = potential[w] - cost[e]
        } else {
            predDirection[u] = TreeDirection.down
            potential[u] = potential[w] + cost[e]
        }
    }
}

/// Disjoint sets over `0..<count`, with path halving and union by size.
struct UnionFind {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        size = [Int32](repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            let grand = parent[Int(parent[x])]
            parent[x] = grand
            x = Int(grand)
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns false if they were one set.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var x = find(a), y = find(b)
        guard x != y else { return false }
        if size[x] < size[y] { swap(&x, &y) }
        parent[y] = Int32(x)
        size[x] += size[y]
        return true
    }
}

/// The arcs of a list incident to each node (both ends), in compressed rows.
struct Incidence {
    let start: [Int32]
    let arcs: [Int32]

    init(nodeCount: Int, arcs list: [Int32], source: UnsafeMutablePointer<Int32>, target: UnsafeMutablePointer<Int32>) {
        var start = [Int32](repeating: 0, count: nodeCount + 2)
        for e in list {
            start[Int(source[Int(e)]) + 1] += 1
            start[Int(target[Int(e)]) + 1] += 1
        }
        for v in 0...nodeCount { start[v + 1] += start[v] }
        var fill = start
        var arcs = [Int32](repeating: 0, count: list.count * 2)
        for e in list {
            let tail = Int(source[Int(e)]), head = Int(target[Int(e)])
            arcs[Int(fill[tail])] = e
            fill[tail] += 1
            arcs[Int(fill[head])] = e
            fill[head] += 1
        }
        self.start = start
        self.arcs = arcs
    }

    func range(of node: Int) -> Range<Int> {
        Int(start[node])..<Int(start[node + 1])
    }
}
