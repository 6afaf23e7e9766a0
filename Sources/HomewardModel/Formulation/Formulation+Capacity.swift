import HomewardDomain
import HomewardInput
import LinearProgramming

extension Formulation {
    /// How an establishment's places reach the sink: up to CNA uncrowded (at
    /// no cost), and from CNA up to usable operational capacity crowded (at
    /// the crowding cost). The builder lays one capacity arc per non-empty
    /// tranche; a capacity change refills them.
    /// - Parameters:
    ///   - usable: places after the operating margin (``CostModel/usableCapacity(_:)``).
    ///   - cna: certified normal accommodation.
    /// - Returns: the uncrowded and crowded places, which add up to `usable`.
    public static func capacityTranches(usable: Int, cna: Int) -> (uncrowded: Int, crowded: Int) {
        let uncrowded = min(usable, cna)
        return (uncrowded, usable - uncrowded)
    }

    /// This network with establishment `e` closed: its capacity arcs carry
    /// nobody. Whoever could go there goes elsewhere, as in a network built
    /// without it, at the same optimal cost; the arcs stay, so a basis of
    /// this network still fits.
    /// - Parameter e: the establishment's index in the estate.
    public func network(closing e: Int) -> FlowNetwork {
        var changed = network
        if let a = capacityArcs[e].base { changed.capacities[a] = 0 }
        if let a = capacityArcs[e].crowded { changed.capacities[a] = 0 }
        return changed
    }

    /// This network with establishment `e`'s operational capacity or CNA
    /// changed: its capacity tranches refilled (``capacityTranches(usable:cna:)``
    /// under this formulation's operating margin).
    /// - Parameters:
    ///   - operationalCapacity: the new operational capacity, or nil to keep it.
    ///   - cna: the new CNA, or nil to keep it.
    ///   - e: the establishment's index in the estate.
    /// - Returns: the network, or nil where it cannot express the change: a
    ///   tranche that was empty (so has no arc) would be filled, or no places
    ///   would be left (which the rules treat as a closure).
    public func network(withCapacity operationalCapacity: Int?, cna: Int?, at e: Int) -> FlowNetwork? {
        var changed = cost.estate.establishments[e]
        if let operationalCapacity { changed.operationalCapacity = operationalCapacity }
        if let cna { changed.cna = cna }
        let tranches = Self.capacityTranches(usable: cost.usableCapacity(changed), cna: changed.cna)
        let arcs = capacityArcs[e]
        guard tranches.uncrowded + tranches.crowded > 0, tranches.uncrowded == 0 || arcs.base != nil,
              tranches.crowded == 0 || arcs.crowded != nil else { return nil }
        var network = network
        if let a = arcs.base { network.capacities[a] = Int64(tranches.uncrowded) }
        if let a = arcs.crowded { network.capacities[a] = Int64(tranches.crowded) }
        return network
    }

    /// This network with `change` made, where the change alters only
    /// capacities that the network has arcs for: a closure, or a capacity
    /// change that ``network(withCapacity:cna:at:)`` can express.
    /// - Returns: nil for other changes (re-roles and new builds change who
    ///   may go where, and at what cost: they need a formulation of their
    ///   own), and for establishments not in the estate.
    public func network(applying change: EstateChange) -> FlowNetwork? {
        guard let e = cost.estate.index(of: change.code) else { return nil }
        switch change.kind {
        case .close:
            return network(closing: e)
        case let .capacity(_, operationalCapacity, cna):
            return network(withCapacity: operationalCapacity, cna: cna, at: e)
        case .rerole, .open:
            return nil
        }
    }

    /// The same formulation over `network`: the same nodes and arcs, in the same order, with other capacities
    /// (a sweep's closure or capacity change) or costs.
    package func replacingNetwork(_ network: FlowNetwork) -> Formulation {
        precondition(network.arcCount == self.network.arcCount && network.nodeCount == self.network.nodeCount,
                     "a replacement network must have the formulation's nodes and arcs")
        var copy = self
        copy.network = network
        return copy
    }
}
