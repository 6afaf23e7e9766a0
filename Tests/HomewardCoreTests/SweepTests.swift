import Foundation
import HomewardCore
import Testing

@Suite("Sweeps share work but not answers")
struct SweepTests {
    static func distances(_ estate: Estate, _ policy: Policy) -> DistanceTable {
        DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
    }

    /// Every scenario of a sweep reaches the objective of the same scenario run alone
    /// (changes applied to the estate, a fresh formulation, a cold solve), and the same
    /// people left unplaced.
    @Test(arguments: [Sweep.Change.close, .capacity(2), .rerole], Array(0..<24))
    func eachScenarioEqualsRunningItAlone(change: Sweep.Change, seed: Int) throws {
        // Even seeds re-solve from the base basis, odd ones cold on the base formulation's arcs.
        let warm = seed % 2 == 0
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(7000 + seed), maxPeople: 30, maxPlaces: 5)
        let population = Population(prisoners: people)
        var sweep = try Sweep(change: change, estate: estate, geography: Fixture.geography, population: population,
                              policy: policy, distances: Self.distances(estate, policy))
        sweep.warmStart = warm
        let (outcomes, error) = sweep.runAll(threads: 2)
        #expect(error == nil)
        #expect(outcomes.count == sweep.cases.count)
        for outcome in outcomes {
            let item = sweep.cases[outcome.caseIndex]
            let context = ChangeContext(file: "t", geography: Fixture.geography, postcodeDistricts: [], population: population,
                                        policy: policy, checksStranded: false)
            let changed = try EstateChanges.apply([item.change], to: estate, context: context)
            for solver in [SolverKind.network, .glpk] {
                let alone = try Allocation(estate: changed, geography: Fixture.geography, population: population, policy: policy,
                                           distances: Self.distances(changed, policy), solver: solver)
                #expect(alone.solution.objective == outcome.objective, "seed \(seed) \(item.code) \(item.label) \(solver)")
                #expect(alone.plan.unplaced == outcome.unplaced, "seed \(seed) \(item.code) \(item.label) \(solver)")
            }
            // The warm re-solves prove their own optimality: potentials dual feasible with no gap.
            #expect(outcome.dualObjective == outcome.objective)
        }
        if change == .close {
            #expect(outcomes.allSatisfy { $0.isWarm == warm })
        }
    }

    @Test func aSweepCanStopEarlyAndKeepsOnlyFinishedScenarios() throws {
        let seed = (0..<100).first { Fixture.randomInstance(seed: UInt64(300 + $0), maxPeople: 30, maxPlaces: 7).0.count >= 4 }!
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(300 + seed), maxPeople: 30, maxPlaces: 7)
        let sweep = try Sweep(change: .close, estate: estate, geography: Fixture.geography,
                              population: Population(prisoners: people), policy: policy, distances: Self.distances(estate, policy))
        try #require(sweep.cases.count >= 2)
        final class Counter: @unchecked Sendable { var n = 0; let lock = NSLock() }
        let counter = Counter()
        let (outcomes, error) = sweep.runAll(threads: 1, shouldStop: {
            counter.lock.lock(); defer { counter.lock.unlock() }
            counter.n += 1
            return counter.n > 1
        })
        #expect(error == nil)
        #expect(outcomes.count == 1)
        #expect(outcomes.first?.caseIndex == 0)
    }

    @Test func changeArgumentsParse() {
        #expect(Sweep.Change(argument: "close") == .close)
        #expect(Sweep.Change(argument: "rerole") == .rerole)
        #expect(Sweep.Change(argument: "capacity+50") == .capacity(50))
        for bad in ["capacity+0", "capacity-5", "capacity+", "open", "capacity+99999"] {
            #expect(Sweep.Change(argument: bad) == nil, "\(bad)")
        }
    }
}
