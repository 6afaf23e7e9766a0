import HomewardCore
@testable import HomewardModel
import SeededRandom
import Testing

/// The search near the optimal face (``NearFaceSearch``), on toy problems small enough to enumerate: whatever
/// it proves must be true of every plan, and what it returns as optimal must be the cheapest plan.
///
/// A toy problem: plans are 0/1 vectors over a few arcs, some of them allowed. A certificate (a bound B,
/// a reference plan x* and a reduced cost r(a) per arc) holds when every allowed plan costs at least
/// B + Σ |r(a)| over the arcs where it differs from x*, so each plan's cost is that plus a random extra.
/// Fixing for a trial t keeps x*(a) on every arc with |r(a)| > t − B, as the solvers' fixing does.
@Suite("The search near the optimal face")
struct NearFaceSearchTests {
    struct Toy {
        var plans: [[Int64]]
        var costs: [Int64]
        var reference: [Int64]
        var reduced: [Int64]
        var bound: Int64

        init(seed: UInt64) {
            var random = SeededRandom(seed: seed)
            let arcs = 3 + Int(random.next() % 6)
            let reference = (0..<arcs).map { _ in Int64(random.next() % 2) }
            let reduced = (0..<arcs).map { _ in Int64(random.next() % 40) }
            let bound: Int64 = 1_000
            var plans: [[Int64]] = [], costs: [Int64] = []
            for mask in 0..<(1 << arcs) where random.next() % 3 != 0 {
                let plan = (0..<arcs).map { Int64((mask >> $0) & 1) }
                let distance = (0..<arcs).reduce(Int64(0)) { $0 + (plan[$1] != reference[$1] ? reduced[$1] : 0) }
                let extra = random.next() % 4 == 0 ? 0 : Int64(random.next() % 60)
                plans.append(plan)
                costs.append(bound + distance + extra)
            }
            (self.plans, self.costs) = (plans, costs)
            (self.reference, self.reduced, self.bound) = (reference, reduced, bound)
        }

        func fixing(_ trial: Int64) -> [Int64?] {
            reference.indices.map { reduced[$0] > trial - bound ? reference[$0] : nil }
        }

        func cost(_ plan: [Int64]) -> Int64 { costs[plans.firstIndex(of: plan)!] }

        /// The cheapest allowed plan that keeps every fixing (an exact "MIP").
        func solve(_ fixed: [Int64?]) -> NearFaceSearch.Answer {
            let fits = plans.indices.filter { k in fixed.indices.allSatisfy { fixed[$0] == nil || fixed[$0] == plans[k][$0] } }
            let free = fixed.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            guard let best = fits.min(by: { (costs[$0], $0) < (costs[$1], $1) }) else {
                return .init(flows: nil, optimal: true, infeasible: true, notProven: nil, columns: free)
            }
            return .init(flows: plans[best], optimal: true, notProven: nil, columns: free)
        }
    }

    @Test(arguments: 0..<300)
    func itProvesOnlyTheCheapestPlanAndItsBoundsHold(seed: Int) throws {
        let toy = Toy(seed: UInt64(90_000 + seed))
        guard let worst = toy.costs.indices.max(by: { toy.costs[$0] < toy.costs[$1] }) else { return }
        let optimum = toy.costs.min()!
        // Start from the dearest plan, with a column limit for the stages near the face that varies by seed.
        var search = NearFaceSearch(plan: toy.plans[worst], cost: toy.costs[worst], lowerBound: toy.bound)
        try search.run(nearFaceColumns: seed % 4, largestMIP: seed % 3 == 0 ? 2 : 100, fixing: toy.fixing,
                       costOf: toy.cost, solve: { fixed, _ in toy.solve(fixed) },
                       keeps: "every rule")
        #expect(search.lowerBound <= optimum, "a raised bound never passes the optimum")
        #expect(search.cost >= optimum)
        #expect(search.cost == toy.cost(search.plan))
        if search.proven {
            #expect(search.cost == optimum)
            #expect(search.notProven == nil)
        } else {
            #expect(search.notProven != nil)
        }
        if seed % 3 != 0 {
            #expect(search.proven, "with room for every free arc in the last stage, the search always ends proven")
        }
    }

    /// The stages below the plan's cost are exercised: some find the optimum there, some only raise the bound.
    @Test func stagesBelowThePlansCostProveAndRaiseTheBound() throws {
        var provenBelowCost = 0, raised = 0
        for seed in 0..<300 {
            let toy = Toy(seed: UInt64(90_000 + seed))
            guard let worst = toy.costs.indices.max(by: { toy.costs[$0] < toy.costs[$1] }) else { continue }
            var trials: [Int64] = []
            var search = NearFaceSearch(plan: toy.plans[worst], cost: toy.costs[worst], lowerBound: toy.bound)
            try search.run(nearFaceColumns: 100, largestMIP: 100, fixing: { trials.append($0); return toy.fixing($0) },
                           costOf: toy.cost, solve: { fixed, _ in toy.solve(fixed) }, keeps: "every rule")
            if search.proven, search.stages >= 1, trials.count >= 1, trials.last! < toy.costs[worst] { provenBelowCost += 1 }
            if search.stages >= 2 { raised += 1 } // the first stage ended without a proof, so it raised the bound
        }
        #expect(provenBelowCost >= 20)
        #expect(raised >= 20)
    }
}
