import Foundation
import HomewardCommands
import HomewardCore
import Testing

@Suite("National non-associations")
struct NationalNonAssociationTests {
    static func nationalWeek(pairs count: Int) throws -> Formulation {
        let loader = InstanceLoader(source: DiskFiles())
        let instance = try loader.load(scenario: CLI.root.appendingPathComponent("Scenarios/national.yaml").path)
        let week = WeekConstraints(nonAssociations: StressNonAssociations.pairs(instance.population, count: count, seed: 23))
        let population = Population(prisoners: instance.population.prisoners, week: week)
        return Formulation(estate: instance.estate, geography: instance.geography, population: population,
                           policy: instance.policy, distances: instance.distances)
    }

    /// The national synthetic population with 2,000 and 10,000 pairs (about half of them
    /// kept apart by the default policy, and most between people held together
    /// today): every apart pair apart, the bounds in order, and either proven
    /// optimal or a reason why not. Set HOMEWARD_NATIONAL=1 to run (about a minute).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HOMEWARD_NATIONAL"] == "1"), arguments: [2_000, 10_000])
    func pairsNationally(count: Int) throws {
        let start = Date()
        let f = try Self.nationalWeek(pairs: count)
        let built = Date()
        let allocation = try Allocation(f)
        let solved = Date()
        let coupled = try #require(allocation.statistics.coupled)
        print("national, \(count) pairs: build \(built.timeIntervalSince(start)) s, solve \(solved.timeIntervalSince(built)) s; \(coupled)")
        #expect(coupled.lowerBound <= coupled.objective && coupled.objective <= coupled.upperBound)
        #expect(coupled.proven ? coupled.gap == 0 : coupled.notProven != nil)
        // The national estate has room for everyone: no pair leaves anyone unplaced.
        #expect(allocation.plan.unplaced == 0)
        #expect(coupled.lagrangianBound >= coupled.lowerBound && coupled.lagrangianBound <= coupled.objective)
        let population = f.population
        let destination = allocation.plan.placements.map(\.destination)
        var index: [PersonID: Int] = [:]
        for (i, p) in population.prisoners.enumerated() { index[p.id] = i }
        let policy = f.cost.policy
        var sharing = 0
        for pair in population.week.nonAssociations where policy.nonAssociations.treatment(of: pair) == .apart {
            let i = index[pair.a]!, j = index[pair.b]!
            let a = destination[i], b = destination[j]
            guard a != nil && a == b else { continue }
            // Both too near release to be transferred, in the establishment that holds them both now: the pair is
            // the establishment's to keep apart on its wings (this week has no holds, locks or movers list).
            let (p, q) = (population.prisoners[i], population.prisoners[j])
            let bothStay = !policy.mayTransfer(p) && !policy.mayTransfer(q) && p.current == q.current
                && p.current.flatMap { f.cost.estate.index(of: $0) } == a
            #expect(bothStay, "an apart pair shares an establishment")
            sharing += 1
        }
        #expect(sharing <= coupled.leftToEstablishment)
    }
}
