import HomewardDomain
import HomewardInput
import LinearProgramming

extension Formulation {
    /// The same network under `policy`'s weights: the same nodes, arcs,
    /// capacities and supplies, with every arc's cost computed afresh, exactly
    /// as a formulation built with `policy` would have it.
    ///
    /// A basis of this formulation fits the result, so a solve under changed
    /// weights (the weekly simulation's rising move cost) can start from the
    /// last one without rebuilding profiles, groups and arcs. The rules must
    /// not change: `policy` may differ from the formulation's policy only in
    /// its weights (`weights` in policy.yaml), never in its rules, stages or
    /// distance settings, which decide the arcs themselves.
    public func recosted(for policy: Policy) -> Formulation {
        let cost = CostModel(estate: self.cost.estate, geography: self.cost.geography, distances: self.cost.distances,
                             policy: policy)
        var programmeNode = [Bool](repeating: false, count: network.nodeCount)
        for (a, role) in roles.enumerated() {
            if case .places = role { programmeNode[Int(network.tails[a])] = true }
        }
        let facts = profiles.map { cost.facts(of: $0) }
        let moveCost = cost.moveCost, unplacedCost = cost.unplacedCost, crowdingCost = cost.crowdingCost
        let groups = self.groups, roles = self.roles, heads = network.heads
        // As the builder's `routes`: an arc into a programme node has the priority need met; a direct arc
        // of a profile that could also have gone to the programme node has it unmet; otherwise it does not apply.
        func placementCost(_ t: Int, _ e: Int, _ head: Int32, _ needMet: Bool) -> Int64 {
            let met: Bool? = programmeNode[Int(head)] ? true : (needMet ? nil : false)
            return cost.placement(facts[t], at: e, priorityNeedMet: met).total
        }
        let chunk = 4096
        let costs = concurrentMap((roles.count + chunk - 1) / chunk) { c -> [Int64] in
            (c * chunk..<min(roles.count, (c + 1) * chunk)).map { a -> Int64 in
                switch roles[a] {
                case let .stay(g, needMet):
                    let group = groups[g]
                    return placementCost(group.profile, group.current!, heads[a], needMet)
                case .join, .places:
                    return 0
                case let .place(t, e, needMet, reception):
                    return placementCost(t, e, heads[a], needMet) + (reception ? 0 : moveCost)
                case .unplaced:
                    return unplacedCost
                case let .capacity(_, crowded):
                    return crowded ? crowdingCost : 0
                }
            }
        }
        var copy = self
        copy.cost = cost
        copy.network.costs = costs.flatMap { $0 }
        return copy
    }
}

extension Formulation {
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
