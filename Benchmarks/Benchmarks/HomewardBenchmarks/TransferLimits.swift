import Benchmark
import Foundation
import HomewardCore

// MARK: - Limits on transfers (issue #23, item 3)

/// A national week within transfer limits: Scenarios/national-week-limits.yaml (86,267 people, moves_limit 1,500,
/// an arrivals cap at every prison of 5% of its CNA a week, an estimate), solved exactly: the arrivals caps are
/// network structure, and the moves limit is priced on the network simplex to the breakpoint, then, if the
/// breakpoint plan does not prove itself, GLPK's branch-and-cut on what reduced-cost fixing leaves. The measured
/// region is build + solve (target: 3 s as a whole command on a 2-core machine); each run prints the price, the
/// bounds, the solves and whether the plan is proven optimal.
func transferLimits() {
    Benchmark("National week with moves_limit 1500 and arrivals caps (build + exact solve)",
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)) {
        (benchmark: Benchmark, instance: ProblemInstance) in
        for _ in benchmark.scaledIterations {
            let allocation: Allocation
            do {
                allocation = try Allocation(instance)
            } catch {
                fatalError("the national week within limits failed: \(error)")
            }
            if let limits = allocation.statistics.movesLimit {
                print("moves \(limits.moves) of \(limits.limit) (\(limits.unlimitedMoves.map(String.init) ?? "?") without the limit), "
                    + "price \(limits.price) points, LB \(limits.lowerBound), integer bound \(limits.integerBound), UB \(limits.upperBound), "
                    + "\(limits.solves) solves, \(limits.method), \(limits.mipStages) MIPs, the last \(limits.mipColumns) columns, "
                    + "nodes \(limits.nodes), proven \(limits.proven)"
                    + (limits.notProven.map { " (\($0))" } ?? ""))
            }
            blackHole(allocation)
        }
    } setup: {
        try ShippedScenario.load("national-week-limits.yaml")
    }
}
