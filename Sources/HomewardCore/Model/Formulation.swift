import LinearProgramming

/// The allocation as a minimum-cost flow network (DESIGN.md §3), built from
/// the estate, population and policy. A plain value: the same inputs give the
/// same network, arc for arc, whatever order the population file was in.
///
/// Structure. People with the same ``Profile`` and the same current
/// establishment form a *group* (a supply node). Every group has:
/// - a *stay* arc to its current establishment (if the rules allow it there),
///   costing the placement cost there;
/// - a *move* arc to its profile's *hub*, costing one transfer (nothing for a
///   new reception); the hub has an arc to every establishment the profile
///   may enter, costing the placement cost there;
/// - an *unplaced* arc to the sink at the unplaced penalty.
///
/// Because the move cost does not depend on the destination, all groups of a
/// profile share one hub, which cuts the arcs from groups × establishments to
/// about 3 per group plus profiles × establishments. Each establishment sends
/// its flow to the sink through two arcs: up to CNA at no cost, and from CNA to
/// usable operational capacity at the crowding cost. Where a programme's places
/// are limited, the first-listed need of a profile reaches the establishment
/// through a programme node whose arc to the establishment carries the places.
public struct Formulation: Sendable {
    /// What an arc means, for reading the solution back.
    public enum ArcRole: Sendable, Equatable {
        case stay(group: Int, needMet: Bool)
        case move(group: Int)
        case unplaced(group: Int)
        case fromHub(profile: Int, establishment: Int, needMet: Bool)
        case places(establishment: Int, need: String)
        case capacity(establishment: Int, crowded: Bool)
    }

    /// People with one profile and one current establishment.
    public struct Group: Sendable, Equatable {
        public var profile: Int
        /// Estate index of the current establishment, or nil for new receptions.
        public var current: Int?
        /// Prisoner indices (into the population, which is sorted by id).
        public var members: [Int]
        public var node: Int
        public var stayArcs: [Int]
        public var moveArc: Int
        public var unplacedArc: Int
    }

    public let cost: CostModel
    public let population: Population
    /// Distinct profiles, sorted.
    public let profiles: [Profile]
    /// The profile index of each prisoner.
    public let profileOfPrisoner: [Int]
    public let groups: [Group]
    /// The hub node of each profile.
    public let hubNode: [Int]
    /// Arcs leaving each profile's hub.
    public let hubArcs: [[Int]]
    public let network: FlowNetwork
    public let roles: [ArcRole]
    public let side: [SideConstraint]
    public let sink: Int
    /// Node of each establishment (nil if nobody can be held there).
    public let establishmentNode: [Int?]
    /// The CNA-tranche and crowded-tranche arcs of each establishment.
    public let capacityArcs: [(base: Int?, crowded: Int?)]
    /// Usable places of each establishment (after the operating margin).
    public let usableCapacity: [Int]

    /// Builds the network.
    /// - Parameters:
    ///   - estate: the estate (after any scenario changes).
    ///   - geography: home areas; every prisoner's home must be in it.
    ///   - population: the people to allocate.
    ///   - policy: weights and rules.
    ///   - distances: the distance table for this estate and geography.
    public init(estate: Estate, geography: Geography, population: Population, policy: Policy, distances: DistanceTable) {
        let cost = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
        self.cost = cost
        self.population = population
        let establishments = estate.establishments
        let usable = establishments.map { cost.usableCapacity($0) }
        usableCapacity = usable

        // Profiles and groups, in a canonical order.
        var profileList: [Profile] = []
        var profileIndex: [Profile: Int] = [:]
        var rawProfile = [Int](repeating: 0, count: population.count)
        for (i, prisoner) in population.prisoners.enumerated() {
            let home = geography.index(of: prisoner.home)!
            let profile = Profile(prisoner, home: home, policy: policy)
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

        struct GroupKey: Hashable { var profile: Int; var current: Int }
        var groupIndex: [GroupKey: Int] = [:]
        var groupMembers: [[Int]] = []
        var groupKeys: [GroupKey] = []
        for (i, prisoner) in population.prisoners.enumerated() {
            let current = prisoner.current.flatMap { estate.index(of: $0) } ?? -1
            let key = GroupKey(profile: profileOfPrisoner[i], current: current)
            if let g = groupIndex[key] {
                groupMembers[g].append(i)
            } else {
                groupIndex[key] = groupMembers.count
                groupMembers.append([i])
                groupKeys.append(key)
            }
        }
        let groupOrder = groupKeys.indices.sorted {
            let a = groupKeys[$0], b = groupKeys[$1]
            return a.profile != b.profile ? a.profile < b.profile : a.current < b.current
        }

        // Nodes: groups, hubs, establishments, programme nodes, sink.
        var network = FlowNetwork(nodeCount: 0)
        var groups: [Group] = []
        groups.reserveCapacity(groupOrder.count)
        for g in groupOrder {
            let node = network.addNode(supply: Int64(groupMembers[g].count))
            let key = groupKeys[g]
            groups.append(Group(profile: key.profile, current: key.current >= 0 ? key.current : nil,
                                members: groupMembers[g], node: node, stayArcs: [], moveArc: -1, unplacedArc: -1))
        }
        var profileSize = [Int64](repeating: 0, count: profiles.count)
        for group in groups { profileSize[group.profile] += Int64(group.members.count) }
        let hubNode = profiles.indices.map { _ in network.addNode() }
        self.hubNode = hubNode
        var establishmentNode = [Int?](repeating: nil, count: establishments.count)
        for (e, establishment) in establishments.enumerated() where establishment.isAvailable && usable[e] > 0 {
            establishmentNode[e] = network.addNode()
        }
        self.establishmentNode = establishmentNode

        // Programme nodes, only where a profile's first need has limited places.
        let limitedNeeds = Set(profiles.compactMap(\.needs.first))
        var programmeNode: [Int: [String: Int]] = [:]
        var programmeNodes: [(e: Int, need: String, node: Int, places: Int)] = []
        for (e, establishment) in establishments.enumerated() where establishmentNode[e] != nil {
            for offer in establishment.interventions where offer.places != nil && limitedNeeds.contains(offer.name) {
                let node = network.addNode()
                programmeNode[e, default: [:]][offer.name] = node
                programmeNodes.append((e, offer.name, node, offer.places!))
            }
        }
        let sink = network.addNode(supply: -Int64(population.count))
        self.sink = sink

        var roles: [ArcRole] = []
        func arc(_ from: Int, _ to: Int, _ cost: Int64, _ capacity: Int64, _ role: ArcRole) -> Int {
            roles.append(role)
            return network.addArc(from: from, to: to, cost: cost, capacity: capacity)
        }

        // Eligibility for moves depends only on rule attributes, not on home or needs: cache it.
        struct RuleKey: Hashable {
            var sex: Sex, youngAdult: Bool, category: Category, stage: Stage, cohorts: Cohorts
            var window: Bool, resettlement: Bool
        }
        var eligibleCache: [RuleKey: [Bool]] = [:]
        func eligibleToEnter(_ profile: Profile) -> [Bool] {
            let key = RuleKey(sex: profile.sex, youngAdult: profile.youngAdult, category: profile.category,
                              stage: profile.stage, cohorts: profile.cohorts, window: profile.inForeignNationalWindow,
                              resettlement: profile.mayEnterResettlement)
            if let cached = eligibleCache[key] { return cached }
            let flags = establishments.indices.map { e in
                establishmentNode[e] != nil && Rules.exclusions(
                    profile, at: establishments[e], usableCapacity: usable[e], isCurrent: false, policy: policy).isEmpty
            }
            eligibleCache[key] = flags
            return flags
        }

        // Arcs into an establishment for one profile: (target node, cost, needMet) choices.
        func routes(_ profile: Profile, _ e: Int) -> [(node: Int, cost: Int64, met: Bool)] {
            let direct = establishmentNode[e]!
            if let need = profile.needs.first, let node = programmeNode[e]?[need] {
                return [
                    (node, cost.placement(profile, at: e, priorityNeedMet: true).total, true),
                    (direct, cost.placement(profile, at: e, priorityNeedMet: false).total, false),
                ]
            }
            return [(direct, cost.placement(profile, at: e).total, true)]
        }

        network.reserveArcs(groups.count * 3 + profiles.count * 40)
        let moveCost = cost.moveCost
        let unplacedCost = cost.unplacedCost
        for g in groups.indices {
            let group = groups[g]
            let profile = profiles[group.profile]
            let size = Int64(group.members.count)
            if let current = group.current, establishmentNode[current] != nil,
               Rules.exclusions(profile, at: establishments[current], usableCapacity: usable[current],
                                isCurrent: true, policy: policy).isEmpty {
                for route in routes(profile, current) {
                    groups[g].stayArcs.append(arc(group.node, route.node, route.cost, size, .stay(group: g, needMet: route.met)))
                }
            }
            groups[g].moveArc = arc(group.node, hubNode[group.profile], group.current == nil ? 0 : moveCost, size, .move(group: g))
            groups[g].unplacedArc = arc(group.node, sink, unplacedCost, size, .unplaced(group: g))
        }
        var hubArcs = [[Int]](repeating: [], count: profiles.count)
        for (t, profile) in profiles.enumerated() {
            let eligible = eligibleToEnter(profile)
            for e in establishments.indices where eligible[e] {
                for route in routes(profile, e) {
                    hubArcs[t].append(arc(hubNode[t], route.node, route.cost, profileSize[t],
                                          .fromHub(profile: t, establishment: e, needMet: route.met)))
                }
            }
        }
        self.hubArcs = hubArcs
        for item in programmeNodes {
            _ = arc(item.node, establishmentNode[item.e]!, 0, Int64(item.places), .places(establishment: item.e, need: item.need))
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

        var side: [SideConstraint] = []
        if let limit = policy.movesLimit {
            let moveArcs = groups.filter { $0.current != nil }.map(\.moveArc)
            side.append(SideConstraint(name: "moves_limit", arcs: moveArcs,
                                       coefficients: [Double](repeating: 1, count: moveArcs.count),
                                       bounds: .atMost(Double(limit))))
        }
        self.side = side
        self.groups = groups
        self.network = network
        self.roles = roles
    }

    /// True if the model is a pure network (no side constraints).
    public var isPureNetwork: Bool { side.isEmpty }

    /// Sizes for reports: groups, profiles (hubs), variables (arcs), constraints (rows).
    public var statistics: (groups: Int, profiles: Int, variables: Int, constraints: Int) {
        (groups.count, profiles.count, network.arcCount, network.nodeCount - 1 + side.count)
    }
}
