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
    /// - An unplaced arc costs the unplaced penalty; a capacity tranche the
    ///   crowding cost per person if crowded, plus the reserve cost if reserved.
    ///
    /// The function of a role is ``cost(of:)``; the builder and re-costing
    /// reach it through ``costs(of:)`` and ``costsInOrder(of:)``, which look
    /// each profile's facts up once per run of its arcs (every arc of a
    /// profile is laid in one run) rather than once per arc.
    struct Costing: Sendable {
        let model: CostModel
        let profiles: [Profile]
        /// The profile and current establishment of each group (what its stay arcs are; -1 for new receptions).
        let groups: [(profile: Int, establishment: Int)]
        let moveCost: Int64
        let unplacedCost: Int64
        let crowdingCost: Int64
        let reserveCost: Int64

        init(model: CostModel, profiles: [Profile], groups: [Group]) {
            self.model = model
            self.profiles = profiles
            self.groups = groups.map { ($0.profile, $0.current ?? -1) }
            moveCost = model.moveCost
            unplacedCost = model.unplacedCost
            crowdingCost = model.crowdingCost
            reserveCost = model.receptionReserveCost
        }

        /// The cost of an arc with role `role`, in centipoints.
        func cost(of role: ArcRole) -> Int64 {
            guard let t = profile(of: role) else { return establishmentCost(of: role) }
            return cost(of: role, facts: model.facts(of: profiles[t]))
        }

        /// The profile an arc with role `role` belongs to, if any: the one whose facts its cost may read.
        func profile(of role: ArcRole) -> Int? {
            switch role {
            case let .stay(g, _), let .join(g): return groups[g].profile
            case let .place(t, _, _, _), let .unplaced(t, _): return t
            case .places, .capacity, .typedPlaces, .arrivals, .stays, .departuresGiveWay, .pairPlace: return nil
            }
        }

        /// The cost of an arc of a profile (``profile(of:)``), given that profile's facts, looked up by the caller.
        private func cost(of role: ArcRole, facts: CostModel.ProfileFacts) -> Int64 {
            switch role {
            case let .stay(g, needMet):
                return placement(facts, at: groups[g].establishment, needMet: needMet)
            case .join:
                return 0
            case let .place(_, e, needMet, reception):
                return placement(facts, at: e, needMet: needMet) + (reception ? 0 : moveCost)
            case .unplaced:
                return unplacedCost
            case .places, .capacity, .typedPlaces, .arrivals, .stays, .departuresGiveWay, .pairPlace:
                return establishmentCost(of: role)
            }
        }

        /// The cost of an establishment's arc (programme places, a capacity tranche), which reads no profile.
        private func establishmentCost(of role: ArcRole) -> Int64 {
            switch role {
            case .places, .typedPlaces, .arrivals, .stays:
                return 0
            case .departuresGiveWay:
                // Priced once the other arcs are (``Formulation/priceGiveWay(_:arcs:)``).
                return 0
            case let .pairPlace(_, sharing):
                return sharing ? model.policy.nonAssociations.sharingPrice : 0
            case let .capacity(_, tranche):
                return (tranche.isCrowded ? crowdingCost : 0) + (tranche.isReserved ? reserveCost : 0)
            case .stay, .join, .place, .unplaced:
                preconditionFailure("an arc of a profile costs what its profile's facts say")
            }
        }

        /// The placement cost of a profile at establishment `e`, with the priority need unmet or met where offered.
        private func placement(_ facts: CostModel.ProfileFacts, at e: Int, needMet: Bool) -> Int64 {
            model.placement(facts, at: e, priorityNeedMet: needMet ? nil : false).total
        }

        /// The cost of each arc of `roles`, in order, on this thread.
        func costsInOrder(of roles: ArraySlice<ArcRole>) -> [Int64] {
            var costs: [Int64] = []
            costs.reserveCapacity(roles.count)
            var a = roles.startIndex
            while a < roles.endIndex {
                guard let t = profile(of: roles[a]) else {
                    costs.append(establishmentCost(of: roles[a]))
                    a += 1
                    continue
                }
                let facts = model.facts(of: profiles[t])
                repeat {
                    costs.append(cost(of: roles[a], facts: facts))
                    a += 1
                } while a < roles.endIndex && profile(of: roles[a]) == t
            }
            return costs
        }

        /// The cost of each arc of `roles`, in order, worked out on the cores.
        func costs(of roles: [ArcRole]) -> [Int64] {
            let chunk = 4096
            return concurrentMap((roles.count + chunk - 1) / chunk, grain: 1) { c -> [Int64] in
                costsInOrder(of: roles[c * chunk..<min(roles.count, (c + 1) * chunk)])
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
        Self.priceGiveWay(&copy.network, arcs: limitArcs.giveWay)
        return copy
    }
}
