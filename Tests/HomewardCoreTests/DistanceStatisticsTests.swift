import HomewardCore
import Testing

@Suite("Distance statistics")
struct DistanceStatisticsTests {
    /// A small seeded generator (SplitMix64), so that the cases are the same on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The median and 90th percentile, found by selection, are the nearest-rank values of the sorted distances,
    /// on lists of every small length and on long ones with many equal distances (people from one home area).
    @Test func quantilesEqualTheNearestRanksOfTheSortedDistances() {
        var random = SplitMix(state: 24)
        var lists: [[Double]] = [[0], [3, 3], [5, 1], [2, 2, 2, 2]]
        for length in 1...40 {
            lists.append((0..<length).map { _ in Double(Int.random(in: 0...6, using: &random)) * 12.5 })
            lists.append((0..<length).map { _ in Double.random(in: 0...400, using: &random) })
        }
        for _ in 0..<20 {
            let distinct = (0..<Int.random(in: 1...60, using: &random)).map { _ in Double.random(in: 0...600, using: &random) }
            lists.append((0..<Int.random(in: 1_000...20_000, using: &random)).map { _ in distinct.randomElement(using: &random)! })
        }
        lists.append((0..<5_000).map(Double.init))
        lists.append((0..<5_000).map { Double(5_000 - $0) })
        for km in lists {
            let stats = DistanceStatistics(roadKm: km, straightKm: km)
            let sorted = km.sorted()
            #expect(stats.medianKm == DistanceStatistics.nearestRank(sorted, 0.5), "\(km.count) distances")
            #expect(stats.p90Km == DistanceStatistics.nearestRank(sorted, 0.9), "\(km.count) distances")
            #expect(stats.count == km.count)
        }
        // The nearest rank by hand: ceil(0.5 × 5) = 3rd and ceil(0.9 × 5) = 5th of 1, 2, 3, 4, 5.
        let five = DistanceStatistics(roadKm: [5, 3, 1, 4, 2], straightKm: [5, 3, 1, 4, 2])
        #expect(five.medianKm == 3)
        #expect(five.p90Km == 5)
    }
}
