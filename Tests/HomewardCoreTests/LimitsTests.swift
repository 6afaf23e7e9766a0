import GLPK
import HomewardCore
@testable import HomewardModel
import LinearProgramming
import SeededRandom
import Testing

/// Limits on transfers (issue #23, item 3): the moves limit solved by a
/// Lagrangian price on the network simplex, and caps on arrivals and
/// departures per establishment laid as network structure, each checked
/// against an enumeration of every assignment and against GLPK.
@Suite("Limits on transfers")
struct LimitsTests {
    /// Transfers, arrivals and departures of an assignment, restated without the model.
    struct Counts {
        var moves = 0
        var arrivals: [Int]
        var departures: [Int]
        /// People held at each establishment who may not stay there (the rules or a closure move them).
        var forced: [Int]

        init(_ people: [Prisoner], _ estate: Estate, _ destinations: [Int?], _ options: [[Int?]]) {
            arrivals = [Int](repeating: 0, count: estate.count)
            departures = arrivals
            forced = arrivals
            for (i, person) in people.enumerated() {
                guard let from = person.current.flatMap({ estate.index(of: $0) }) else { continue }
                if !options[i].contains(from) { forced[from] += 1 }
                guard destinations[i] != from else { continue }
                departures[from] += 1
                if let to = destinations[i] {
                    moves += 1
                    arrivals[to] += 1
                }
            }
        }
    }

    /// The brute-force optimum under `policy`'s moves limit and caps: transfers at most the limit; arrivals at
    /// most the cap; departures at most the cap, or the people who may not stay where more must leave.
    static func bruteForce(_ estate: Estate, _ people: [Prisoner], _ policy: Policy) -> Int64 {
        bruteForceWeekOptimum(estate, people, policy, .none) { destinations, options in
            let counts = Counts(people, estate, destinations, options)
            if let limit = policy.movesLimit, counts.moves > limit { return false }
            for (e, establishment) in estate.establishments.enumerated() {
                if let cap = policy.arrivalsLimit?.limit(at: establishment.code), counts.arrivals[e] > cap { return false }
                if let cap = policy.departuresLimit?.limit(at: establishment.code), counts.departures[e] > max(cap, counts.forced[e]) {
                    return false
                }
            }
            return true
        }
    }

    /// A random instance without limited programme places (so that caps are network structure).
    static func instance(seed: UInt64, maxPeople: Int = 7, maxPlaces: Int = 4) -> (Estate, [Prisoner], Policy) {
        var (estate, people, policy) = Fixture.randomInstance(seed: seed, maxPeople: maxPeople, maxPlaces: maxPlaces)
        let establishments = estate.establishments.map { establishment -> Establishment in
            var changed = establishment
            changed.interventions = changed.interventions.map { InterventionOffer(name: $0.name) }
            // Capacities up to 4 leave many people unplaced; half these instances have more room to move.
            if seed % 2 == 0 {
                changed.operationalCapacity += 3
                changed.cna += 2
            }
            return changed
        }
        policy.move = Double(seed % 40)
        return (Estate(establishments: establishments), people, policy)
    }

    // MARK: - Moves limit

    @Test(arguments: 0..<120)
    func movesLimitAgreesWithBruteForce(seed: Int) throws {
        var (estate, people, policy) = Fixture.randomInstance(seed: UInt64(70_000 + seed), maxPeople: 7, maxPlaces: 4)
        policy.move = Double(seed % 30)
        let free = try Fixture.allocate(estate, people, policy: policy)
        policy.movesLimit = free.plan.moves == 0 ? 0 : seed % (free.plan.moves + 1)
        let limited = try Fixture.allocate(estate, people, policy: policy)
        #expect(limited.solution.objective == Self.bruteForce(estate, people, policy))
        #expect(limited.plan.moves <= policy.movesLimit!)
        #expect(limited.plan.objective == limited.solution.objective)
        let stats = try #require(limited.statistics.movesLimit)
        #expect(stats.proven)
        #expect(stats.lowerBound <= limited.solution.objective)
        #expect(stats.integerBound == limited.solution.objective, "a proven plan's integer bound is its cost")
    }

    /// A random instance of up to 40 people (from seed 80,000 on) with a moves limit of half the transfers the
    /// plan without one makes, and its allocation within that limit.
    static func halvedLimit(seed: Int) throws -> (policy: Policy, limited: Allocation) {
        var (estate, people, policy) = Fixture.randomInstance(seed: UInt64(80_000 + seed), maxPeople: 40, maxPlaces: 6)
        policy.move = Double(seed % 20)
        let free = try Fixture.allocate(estate, people, policy: policy)
        policy.movesLimit = free.plan.moves / 2
        return (policy, try Fixture.allocate(estate, people, policy: policy))
    }

    /// On instances too large to enumerate: GLPK's LP on the exported problem gives the same bound
    /// (the Lagrangian dual at the breakpoint is the LP optimum), and GLPK's branch-and-cut on it the same optimum.
    @Test(arguments: 0..<40)
    func movesLimitAgreesWithGLPK(seed: Int) throws {
        let (policy, limited) = try Self.halvedLimit(seed: seed)
        let stats = try #require(limited.statistics.movesLimit)
        let program = limited.formulation.linearProgram()
        let lp = try GLPK.solve(program, options: .coldFromSlackBasis)
        let lpObjective = try #require(lp.solution?.objective)
        #expect(stats.lowerBound == Int64((lpObjective - 1e-6).rounded(.up)), "the bound is the LP optimum, rounded up")
        var integer = program
        for j in integer.columns.indices { integer.columns[j].isInteger = true }
        let mip = try Problem(integer).solveInteger(timeLimitSeconds: 60)
        #expect(mip.termination == .optimal)
        let optimum = try #require(mip.objective)
        #expect(limited.solution.objective == Int64(optimum.rounded()))
        #expect(limited.plan.moves <= policy.movesLimit!)
        #expect(stats.proven)
    }

    @Test func aLimitBelowThePeopleWhoMustMoveLeavesTheRestUnplaced() throws {
        // Nobody may stay at CLO (no usable places): three people must move, and the limit allows one.
        let estate = Estate(establishments: [
            Fixture.establishment("CLO", capacity: 0, near: 0),
            Fixture.establishment("OPN", capacity: 10, near: 1),
        ])
        let people = (0..<3).map { Fixture.prisoner("M\($0)", category: .b, current: "CLO") }
        var policy = Policy.standard
        policy.movesLimit = 1
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.formulation.mustMove == 3)
        #expect(allocation.plan.moves == 1)
        #expect(allocation.plan.unplaced == 2)
        #expect(allocation.solution.objective == Self.bruteForce(estate, people, policy))
        let glpk = try Fixture.allocate(estate, people, policy: policy, solver: .glpk)
        #expect(glpk.solution.objective == allocation.solution.objective, "GLPK's LP means the same")
    }

    // MARK: - Caps per establishment

    @Test(arguments: 0..<150)
    func capsAgreeWithBruteForce(seed: Int) throws {
        var (estate, people, policy) = Self.instance(seed: UInt64(90_000 + seed))
        var random = SeededRandom(seed: UInt64(seed))
        if random.chance(0.7) {
            policy.arrivalsLimit = EstablishmentLimits(defaultLimit: random.chance(0.5) ? random.integer(in: 0...2) : nil,
                                                       prisons: [PrisonCode("P0"): random.integer(in: 0...1)])
        }
        if random.chance(0.7) { policy.departuresLimit = EstablishmentLimits(defaultLimit: random.integer(in: 0...2)) }
        if random.chance(0.3) { policy.movesLimit = random.integer(in: 0...3) }
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.formulation.side.count == (policy.movesLimit == nil ? 0 : 1), "caps are network structure here")
        let gaveWay = allocation.formulation.limitArcs.gaveWay(in: allocation.solution.flows)
        let expected = Self.bruteForce(estate, people, policy)
        // Where capacity (not the rules) forces people out beyond the cap, the brute force finds nothing, and the
        // model's cap gives way: then only the network's own consistency is checked.
        if expected == .max {
            #expect(!gaveWay.isEmpty)
            return
        }
        #expect(allocation.plan.objective == expected)
        let destinations = allocation.plan.placements.map(\.destination)
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                                  policy: policy, checksDistances: false)
        #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty)
        if let limit = policy.movesLimit { #expect(destinations.indices.filter { allocation.plan.placements[$0].moved }.count <= limit) }
    }

    @Test func capsAddNothingWhereThereAreNone() throws {
        let (estate, people, policy) = Self.instance(seed: 4)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people), policy: policy,
                            distances: DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor))
        var capped = policy
        capped.arrivalsLimit = EstablishmentLimits(defaultLimit: nil, prisons: [PrisonCode("NOPE"): 1])
        let g = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people), policy: capped,
                            distances: DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor))
        #expect(f.network == g.network, "a cap at no establishment of the estate changes nothing")
        #expect(f.limitArcs.arrivals.allSatisfy { $0 == nil })
    }

    /// Three people held far from home, with places near home: an arrivals cap of one at the near prison
    /// lets one move there, the one who gains most, at the least extra cost.
    @Test func aBindingArrivalsCapMovesTheOneWhoGainsMost() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("FAR", categories: [.b, .c], functions: [.training], capacity: 10, near: 3),
            Fixture.establishment("NEA", categories: [.b, .c], functions: [.training], capacity: 10, near: 0),
        ])
        let people = [
            Fixture.prisoner("A", home: 0, toRelease: 400, current: "FAR"),
            Fixture.prisoner("B", home: 0, toRelease: 60, current: "FAR"),
            Fixture.prisoner("C", home: 1, toRelease: 600, current: "FAR"),
        ]
        var policy = Policy.standard
        policy.move = 10
        let free = try Fixture.allocate(estate, people, policy: policy)
        #expect(free.plan.moves == 3)
        policy.arrivalsLimit = EstablishmentLimits(defaultLimit: nil, prisons: [PrisonCode("NEA"): 1])
        let capped = try Fixture.allocate(estate, people, policy: policy)
        #expect(capped.plan.moves == 1)
        #expect(capped.plan.objective == Self.bruteForce(estate, people, policy))
        // The least extra cost: of the three plans that move one person, the cheapest.
        let single = (0..<3).map { k in
            bruteForcePlanCost(estate, people, policy, (0..<3).map { $0 == k ? 1 : 0 })
        }
        #expect(capped.plan.objective == single.min()!)
        #expect(capped.plan.objective > free.plan.objective)
    }

    /// A re-role with a departures cap: nobody held may stay (Cat B people in a Cat C prison), so the cap
    /// gives way by as many as it must, and says so.
    @Test func aDeparturesCapGivesWayWhereNobodyMayStay() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("CLO", categories: [.c], capacity: 10, near: 0),
            Fixture.establishment("OPN", capacity: 10, near: 1),
        ])
        let people = (0..<3).map { Fixture.prisoner("M\($0)", category: .b, current: "CLO") }
        var policy = Policy.standard
        policy.departuresLimit = EstablishmentLimits(defaultLimit: 1)
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.plan.moves == 3)
        #expect(allocation.formulation.limitArcs.gaveWay(in: allocation.solution.flows).map(\.people) == [2])
        #expect(allocation.plan.objective == Self.bruteForce(estate, people, policy))
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                                  policy: policy, checksDistances: false)
        #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty, "people who may not stay do not count against the cap")
    }

    @Test func aDeparturesCapHoldsPeopleBack() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("FAR", categories: [.b, .c], functions: [.training], capacity: 10, near: 3),
            Fixture.establishment("NEA", categories: [.b, .c], functions: [.training], capacity: 10, near: 0),
        ])
        let people = (0..<4).map { Fixture.prisoner("D\($0)", home: 0, toRelease: 300 + 50 * $0, current: "FAR") }
        var policy = Policy.standard
        policy.move = 10
        policy.departuresLimit = EstablishmentLimits(defaultLimit: 2)
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.plan.moves == 2)
        #expect(allocation.plan.objective == Self.bruteForce(estate, people, policy))
    }

    @Test func theCheckerFindsBrokenCaps() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("FAR", categories: [.b, .c], functions: [.training], capacity: 10, near: 3),
            Fixture.establishment("NEA", categories: [.b, .c], functions: [.training], capacity: 10, near: 0),
        ])
        let people = (0..<3).map { Fixture.prisoner("D\($0)", home: 0, current: "FAR") }
        var policy = Policy.standard
        policy.arrivalsLimit = EstablishmentLimits(defaultLimit: 2)
        policy.departuresLimit = EstablishmentLimits(defaultLimit: nil, prisons: [PrisonCode("FAR"): 1])
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                                  policy: policy, checksDistances: false)
        let plan = """
            prisoner_id,from,to,moved,distance_km_to
            D0,FAR,NEA,true,
            D1,FAR,NEA,true,
            D2,FAR,NEA,true,

            """
        let rules = try checker.check(planCSV: plan).map(\.rule)
        #expect(rules.filter { $0 == "arrivals limit" }.count == 1)
        #expect(rules.filter { $0 == "departures limit" }.count == 1)
    }

    @Test func limitsAreReadFromThePolicy() throws {
        let policy = try PolicyLoader.load("""
            arrivals_limit: 40
            departures_limit: {default: null, prisons: {BAI: 12, LEI: 3}}
            """, file: "policy.yaml")
        #expect(policy.arrivalsLimit == EstablishmentLimits(defaultLimit: 40))
        #expect(policy.departuresLimit?.limit(at: PrisonCode("BAI")) == 12)
        #expect(policy.departuresLimit?.limit(at: PrisonCode("XYZ")) == nil)
        let again = try PolicyLoader.load(PolicyLoader.write(policy), file: "policy.yaml")
        #expect(again == policy)
        #expect(throws: InputErrors.self) { try PolicyLoader.load("arrivals_limit: {default: -1}", file: "policy.yaml") }
        #expect(throws: InputErrors.self) { try PolicyLoader.load("arrivals_limit: {prisons: [BAI]}", file: "policy.yaml") }
    }
}

extension LimitsTests {
    /// The instances above exercise what they claim: the limit binds in many, and the breakpoint plan proves
    /// itself in some (branch-and-cut takes the rest).
    @Test func theLimitBindsAndTheMethodsAreExercised() throws {
        var binding = 0, breakpoint = 0, branchAndCut = 0
        for seed in 0..<40 {
            let stats = try #require(try Self.halvedLimit(seed: seed).limited.statistics.movesLimit)
            if (stats.unlimitedMoves ?? 0) > stats.limit { binding += 1 }
            if stats.method == "breakpoint" { breakpoint += 1 }
            if stats.method == "branch-and-cut" { branchAndCut += 1 }
        }
        print("limits: \(binding) binding, \(breakpoint) breakpoint, \(branchAndCut) branch-and-cut")
        #expect(binding >= 20)
        #expect(breakpoint >= 5)
    }
}

extension LimitsTests {
    /// Two full prisons, each holding someone whose family lives near the other: the swap moves two people at
    /// once, so with a limit of one the breakpoint plans have 0 and 2 transfers and no plan on the optimal face
    /// has 1. The bound lies strictly below every plan, and GLPK's branch-and-cut proves that moving nobody is best.
    @Test func aSwapThatTheLimitSplitsGoesToBranchAndCut() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("XXX", categories: [.b, .c], functions: [.training], capacity: 1, near: 0),
            Fixture.establishment("YYY", categories: [.b, .c], functions: [.training], capacity: 1, near: 3),
        ])
        let people = [
            Fixture.prisoner("A", home: 3, current: "XXX"),
            Fixture.prisoner("B", home: 0, current: "YYY"),
        ]
        var policy = Policy.standard
        policy.operatingMarginPercent = 0
        policy.move = 10
        let free = try Fixture.allocate(estate, people, policy: policy)
        #expect(free.plan.moves == 2, "without a limit they swap")
        policy.movesLimit = 1
        let limited = try Fixture.allocate(estate, people, policy: policy)
        let stats = try #require(limited.statistics.movesLimit)
        #expect(stats.method == "branch-and-cut")
        #expect(stats.lowerBound < stats.upperBound, "the LP bound splits the swap")
        #expect(stats.mipColumns > 0)
        #expect(stats.mipStages >= 1)
        #expect(stats.proven)
        #expect(stats.integerBound == limited.solution.objective)
        #expect(limited.plan.moves == 0)
        #expect(limited.solution.objective == Self.bruteForce(estate, people, policy))
    }
}

extension LimitsTests {
    /// A simulated week starts its price search from last week's price (carried in the warm start): from a
    /// price above the breakpoint, below it, or at it, the search ends at the same bound, with an optimal plan
    /// proven as without the hint (the price may differ where a range of prices gives the same bound).
    @Test(arguments: 0..<40)
    func aPriceHintReachesTheSameBreakpointAndOptimum(seed: Int) throws {
        let plain = try Self.halvedLimit(seed: seed).limited
        let stats = try #require(plain.statistics.movesLimit)
        let f = plain.formulation
        for hint: (Int64, Int64)? in [(stats.priceNumerator * 3 + 7, stats.priceDenominator),
                                      (stats.priceNumerator / 3, stats.priceDenominator),
                                      (stats.priceNumerator, stats.priceDenominator), nil] {
            let start = WarmStart(.flow(f.stayFlows()), movesPrice: hint)
            let report = try AllocationSolver.solve(f, with: .network, start: start)
            let hinted = try #require(report.statistics.movesLimit)
            let solution = try report.optimal("hinted")
            #expect(solution.objective == plain.solution.objective, "hint \(String(describing: hint))")
            #expect(hinted.lowerBound == stats.lowerBound)
            #expect(hinted.proven)
            #expect(Int64(f.transfers(in: solution.flows)) <= Int64(stats.limit))
        }
    }
}
