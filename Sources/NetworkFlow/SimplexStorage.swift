/// The memory behind a ``SimplexEngine``'s arrays, owned: a storage frees
/// its arrays when it goes, whoever holds it (a solve's local variable, or a
/// ``SimplexWorkspace`` that keeps one for the next solve of a loop).
///
/// The storage knows the arrays only by their element type and extent (one
/// entry per arc slot, or per node slot); the engine names them, once, in its
/// stored properties, and takes them from the storage in one place, in the
/// same order at every solve (``SimplexEngine/init(network:artificialCost:deferred:storage:)``).
/// So a storage kept for the next solve hands each array back for the same use.
///
/// A solve of a national network needs about 60 MB of arrays. Allocating them
/// afresh for every solve of a loop (a simulated week, a sweep's scenarios)
/// costs more than the arithmetic that fills them: the kernel must find and
/// zero every page on first touch.
struct SimplexStorage: ~Copyable {
    /// How many entries an array has.
    enum Extent {
        /// One per arc slot: the network's arcs, then one artificial arc per node.
        case arcSlots
        /// One per node slot: the network's nodes, then the root.
        case nodeSlots
        /// One more than the node slots.
        case nodeSlotsAndOne
    }

    /// One allocated array.
    private struct Block {
        let address: UnsafeMutableRawPointer
        let element: ObjectIdentifier
        let extent: Extent
    }

    /// Room in every array for this many arcs, artificial arcs included; zero before the first ``reserve(arcSlots:nodeSlots:)``.
    private(set) var arcSlots = 0
    /// Room in every array for this many nodes, the root included.
    private(set) var nodeSlots = 0
    /// Whether growing leaves an eighth to spare, for a larger network to come.
    private let headroom: Bool
    /// The arrays, in the order the engine takes them.
    private var blocks: [Block] = []
    /// How many arrays ``take(_:)`` has handed out since the last ``reserve(arcSlots:nodeSlots:)``.
    private var taken = 0
    #if DEBUG
    private let census = StorageCensus.current
    #endif

    /// An empty storage, which allocates on the first ``reserve(arcSlots:nodeSlots:)``.
    /// - Parameter headroom: whether to allocate an eighth more than asked,
    ///   for a storage kept for later, larger networks.
    init(headroom: Bool = false) {
        self.headroom = headroom
        #if DEBUG
        census?.count(storages: 1)
        #endif
    }

    deinit {
        for block in blocks { block.address.deallocate() }
        countArrays(-blocks.count)
        #if DEBUG
        census?.count(storages: -1)
        #endif
    }

    /// Makes room for `arcSlots` arcs and `nodeSlots` nodes, freeing the
    /// arrays if they are too small (they are allocated again, larger, as
    /// they are taken), and starts handing the arrays out from the first.
    /// Arrays taken before are no longer to be used.
    mutating func reserve(arcSlots arcs: Int, nodeSlots nodes: Int) {
        taken = 0
        guard arcs > arcSlots || nodes > nodeSlots else { return }
        freeArrays()
        let spare = headroom ? (arcs / 8, nodes / 8) : (0, 0)
        arcSlots = max(arcs + spare.0, arcSlots, 1)
        nodeSlots = max(nodes + spare.1, nodeSlots, 1)
    }

    /// The next array, uninitialised (or holding what the last solve left):
    /// the one handed out in this place before, if it has this element type
    /// and extent, else a new one. It lives until the next
    /// ``reserve(arcSlots:nodeSlots:)`` or the end of the storage.
    mutating func take<Element>(_ extent: Extent) -> UnsafeMutablePointer<Element> {
        assert(arcSlots > 0, "take an array only after reserving room")
        let element = ObjectIdentifier(Element.self)
        defer { taken += 1 }
        if taken < blocks.count {
            let block = blocks[taken]
            if block.element == element && block.extent == extent {
                return block.address.assumingMemoryBound(to: Element.self)
            }
            // Not taken in the same order as before: never so in the engine, but still correct.
            block.address.deallocate()
            countArrays(-1)
        }
        let count: Int
        switch extent {
        case .arcSlots: count = arcSlots
        case .nodeSlots: count = nodeSlots
        case .nodeSlotsAndOne: count = nodeSlots + 1
        }
        let array = UnsafeMutablePointer<Element>.allocate(capacity: count)
        let block = Block(address: UnsafeMutableRawPointer(array), element: element, extent: extent)
        if taken < blocks.count { blocks[taken] = block } else { blocks.append(block) }
        countArrays(1)
        return array
    }

    private mutating func freeArrays() {
        for block in blocks { block.address.deallocate() }
        countArrays(-blocks.count)
        blocks = []
    }

    @inline(__always)
    private func countArrays(_ change: Int) {
        #if DEBUG
        census?.count(arrays: change)
        #endif
    }
}

#if DEBUG
/// A count of the ``SimplexStorage``s made within a task, and of their
/// arrays, for tests to see that every solve frees what it allocates: set it
/// with `StorageCensus.$current.withValue(census) { ... }`, and every storage
/// made inside counts itself and its arrays there until it goes. (Task-local,
/// so that tests running in parallel do not count each other's storages; a
/// census is not locked, so the storages it counts must stay on one thread.)
final class StorageCensus: @unchecked Sendable {
    @TaskLocal static var current: StorageCensus?

    /// Storages made.
    private(set) var storagesMade = 0
    /// Storages not yet gone.
    private(set) var storagesLive = 0
    /// Arrays allocated.
    private(set) var arraysMade = 0
    /// Arrays not yet freed.
    private(set) var arraysLive = 0

    init() {}

    fileprivate func count(storages change: Int) {
        storagesLive += change
        if change > 0 { storagesMade += change }
    }

    fileprivate func count(arrays change: Int) {
        arraysLive += change
        if change > 0 { arraysMade += change }
    }
}
#endif
