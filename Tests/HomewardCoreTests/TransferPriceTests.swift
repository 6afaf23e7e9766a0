import HomewardCore
import SeededRandom
import Testing

/// The weekly search for the move cost, against made-up responses of transfers to cost
/// (the simulation's solves give the same kind of answer: fewer transfers at a higher cost).
@Suite("The transfer price meets the limit with few solves")
struct TransferPriceTests {
    /// One week: every cost the search asks for, and the cost it keeps.
    static func week(_ price: inout TransferPrice, mustMove: Int = 0, _ transfers: (Double) -> Int) -> (tried: [Double], kept: Double) {
        var search = price.search()
        var tried: [Double] = []
        while !search.done {
            tried.append(search.cost)
            search.record(transfers: transfers(search.cost), mustMove: mustMove)
        }
        price.close(search, transfers: transfers(search.cost), mustMove: mustMove)
        return (tried, search.cost)
    }

    @Test func withoutALimitEveryWeekIsOneSolveAtTheBaseCost() {
        var price = TransferPrice(base: 150, ceiling: 50_000, limit: nil)
        for _ in 0..<5 {
            let (tried, kept) = Self.week(&price) { _ in 100_000 }
            #expect(tried == [150])
            #expect(kept == 150)
        }
    }

    /// Whatever the threshold above which a cost meets the limit, the week keeps a cost that meets it,
    /// in at most eight solves, and never tries a cost outside [base, ceiling].
    @Test func aWeekAlwaysKeepsACostThatMeetsTheLimitWhenOneExists() {
        var generator = SeededRandom(seed: 31)
        for _ in 0..<500 {
            let threshold = 150 * (1 + 400 * generator.uniform())  // up to 60,150: sometimes above the ceiling
            var price = TransferPrice(base: 150, ceiling: 50_000, limit: 1000)
            for _ in 0..<3 {
                let (tried, kept) = Self.week(&price) { $0 >= threshold ? 400 : 1600 }
                #expect(tried.count <= 8)
                #expect(tried.allSatisfy { (150...50_000).contains($0) })
                if threshold <= 50_000 {
                    #expect(kept >= threshold, "threshold \(threshold): kept \(kept) after \(tried)")
                } else {
                    #expect(kept == 50_000, "no cost meets the limit: the week ends at the ceiling, the floor")
                }
            }
        }
    }

    /// After the ceiling met the limit, the search halves the gap to the highest cost that failed
    /// until the kept cost is within a factor of two of it (or eight solves are spent).
    @Test func afterTheCeilingTheGapIsHalvedToAFactorOfTwo() {
        var price = TransferPrice(base: 150, ceiling: 50_000, limit: 1000)
        let (tried, kept) = Self.week(&price) { $0 >= 3000 ? 400 : 1600 }
        #expect(tried.prefix(3) == [150, 350, 50_000])
        let failed = tried.filter { $0 < 3000 }.max()!
        #expect(kept <= 2 * failed || tried.count == 8, "\(tried) kept \(kept)")
        #expect(kept >= 3000)
    }

    /// A week at the floor (the ceiling still gives too many transfers) opens the next at an eighth of its cost.
    @Test func aFloorWeekOpensTheNextAtAnEighth() {
        var price = TransferPrice(base: 150, ceiling: 50_000, limit: 1000)
        let (_, kept) = Self.week(&price) { _ in 1329 }
        #expect(kept == 50_000)
        #expect(price.opening == 6250)
        // A limit below the people the rules move counts as those people: met at the first cost.
        var other = TransferPrice(base: 150, ceiling: 50_000, limit: 10)
        let (tried, _) = Self.week(&other, mustMove: 20) { _ in 20 }
        #expect(tried == [150])
    }

    /// The costs come down by 30% a week while they meet the limit, never below the base cost.
    @Test func aPriceThatMeetsTheLimitComesDownToTheBase() {
        var price = TransferPrice(base: 150, ceiling: 50_000, limit: 1000)
        _ = Self.week(&price) { $0 >= 1000 ? 400 : 1600 }
        var opened: [Double] = []
        for _ in 0..<12 {
            opened.append(price.opening)
            _ = Self.week(&price) { _ in 400 }
        }
        #expect(zip(opened, opened.dropFirst()).allSatisfy { $1 == max(150, ($0 * 0.7).rounded()) })
        #expect(opened.last == 150)
    }

    /// When lower costs keep failing, the price is held at the cost that works for one week, then two,
    /// four and eight before it tries lower again; a lower cost that works sets the hold back to one week.
    @Test func failedLowerStartsHoldThePriceForLongerEachTime() throws {
        var price = TransferPrice(base: 150, ceiling: 50_000, limit: 1000)
        var threshold = 253.0
        let respond = { (cost: Double) in cost >= threshold ? 200 : 1200 }
        // Week 1: 150 fails, 350 works. Week 2 starts at 350 (the cost had to be raised); week 3 tries 245, which fails.
        var weeks: [(tried: [Double], kept: Double)] = []
        for _ in 0..<45 { weeks.append(Self.week(&price, respond)) }
        #expect(weeks[0].tried == [150, 350])
        #expect(weeks.allSatisfy { $0.kept == 350 })
        let failedStarts = weeks.indices.dropFirst().filter { weeks[$0].tried[0] < 253 }
        #expect(failedStarts == [2, 4, 7, 12, 21, 30, 39], "holds of 1, 2, 4, 8, 8 and 8 weeks")
        #expect(failedStarts.allSatisfy { weeks[$0].tried == [245, 350] })
        // Held weeks need one solve each.
        #expect(weeks.indices.dropFirst().filter { !failedStarts.contains($0) }.allSatisfy { weeks[$0].tried == [350] })

        // A lower cost that works again (245, once the hold is over) sets the hold back to one week.
        threshold = 200
        var after: [(tried: [Double], kept: Double)] = []
        for _ in 0..<12 { after.append(Self.week(&price, respond)) }
        let worked = try #require(after.firstIndex { $0.tried == [245] })
        let starts = after.indices.filter { after[$0].tried[0] < 200 }
        #expect(starts.first == worked + 1)
        #expect(zip(starts, starts.dropFirst()).map { $1 - $0 - 1 }.prefix(2) == [1, 2], "\(after)")
    }
}
