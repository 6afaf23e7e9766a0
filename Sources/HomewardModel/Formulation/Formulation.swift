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
/// Each establishment sends its flow to the sink through four arcs, one per
/// ``Tranche``: up to CNA at no cost, from CNA to usable operational capacity
/// at the crowding cost, and, at reception prisons, the last places (kept for
/// next week's arrivals from court) at the reserve cost on top. Where a programme's places are limited, a profile's first-listed
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
        /// One tranche of an establishment's places (``Tranche``).
        case capacity(establishment: Int, tranche: Tranche)
        /// An establishment's known places of one type (``PlaceNeeds`` raw
        /// value), for the people who need that type.
        case typedPlaces(establishment: Int, need: UInt8)
        /// Transfers into an establishment with an arrivals cap: every hub's
        /// placement arc into it meets here, and this one arc to the
        /// establishment carries the cap (``LimitNodes``).
        case arrivals(establishment: Int)
        /// Stays at an establishment with a departures cap, beyond the floor
        /// of stays the cap sets (the floor is taken out of the supplies).
        case stays(establishment: Int)
        /// The departures cap giving way: each unit is one stay of the floor
        /// not made, at a cost above any plan's (``LimitNodes``).
        case departuresGiveWay(establishment: Int)
        /// A non-association laid into the network (``LaidPairs``): both
        /// people's placements at the establishment meet at a node of their
        /// own, which reaches the establishment by one arc with one place
        /// (`sharing` false) and, for a pair who may share at a cost, a second
        /// arc with a second place at the sharing cost (`sharing` true).
        case pairPlace(establishment: Int, sharing: Bool)
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
    public internal(set) var roles: [ArcRole]
    public internal(set) var side: [SideConstraint]
    public let sink: Int
    /// Node of each establishment (nil if nobody can be held there).
    public let establishmentNode: [Int?]
    /// The four capacity arcs of each establishment that has a node (``Tranche``).
    public let capacityArcs: [CapacityArcs?]
    /// Places each establishment keeps for next week's arrivals from court
    /// (``receptionReserve(estate:population:policy:usable:)``; 0 but at reception prisons).
    public let receptionReserve: [Int]
    /// Usable places of each establishment (after the operating margin).
    public let usableCapacity: [Int]
    /// People with a current establishment.
    public let peopleHeld: Int
    /// The arrivals and departures caps laid as network structure, by establishment.
    public let limitArcs: LimitArcs
    /// The first node of the non-associations laid into the network (``LaidPairs``): every node from here on is one
    /// pair's at one establishment. nil while none is laid.
    public internal(set) var firstPairNode: Int?

    /// Builds the network of an instance: its people in its (changed) estate under its policy.
    public init(_ instance: ProblemInstance, profiling: Profiling? = nil) {
        self.init(estate: instance.estate, geography: instance.geography, population: instance.population,
                  policy: instance.policy, distances: instance.distances, profiling: profiling)
    }

    /// Builds the network.
    ///
    /// One step per job, each a function of its own (Formulation+Build.swift):
    /// ``grouping(profileOfPrisoner:profileCount:current:)`` sorts people into groups;
    /// ``Eligibility`` asks the rules where each group may stay and each profile may go;
    /// ``Nodes`` numbers the nodes; ``Topology`` lays the arcs with their roles and
    /// capacities (``capacityTranches(usable:cna:)`` splits each establishment's
    /// places) and ``Costing`` prices each arc from its role alone; and
    /// ``sideConstraints(policy:groups:unplacedArcs:peopleHeld:)`` adds the moves limit.
    ///
    /// The topology is not a value of its own: the formulation *is* its topology
    /// and its costs, and the costs are a pure function of the roles under a
    /// ``CostModel``. So the operations that change one or the other
    /// (``recosted(for:)``, ``network(closing:)``,
    /// ``network(withCapacity:cna:at:)``) each replace one array of the
    /// network, with the same functions the builder uses.
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
        let usable = estate.establishments.map { cost.usableCapacity($0) }
        let reserve = Self.receptionReserve(estate: estate, population: population, policy: policy, usable: usable)
        // A profiling worked out ahead (before this week's moves) may pin someone too near release to be
        // transferred at an establishment they have since left: then it is worked out again.
        let profiling = profiling.flatMap { $0.pins(population, policy: policy) ? $0 : nil }
            ?? Profiling(population: population, geography: geography, policy: policy)
        precondition(profiling.profileOfPrisoner.count == population.count, "the profiling must be of this population")
        let profiles = profiling.profiles

        let current = population.prisoners.map { $0.current.flatMap { estate.index(of: $0) } ?? -1 }
        var (groups, groupsOfProfile) = Self.grouping(profileOfPrisoner: profiling.profileOfPrisoner,
                                                      profileCount: profiles.count, current: current)
        let eligibility = Eligibility(profiles: profiles, groups: groups, groupsOfProfile: groupsOfProfile, estate: estate,
                                      usable: usable, policy: policy)
        let nodes = Nodes(profiles: profiles, groups: &groups, groupsOfProfile: groupsOfProfile, estate: estate,
                          eligibility: eligibility, people: population.count, policy: policy)
        let costing = Costing(model: cost, profiles: profiles, groups: groups)
        let topology = Topology(profiles: profiles, groups: &groups, groupsOfProfile: groupsOfProfile, estate: estate,
                                usable: usable, reserve: reserve, eligibility: eligibility, nodes: nodes, costing: costing)

        self.cost = cost
        self.population = population
        self.profiles = profiles
        self.profileOfPrisoner = profiling.profileOfPrisoner
        self.groups = groups
        self.groupsOfProfile = groupsOfProfile
        hubNode = nodes.hub
        receptionNode = nodes.reception
        sink = nodes.sink
        establishmentNode = nodes.establishment
        peopleHeld = nodes.peopleHeld
        usableCapacity = usable
        receptionReserve = reserve
        var network = topology.network
        Self.priceGiveWay(&network, arcs: topology.limitArcs.giveWay)
        self.network = network
        limitArcs = topology.limitArcs
        roles = topology.roles
        hubArcs = topology.hubArcs
        receptionArcs = topology.receptionArcs
        unplacedArcs = topology.unplacedArcs
        capacityArcs = topology.capacityArcs
        side = Self.sideConstraints(policy: policy, groups: groups, unplacedArcs: topology.unplacedArcs,
                                    peopleHeld: nodes.peopleHeld)
            + Self.capRows(estate: estate, policy: policy, groups: groups, hubArcs: topology.hubArcs, roles: topology.roles,
                           limits: nodes.limits)
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

    /// True if the only side constraint is the moves limit (``MovesLimitSolver`` solves it exactly).
    public var hasOnlyMovesLimit: Bool { side.count == 1 && side[0].name == Self.movesLimitRow }

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

        /// The profiling a formulation was built with: for another formulation of the same people under the same
        /// policy (an estate change), which then need not work it out again.
        public init(of formulation: Formulation) {
            profiles = formulation.profiles
            profileOfPrisoner = formulation.profileOfPrisoner
        }

        /// The profiling of `population`; every prisoner's home must be in `geography`.
        public init(population: Population, geography: Geography, policy: Policy) {
            var profileList: [Profile] = []
            var profileIndex: [Profile: Int] = [:]
            var rawProfile = [Int](repeating: 0, count: population.count)
            let week = WeekIndex(population.week)
            var paired = Set<PersonID>()
            for pair in population.week.nonAssociations where policy.nonAssociations.treatment(of: pair) != .ignored {
                paired.insert(pair.a)
                paired.insert(pair.b)
            }
            for (i, prisoner) in population.prisoners.enumerated() {
                let profile = Profile(prisoner, home: geography.index(of: prisoner.home)!, policy: policy,
                                      fixed: week.fixed(prisoner), placeNeeds: week.needs(prisoner),
                                      individual: paired.contains(prisoner.id))
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

        /// Whether every person of `population` too near release to be transferred is pinned, in this
        /// profiling, where they are held now (and nobody else is pinned).
        func pins(_ population: Population, policy: Policy) -> Bool {
            guard profileOfPrisoner.count == population.count else { return false }
            for (i, prisoner) in population.prisoners.enumerated() {
                let expected = policy.mayTransfer(prisoner) ? nil : prisoner.current
                if profiles[profileOfPrisoner[i]].pinned != expected { return false }
            }
            return true
        }
    }
}
