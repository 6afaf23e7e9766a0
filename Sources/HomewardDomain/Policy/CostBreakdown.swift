/// The cost of one person's placement, component by component, in
/// centipoints (1/100 of a point; see ``Policy``). Integers, so that the
/// network and LP solvers can be compared exactly.
public struct CostBreakdown: Sendable, Equatable {
    public var familyDistance: Int64 = 0
    public var outOfHomeRegion: Int64 = 0
    public var move: Int64 = 0
    public var functionMismatch: Int64 = 0
    public var overSecurity: Int64 = 0
    public var unmetIntervention: Int64 = 0
    public var crowding: Int64 = 0
    /// Holding a person in a place a reception prison keeps for arrivals from court.
    public var receptionReserve: Int64 = 0
    /// A person categorised for open conditions held in closed conditions.
    public var openCategoryInClosed: Int64 = 0
    public var unplaced: Int64 = 0

    public init() {}

    public var total: Int64 {
        familyDistance + outOfHomeRegion + move + functionMismatch + overSecurity + unmetIntervention + crowding
            + receptionReserve + openCategoryInClosed + unplaced
    }

    /// Component names and values, in report order.
    public var components: [(name: String, centipoints: Int64)] {
        [
            ("family_distance", familyDistance), ("out_of_home_region", outOfHomeRegion), ("move", move),
            ("function_mismatch", functionMismatch), ("over_security", overSecurity),
            ("unmet_intervention", unmetIntervention), ("crowding", crowding), ("reception_reserve", receptionReserve),
            ("open_category_in_closed", openCategoryInClosed), ("unplaced", unplaced),
        ]
    }

    public static func + (lhs: CostBreakdown, rhs: CostBreakdown) -> CostBreakdown {
        var sum = lhs
        sum.familyDistance += rhs.familyDistance
        sum.outOfHomeRegion += rhs.outOfHomeRegion
        sum.move += rhs.move
        sum.functionMismatch += rhs.functionMismatch
        sum.overSecurity += rhs.overSecurity
        sum.unmetIntervention += rhs.unmetIntervention
        sum.crowding += rhs.crowding
        sum.receptionReserve += rhs.receptionReserve
        sum.openCategoryInClosed += rhs.openCategoryInClosed
        sum.unplaced += rhs.unplaced
        return sum
    }

    public static func += (lhs: inout CostBreakdown, rhs: CostBreakdown) { lhs = lhs + rhs }
}

/// Points to centipoints, rounded half away from zero.
@inline(__always)
func centipoints(_ points: Double) -> Int64 {
    Int64((points * 100).rounded(.toNearestOrAwayFromZero))
}

/// The placement costs of the model (DESIGN.md §3), in one place.
public struct CostModel: Sendable {
    public let estate: Estate
    public let geography: Geography
    public let distances: DistanceTable
    public let policy: Policy
    /// Per establishment, the facts the costs read, compact for speed.
    private let facts: [Facts]
    /// Region number of each home authority.
    private let homeRegion: [Int32]
    /// Bit number of each programme offered somewhere.
    private let programmeBit: [String: Int]

    private struct Facts: Sendable {
        var region: Int32
        /// The region its people are expected to be released to (its own where none is published).
        var releaseRegion: Int32
        var functions: Functions
        var categories: SecurityProvision
        var offered: UInt64
        /// Closed conditions: holds some category other than open.
        var closed: Bool
    }

    public init(estate: Estate, geography: Geography, distances: DistanceTable, policy: Policy) {
        self.estate = estate
        self.geography = geography
        self.distances = distances
        self.policy = policy
        var regionNumber: [String: Int32] = [:]
        for region in geography.regions { regionNumber[region] = Int32(regionNumber.count) }
        var bits: [String: Int] = [:]
        for name in estate.interventionNames where bits.count < 64 { bits[name] = bits.count }
        programmeBit = bits
        homeRegion = geography.authorities.map { regionNumber[$0.region] ?? -1 }
        facts = estate.establishments.map { e in
            Facts(region: regionNumber[e.region] ?? -2,
                  releaseRegion: regionNumber[e.resettlementRegion ?? e.region] ?? regionNumber[e.region] ?? -2,
                  functions: e.functions, categories: e.categories,
                  offered: e.interventions.reduce(UInt64(0)) { mask, offer in mask | (bits[offer.name].map { 1 << UInt64($0) } ?? 0) },
                  closed: !e.isOpen)
        }
    }

    /// What the costs read of a profile, looked up once: for callers that cost
    /// one profile at many establishments (the model builder: 1.4 million pairs).
    public struct ProfileFacts: Sendable {
        let home: Int
        /// The stage's distance weight.
        let weight: Double
        /// The time-left factor (``TimeLeft/factor(_:)``; 1 when time left is not costed): every cost that
        /// accrues while a person is held somewhere is multiplied by it; a transfer, crowding and the reception
        /// reserve are not.
        let time: Double
        let suitable: Functions
        let category: Category
        /// The programme bit of each need, in order; -1 where no establishment offers it.
        let needBits: [Int]
        /// Near release (pre-release, resettlement): the home region is compared with where an establishment releases to.
        let nearRelease: Bool
        /// The cost in points of closed conditions for a person in an open category (0 for others), before the time factor.
        let openInClosed: Double
    }

    /// The facts of `profile` that ``placement(_:at:priorityNeedMet:)-(ProfileFacts,_,_)`` reads.
    ///
    /// Women's prisons are not divided into reception, training and
    /// resettlement prisons as men's are: a women's closed prison holds women
    /// on remand and at every stage of a sentence from its area. So for women
    /// every function suits every stage, and only security and distance
    /// distinguish their prisons.
    public func facts(of profile: Profile) -> ProfileFacts {
        var suitable = profile.stage.suitableFunctions
        if profile.category.isOpen { suitable.insert(.open) }
        if profile.sex == .female { suitable = Functions(rawValue: 0xFF) }
        let time = policy.timeLeft.map { $0.factor(profile.weeksHere) } ?? 1
        let openStage = profile.postTariff ? Stage.preRelease : profile.stage
        return ProfileFacts(home: profile.home, weight: policy.distanceWeight[profile.stage], time: time, suitable: suitable,
                            category: profile.category, needBits: profile.needs.map { programmeBit[$0] ?? -1 },
                            nearRelease: profile.stage == .preRelease || profile.stage == .resettlement,
                            openInClosed: profile.category.isOpen ? policy.openCategoryInClosed[openStage] : 0)
    }

    /// The cost of holding `profile` at establishment `e`, without the move
    /// and crowding components (which belong to other arcs).
    /// - Parameters:
    ///   - profile: the person's modelled attributes.
    ///   - e: establishment index in the estate.
    ///   - priorityNeedMet: whether the first-listed need gets a place (only
    ///     relevant where its places are limited); nil means "if offered".
    public func placement(_ profile: Profile, at e: Int, priorityNeedMet: Bool? = nil) -> CostBreakdown {
        placement(facts(of: profile), at: e, priorityNeedMet: priorityNeedMet)
    }

    /// ``placement(_:at:priorityNeedMet:)-(Profile,_,_)`` from a profile's facts.
    public func placement(_ profile: ProfileFacts, at e: Int, priorityNeedMet: Bool? = nil) -> CostBreakdown {
        let fact = facts[e]
        let time = profile.time
        let weight = profile.weight * time
        var cost = CostBreakdown()
        cost.familyDistance = centipoints(weight * distances.km(profile.home, e))
        if (profile.nearRelease ? fact.releaseRegion : fact.region) != homeRegion[profile.home] {
            cost.outOfHomeRegion = centipoints(weight * policy.outOfHomeRegion)
        }
        if fact.closed && profile.openInClosed > 0 { cost.openCategoryInClosed = centipoints(profile.openInClosed * time) }
        if fact.functions.isDisjoint(with: profile.suitable) {
            cost.functionMismatch = centipoints(policy.functionMismatch * time)
        }
        let steps = Rules.overSecuritySteps(profile.category, fact.categories)
        if steps > 0 {
            cost.overSecurity = centipoints(policy.overSecurityPerStep * Double(steps) * time)
        }
        var unmet = 0
        for (i, bit) in profile.needBits.enumerated() {
            let offered = bit >= 0 && fact.offered & (1 << UInt64(bit)) != 0
            if i == 0, let met = priorityNeedMet {
                if !(offered && met) { unmet += 1 }
            } else if !offered {
                unmet += 1
            }
        }
        if unmet > 0 {
            cost.unmetIntervention = centipoints(policy.unmetIntervention * Double(unmet) * time)
        }
        return cost
    }

    /// The cost of a transfer.
    public var moveCost: Int64 { centipoints(policy.move) }
    /// The cost of one person above CNA.
    public var crowdingCost: Int64 { centipoints(policy.crowdingAboveCNA) }
    /// The cost of one person in a reception prison's reserved places.
    public var receptionReserveCost: Int64 { centipoints(policy.receptionReserve) }
    /// The cost of leaving one person unplaced.
    public var unplacedCost: Int64 { centipoints(policy.unplaced) }

    /// Places at `establishment` after the operating margin, rounded to the nearest place (so a small
    /// establishment keeps its places under a margin of a few per cent).
    public func usableCapacity(_ establishment: Establishment) -> Int {
        guard establishment.isAvailable else { return 0 }
        let margin = policy.operatingMarginPercent / 100
        return Int((Double(establishment.operationalCapacity) * (1 - margin)).rounded(.toNearestOrAwayFromZero))
    }
}
