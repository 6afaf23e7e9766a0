import Foundation
@testable import HomewardCore
import NetworkFlow
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
        let cold = try AllocationSolver.solvePriced(f)
        let warm = try WarmNetworkSimplex.solve(f.network, start: .flow(f.stayFlows()))
        #expect(warm.outcome.solution?.cost == cold.objective)

        var dearer = policy
        dearer.move = policy.move * 3 + 40
        let g = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: dearer, distances: distances)
        let again = try WarmNetworkSimplex.solve(g.network, start: .basis(try #require(warm.basis)))
        let coldAgain = try AllocationSolver.solvePriced(g)
        #expect(again.outcome.solution?.cost == coldAgain.objective)
        let glpk = try AllocationSolver.solve(g, with: .glpk)
        #expect(glpk.objective == coldAgain.objective)
    }
}
