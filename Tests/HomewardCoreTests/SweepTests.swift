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
    @Test(arguments: [Sweep.Change.close, .closePairs, .capacity(2), .rerole], Array(0..<24))
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
            let changed = try EstateChanges.apply(item.changes, to: estate, context: context)
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

    /// A pair sweep has every pair of the establishments a closure sweep has, once each, in estate order;
    /// `among` keeps only the establishments named (and pairs of two of them).
    @Test(arguments: Array(0..<12))
    func aPairSweepHasEveryPairOnce(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(500 + seed), maxPeople: 20, maxPlaces: 7)
        let population = Population(prisoners: people)
        let distances = Self.distances(estate, policy)
        let singles = try Sweep(change: .close, estate: estate, geography: Fixture.geography, population: population,
                                policy: policy, distances: distances).cases.map { $0.codes[0] }
        let pairs = try Sweep(change: .closePairs, estate: estate, geography: Fixture.geography, population: population,
                              policy: policy, distances: distances).cases
        var expected: [[PrisonCode]] = []
        for i in singles.indices { for j in singles.indices where j > i { expected.append([singles[i], singles[j]]) } }
        #expect(pairs.map(\.codes) == expected)
        #expect(pairs.allSatisfy { $0.changes.map(\.code) == $0.codes && $0.code == $0.codes.map(\.rawValue).joined(separator: "+") })
        let chosen = Set(singles.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let among = try Sweep(change: .closePairs, estate: estate, geography: Fixture.geography, population: population,
                              policy: policy, distances: distances, among: chosen).cases
        #expect(among.map(\.codes) == expected.filter { $0.allSatisfy(chosen.contains) })
    }

    /// Shards deal the scenarios out: together they run each scenario exactly once, their sizes differ by at most
    /// one, and shards beyond the number of scenarios run none.
    @Test(arguments: [0, 1, 5, 12, 100])
    func shardsCoverEveryScenarioOnce(total: Int) throws {
        for count in 1...(total + 3) {
            let slices = try (1...count).map { try Sweep.Shard(number: $0, count: count).indices(of: total) }
            #expect(slices.flatMap { $0 }.sorted() == Array(0..<total), "\(count) shards of \(total)")
            let sizes = slices.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1, "\(count) shards of \(total): \(sizes)")
            #expect(slices.allSatisfy { $0 == $0.sorted() })
        }
        #expect(try Sweep.Shard(number: 2, count: 3).indices(of: 8) == [1, 4, 7])
    }

    /// The shards of a sweep, run one by one, give the whole sweep's outcomes (timings apart).
    @Test(arguments: Array(0..<6))
    func shardsTogetherGiveTheWholeSweep(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(900 + seed), maxPeople: 30, maxPlaces: 6)
        let sweep = try Sweep(change: .closePairs, estate: estate, geography: Fixture.geography,
                              population: Population(prisoners: people), policy: policy, distances: Self.distances(estate, policy))
        func untimed(_ outcomes: [Sweep.Outcome]) -> [Sweep.Outcome] { outcomes.map { var o = $0; o.seconds = 0; return o } }
        let (whole, error) = sweep.runAll(threads: 2)
        #expect(error == nil)
        for count in [1, 2, 3, sweep.cases.count + 2] {
            var merged: [Sweep.Outcome] = []
            for k in 1...count {
                let shard = sweep.sharded(try Sweep.Shard(number: k, count: count))
                let (outcomes, error) = shard.runAll(threads: 1)
                #expect(error == nil)
                #expect(outcomes.map(\.caseIndex) == shard.selection)
                merged += outcomes
            }
            #expect(untimed(merged.sorted { $0.caseIndex < $1.caseIndex }) == untimed(whole), "\(count) shards")
        }
    }

    @Test(arguments: [
        ("3/8", "3/8"), ("1/1", "1/1"), ("8/8", "8/8"),
        ("0/8", "the shard must be from 1 to 8 (counting from 1), not 0"),
        ("9/8", "the shard must be from 1 to 8 (counting from 1), not 9"),
        ("1/0", "the number of shards must be from 1 to 100000, not 0"),
        ("3", "'3' is not K/N (for example 3/8: the third of eight shards)"),
        ("a/b", "'a/b' is not K/N (for example 3/8: the third of eight shards)"),
        ("1/2/3", "'1/2/3' is not K/N (for example 3/8: the third of eight shards)"),
    ])
    func shardArgumentsParse(argument: String, expected: String) {
        do throws(Sweep.ShardError) {
            #expect(try Sweep.Shard(argument: argument).description == expected)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test(arguments: [
        // Slurm arrays counted from 0 and from 1 name the same shard.
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "8"], "3/8"),
        (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "8", "SLURM_ARRAY_TASK_COUNT": "8"], "3/8"),
        (["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "6", "SLURM_ARRAY_TASK_COUNT": "4"],
         "the Slurm array runs 4 tasks from 0 to 6; give --array a range without a step or gaps, such as 0-3"),
        (["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7"], "SLURM_ARRAY_TASK_COUNT is not set"),
        // Kubernetes counts from 0.
        (["JOB_COMPLETION_INDEX": "0", "HOMEWARD_SHARD_COUNT": "4"], "1/4"),
        (["JOB_COMPLETION_INDEX": "3", "HOMEWARD_SHARD_COUNT": "4"], "4/4"),
        (["JOB_COMPLETION_INDEX": "4", "HOMEWARD_SHARD_COUNT": "4"], "the shard must be from 1 to 4 (counting from 1), not 5"),
        (["JOB_COMPLETION_INDEX": "1"], "JOB_COMPLETION_INDEX is set but HOMEWARD_SHARD_COUNT is not; set it to the Job's completions"),
        (["JOB_COMPLETION_INDEX": "x", "HOMEWARD_SHARD_COUNT": "4"], "JOB_COMPLETION_INDEX is 'x', not a whole number"),
        ([:], "neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set"),
    ])
    func shardsComeFromTheSchedulersEnvironment(environment: [String: String], expected: String) {
        do throws(Sweep.ShardError) {
            #expect(try Sweep.Shard.fromEnvironment(environment).description == expected)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func changeArgumentsParse() {
        #expect(Sweep.Change(argument: "close") == .close)
        #expect(Sweep.Change(argument: "close-pairs") == .closePairs)
        #expect(Sweep.Change(argument: "rerole") == .rerole)
        #expect(Sweep.Change(argument: "capacity+50") == .capacity(50))
        for bad in ["capacity+0", "capacity-5", "capacity+", "open", "capacity+99999"] {
            #expect(Sweep.Change(argument: bad) == nil, "\(bad)")
        }
    }
}
