import HomewardDomain
import HomewardInput
import LinearProgramming

extension Formulation {
    /// How an establishment's places reach the sink: up to CNA uncrowded (at
    /// no cost), and from CNA up to usable operational capacity crowded (at
    /// the crowding cost). The builder lays one capacity arc per non-empty
    /// tranche.
    /// - Parameters:
    ///   - usable: places after the operating margin (``CostModel/usableCapacity(_:)``).
    ///   - cna: certified normal accommodation.
    /// - Returns: the uncrowded and crowded places, which add up to `usable`.
    public static func capacityTranches(usable: Int, cna: Int) -> (uncrowded: Int, crowded: Int) {
        let uncrowded = min(usable, cna)
        return (uncrowded, usable - uncrowded)
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
