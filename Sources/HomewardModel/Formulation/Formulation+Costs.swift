import HomewardDomain
import HomewardInput

extension Formulation {
    /// The cost of every arc, as a pure function of the arc's role under a
    /// ``CostModel``: the one place where arc costs are worked out, for the
    /// builder and for ``Formulation/recosted(for:)`` alike.
    ///
    /// - A stay costs the placement where the group is held; a placement, the
    ///   placement at its establishment, plus one transfer from a hub (not from
    ///   a reception node).
    /// - The priority need is unmet on a route whose role says so, and
    ///   otherwise met where it is offered. A route through a programme node
    ///   (where places are limited) is at an establishment that offers the
    ///   programme, so "met" and "met if offered" cost the same there, and the
    ///   role's `needMet` is all the cost reads of the route.
    /// - Joins and programme places cost nothing: the arcs they lead to carry the costs.
    /// - An unplaced arc costs the unplaced penalty; the crowded capacity
    ///   tranche the crowding cost per person; the uncrowded tranche nothing.
    struct Costing: Sendable {
        let model: CostModel
        /// What the costs read of each profile, looked up once.
        let facts: [CostModel.ProfileFacts]
        /// The profile and current establishment of each group (what its stay arcs are; -1 for new receptions).
        let stays: [(profile: Int, establishment: Int)]
        let moveCost: Int64
        let unplacedCost: Int64
        let crowdingCost: Int64

        init(model: CostModel, profiles: [Profile], groups: [Group]) {
            self.model = model
            facts = concurrentMap(profiles.count) { model.facts(of: profiles[$0]) }
            stays = groups.map { ($0.profile, $0.current ?? -1) }
            moveCost = model.moveCost
            unplacedCost = model.unplacedCost
            crowdingCost = model.crowdingCost
        }

        /// The cost of an arc with role `role`, in centipoints.
        func cost(of role: ArcRole) -> Int64 {
            switch role {
            case let .stay(g, needMet):
                return placement(stays[g].profile, at: stays[g].establishment, needMet: needMet)
            case .join, .places:
                return 0
            case let .place(t, e, needMet, reception):
                return placement(t, at: e, needMet: needMet) + (reception ? 0 : moveCost)
            case .unplaced:
                return unplacedCost
            case let .capacity(_, crowded):
                return crowded ? crowdingCost : 0
            }
        }

        /// The placement cost of profile `t` at establishment `e`, with the priority need unmet or met where offered.
        private func placement(_ t: Int, at e: Int, needMet: Bool) -> Int64 {
            model.placement(facts[t], at: e, priorityNeedMet: needMet ? nil : false).total
        }

        /// The cost of each arc of `roles`, in order; worked out on the cores.
        func costs(of roles: [ArcRole]) -> [Int64] {
            let chunk = 4096
            return concurrentMap((roles.count + chunk - 1) / chunk, grain: 1) { c -> [Int64] in
                (c * chunk..<min(roles.count, (c + 1) * chunk)).map { cost(of: roles[$0]) }
            }.flatMap { $0 }
        }
    }

    /// The same network under `policy`'s weights: the same nodes, arcs,
    /// capacities and supplies, with every arc's cost worked out afresh from
    /// its role (``Costing``), exactly as a formulation built with `policy`
    /// would have it.
    ///
    /// A basis of this formulation fits the result, so a solve under changed
    /// weights (the weekly simulation's rising move cost) can start from the
    /// last one without rebuilding profiles, groups and arcs. The rules must
    /// not change: `policy` may differ from the formulation's policy only in
    /// its weights (`weights` in policy.yaml), never in its rules, stages or
    /// distance settings, which decide the arcs themselves.
    public func recosted(for policy: Policy) -> Formulation {
        let model = CostModel(estate: cost.estate, geography: cost.geography, distances: cost.distances, policy: policy)
        let costs = Costing(model: model, profiles: profiles, groups: groups).costs(of: roles)
        var copy = self
        copy.cost = model
        copy.network.costs = costs
        return copy
    }
}
