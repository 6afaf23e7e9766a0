import Benchmark
import Foundation
import HomewardCore

// MARK: - Non-associations (issue #23)

/// The national synthetic population (88,000 people) with `count`
/// non-associations made here deterministically (no published count exists;
/// see StressNonAssociations), solved by the coupled method: the network relaxation,
/// the rows it breaks laid into the network, the repaired plan that keeps every
/// apart pair apart, the Lagrangian bound on the rows left (targeted steps, then
/// cutting planes), reduced-cost fixing and, where the fixing leaves few
/// enough arcs, GLPK's branch-and-cut. The
/// measured region is build + solve; each run prints the bounds, the gap,
/// the nodes and whether the plan is proven optimal.
func nonAssociations() {
    for count in [2_000, 10_000] {
        Benchmark("National week with \(count) non-associations (build + exact solve)",
                  configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)) {
            (benchmark: Benchmark, instance: ProblemInstance) in
            let week = WeekConstraints(nonAssociations: StressNonAssociations.pairs(instance.population, count: count, seed: 23))
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
                    print("\(count) pairs: LB \(coupled.lowerBound), \(coupled.laidRows) rows laid in \(coupled.layingRounds) rounds, "
                        + "laid bound \(coupled.laidBound), Lagrangian \(coupled.lagrangianBound) "
                        + "(\(coupled.lagrangianSolves) solves, \(coupled.lagrangianRows) rows), UB \(coupled.upperBound), "
                        + "objective \(coupled.objective), conflicts \(coupled.conflictsInRelaxation), repairs \(coupled.repairRounds), "
                        + "fixed \(coupled.fixedArcs) arcs, MIP \(coupled.mipColumns) "
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
