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
    public var unplaced: Int64 = 0

    public init() {}

    public var total: Int64 {
        familyDistance + outOfHomeRegion + move + functionMismatch + overSecurity + unmetIntervention + crowding + unplaced
    }

    /// Component names and values, in report order.
    public var components: [(name: String, centipoints: Int64)] {
        [
            ("family_distance", familyDistance), ("out_of_home_region", outOfHomeRegion), ("move", move),
            ("function_mismatch", functionMismatch), ("over_security", overSecurity),
            ("unmet_intervention", unmetIntervention), ("crowding", crowding), ("unplaced", unplaced),
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

    public init(estate: Estate, geography: Geography, distances: DistanceTable, policy: Policy) {
        self.estate = estate
        self.geography = geography
        self.distances = distances
        self.policy = policy
    }

    /// The cost of holding `profile` at establishment `e`, without the move
    /// and crowding components (which belong to other arcs).
    /// - Parameters:
    ///   - profile: the person's modelled attributes.
    ///   - e: establishment index in the estate.
    ///   - priorityNeedMet: whether the first-listed need gets a place (only
    ///     relevant where its places are limited); nil means "if offered".
    public func placement(_ profile: Profile, at e: Int, priorityNeedMet: Bool? = nil) -> CostBreakdown {
        let establishment = estate.establishments[e]
        let weight = policy.distanceWeight[profile.stage]
        var cost = CostBreakdown()
        cost.familyDistance = centipoints(weight * distances.km(profile.home, e))
        if establishment.region != geography.authorities[profile.home].region {
            cost.outOfHomeRegion = centipoints(weight * policy.outOfHomeRegion)
        }
        var suitable = profile.stage.suitableFunctions
        if profile.category.isOpen { suitable.insert(.open) }
        if establishment.functions.isDisjoint(with: suitable) {
            cost.functionMismatch = centipoints(policy.functionMismatch)
        }
        let steps = Rules.overSecuritySteps(profile.category, establishment.categories)
        if steps > 0 {
            cost.overSecurity = centipoints(policy.overSecurityPerStep * Double(steps))
        }
        var unmet = 0
        for (i, need) in profile.needs.enumerated() {
            let offered = establishment.offer(of: need) != nil
            if i == 0, let met = priorityNeedMet {
                if !(offered && met) { unmet += 1 }
            } else if !offered {
                unmet += 1
            }
        }
        if unmet > 0 {
            cost.unmetIntervention = centipoints(policy.unmetIntervention * Double(unmet))
        }
        return cost
    }

    /// The cost of a transfer.
    public var moveCost: Int64 { centipoints(policy.move) }
    /// The cost of one person above CNA.
    public var crowdingCost: Int64 { centipoints(policy.crowdingAboveCNA) }
    /// The cost of leaving one person unplaced.
    public var unplacedCost: Int64 { centipoints(policy.unplaced) }

    /// Places at `establishment` after the operating margin.
    public func usableCapacity(_ establishment: Establishment) -> Int {
        guard establishment.isAvailable else { return 0 }
        let margin = policy.operatingMarginPercent / 100
        return Int((Double(establishment.operationalCapacity) * (1 - margin)).rounded(.down))
    }
}
