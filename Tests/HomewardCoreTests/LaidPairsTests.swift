import HomewardCore
@testable import HomewardModel
import LinearProgramming
import Testing

/// Non-associations laid into the network as structure (``LaidPairs``), and the cutting planes that finish the
/// Lagrangian bound on the rows left, on the random paired weeks of the week-constraint tests.
@Suite("Non-associations laid into the network")
struct LaidPairsTests {
    /// Every row of `pairs`: each pair, at each establishment both of its people can reach.
    static func everyRow(_ pairs: Pairs) -> [PairRow] {
        PairKind.allCases.flatMap { kind in
            pairs.list(kind).enumerated().flatMap { k, pair in
                let left = Set((pairs.arcs[pair.a] ?? []).map(\.establishment))
                let right = Set((pairs.arcs[pair.b] ?? []).map(\.establishment))
                return left.intersection(right).sorted().map { PairRow(kind: kind, pair: k, establishment: $0) }
            }
        }
    }

    /// Laying every row that can be laid, then solving the laid network on LEMON: its flow on the original arcs is a
    /// plan of the original network that keeps every laid apart row and pays for every laid costed row it shares;
    /// its optimum lies between the relaxation's and the week's (brute force); and when every row could be laid,
    /// it is the week's optimum, from one network solve.
    @Test(arguments: 0..<300)
    func theLaidNetworkKeepsItsRowsAndBoundsTheWeek(seed: Int) throws {
        let (estate, people, week, policy) = WeekConstraintTests().pairedWeek(seed: seed)
        let allocation = try WeekConstraintTests.allocate(estate, people, week, policy: policy, solver: .network)
        let f = allocation.formulation
        let pairs = Pairs(f)
        guard !pairs.apart.isEmpty || !pairs.costed.isEmpty else { return }
        let rows = Self.everyRow(pairs)
        var laid = LaidPairs(f)
        var flows = [Int64](repeating: 0, count: f.network.arcCount)
        let count = laid.lay(rows, pairs: pairs, flows: &flows)
        #expect(count == laid.rows.count && flows.count == laid.formulation.network.arcCount)
        let solved = try AllocationSolver.backend(.lemon).solve(laid.formulation, start: nil, workspace: nil)
            .optimal("the laid network")
        let plan = laid.original(solved.flows)
        #expect(f.network.violations(of: plan).isEmpty)
        var sharedLaid = 0
        for row in laid.rows {
            let (a, b) = pairs.list(row.kind)[row.pair]
            let together = pairs.establishment(of: a, in: plan) == row.establishment
                && pairs.establishment(of: b, in: plan) == row.establishment
            if row.kind == .apart { #expect(!together, "laid apart row \(row)") } else if together { sharedLaid += 1 }
        }
        #expect(solved.objective == f.network.cost(of: plan) + Int64(sharedLaid) * pairs.sharingPrice)
        let relaxed = try AllocationSolver.backend(.lemon).solve(f, start: nil, workspace: nil).optimal("the relaxation")
        let expected = bruteForceWeekOptimum(estate, people, policy, week)
        #expect(relaxed.objective <= solved.objective && solved.objective <= expected)
        if laid.rows.count == rows.count {
            #expect(solved.objective == expected, "every row laid: one network solve is the week's optimum")
        }
    }

    /// The paired weeks exercise both sides: weeks whose every row can be laid, and weeks with rows that cannot
    /// (someone in two pairs at one establishment), which go to the Lagrangian bound and the MIP; and the solver's
    /// laid bound and Lagrangian bound never pass the optimum.
    @Test func thePairedWeeksLayRowsAndLeaveSomeToTheLagrangianBound() throws {
        var allLaid = 0, someLeft = 0, laidInSolve = 0, leftInSolve = 0
        for seed in 0..<300 {
            let (estate, people, week, policy) = WeekConstraintTests().pairedWeek(seed: seed)
            let allocation = try WeekConstraintTests.allocate(estate, people, week, policy: policy, solver: .network)
            guard let coupled = allocation.statistics.coupled else { continue }
            let pairs = Pairs(allocation.formulation)
            let rows = Self.everyRow(pairs)
            var laid = LaidPairs(allocation.formulation)
            var flows = [Int64](repeating: 0, count: allocation.formulation.network.arcCount)
            if laid.lay(rows, pairs: pairs, flows: &flows) == rows.count { allLaid += 1 } else { someLeft += 1 }
            if coupled.laidRows > 0 { laidInSolve += 1 }
            if coupled.lagrangianRows > 0 { leftInSolve += 1 }
            let expected = bruteForceWeekOptimum(estate, people, policy, week)
            #expect(coupled.lowerBound <= coupled.laidBound && coupled.laidBound <= expected, "seed \(seed)")
            #expect(coupled.lagrangianBound <= expected && coupled.integerBound <= expected, "seed \(seed)")
        }
        #expect(allLaid >= 100 && someLeft >= 10 && laidInSolve >= 10 && leftInSolve >= 3,
                "\(allLaid) weeks all laid, \(someLeft) with rows left; solves laying rows \(laidInSolve), leaving rows \(leftInSolve)")
    }

    /// The cutting-plane LP on two cuts of one row, `L(μ) <= 1000 + μ` (both of the pair at the establishment when
    /// `μ` was 0) and `L(μ) <= 0 - (μ - 2000)` (neither, at 2000): its optimum is where they cross, μ = 500 with
    /// θ = 1500, inside the box; a box of half-width 200 around 0 holds it at 200 instead; a costed row's cap
    /// of 300 stops it there without the box holding it.
    @Test func theCuttingPlaneLPMaximisesTheCutsWithinTheBox() throws {
        let row = LagrangianBound.Row(a: 0, b: 1, establishment: 0, cap: nil)
        let both = LagrangianBound.Cut(value: 1000, multipliers: [0], at: [0: 0, 1: 0])
        let neither = LagrangianBound.Cut(value: 0, multipliers: [2000], at: [0: 1, 1: nil])
        let free = try #require(LagrangianBound.master(rows: [row], cuts: [both, neither], center: [0], width: 10_000))
        #expect(abs(free.μ[0] - 500) < 1e-6 && abs(free.θ - 1500) < 1e-6 && !free.held)
        let boxed = try #require(LagrangianBound.master(rows: [row], cuts: [both, neither], center: [0], width: 200))
        #expect(abs(boxed.μ[0] - 200) < 1e-6 && abs(boxed.θ - 1200) < 1e-6 && boxed.held)
        let capped = LagrangianBound.Row(a: 0, b: 1, establishment: 0, cap: 300)
        let atCap = try #require(LagrangianBound.master(rows: [capped], cuts: [both, neither], center: [0], width: 10_000))
        #expect(abs(atCap.μ[0] - 300) < 1e-6 && !atCap.held, "a costed row's own cap is not the box")
    }

    /// The cutting-plane LP does not depend on a constant added to every cut's value: the same cuts at a national
    /// week's size (1.7e9 centipoints) give the same multipliers, and θ moved by that constant. (The LP measures θ
    /// from the best cut; why that matters, GLPK crawling on hundreds of rows and cuts at national values, shows only
    /// at that scale: see ``LagrangianBound/cuttingPlaneRows``.)
    /// A row that no cut prices (the second: one of its pair at the establishment in both) holds nothing,
    /// wherever in the box the simplex leaves it.
    @Test func theCuttingPlaneLPIsTheSameAtANationalWeeksValues() throws {
        let rows = [LagrangianBound.Row(a: 0, b: 1, establishment: 0, cap: nil), LagrangianBound.Row(a: 2, b: 3, establishment: 0, cap: nil)]
        func cuts(_ shift: Int64) -> [LagrangianBound.Cut] {
            [LagrangianBound.Cut(value: shift + 1000, multipliers: [0, 700], at: [0: 0, 1: 0, 2: 0, 3: 1]),
             LagrangianBound.Cut(value: shift, multipliers: [2000, 700], at: [0: 1, 1: nil, 2: 0, 3: 1])]
        }
        let small = try #require(LagrangianBound.master(rows: rows, cuts: cuts(0), center: [0, 20_000], width: 10_000))
        let national = try #require(LagrangianBound.master(rows: rows, cuts: cuts(1_736_855_723), center: [0, 20_000], width: 10_000))
        #expect(abs(small.μ[0] - 500) < 1e-6 && abs(small.θ - 1500) < 1e-6 && !small.held)
        #expect(abs(national.μ[0] - 500) < 1e-6 && abs(national.θ - (1_736_855_723 + 1500)) < 1e-3 && !national.held)
    }
}
