import HomewardDomain
import HomewardInput
import LinearProgramming

/// The allocation as a minimum-cost flow network (DESIGN.md §3), built from
/// the estate, population and policy. A plain value: the same inputs give the
/// same network, arc for arc, whatever order the population file was in.
///
/// People with the same ``Profile`` are interchangeable everywhere except at
/// the establishment where they are now. So each profile has one *hub* node
/// whose supply is its people held now, and:
/// - an arc to every establishment the profile may enter, costing the
///   placement cost there plus one transfer;
/// - for each establishment where some of its people are held (and may stay),
///   a *stay* arc limited to that many people, costing the placement cost there;
/// - an *unplaced* arc to the sink at the unplaced penalty.
///
/// Because people of one profile differ only in where they are, the stay arcs
/// can take anyone from the hub as long as each carries no more than the
/// people held at that establishment: whoever uses a stay arc is read back as
/// one of those people. The transfer cost does not depend on the destination,
/// so one hub serves every current establishment, and the network has about
/// one node per profile: tens of thousands for 88,000 people, rather than one
/// per (profile, establishment). New receptions have a node of their own per
/// profile, with placement arcs that carry no transfer cost.
///
/// Each establishment sends its flow to the sink through two arcs: up to CNA
/// at no cost, and from CNA to usable operational capacity at the crowding
/// cost. Where a programme's places are limited, a profile's first-listed
/// need reaches the establishment through a programme node whose arc to the
/// establishment carries the places; people who could stay at such a place
/// keep a group node of their own, so that staying is limited to them.
public struct Formulation: Sendable {
    /// What an arc means, for reading the solution back.
    public enum ArcRole: Sendable, Equatable {
        /// A group stays at its current establishment.
        case stay(group: Int, needMet: Bool)
        /// A separate group's people join their profile's hub (to move or be unplaced).
        case join(group: Int)
        /// People of a profile's hub (or reception node) go to an establishment.
        case place(profile: Int, establishment: Int, needMet: Bool, reception: Bool)
        /// People of a profile's hub (or reception node) cannot be placed.
        case unplaced(profile: Int, reception: Bool)
        /// A programme's limited places at an establishment: `offer` indexes the
        /// establishment's `interventions` (``programme(ofPlacesAt:offer:)`` names it).
        /// Plain integers, so that a million roles copy as plain memory.
        case places(establishment: Int, offer: Int)
        case capacity(establishment: Int, crowded: Bool)
    }

    /// People with one profile and one current establishment.
    public struct Group: Sendable, Equatable {
        public var profile: Int
        /// Estate index of the current establishment, or nil for new receptions.
        public var current: Int?
        /// Prisoner indices (into the population, which is sorted by id).
        public var members: [Int]
        /// A node of its own (only where staying splits by programme place); else nil.
        public var node: Int?
        public var stayArcs: [Int]
        /// The arc joining its hub (only with a node of its own).
        public var joinArc: Int?
    }

    public internal(set) var cost: CostModel
    public let population: Population
    /// Distinct profiles, sorted.
    public let profiles: [Profile]
    /// The profile index of each prisoner.
    public let profileOfPrisoner: [Int]
    /// Groups, sorted by profile then current establishment (receptions first).
    public let groups: [Group]
    /// The groups of each profile.
    public let groupsOfProfile: [[Int]]
    /// The hub node of each profile (nil if all its people are new receptions).
    public let hubNode: [Int?]
    /// The reception node of each profile (nil if it has no new receptions).
    public let receptionNode: [Int?]
    /// Placement arcs of each profile's hub, in establishment order.
    public let hubArcs: [[Int]]
    /// Placement arcs of each profile's reception node.
    public let receptionArcs: [[Int]]
    /// The unplaced arcs of each profile: (hub, reception).
    public let unplacedArcs: [(hub: Int?, reception: Int?)]
    public internal(set) var network: FlowNetwork
    public let roles: [ArcRole]
    public let side: [SideConstraint]
    public let sink: Int
    /// Node of each establishment (nil if nobody can be held there).
    public let establishmentNode: [Int?]
    /// The CNA-tranche and crowded-tranche arcs of each establishment.
    public let capacityArcs: [(base: Int?, crowded: Int?)]
    /// Usable places of each establishment (after the operating margin).
    public let usableCapacity: [Int]
    /// People with a current establishment.
    public let peopleHeld: Int

    /// Builds the network of an instance: its people in its (changed) estate under its policy.
    public init(_ instance: ProblemInstance, profiling: Profiling? = nil) {
        self.init(estate: instance.estate, geography: instance.geography, population: instance.population,
                  policy: instance.policy, distances: instance.distances, profiling: profiling)
    }

    /// Builds the network.
    /// - Parameters:
    ///   - estate: the estate (after any scenario changes).
    ///   - geography: home areas; every prisoner's home must be in it.
    ///   - population: the people to allocate.
    ///   - policy: weights and rules.
    ///   - distances: the distance table for this estate and geography.
    ///   - profiling: the population's ``Profiling`` under `policy`, if
    ///     computed ahead (the weekly simulation computes next week's while
    ///     this week is solved); computed here if nil.
    public init(estate: Estate, geography: Geography, population: Population, policy: Policy, distances: DistanceTable,
                profiling: Profiling? = nil) {
        let cost = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
        self.cost = cost
        self.population = population
        let establishments = estate.establishments
        let usable = establishments.map { cost.usableCapacity($0) }
        usableCapacity = usable

        // Profiles and groups, in a canonical order.
        let profiling = profiling ?? Profiling(population: population, geography: geography, policy: policy)
        precondition(profiling.profileOfPrisoner.count == population.count, "the profiling must be of this population")
        let profiles = profiling.profiles
        let profileOfPrisoner = profiling.profileOfPrisoner
        self.profiles = profiles
        self.profileOfPrisoner = profileOfPrisoner

        // Groups: the people of one profile held at one establishment (receptions first), in that order, each
        // group's members in population order. A counting sort by profile, then a stable sort by establishment
        // within each profile: no hashing per person.
        let currentIndex = population.prisoners.map { $0.current.flatMap { estate.index(of: $0) } ?? -1 }
        var profileStart = [Int](repeating: 0, count: profiles.count + 1)
        for t in profileOfPrisoner { profileStart[t + 1] += 1 }
        for t in 0..<profiles.count { profileStart[t + 1] += profileStart[t] }
        var byProfile = [Int](repeating: 0, count: population.count)
        var next = profileStart
        for (i, t) in profileOfPrisoner.enumerated() {
            byProfile[next[t]] = i
            next[t] += 1
        }
        var groups: [Group] = []
        var profileGroups = [[Int]](repeating: [], count: profiles.count)
        for t in 0..<profiles.count {
            let members = byProfile[profileStart[t]..<profileStart[t + 1]].sorted {
                (currentIndex[$0], $0) < (currentIndex[$1], $1)
            }
            var first = 0
            while first < members.count {
                let current = currentIndex[members[first]]
                var end = first + 1
                while end < members.count && currentIndex[members[end]] == current { end += 1 }
                profileGroups[t].append(groups.count)
                groups.append(Group(profile: t, current: current >= 0 ? current : nil, members: Array(members[first..<end]),
                                    node: nil, stayArcs: [], joinArc: nil))
                first = end
            }
        }
        let groupsOfProfile = profileGroups
        self.groupsOfProfile = groupsOfProfile

        var network = FlowNetwork(nodeCount: 0)
        var establishmentNode = [Int?](repeating: nil, count: establishments.count)
        for (e, establishment) in establishments.enumerated() where establishment.isAvailable && usable[e] > 0 {
            establishmentNode[e] = network.addNode()
        }
        self.establishmentNode = establishmentNode
        // Programme nodes, only where some profile's first need has limited places.
        let firstNeeds = Set(profiles.compactMap(\.needs.first))
        var programmeNode: [Int: [String: Int]] = [:]
        var programmeNodes: [(e: Int, offer: Int, node: Int, places: Int)] = []
        for (e, establishment) in establishments.enumerated() where establishmentNode[e] != nil {
            for (o, offer) in establishment.interventions.enumerated() where offer.places != nil && firstNeeds.contains(offer.name) {
                let node = network.addNode()
                programmeNode[e, default: [:]][offer.name] = node
                programmeNodes.append((e, o, node, offer.places!))
            }
        }
        func splitsByPlaces(_ profile: Profile, _ e: Int) -> Bool {
            profile.needs.first.map { programmeNode[e]?[$0] != nil } ?? false
        }
        // Whether each group's people may stay where they are: a rules check per group, once, on the cores.
        let mayStay = concurrentMap(groups.count) { [groups, establishmentNode] g -> Bool in
            guard let current = groups[g].current, establishmentNode[current] != nil else { return false }
            return Rules.exclusions(profiles[groups[g].profile], at: establishments[current], usableCapacity: usable[current],
                                    isCurrent: true, policy: policy).isEmpty
        }

        // Supply nodes: hubs (people held now), reception nodes, and split groups.
        var hubNode = [Int?](repeating: nil, count: profiles.count)
        var receptionNode = [Int?](repeating: nil, count: profiles.count)
        var held = 0
        for (t, members) in groupsOfProfile.enumerated() {
            var hubSupply: Int64 = 0
            var receptions: Int64 = 0
            for g in members {
                if groups[g].current == nil {
                    receptions += Int64(groups[g].members.count)
                } else {
                    held += groups[g].members.count
                    if mayStay[g] && splitsByPlaces(profiles[t], groups[g].current!) {
                        groups[g].node = network.addNode(supply: Int64(groups[g].members.count))
                    } else {
                        hubSupply += Int64(groups[g].members.count)
                    }
                }
            }
            if members.contains(where: { groups[$0].current != nil }) { hubNode[t] = network.addNode(supply: hubSupply) }
            if receptions > 0 { receptionNode[t] = network.addNode(supply: receptions) }
        }
        self.hubNode = hubNode
        self.receptionNode = receptionNode
        peopleHeld = held
        let sink = network.addNode(supply: -Int64(population.count))
        self.sink = sink

        var roles: [ArcRole] = []
        func arc(_ from: Int, _ to: Int, _ cost: Int64, _ capacity: Int64, _ role: ArcRole) -> Int {
            roles.append(role)
            return network.addArc(from: from, to: to, cost: cost, capacity: capacity)
        }

        // Eligibility for moves depends only on what the rules read, not on home or needs: cache it.
        var eligibleCache: [EligibilityKey: [Int]] = [:]
        func eligibleToEnter(_ profile: Profile) -> [Int] {
            let key = profile.eligibilityKey
            if let cached = eligibleCache[key] { return cached }
            let list = establishments.indices.filter { e in
                establishmentNode[e] != nil && Rules.exclusions(
                    key, at: establishments[e], usableCapacity: usable[e], isCurrent: false, policy: policy).isEmpty
            }
            eligibleCache[key] = list
            return list
        }
        // The routes into every establishment each profile may enter: through the programme node with the
        // priority need met and direct with it unmet where the establishment limits that programme's places,
        // else direct. The bulk of the cost computations (national: 1.4 million), spread over the cores.
        // Hub arcs (transfers) add the move cost; reception arcs do not.
        let eligible = profiles.map(eligibleToEnter)
        typealias EntryRoute = (establishment: Int, route: (node: Int, cost: Int64, met: Bool))
        let entryRoutes = concurrentMap(profiles.count) { [programmeNode, establishmentNode] t -> [EntryRoute] in
            let profile = profiles[t]
            let facts = cost.facts(of: profile)
            var list: [EntryRoute] = []
            list.reserveCapacity(eligible[t].count)
            for e in eligible[t] {
                let direct = establishmentNode[e]!
                if let need = profile.needs.first, let node = programmeNode[e]?[need] {
                    list.append((e, (node, cost.placement(facts, at: e, priorityNeedMet: true).total, true)))
                    list.append((e, (direct, cost.placement(facts, at: e, priorityNeedMet: false).total, false)))
                } else {
                    list.append((e, (direct, cost.placement(facts, at: e).total, true)))
                }
            }
            return list
        }

        // The arcs of each profile (stays and joins of its groups, then its hub's placements and unplaced arc,
        // then its reception node's), built on the cores in contiguous runs of profiles and joined in profile
        // order: the same arcs, in the same order, as one pass over the profiles would add.
        let moveCost = cost.moveCost
        let unplacedCost = cost.unplacedCost
        let groupList = groups, hubs = hubNode, receptions = receptionNode
        let programmes = programmeNode, nodes = establishmentNode
        let batches = concurrentRuns(profiles.count, runs: max(1, min(256, profiles.count / 64))) { profileRun -> ArcBatch in
            var batch = ArcBatch()
            // Room for every arc of the run at once: placement and unplaced arcs per supply node, up to three per group.
            batch.reserve(profileRun.reduce(0) { total, t in
                total + (entryRoutes[t].count + 1) * ((hubs[t] == nil ? 0 : 1) + (receptions[t] == nil ? 0 : 1))
                    + 3 * groupsOfProfile[t].count
            })
            for t in profileRun {
                let profile = profiles[t]
                let members = groupsOfProfile[t]
                let size = Int64(members.reduce(0) { $0 + groupList[$1].members.count })
                if let hub = hubs[t] {
                    for g in members where groupList[g].current != nil {
                        let group = groupList[g]
                        let current = group.current!
                        let count = Int64(group.members.count)
                        if let node = group.node {
                            // A group of its own stays through the programme node with the need met, or direct with it unmet.
                            let programme = programmes[current]![profile.needs[0]]!
                            let arcs = [
                                batch.add(node, programme, cost.placement(profile, at: current, priorityNeedMet: true).total, count,
                                          .stay(group: g, needMet: true)),
                                batch.add(node, nodes[current]!, cost.placement(profile, at: current, priorityNeedMet: false).total, count,
                                          .stay(group: g, needMet: false)),
                            ]
                            // Joining the hub leads to a transfer or to being unplaced: the hub's arcs carry the cost.
                            batch.stays.append((g, arcs, batch.add(node, hub, 0, count, .join(group: g))))
                        } else if mayStay[g] {
                            let stay = batch.add(hub, nodes[current]!, cost.placement(profile, at: current).total, count,
                                                 .stay(group: g, needMet: true))
                            batch.stays.append((g, [stay], nil))
                        }
                    }
                    let first = batch.count
                    for (e, route) in entryRoutes[t] {
                        batch.add(hub, route.node, route.cost + moveCost, size,
                                  .place(profile: t, establishment: e, needMet: route.met, reception: false))
                    }
                    batch.hubArcs.append((t, first..<batch.count))
                    batch.unplaced.append((t, false, batch.add(hub, sink, unplacedCost, size, .unplaced(profile: t, reception: false))))
                }
                if let node = receptions[t] {
                    let first = batch.count
                    for (e, route) in entryRoutes[t] {
                        batch.add(node, route.node, route.cost, size,
                                  .place(profile: t, establishment: e, needMet: route.met, reception: true))
                    }
                    batch.receptionArcs.append((t, first..<batch.count))
                    batch.unplaced.append((t, true, batch.add(node, sink, unplacedCost, size, .unplaced(profile: t, reception: true))))
                }
            }
            return batch
        }
        var hubArcs = [[Int]](repeating: [], count: profiles.count)
        var receptionArcs = [[Int]](repeating: [], count: profiles.count)
        var unplacedArcs = [(hub: Int?, reception: Int?)](repeating: (nil, nil), count: profiles.count)
        let arcTotal = batches.reduce(0) { $0 + $1.count }
        network.reserveArcs(arcTotal + programmeNodes.count + 2 * establishments.count)
        roles.reserveCapacity(arcTotal + programmeNodes.count + 2 * establishments.count)
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
        self.hubArcs = hubArcs
        self.receptionArcs = receptionArcs
        self.unplacedArcs = unplacedArcs
        for item in programmeNodes {
            _ = arc(item.node, establishmentNode[item.e]!, 0, Int64(item.places), .places(establishment: item.e, offer: item.offer))
        }
        var capacityArcs = [(base: Int?, crowded: Int?)](repeating: (nil, nil), count: establishments.count)
        let crowdingCost = cost.crowdingCost
        for (e, establishment) in establishments.enumerated() {
            guard let node = establishmentNode[e] else { continue }
            let base = min(usable[e], establishment.cna)
            let crowded = usable[e] - base
            if base > 0 {
                capacityArcs[e].base = arc(node, sink, 0, Int64(base), .capacity(establishment: e, crowded: false))
            }
            if crowded > 0 {
                capacityArcs[e].crowded = arc(node, sink, crowdingCost, Int64(crowded), .capacity(establishment: e, crowded: true))
            }
        }
        self.capacityArcs = capacityArcs

        // Moves = people held − stays − people held but unplaced  <=  limit.
        var side: [SideConstraint] = []
        if let limit = policy.movesLimit {
            var arcs: [Int] = []
            for group in groups { arcs += group.stayArcs }
            arcs += unplacedArcs.compactMap(\.hub)
            side.append(SideConstraint(name: "moves_limit", arcs: arcs, coefficients: [Double](repeating: 1, count: arcs.count),
                                       bounds: .atLeast(Double(held - limit))))
        }
        self.side = side
        self.groups = groups
        self.network = network
        self.roles = roles
    }

    /// The programme whose places a `.places(establishment: e, offer: offer)` arc carries.
    public func programme(ofPlacesAt e: Int, offer: Int) -> String {
        cost.estate.establishments[e].interventions[offer].name
    }

    /// Each person's current establishment (estate index), from the groups; nil
    /// for new receptions and for people whose establishment is not in the estate.
    public var currentEstablishments: [Int?] {
        var current = [Int?](repeating: nil, count: population.count)
        for group in groups where group.current != nil {
            for i in group.members { current[i] = group.current }
        }
        return current
    }

    /// Transfers in `flows`: people held now who leave their group for a
    /// placement through their profile's hub (the quantity a moves limit bounds).
    public func transfers(in flows: [Int64]) -> Int {
        var total: Int64 = 0
        for arcs in hubArcs { for a in arcs { total += flows[a] } }
        return Int(total)
    }

    /// People held now whom the rules do not allow to stay where they are:
    /// they must be transferred (or go unplaced), whatever a moves limit says.
    public var mustMove: Int {
        groups.reduce(0) { $0 + ($1.current != nil && $1.stayArcs.isEmpty ? $1.members.count : 0) }
    }

    /// True if the model is a pure network (no side constraints).
    public var isPureNetwork: Bool { side.isEmpty }

    /// Sizes for reports: groups, profiles (hubs), variables (arcs), constraints (rows).
    public var statistics: (groups: Int, profiles: Int, variables: Int, constraints: Int) {
        (groups.count, profiles.count, network.arcCount, network.nodeCount - 1 + side.count)
    }
}

extension Formulation {
    /// The first stage of building a formulation: the distinct profiles of a
    /// population, sorted, and each person's profile. It depends on who the
    /// people are (and on the policy's rules and stages, not its weights),
    /// not on where they are held, so it can be computed ahead.
    public struct Profiling: Sendable {
        /// Distinct profiles, sorted.
        public let profiles: [Profile]
        /// The profile index of each prisoner.
        public let profileOfPrisoner: [Int]

        /// The profiling of `population`; every prisoner's home must be in `geography`.
        public init(population: Population, geography: Geography, policy: Policy) {
            var profileList: [Profile] = []
            var profileIndex: [Profile: Int] = [:]
            var rawProfile = [Int](repeating: 0, count: population.count)
            for (i, prisoner) in population.prisoners.enumerated() {
                let profile = Profile(prisoner, home: geography.index(of: prisoner.home)!, policy: policy)
                if let index = profileIndex[profile] {
                    rawProfile[i] = index
                } else {
                    profileIndex[profile] = profileList.count
                    rawProfile[i] = profileList.count
                    profileList.append(profile)
                }
            }
            let order = profileList.indices.sorted { profileList[$0] < profileList[$1] }
            var rank = [Int](repeating: 0, count: profileList.count)
            for (position, original) in order.enumerated() { rank[original] = position }
            profiles = order.map { profileList[$0] }
            profileOfPrisoner = rawProfile.map { rank[$0] }
        }
    }
}

/// The arcs of a run of profiles, built apart and joined in order by ``Formulation/init(estate:geography:population:policy:distances:)``;
/// arc indices here count from the run's first arc.
private struct ArcBatch {
    var tails: [Int32] = []
    var heads: [Int32] = []
    var costs: [Int64] = []
    var capacities: [Int64] = []
    var roles: [Formulation.ArcRole] = []
    /// Stay arcs and join arc of each group that has them.
    var stays: [(group: Int, arcs: [Int], join: Int?)] = []
    var hubArcs: [(profile: Int, arcs: Range<Int>)] = []
    var receptionArcs: [(profile: Int, arcs: Range<Int>)] = []
    var unplaced: [(profile: Int, reception: Bool, arc: Int)] = []

    var count: Int { tails.count }

    mutating func reserve(_ arcs: Int) {
        tails.reserveCapacity(arcs)
        heads.reserveCapacity(arcs)
        costs.reserveCapacity(arcs)
        capacities.reserveCapacity(arcs)
        roles.reserveCapacity(arcs)
    }

    @discardableResult
    mutating func add(_ from: Int, _ to: Int, _ cost: Int64, _ capacity: Int64, _ role: Formulation.ArcRole) -> Int {
        tails.append(Int32(from))
        heads.append(Int32(to))
        costs.append(cost)
        capacities.append(capacity)
        roles.append(role)
        return tails.count - 1
    }
}
