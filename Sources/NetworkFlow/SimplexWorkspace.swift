/// Storage that a loop of ``WarmNetworkSimplex`` solves shares, so that each
/// solve after the first finds its arrays allocated and already in memory.
///
/// A workspace serves one solve at a time: it is not `Sendable`, so each
/// thread of a parallel loop keeps its own. It grows (with an eighth to
/// spare) when a network does not fit, and its arrays go with it (they
/// belong to its ``SimplexStorage``). Solves give the same results with or
/// without one.
public final class SimplexWorkspace {
    /// The arrays, lent to one solve at a time.
    var storage = SimplexStorage(headroom: true)

    public init() {}

    /// Room for this many arcs (artificial ones included) and nodes (the root included); zero before the first solve.
    public var capacity: (arcs: Int, nodes: Int) { (storage.arcSlots, storage.nodeSlots) }
}
