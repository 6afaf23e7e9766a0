import Foundation
import HomewardCore
@testable import HomewardModel
import NetworkFlow
import SeededRandom
import Testing

@Suite("Warm starts reach the cold optimum")
struct WarmStartTests {
    /// Starting from everyone's current placement (the simulation's weekly start), and re-solving
    /// from that basis after the move cost changes, gives the objective of a cold solve.
    @Test(arguments: Array(0..<30))
    func warmStartsEqualColdSolves(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(11_000 + seed), maxPeople: 30, maxPlaces: 6)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: policy, distances: distances)
        let cold = try AllocationSolver.solve(f, with: .network).optimal("cold")
        let warm = try WarmNetworkSimplex.solve(f.network, start: .flow(f.stayFlows()))
        #expect(warm.outcome.solution?.cost == cold.objective)

        var dearer = policy
        dearer.move = policy.move * 3 + 40
        let g = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: dearer, distances: distances)
        let again = try WarmNetworkSimplex.solve(g.network, start: .basis(try #require(warm.basis)))
        let coldAgain = try AllocationSolver.solve(g, with: .network).optimal("cold again")
        #expect(again.outcome.solution?.cost == coldAgain.objective)
        let glpk = try AllocationSolver.solve(g, with: .glpk).optimal("GLPK")
        #expect(glpk.objective == coldAgain.objective)
    }

    /// Changing only the weights re-costs the same arcs exactly as building afresh would.
    @Test(arguments: Array(0..<30))
    func recostingEqualsRebuilding(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(12_000 + seed))
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(12_000 + seed), maxPeople: 30, maxPlaces: 6)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let population = Population(prisoners: people)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: population, policy: policy, distances: distances)
        var other = policy
        other.move = policy.move * Double(random.integer(in: 1...40)) + 7.25
        other.outOfHomeRegion = policy.outOfHomeRegion + Double(random.integer(in: 0...500)) / 3
        other.functionMismatch = Double(random.integer(in: 0...300))
        other.unmetIntervention = Double(random.integer(in: 0...300))
        other.crowdingAboveCNA = Double(random.integer(in: 0...100))
        let rebuilt = Formulation(estate: estate, geography: Fixture.geography, population: population, policy: other, distances: distances)
        let recosted = f.recosted(for: other)
        #expect(recosted.network == rebuilt.network)
        #expect(recosted.roles == rebuilt.roles)
        #expect(try AllocationSolver.solve(recosted, with: .network).optimal("recosted").objective
            == AllocationSolver.solve(rebuilt, with: .lemon).optimal("rebuilt").objective)
    }

    /// Profiles do not depend on where people are held (but for people too near release to be transferred,
    /// whose profile pins them where they are), which is what lets the simulation work out next week's
    /// before this week is solved: a profiling of the people with no placements builds the same network,
    /// arc for arc, as the builder's own.
    @Test(arguments: Array(0..<20))
    func aProfilingComputedAheadBuildsTheSameNetwork(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(14_000 + seed), maxPeople: 40, maxPlaces: 6)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let population = Population(prisoners: people)
        // Placements elsewhere (or none): only people too near release to be transferred are pinned where
        // they are held, and a profiling that pins them elsewhere is worked out again.
        let unplaced = Population(prisoners: people.map { var p = $0; p.current = nil; return p })
        let ahead = Formulation.Profiling(population: unplaced, geography: Fixture.geography, policy: policy)
        let built = Formulation(estate: estate, geography: Fixture.geography, population: population, policy: policy, distances: distances)
        let handed = Formulation(estate: estate, geography: Fixture.geography, population: population, policy: policy,
                                 distances: distances, profiling: ahead)
        #expect(handed.profiles == built.profiles)
        #expect(handed.profileOfPrisoner == built.profileOfPrisoner)
        #expect(handed.groups == built.groups)
        #expect(handed.network == built.network)
        #expect(handed.roles == built.roles)
    }

    /// A basis carried over to next week's network (people released and arrived, some moved, a week
    /// off every sentence) starts a solve that reaches the cold optimum, which GLPK confirms.
    @Test(arguments: Array(0..<40))
    func aBasisCarriedToNextWeekReachesTheColdOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(13_000 + seed))
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(13_000 + seed), maxPeople: 40, maxPlaces: 6)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: policy, distances: distances)
        let solved = try AllocationSolver.solve(f, with: .network)
        let basis = try #require(solved.warmStart?.basis)
        let plan = Allocation(formulation: f, solution: try solved.optimal("week 1"), statistics: solved.statistics).plan

        // Next week: most people where the plan put them, a few released, a few new, sentences a week shorter.
        var next: [Prisoner] = []
        for (i, person) in f.population.prisoners.enumerated() where !random.chance(0.15) {
            var p = person
            if random.chance(0.9) { p.current = plan.placements[i].destination.map { estate.establishments[$0].code } }
            if let days = p.daysToRelease { p.daysToRelease = max(1, days - 7 * random.integer(in: 1...30)) }
            next.append(p)
        }
        let (_, arrivals, _) = Fixture.randomInstance(seed: UInt64(14_000 + seed), maxPeople: 8, maxPlaces: 1)
        for (k, var p) in arrivals.enumerated() {
            p.id = PersonID("N\(k)")
            p.current = nil
            next.append(p)
        }
        var dearer = policy
        dearer.move = policy.move / 2 + 10
        let g = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: next),
                            policy: dearer, distances: distances)
        let map = g.correspondence(from: f)
        // Corresponding arcs join corresponding nodes.
        for (a, b) in map.arcs.enumerated() where b >= 0 {
            let tail = map.nodes[Int(g.network.tails[a])], head = map.nodes[Int(g.network.heads[a])]
            #expect(tail < 0 || tail == f.network.tails[Int(b)])
            #expect(head < 0 || head == f.network.heads[Int(b)])
        }
        #expect(Set(map.nodes.filter { $0 >= 0 }).count == map.nodes.filter { $0 >= 0 }.count, "one old node per new node")
        #expect(Set(map.arcs.filter { $0 >= 0 }).count == map.arcs.filter { $0 >= 0 }.count, "one old arc per new arc")
        let carried = try #require(basis.transferred(to: g.network, nodeMap: map.nodes, arcMap: map.arcs))
        #expect(carried.fits(g.network))
        // The same carrying through the public start, which the simulation and the sweep use.
        let viaStart = try #require(solved.warmStart?.carried(from: f, to: g))
        #expect(viaStart.isBasis && viaStart.basis?.fits(g.network) == true)
        let warm = try AllocationSolver.solve(g, with: .network, start: viaStart).optimal("warm")
        let cold = try AllocationSolver.solve(g, with: .lemon).optimal("cold")
        #expect(warm.objective == cold.objective)
        #expect(warm.dualObjective == warm.objective)
        #expect(g.network.violations(of: warm.flows).isEmpty)
        #expect(try AllocationSolver.solve(g, with: .glpk).optimal("GLPK").objective == cold.objective)
    }

    @Test func aBasisDoesNotCarryOverWithMapsOfTheWrongSize() throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: 5, maxPeople: 10, maxPlaces: 3)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: policy, distances: distances)
        let basis = try #require(try AllocationSolver.solve(f, with: .network).warmStart?.basis)
        #expect(basis.transferred(to: f.network, nodeMap: [], arcMap: []) == nil)
        let identity = f.correspondence(from: f)
        #expect(identity.nodes == (0..<f.network.nodeCount).map(Int32.init))
        #expect(identity.arcs == (0..<f.network.arcCount).map(Int32.init))
    }
}
