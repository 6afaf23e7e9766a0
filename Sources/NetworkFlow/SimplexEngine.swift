import LinearProgramming

// The pivoting core of ``WarmNetworkSimplex``: a Swift port of the ideas in
// LEMON 1.3.1's NetworkSimplex (network_simplex.h, Boost Software Licence,
// (C) 2003-2013 Egerváry Research Group on Combinatorial Optimization):
// an artificial root node, a strongly feasible spanning tree stored as
// parent / pred / thread / reverse-thread / successor-count / last-successor
// arrays, block-search pricing and the same tree update procedures.
//
// All arrays live in manually allocated buffers, owned by a ``SimplexStorage``,
// so that the pivot loop runs without bounds checks, exclusivity checks or
// allocation.

/// Arc states, as in LEMON: the sign tells in which direction a non-tree arc
/// may move (`lower` can increase, `upper` can decrease).
enum ArcState {
    static let upper: Int8 = -1
    static let tree: Int8 = 0
    static let lower: Int8 = 1
}

/// Direction of a tree arc relative to its child node: `up` when the arc
/// runs from the child to its parent, `down` when it runs from the parent.
enum TreeDirection {
    static let up: Int8 = 1
    static let down: Int8 = -1
}

/// The simplex's arrays and the pivot operations.
///
/// The stored pointers below are the one declaration of the simplex's
/// arrays; the memory they point into belongs to the ``SimplexStorage`` the
/// engine was made from, which frees it. An engine is a view: copying it
/// copies the pointers, not the arrays.
///
/// Nodes `0..<nodeCount` are the network's nodes and `root == nodeCount` is
/// the artificial root. Arcs `0..<arcCount` are the network's arcs in an
/// internal order (``originalArc`` maps back); arc `arcCount + u` is the
/// artificial arc between node `u` and the root. Only the first
/// ``searchArcCount`` arcs are priced: those with positive capacity, less any
/// *deferred* arcs, which wait in `searchArcCount..<positiveArcCount` (empty,
/// at their lower bound, never in the tree) until ``admitDeferredArcs()``
/// finds them pricing negative and moves them into the priced range.
struct SimplexEngine {
    let nodeCount: Int
    let arcCount: Int
    /// Arcs `0..<searchArcCount` are priced.
    var searchArcCount: Int
    /// Arcs `searchArcCount..<positiveArcCount` are deferred; arcs from
    /// `positiveArcCount` on have capacity 0 and never move.
    let positiveArcCount: Int
    let root: Int
    /// The big-M cost of an artificial arc from the root to a node.
    var artificialCost: Int64
    /// The capacity of artificial arcs (effectively unbounded).
    static let unbounded = Int64.max

    // The arrays, taken from the storage in `init` (at least as long as said;
    // the storage may have room for a larger network).

    // Arc data: arcCount + nodeCount entries.
    let source: UnsafeMutablePointer<Int32>
    let target: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int64>
    let capacity: UnsafeMutablePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<Int8>
    /// Internal arc index -> arc index in the network.
    let originalArc: UnsafeMutablePointer<Int32>
    /// Arc index in the network -> internal arc index.
    let internalArc: UnsafeMutablePointer<Int32>

    // Node data: nodeCount + 1 entries.
    let supply: UnsafeMutablePointer<Int64>
    let potential: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let pred: UnsafeMutablePointer<Int32>
    let thread: UnsafeMutablePointer<Int32>
    let reverseThread: UnsafeMutablePointer<Int32>
    let successorCount: UnsafeMutablePointer<Int32>
    let lastSuccessor: UnsafeMutablePointer<Int32>
    let predDirection: UnsafeMutablePointer<Int8>
    /// Scratch for the tree update, nodeCount + 2 entries: it lists up to
    /// every node and the join node.
    let dirtyReverse: UnsafeMutablePointer<Int32>

    // The current pivot, as in LEMON.
    var inArc = 0
    var join = 0
    var uIn = 0
    var vIn = 0
    var uOut = 0
    var vOut = 0
    var delta: Int64 = 0

    // Block-search pricing.
    var blockSize: Int
    var nextArc = 0

    /// Pivots that changed the tree or moved an arc between its bounds.
    var pivotCount = 0

    /// Copies `network` into arrays taken from `storage`, in the internal arc
    /// order: the priced arcs (positive capacity, not deferred) first, spread
    /// out as LEMON's "arc mixing" does, then the deferred arcs, then the
    /// zero-capacity arcs, which never move.
    /// - Parameters:
    ///   - deferred: per network arc, whether it starts outside the priced
    ///     set (ignored for arcs of capacity 0); nil defers none.
    ///   - storage: the owner of the arrays, grown here if too small for
    ///     `network`. The engine keeps pointers into it, so it must stay
    ///     untouched (and alive) while the engine is in use: hold it `inout`
    ///     for as long as the engine.
    init(network: FlowNetwork, artificialCost: Int64, deferred: [Bool]? = nil, storage: inout SimplexStorage) {
        let n = network.nodeCount
        let m = network.arcCount
        nodeCount = n
        arcCount = m
        root = n
        self.artificialCost = artificialCost

        // The one place the engine's arrays come from.
        storage.reserve(arcSlots: m + n, nodeSlots: n + 1)
        source = storage.take(.arcSlots)
        target = storage.take(.arcSlots)
        cost = storage.take(.arcSlots)
        capacity = storage.take(.arcSlots)
        flow = storage.take(.arcSlots)
        state = storage.take(.arcSlots)
        originalArc = storage.take(.arcSlots)
        internalArc = storage.take(.arcSlots)
        supply = storage.take(.nodeSlots)
        potential = storage.take(.nodeSlots)
        parent = storage.take(.nodeSlots)
        pred = storage.take(.nodeSlots)
        thread = storage.take(.nodeSlots)
        reverseThread = storage.take(.nodeSlots)
        successorCount = storage.take(.nodeSlots)
        lastSuccessor = storage.take(.nodeSlots)
        predDirection = storage.take(.nodeSlots)
        dirtyReverse = storage.take(.nodeSlotsAndOne)

        var positive = 0, waiting = 0
        network.capacities.withUnsafeBufferPointer { caps in
            for a in 0..<m where caps[a] > 0 {
                positive += 1
                if deferred?[a] == true { waiting += 1 }
            }
        }
        let priced = positive - waiting
        positiveArcCount = positive
        searchArcCount = priced
        blockSize = Self.blockSize(forPricing: priced)

        copyArcs(of: network, deferred: deferred)
        network.supplies.withUnsafeBufferPointer { supplies in
            for u in 0..<n { supply[u] = supplies[u] }
        }
        supply[n] = 0
        flow.initialize(repeating: 0, count: m + n)
        state.initialize(repeating: ArcState.lower, count: m + n)
        potential.initialize(repeating: 0, count: n + 1)
    }

    /// Copies the arcs of `network` in the internal order: LEMON's arc mixing
    /// over the priced arcs, then the deferred and zero-capacity arcs in order.
    private func copyArcs(of network: FlowNetwork, deferred: [Bool]?) {
        let priced = searchArcCount
        let skip = nodeCount > 1 ? max(priced / nodeCount, 3) : 1
        var mixed = 0, offset = 0, deferredSlot = priced, zeroSlot = positiveArcCount
        network.tails.withUnsafeBufferPointer { tails in
            network.heads.withUnsafeBufferPointer { heads in
                network.costs.withUnsafeBufferPointer { costs in
                    network.capacities.withUnsafeBufferPointer { caps in
                        for a in 0..<arcCount {
                            let slot: Int
                            if caps[a] > 0 && deferred?[a] == true {
                                slot = deferredSlot
                                deferredSlot += 1
                            } else if caps[a] > 0 {
                                slot = mixed
                                mixed += skip
                                if mixed >= priced {
                                    offset += 1
                                    mixed = offset
                                }
                            } else {
                                slot = zeroSlot
                                zeroSlot += 1
                            }
                            originalArc[slot] = Int32(a)
                            internalArc[a] = Int32(slot)
                            source[slot] = tails[a]
                            target[slot] = heads[a]
                            cost[slot] = costs[a]
                            capacity[slot] = caps[a]
                        }
                    }
                }
            }
        }
    }

    /// LEMON's block size for block-search pricing over `arcs` arcs.
    static func blockSize(forPricing arcs: Int) -> Int {
        max(Int(Double(arcs).squareRoot()), 10)
    }

    /// Moves every deferred arc whose reduced cost is negative into the
    /// priced range, where the next ``optimise()`` can pivot it in. Returns
    /// how many moved. Deferred arcs are empty non-tree arcs, so swapping
    /// two of them in the internal order changes nothing else.
    mutating func admitDeferredArcs() -> Int {
        var admitted = 0
        var e = searchArcCount
        while e < positiveArcCount {
            if reducedCost(e) < 0 {
                swapArcSlots(e, searchArcCount)
                searchArcCount += 1
                admitted += 1
            }
            e += 1
        }
        if admitted > 0 { blockSize = Self.blockSize(forPricing: searchArcCount) }
        return admitted
    }

    /// Swaps two non-tree arcs in the internal order.
    private func swapArcSlots(_ a: Int, _ b: Int) {
        guard a != b else { return }
        source.exchange(a, b)
        target.exchange(a, b)
        cost.exchange(a, b)
        capacity.exchange(a, b)
        flow.exchange(a, b)
        state.exchange(a, b)
        originalArc.exchange(a, b)
        internalArc[Int(originalArc[a])] = Int32(a)
        internalArc[Int(originalArc[b])] = Int32(b)
    }
}

extension UnsafeMutablePointer {
    /// Swaps the elements at offsets `a` and `b`.
    @inline(__always)
    fileprivate func exchange(_ a: Int, _ b: Int) {
        let held = self[a]
        self[a] = self[b]
        self[b] = held
    }
}
