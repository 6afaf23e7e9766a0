import LinearProgramming

/// The arrays of a ``SimplexEngine``, allocated together.
///
/// A solve of a national network needs about 60 MB of them. Allocating them
/// afresh for every solve of a loop (a simulated week, a sweep's scenarios)
/// costs more than the arithmetic that fills them: the kernel must find and
/// zero every page on first touch. ``SimplexWorkspace`` keeps one set for the
/// next solve.
struct EngineStorage {
    /// Room for this many arcs, artificial arcs included (network arcs plus nodes).
    let arcSlots: Int
    /// Room for this many nodes, the root included.
    let nodeSlots: Int

    let source: UnsafeMutablePointer<Int32>
    let target: UnsafeMutablePointer<Int32>
    let cost: UnsafeMutablePointer<Int64>
    let capacity: UnsafeMutablePointer<Int64>
    let flow: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<Int8>
    let originalArc: UnsafeMutablePointer<Int32>
    let internalArc: UnsafeMutablePointer<Int32>
    let supply: UnsafeMutablePointer<Int64>
    let potential: UnsafeMutablePointer<Int64>
    let parent: UnsafeMutablePointer<Int32>
    let pred: UnsafeMutablePointer<Int32>
    let thread: UnsafeMutablePointer<Int32>
    let reverseThread: UnsafeMutablePointer<Int32>
    let successorCount: UnsafeMutablePointer<Int32>
    let lastSuccessor: UnsafeMutablePointer<Int32>
    let predDirection: UnsafeMutablePointer<Int8>
    /// One more entry than the nodes: the tree update lists up to every node and the join node.
    let dirtyReverse: UnsafeMutablePointer<Int32>

    /// The slots `network` needs: its arcs and one artificial arc per node; its nodes and the root.
    static func slots(for network: FlowNetwork) -> (arcs: Int, nodes: Int) {
        (network.arcCount + network.nodeCount, network.nodeCount + 1)
    }

    /// Uninitialised arrays with room for `arcSlots` arcs and `nodeSlots` nodes.
    static func allocate(arcSlots: Int, nodeSlots: Int) -> EngineStorage {
        let arcs = max(arcSlots, 1), nodes = max(nodeSlots, 1)
        return EngineStorage(
            arcSlots: arcs, nodeSlots: nodes,
            source: .allocate(capacity: arcs), target: .allocate(capacity: arcs), cost: .allocate(capacity: arcs),
            capacity: .allocate(capacity: arcs), flow: .allocate(capacity: arcs), state: .allocate(capacity: arcs),
            originalArc: .allocate(capacity: arcs), internalArc: .allocate(capacity: arcs),
            supply: .allocate(capacity: nodes), potential: .allocate(capacity: nodes), parent: .allocate(capacity: nodes),
            pred: .allocate(capacity: nodes), thread: .allocate(capacity: nodes), reverseThread: .allocate(capacity: nodes),
            successorCount: .allocate(capacity: nodes), lastSuccessor: .allocate(capacity: nodes),
            predDirection: .allocate(capacity: nodes), dirtyReverse: .allocate(capacity: nodes + 1))
    }

    /// Uninitialised arrays with just room for `network`.
    static func allocate(for network: FlowNetwork) -> EngineStorage {
        let needed = slots(for: network)
        return allocate(arcSlots: needed.arcs, nodeSlots: needed.nodes)
    }

    /// Whether the arrays have room for `network`.
    func fits(_ network: FlowNetwork) -> Bool {
        let needed = Self.slots(for: network)
        return needed.arcs <= arcSlots && needed.nodes <= nodeSlots
    }

    /// Frees the arrays; the storage must not be used afterwards.
    func deallocate() {
        source.deallocate()
        target.deallocate()
        cost.deallocate()
        capacity.deallocate()
        flow.deallocate()
        state.deallocate()
        originalArc.deallocate()
        internalArc.deallocate()
        supply.deallocate()
        potential.deallocate()
        parent.deallocate()
        pred.deallocate()
        thread.deallocate()
        reverseThread.deallocate()
        successorCount.deallocate()
        lastSuccessor.deallocate()
        predDirection.deallocate()
        dirtyReverse.deallocate()
    }
}

/// Storage that a loop of ``WarmNetworkSimplex`` solves shares, so that each
/// solve after the first finds its arrays allocated and already in memory.
///
/// A workspace serves one solve at a time: it is not `Sendable`, so each
/// thread of a parallel loop keeps its own. It grows (with an eighth to
/// spare) when a network does not fit, and frees its arrays when it goes.
/// Solves give the same results with or without one.
public final class SimplexWorkspace {
    private var held: EngineStorage?

    public init() {}

    deinit { held?.deallocate() }

    /// Arrays with room for `network`: the ones held if they fit, else larger ones.
    func storage(for network: FlowNetwork) -> EngineStorage {
        if let held, held.fits(network) { return held }
        held?.deallocate()
        let needed = EngineStorage.slots(for: network)
        let grown = EngineStorage.allocate(arcSlots: needed.arcs + needed.arcs / 8, nodeSlots: needed.nodes + needed.nodes / 8)
        held = grown
        return grown
    }

    /// Room for this many arcs (artificial ones included) and nodes (the root included); zero before the first solve.
    public var capacity: (arcs: Int, nodes: Int) { (held?.arcSlots ?? 0, held?.nodeSlots ?? 0) }
}
