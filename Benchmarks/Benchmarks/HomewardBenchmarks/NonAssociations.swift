import Benchmark
import Foundation
import HomewardCore

// MARK: - Non-associations (issue #23)

/// The national synthetic population (88,000 people) with `count`
/// non-associations made here deterministically (no published count exists;
/// see stressPairs), solved by the coupled method: the network relaxation,
/// the repaired plan that keeps every apart pair apart, reduced-cost fixing
/// and, where the fixing leaves few enough arcs, GLPK's branch-and-cut. The
/// measured region is build + solve; each run prints the bounds, the gap,
/// the nodes and whether the plan is proven optimal.
func nonAssociations() {
    for count in [2_000, 10_000] {
        Benchmark("National week with \(count) non-associations (build + exact solve)",
                  configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)) {
            (benchmark: Benchmark, instance: ProblemInstance) in
            let week = WeekConstraints(nonAssociations: stressPairs(instance.population, count: count, seed: 23))
            let population = Population(prisoners: instance.population.prisoners, week: week)
            for _ in benchmark.scaledIterations {
                let formulation = Formulation(estate: instance.estate, geography: instance.geography, population: population,
                                              policy: instance.policy, distances: instance.distances)
                let allocation: Allocation
                do {
                    allocation = try Allocation(formulation)
                } catch {
                    fatalError("the national week with non-associations failed: \(error)")
                }
                if let coupled = allocation.statistics.coupled {
                    print("\(count) pairs: LB \(coupled.lowerBound), UB \(coupled.upperBound), objective \(coupled.objective), "
                        + "conflicts \(coupled.conflictsInRelaxation), repairs \(coupled.repairRounds), MIP \(coupled.mipColumns) "
                        + "columns, nodes \(coupled.nodes), gap \(coupled.gap), proven \(coupled.proven)"
                        + (coupled.notProven.map { " (\($0))" } ?? ""))
                }
                blackHole(allocation)
            }
        } setup: {
            try ShippedScenario.load("national.yaml")
        }
    }
}

/// Deterministic non-associations for a population: `count` pairs, seven in
/// ten between people held in the same establishment (where a
/// non-association usually starts), of every restriction and reason in turn.
/// The same generator as Tests/HomewardCLITests/NationalNonAssociationTests.swift.
func stressPairs(_ population: Population, count: Int, seed: UInt64) -> [NonAssociation] {
    var state = seed
    func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
    }
    let people = population.prisoners
    var byPrison: [PrisonCode: [Int]] = [:]
    for (i, p) in people.enumerated() { if let c = p.current { byPrison[c, default: []].append(i) } }
    let prisons = byPrison.keys.sorted()
    var pairs: [NonAssociation] = []
    while pairs.count < count {
        let a: Int, b: Int
        if next() % 10 < 7, let prison = prisons.isEmpty ? nil : prisons[next() % prisons.count], byPrison[prison]!.count > 1 {
            let list = byPrison[prison]!
            a = list[next() % list.count]
            b = list[next() % list.count]
        } else {
            a = next() % people.count
            b = next() % people.count
        }
        guard a != b else { continue }
        let k = pairs.count
        pairs.append(NonAssociation(a: people[a].id, b: people[b].id,
                                    restriction: NonAssociationRestriction.allCases[k % 3],
                                    reason: NonAssociationReason.allCases[(k / 3) % NonAssociationReason.allCases.count]))
    }
    return pairs
}
