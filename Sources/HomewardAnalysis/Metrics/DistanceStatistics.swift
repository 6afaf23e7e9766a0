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
        meanKm = roadKm.reduce(0, +) / Double(count)
        // The two ranks by selection rather than a full sort: the same values, in linear time.
        var values = roadKm
        let median = DistanceStatistics.rank(of: 0.5, count: count)
        medianKm = DistanceStatistics.select(median, in: &values, from: 0)
        // Selection leaves everything from the median's place up at least the median, so the 90th percentile is there.
        p90Km = DistanceStatistics.select(DistanceStatistics.rank(of: 0.9, count: count), in: &values, from: median)
        let mile = DistanceTable.kmPerMile
        within50Miles = Double(roadKm.filter { $0 <= 50 * mile }.count) / Double(count)
        within100Miles = Double(roadKm.filter { $0 <= 100 * mile }.count) / Double(count)
        meanStraightLineMiles = straightKm.reduce(0, +) / Double(max(1, straightKm.count)) / mile
    }

    /// The value at rank ceil(p × n) in `sorted` (1-based).
    public static func nearestRank(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[rank(of: p, count: sorted.count)]
    }

    /// The 0-based place of the nearest rank ceil(p × n) among `count` sorted values (`count` at least 1).
    static func rank(of p: Double, count: Int) -> Int {
        let rank = Int((p * Double(count)).rounded(.up))
        return max(0, min(count - 1, rank - 1))
    }

    /// The value that `values.sorted()[k]` would be, found by selection: quickselect with a three-way partition,
    /// so that the many equal distances of people from one home area cost nothing. Only `values[start...]` is
    /// looked at, so nothing before `start` may be greater than anything from `start` on (as a selection leaves
    /// it), and `k >= start`. Leaves `values` reordered so that `values[k]` is that value, nothing before it
    /// greater and nothing after it smaller. `values` must hold no NaN.
    static func select(_ k: Int, in values: inout [Double], from start: Int) -> Double {
        var low = start, high = values.count - 1
        while low < high {
            // The median of the first, middle and last values as the pivot.
            let a = values[low], b = values[(low + high) / 2], c = values[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            // values[low..<less] < pivot, values[less..<i] == pivot, values[greater+1...high] > pivot.
            var less = low, i = low, greater = high
            while i <= greater {
                let v = values[i]
                if v < pivot {
                    values.swapAt(i, less)
                    less += 1
                    i += 1
                } else if v > pivot {
                    values.swapAt(i, greater)
                    greater -= 1
                } else {
                    i += 1
                }
            }
            if k < less {
                high = less - 1
            } else if k > greater {
                low = greater + 1
            } else {
                return pivot
            }
        }
        return values[k]
    }

    public var meanMiles: Double { meanKm / DistanceTable.kmPerMile }
    public var medianMiles: Double { medianKm / DistanceTable.kmPerMile }
    public var p90Miles: Double { p90Km / DistanceTable.kmPerMile }
}
