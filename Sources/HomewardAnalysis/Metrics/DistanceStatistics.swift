import HomewardDomain
import HomewardInput
import HomewardModel

/// Summary statistics of family distances for a set of people.
public struct DistanceStatistics: Sendable, Equatable {
    public var count: Int
    public var meanKm: Double
    public var medianKm: Double
    public var p90Km: Double
    /// Share within 50 miles (modelled road distance).
    public var within50Miles: Double
    /// Share within 100 miles.
    public var within100Miles: Double
    /// Mean straight-line distance in miles (the measure MoJ publishes).
    public var meanStraightLineMiles: Double

    /// Statistics of `roadKm` (and matching `straightKm`). Quantiles use the
    /// nearest-rank method, so they are always distances someone actually has.
    public init(roadKm: [Double], straightKm: [Double]) {
        count = roadKm.count
        guard !roadKm.isEmpty else {
            meanKm = 0; medianKm = 0; p90Km = 0; within50Miles = 0; within100Miles = 0; meanStraightLineMiles = 0
            return
        }
        let sorted = roadKm.sorted()
        meanKm = roadKm.reduce(0, +) / Double(count)
        medianKm = DistanceStatistics.nearestRank(sorted, 0.5)
        p90Km = DistanceStatistics.nearestRank(sorted, 0.9)
        let mile = DistanceTable.kmPerMile
        within50Miles = Double(roadKm.filter { $0 <= 50 * mile }.count) / Double(count)
        within100Miles = Double(roadKm.filter { $0 <= 100 * mile }.count) / Double(count)
        meanStraightLineMiles = straightKm.reduce(0, +) / Double(max(1, straightKm.count)) / mile
    }

    /// The value at rank ceil(p × n) in `sorted` (1-based).
    public static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    public var meanMiles: Double { meanKm / DistanceTable.kmPerMile }
    public var medianMiles: Double { medianKm / DistanceTable.kmPerMile }
    public var p90Miles: Double { p90Km / DistanceTable.kmPerMile }
}
