import HomewardCore
import SeededRandom
import Testing

@Suite("Distance statistics")
struct DistanceStatisticsTests {
    /// The median and 90th percentile, found by selection, are the nearest-rank values of the sorted distances,
    /// on lists of every small length and on long ones with many equal distances (people from one home area).
    @Test func quantilesEqualTheNearestRanksOfTheSortedDistances() {
        // Seeded, so that the cases are the same on every run.
        var random = SeededRandom(seed: 24)
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
