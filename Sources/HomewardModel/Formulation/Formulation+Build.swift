import HomewardDomain
import HomewardInput
import LinearProgramming

// The steps of building a formulation, in the order
// ``Formulation/init(estate:geography:population:policy:distances:profiling:)`` runs them:
// grouping, eligibility, nodes, topology (arcs, roles and capacities, each
// arc's cost from its role by Formulation+Costs.swift), then the side
// constraint. Each step reads only what the steps before it produced.

// MARK: - Grouping

extension Formulation {
    /// Groups: the people of one profile held at one establishment (receptions
    /// first), in that order, each group's members in population order. A
    /// counting sort by profile, then a stable sort by establishment within
    /// each profile: no hashing per person.
    /// - Parameters:
    ///   - profileOfPrisoner: each person's profile index.
    ///   - profileCount: the number of profiles.
    ///   - current: each person's current establishment (estate index), or -1 for none.
    /// - Returns: the groups (with no nodes or arcs yet), and the groups of each profile.
    static func grouping(profileOfPrisoner: [Int], profileCount: Int, current: [Int]) -> (groups: [Group], groupsOfProfile: [[Int]]) {
        var profileStart = [Int](repeating: 0, count: profileCount + 1)
        for t in profileOfPrisoner { profileStart[t + 1] += 1 }
        for t in 0..<profileCount { profileStart[t + 1] += profileStart[t] }
        var byProfile = [Int](repeating: 0, count: profileOfPrisoner.count)
        var next = profileStart
        for (i, t) in profileOfPrisoner.enumerated() {
            byProfile[next[t]] = i
            next[t] += 1
        }
        var groups: [Group] = []
        var groupsOfProfile = [[Int]](repeating: [], count: profileCount)
        for t in 0..<profileCount {
            let members = byProfile[profileStart[t]..<profileStart[t + 1]].sorted { (current[$0], $0) < (current[$1], $1) }
            var first = 0
            while first < members.count {
                let here = current[members[first]]
                var end = first + 1
                while end < members.count && current[members[end]] == here { end += 1 }
                groupsOfProfile[t].append(groups.count)
                groups.append(Group(profile: t, current: here >= 0 ? here : nil, members: Array(members[first..<end]),
                                    node: nil, stayArcs: [], joinArc: nil))
                first = end
            }
        }
        return (groups, groupsOfProfile)
    }
}

// MARK: - Eligibility

extension Formulation {
    /// Where the hard rules let people be held: whether each group may stay
    /// where it is, and which establishments each profile may enter.
    struct Eligibility {
        /// Whether each establishment can hold anyone at all (available, with
        /// usable places): exactly the establishments that get a node.
        var canHold: [Bool]
        /// Whether each group's people may stay where they are.
        var mayStay: [Bool]
        /// The establishments each profile may enter (a transfer or a reception), in estate order.
        var mayEnter: [[Int]]

        init(profiles: [Profile], groups: [Group], groupsOfProfile: [[Int]], estate: Estate, usable: [Int], policy: Policy) {
            let establishments = estate.establishments
            let canHold = establishments.indices.map { establishments[$0].isAvailable && usable[$0] > 0 }
            self.canHold = canHold
            // A rules check per group, once, on the cores.
            mayStay = concurrentMap(groups.count) { g -> Bool in
                guard let current = groups[g].current, canHold[current] else { return false }
                let profile = profiles[groups[g].profile]
                if case let .locked(prison) = profile.fixed, establishments[current].code != prison { return false }
                guard Eligibility.limitedNeeds(profile.placeNeeds, at: establishments[current]).count <= 1 else { return false }
                return Rules.exclusions(profile, at: establishments[current], usableCapacity: usable[current],
                                        isCurrent: true, policy: policy).isEmpty
            }
            // Moves in depend only on what the rules read (not on home or needs): one check per key.
            // People too near release to be transferred (a profile of their own per establishment) may go
            // nowhere else, unless they cannot stay where they are: then the rule gives way.
            var known: [EligibilityKey: [Int]] = [:]
            let mayStay = mayStay
            mayEnter = profiles.indices.map { t in
                let profile = profiles[t]
                var key = profile.eligibilityKey
                if !key.mayTransfer && !groupsOfProfile[t].contains(where: { mayStay[$0] }) { key.mayTransfer = true }
                let list = known[key] ?? establishments.indices.filter { e in
                    canHold[e] && Rules.exclusions(key, at: establishments[e], usableCapacity: usable[e], isCurrent: false,
                                                   policy: policy).isEmpty
                }
                known[key] = list
                return Eligibility.week(list, profile: profile, estate: estate)
            }
        }

        /// The establishments of `lawful` that the week leaves open to
        /// `profile`: none for someone who stays where they are, only the
        /// lock's prison for someone locked; and none where two or more of
        /// the person's place needs are limited (one typed sub-capacity per
        /// route is all the network can carry: a documented approximation
        /// that can only leave such a person fewer places, never break a limit).
        static func week(_ lawful: [Int], profile: Profile, estate: Estate) -> [Int] {
            var list: [Int]
            switch profile.fixed {
            case .free: list = lawful
            case .stays: list = []
            case let .locked(prison): list = lawful.filter { estate.establishments[$0].code == prison }
            }
            if !profile.placeNeeds.isEmpty {
                list = list.filter { limitedNeeds(profile.placeNeeds, at: estate.establishments[$0]).count <= 1 }
            }
            return list
        }

        /// The kinds of place among `needs` whose places `establishment` limits (its typed places are known).
        static func limitedNeeds(_ needs: PlaceNeeds, at establishment: Establishment) -> [PlaceNeeds] {
            guard !needs.isEmpty else { return [] }
            return PlaceNeeds.names.map(\.1).filter { needs.contains($0) && establishment.typedPlaces[$0] != nil }
        }
    }
}

// MARK: - Nodes

extension Formulation {
    /// The nodes of the network, numbered in this order: establishments that
    /// can hold anyone; programme nodes; then, profile by profile, the nodes of
    /// its groups that split by programme place, its hub and its reception
    /// node; the sink last. Supplies: each group node its people, each hub the
    /// rest of its people held now, each reception node its new receptions.
    struct Nodes {
        /// Supplies only; no arcs yet.
        var network = FlowNetwork(nodeCount: 0)
        var establishment: [Int?] = []
        /// Programme node by establishment and programme name: only where the
        /// programme's places are limited and it is some profile's first need.
        var programme: [Int: [String: Int]] = [:]
        /// The programme nodes, in node order, with what their places arc carries.
        var programmePlaces: [(establishment: Int, offer: Int, node: Int, places: Int)] = []
        /// Typed-place node by establishment and need (its raw value): only
        /// where the establishment's places of that type are known and some
        /// profile needs that type.
        var typed: [Int: [UInt8: Int]] = [:]
        /// The typed-place nodes, in node order, with the places their arc carries.
        var typedPlaces: [(establishment: Int, need: UInt8, node: Int, places: Int)] = []
        var hub: [Int?] = []
        var reception: [Int?] = []
        var sink = -1
        var peopleHeld = 0
        /// The arrivals and departures caps, and which of them are network structure.
        var limits = LimitNodes()

        /// Numbers the nodes, and gives each group that splits by programme place its node.
        init(profiles: [Profile], groups: inout [Group], groupsOfProfile: [[Int]], estate: Estate, eligibility: Eligibility,
             people: Int, policy: Policy) {
            addEstablishments(estate, canHold: eligibility.canHold, firstNeeds: Set(profiles.compactMap(\.needs.first)))
            addTypedPlaces(estate, canHold: eligibility.canHold,
                           needed: profiles.reduce(into: PlaceNeeds()) { $0.formUnion($1.placeNeeds) })
            let split = estate.establishments.indices.map { programme[$0] != nil || typed[$0] != nil }
            limits = LimitNodes(estate: estate, policy: policy, groups: groups, mayStay: eligibility.mayStay,
                                establishment: establishment, split: split, network: &network)
            addSupplies(profiles: profiles, groups: &groups, groupsOfProfile: groupsOfProfile, mayStay: eligibility.mayStay)
            sink = network.addNode(supply: -Int64(people))
        }

        /// Establishment nodes, then programme nodes where some profile's first need has limited places.
        private mutating func addEstablishments(_ estate: Estate, canHold: [Bool], firstNeeds: Set<String>) {
            establishment = [Int?](repeating: nil, count: canHold.count)
            for e in canHold.indices where canHold[e] { establishment[e] = network.addNode() }
            for (e, candidate) in estate.establishments.enumerated() where canHold[e] {
                for (o, offer) in candidate.interventions.enumerated() where offer.places != nil && firstNeeds.contains(offer.name) {
                    let node = network.addNode()
                    programme[e, default: [:]][offer.name] = node
                    programmePlaces.append((e, o, node, offer.places!))
                }
            }
        }

        /// A node per establishment and kind of place whose places are known there and that somebody needs.
        private mutating func addTypedPlaces(_ estate: Estate, canHold: [Bool], needed: PlaceNeeds) {
            guard !needed.isEmpty else { return }
            for (e, candidate) in estate.establishments.enumerated() where canHold[e] {
                for (_, need) in PlaceNeeds.names where needed.contains(need) {
                    guard let places = candidate.typedPlaces[need] else { continue }
                    let node = network.addNode()
                    typed[e, default: [:]][need.rawValue] = node
                    typedPlaces.append((e, need.rawValue, node, places))
                }
            }
        }

        /// Supply nodes, profile by profile: split groups, the hub (people held now), the reception node.
        private mutating func addSupplies(profiles: [Profile], groups: inout [Group], groupsOfProfile: [[Int]], mayStay: [Bool]) {
            hub = [Int?](repeating: nil, count: profiles.count)
            reception = [Int?](repeating: nil, count: profiles.count)
            for (t, members) in groupsOfProfile.enumerated() {
                var hubSupply: Int64 = 0
                var receptions: Int64 = 0
                for g in members {
                    let count = groups[g].members.count
                    guard let current = groups[g].current else {
                        receptions += Int64(count)
                        continue
                    }
                    peopleHeld += count
                    if mayStay[g] && programmeNode(of: profiles[t], at: current) != nil {
                        groups[g].node = network.addNode(supply: Int64(count))
                    } else {
                        hubSupply += Int64(count)
                    }
                }
                if members.contains(where: { groups[$0].current != nil }) { hub[t] = network.addNode(supply: hubSupply) }
                if receptions > 0 { reception[t] = network.addNode(supply: receptions) }
            }
        }

        /// The node through which `profile` reaches establishment `e` with its
        /// priority need met, where that need's places there are limited; else nil.
        /// Someone whose place need is limited at `e` goes through its typed
        /// node instead (``typedNode(of:at:)``), and so has no programme node there.
        func programmeNode(of profile: Profile, at e: Int) -> Int? {
            if typedNode(of: profile, at: e) != nil { return nil }
            return profile.needs.first.flatMap { programme[e]?[$0] }
        }

        /// Whether the places of `profile`'s priority programme are limited at `e`.
        func limitsProgramme(_ profile: Profile, at e: Int) -> Bool {
            profile.needs.first.flatMap { programme[e]?[$0] } != nil
        }

        /// The typed-place node through which `profile` reaches establishment
        /// `e`, where one of its place needs is limited there; else nil. (The
        /// eligibility keeps people out of establishments that limit two of their needs.)
        func typedNode(of profile: Profile, at e: Int) -> Int? {
            guard !profile.placeNeeds.isEmpty, let nodes = typed[e] else { return nil }
            for (_, need) in PlaceNeeds.names where profile.placeNeeds.contains(need) {
                if let node = nodes[need.rawValue] { return node }
            }
            return nil
        }

        /// The node a stay or placement of `profile` at `e` enters, other than
        /// through a programme node, and whether the priority need counts as met
        /// there: someone routed through a typed node where their programme's
        /// places are limited does not take one of them (another approximation
        /// on the safe side: the need counts as unmet).
        func entry(of profile: Profile, at e: Int) -> (node: Int, needMet: Bool) {
            if let node = typedNode(of: profile, at: e) { return (node, !limitsProgramme(profile, at: e)) }
            return (establishment[e]!, true)
        }
    }
}

// MARK: - Topology

extension Formulation {
    /// One way for a profile into an establishment: the node its arc goes to
    /// (the establishment's, or a programme node), and whether the priority
    /// need is met on the way.
    typealias EntryRoute = (establishment: Int, node: Int, needMet: Bool)

    /// Every arc of the network with its role and capacity, in a fixed order:
    /// profile by profile, the stays and joins of its groups, its hub's
    /// placements and unplaced arc, its reception node's; then the programme
    /// places; then the capacity tranches.
    ///
    /// The topology decides no cost: each arc's cost is ``Costing``'s function
    /// of its role, worked out for each run of profiles on the core that laid
    /// the run, while its arcs are at hand (one pass over the arcs, not two).
    struct Topology {
        /// The nodes and arcs, with their costs.
        var network: FlowNetwork
        var roles: [ArcRole] = []
        var hubArcs: [[Int]]
        var receptionArcs: [[Int]]
        var unplacedArcs: [(hub: Int?, reception: Int?)]
        var capacityArcs: [CapacityArcs?] = []
        var limitArcs = LimitArcs(count: 0)

        /// Lays the arcs, and records each group's stay and join arcs in `groups`.
        init(profiles: [Profile], groups: inout [Group], groupsOfProfile: [[Int]], estate: Estate, usable: [Int],
             reserve: [Int], eligibility: Eligibility, nodes: Nodes, costing: Costing) {
            network = nodes.network
            hubArcs = [[Int]](repeating: [], count: profiles.count)
            receptionArcs = [[Int]](repeating: [], count: profiles.count)
            unplacedArcs = [(hub: Int?, reception: Int?)](repeating: (nil, nil), count: profiles.count)
            let routes = Topology.entryRoutes(profiles: profiles, mayEnter: eligibility.mayEnter, nodes: nodes)
            let batches = Topology.profileArcs(profiles: profiles, groups: groups, groupsOfProfile: groupsOfProfile,
                                               mayStay: eligibility.mayStay, routes: routes, nodes: nodes, costing: costing)
            let establishmentArcCount = nodes.programmePlaces.count + nodes.typedPlaces.count + Tranche.allCases.count * estate.count
                + 3 * estate.count
            append(batches, groups: &groups, reserving: establishmentArcCount)
            let first = roles.count
            appendEstablishmentArcs(estate: estate, usable: usable, reserve: reserve, nodes: nodes)
            network.costs += costing.costsInOrder(of: roles[first...])
        }

        /// The routes into every establishment each profile may enter: through
        /// the programme node with the priority need met and direct with it
        /// unmet where the establishment limits that programme's places, else
        /// direct (with the need met if offered). On the cores.
        static func entryRoutes(profiles: [Profile], mayEnter: [[Int]], nodes: Nodes) -> [[EntryRoute]] {
            concurrentMap(profiles.count) { t -> [EntryRoute] in
                let profile = profiles[t]
                var list: [EntryRoute] = []
                list.reserveCapacity(mayEnter[t].count)
                for e in mayEnter[t] {
                    let direct = nodes.establishment[e]!
                    if let programme = nodes.programmeNode(of: profile, at: e) {
                        list.append((e, programme, true))
                        list.append((e, direct, false))
                    } else {
                        let entry = nodes.entry(of: profile, at: e)
                        list.append((e, entry.node, entry.needMet))
                    }
                }
                return list
            }
        }

        /// The arcs of each profile (stays and joins of its groups, then its
        /// hub's placements and unplaced arc, then its reception node's), built
        /// on the cores in contiguous runs of profiles: joined in run order,
        /// the same arcs in the same order as one pass over the profiles.
        static func profileArcs(profiles: [Profile], groups: [Group], groupsOfProfile: [[Int]], mayStay: [Bool],
                                routes: [[EntryRoute]], nodes: Nodes, costing: Costing) -> [ArcBatch] {
            concurrentRuns(profiles.count, runs: max(1, min(256, profiles.count / 64))) { profileRun -> ArcBatch in
                var batch = ArcBatch()
                // Room for every arc of the run at once: placement and unplaced arcs per supply node, up to three per group.
                batch.reserve(profileRun.reduce(0) { total, t in
                    total + (routes[t].count + 1) * ((nodes.hub[t] == nil ? 0 : 1) + (nodes.reception[t] == nil ? 0 : 1))
                        + 3 * groupsOfProfile[t].count
                })
                for t in profileRun {
                    let members = groupsOfProfile[t]
                    let size = Int64(members.reduce(0) { $0 + groups[$1].members.count })
                    if let hub = nodes.hub[t] {
                        for g in members where groups[g].current != nil {
                            batch.addStay(of: g, groups[g], profile: profiles[t], hub: hub, mayStay: mayStay[g], nodes: nodes)
                        }
                        batch.addPlacements(of: t, from: hub, routes: routes[t], size: size, reception: false, sink: nodes.sink,
                                            nodes: nodes)
                    }
                    if let node = nodes.reception[t] {
                        batch.addPlacements(of: t, from: node, routes: routes[t], size: size, reception: true, sink: nodes.sink,
                                            nodes: nodes)
                    }
                }
                batch.costs = costing.costsInOrder(of: batch.roles[...])
                return batch
            }
        }

        /// Appends the batches' arcs in order, with room for `extra` arcs more,
        /// turning their run-relative arc numbers into the network's.
        private mutating func append(_ batches: [ArcBatch], groups: inout [Group], reserving extra: Int) {
            let arcTotal = batches.reduce(0) { $0 + $1.count }
            network.reserveArcs(arcTotal + extra)
            roles.reserveCapacity(arcTotal + extra)
            for batch in batches {
                let base = network.arcCount
                network.tails += batch.tails
                network.heads += batch.heads
                network.costs += batch.costs
                network.capacities += batch.capacities
                roles += batch.roles
                for (g, arcs, join) in batch.stays {
                    groups[g].stayArcs = arcs.map { $0 + base }
                    groups[g].joinArc = join.map { $0 + base }
                }
                for (t, range) in batch.hubArcs { hubArcs[t] = Array(range.lowerBound + base..<range.upperBound + base) }
                for (t, range) in batch.receptionArcs { receptionArcs[t] = Array(range.lowerBound + base..<range.upperBound + base) }
                for (t, reception, a) in batch.unplaced {
                    if reception { unplacedArcs[t].reception = a + base } else { unplacedArcs[t].hub = a + base }
                }
            }
        }

        /// Each programme's limited places, then each establishment's four
        /// capacity tranches to the sink (``Formulation/capacityTranches(usable:cna:reserve:)``),
        /// empty ones too, so that a capacity change can refill them.
        private mutating func appendEstablishmentArcs(estate: Estate, usable: [Int], reserve: [Int], nodes: Nodes) {
            for item in nodes.programmePlaces {
                add(item.node, nodes.establishment[item.establishment]!, Int64(item.places),
                    .places(establishment: item.establishment, offer: item.offer))
            }
            for item in nodes.typedPlaces {
                add(item.node, nodes.establishment[item.establishment]!, Int64(item.places),
                    .typedPlaces(establishment: item.establishment, need: item.need))
            }
            capacityArcs = [CapacityArcs?](repeating: nil, count: estate.count)
            for (e, establishment) in estate.establishments.enumerated() {
                guard let node = nodes.establishment[e] else { continue }
                let tranches = Formulation.capacityTranches(usable: usable[e], cna: establishment.cna, reserve: reserve[e])
                capacityArcs[e] = CapacityArcs(arcs: Tranche.allCases.map { tranche in
                    add(node, nodes.sink, Int64(tranches[tranche]), .capacity(establishment: e, tranche: tranche))
                })
            }
            limitArcs = LimitArcs(count: estate.count)
            let limits = nodes.limits
            for e in estate.establishments.indices {
                guard let node = nodes.establishment[e] else { continue }
                if let arrivals = limits.arrivalsNode[e] {
                    limitArcs.arrivals[e] = add(arrivals, node, Int64(limits.arrivalsCap[e]!), .arrivals(establishment: e))
                }
                if let stays = limits.staysNode[e] {
                    let floor = limits.staysFloor[e]
                    limitArcs.stays[e] = add(stays, node, Int64(max(0, limits.stayable[e] - floor)), .stays(establishment: e))
                    limitArcs.giveWay[e] = add(node, stays, Int64(floor), .departuresGiveWay(establishment: e))
                }
            }
        }

        @discardableResult
        private mutating func add(_ from: Int, _ to: Int, _ capacity: Int64, _ role: ArcRole) -> Int {
            network.tails.append(Int32(from))
            network.heads.append(Int32(to))
            network.capacities.append(capacity)
            roles.append(role)
            return network.tails.count - 1
        }
    }
}

// MARK: - Side constraint

extension Formulation {
    /// The moves limit, if the policy sets one: moves = people held − stays −
    /// people held but unplaced ≤ limit, that is, stays + unplaced from the
    /// hubs ≥ people held − limit.
    static func sideConstraints(policy: Policy, groups: [Group], unplacedArcs: [(hub: Int?, reception: Int?)],
                                peopleHeld: Int) -> [SideConstraint] {
        guard let limit = policy.movesLimit else { return [] }
        var arcs: [Int] = []
        for group in groups { arcs += group.stayArcs }
        arcs += unplacedArcs.compactMap(\.hub)
        return [SideConstraint(name: movesLimitRow, arcs: arcs, coefficients: [Double](repeating: 1, count: arcs.count),
                               bounds: .atLeast(Double(peopleHeld - limit)))]
    }
}

// MARK: - Arc batches

/// The arcs of a run of profiles, built apart and joined in order by
/// ``Formulation/Topology``; arc indices here count from the run's first arc.
struct ArcBatch {
    var tails: [Int32] = []
    var heads: [Int32] = []
    var capacities: [Int64] = []
    var roles: [Formulation.ArcRole] = []
    /// The arcs' costs, worked out from their roles once the run is laid.
    var costs: [Int64] = []
    /// Stay arcs and join arc of each group that has them.
    var stays: [(group: Int, arcs: [Int], join: Int?)] = []
    var hubArcs: [(profile: Int, arcs: Range<Int>)] = []
    var receptionArcs: [(profile: Int, arcs: Range<Int>)] = []
    var unplaced: [(profile: Int, reception: Bool, arc: Int)] = []

    var count: Int { tails.count }

    mutating func reserve(_ arcs: Int) {
        tails.reserveCapacity(arcs)
        heads.reserveCapacity(arcs)
        capacities.reserveCapacity(arcs)
        roles.reserveCapacity(arcs)
    }

    @discardableResult
    mutating func add(_ from: Int, _ to: Int, _ capacity: Int64, _ role: Formulation.ArcRole) -> Int {
        tails.append(Int32(from))
        heads.append(Int32(to))
        capacities.append(capacity)
        roles.append(role)
        return tails.count - 1
    }

    /// The stay arcs of group `g` (held now, under a profile with a hub), and its join arc if it has a node of its own.
    mutating func addStay(of g: Int, _ group: Formulation.Group, profile: Profile, hub: Int, mayStay: Bool,
                          nodes: Formulation.Nodes) {
        let current = group.current!
        let count = Int64(group.members.count)
        if let node = group.node {
            // A group of its own stays through the programme node with the need met, or direct with it unmet.
            let arcs = [
                add(node, nodes.programmeNode(of: profile, at: current)!, count, .stay(group: g, needMet: true)),
                add(node, nodes.establishment[current]!, count, .stay(group: g, needMet: false)),
            ]
            // Joining the hub leads to a transfer or to being unplaced: the hub's arcs carry the cost.
            stays.append((g, arcs, add(node, hub, count, .join(group: g))))
        } else if mayStay {
            let entry = nodes.entry(of: profile, at: current)
            // At an establishment with a departures cap, stays meet at its stays node (always a direct entry there).
            let head = nodes.limits.staysNode[current] ?? entry.node
            stays.append((g, [add(hub, head, count, .stay(group: g, needMet: entry.needMet))], nil))
        }
    }

    /// A supply node's placement arcs (one per route) and its unplaced arc. A
    /// transfer (from a hub) straight into an establishment with an arrivals
    /// cap goes to its arrivals node instead.
    mutating func addPlacements(of t: Int, from node: Int, routes: [Formulation.EntryRoute], size: Int64, reception: Bool,
                                sink: Int, nodes: Formulation.Nodes) {
        let first = count
        for route in routes {
            var head = route.node
            if !reception, let arrivals = nodes.limits.arrivalsNode[route.establishment], head == nodes.establishment[route.establishment] {
                head = arrivals
            }
            add(node, head, size, .place(profile: t, establishment: route.establishment, needMet: route.needMet,
                                         reception: reception))
        }
        if reception {
            receptionArcs.append((t, first..<count))
        } else {
            hubArcs.append((t, first..<count))
        }
        unplaced.append((t, reception, add(node, sink, size, .unplaced(profile: t, reception: reception))))
    }
}
