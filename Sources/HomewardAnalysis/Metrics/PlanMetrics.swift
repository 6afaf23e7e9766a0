import HomewardDomain
import HomewardInput
import HomewardModel

/// The figures of an allocation: before (as is) and after (the plan).
public struct PlanMetrics: Sendable, Equatable {
    public struct EstablishmentFigures: Sendable, Equatable {
        public var code: PrisonCode
        public var name: String
        public var region: String
        public var occupancyBefore: Int
        public var occupancyAfter: Int
        public var operationalCapacity: Int
        public var usableCapacity: Int
        public var cna: Int
        /// Points saved by one more operational place (the capacity shadow price).
        public var shadowPrice: Double?
        public var inScope: Bool
        public var closed: Bool
    }

    public var prisoners: Int
    public var placed: Int
    public var unplaced: Int
    /// Transfers between establishments.
    public var moves: Int
    /// New receptions given a place.
    public var receptionsPlaced: Int
    /// People with a current establishment (the "before" side).
    public var before: DistanceStatistics
    public var after: DistanceStatistics
    public var homeRegionBefore: Double
    public var homeRegionAfter: Double
    public var establishments: [EstablishmentFigures]
    /// Churn near release, reception space, open categories, repatriation.
    public var management: ManagementFigures

    /// Computes the figures of `allocation`.
    public init(allocation: Allocation) {
        let f = allocation.formulation
        let plan = allocation.plan
        let estate = f.cost.estate
        let geography = f.cost.geography
        let distances = f.cost.distances
        prisoners = plan.placements.count
        placed = plan.placed
        unplaced = plan.unplaced
        moves = plan.moves
        var receptions = 0
        var beforeRoad: [Double] = [], beforeStraight: [Double] = []
        var afterRoad: [Double] = [], afterStraight: [Double] = []
        var homeBefore = 0, homeAfter = 0
        var occupancyBefore = [Int](repeating: 0, count: estate.count)
        for placement in plan.placements {
            let prisoner = f.population.prisoners[placement.prisoner]
            let home = geography.index(of: prisoner.home)!
            let region = geography.authorities[home].region
            if let code = prisoner.current, let e = estate.index(of: code) {
                occupancyBefore[e] += 1
                beforeRoad.append(distances.km(home, e))
                beforeStraight.append(distances.straight(home, e))
                if estate.establishments[e].region == region { homeBefore += 1 }
            }
            if let e = placement.destination {
                if prisoner.current == nil { receptions += 1 }
                afterRoad.append(distances.km(home, e))
                afterStraight.append(distances.straight(home, e))
                if estate.establishments[e].region == region { homeAfter += 1 }
            }
        }
        receptionsPlaced = receptions
        before = DistanceStatistics(roadKm: beforeRoad, straightKm: beforeStraight)
        after = DistanceStatistics(roadKm: afterRoad, straightKm: afterStraight)
        homeRegionBefore = beforeRoad.isEmpty ? 0 : Double(homeBefore) / Double(beforeRoad.count)
        homeRegionAfter = afterRoad.isEmpty ? 0 : Double(homeAfter) / Double(afterRoad.count)
        management = ManagementFigures(allocation: allocation)
        establishments = estate.establishments.enumerated().map { e, establishment in
            EstablishmentFigures(
                code: establishment.code, name: establishment.name, region: establishment.region,
                occupancyBefore: occupancyBefore[e], occupancyAfter: plan.occupancy[e],
                operationalCapacity: establishment.operationalCapacity, usableCapacity: f.usableCapacity[e],
                cna: establishment.cna, shadowPrice: e < allocation.solution.capacityValue.count ? allocation.solution.capacityValue[e] : nil,
                inScope: establishment.isInScope, closed: establishment.isClosed)
        }
    }
}
