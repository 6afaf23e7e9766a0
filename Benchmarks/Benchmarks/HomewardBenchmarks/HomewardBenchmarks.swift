import Benchmark
import Foundation
import HomewardCore
import HomewardReports

// Homeward's benchmarks. Each one loads its inputs in `setup` (not measured)
// and measures only the work named. Run them with
//   swift package --package-path Benchmarks benchmark --no-progress
// (one of them: add `--filter "National allocation"`). `make bench` runs them
// and then the peer comparison (scripts/bench-peers.sh).
//
// Targets (issue): the national allocation (88,000 people, proven optimal)
// within 2 s as a whole command, peak memory at most 1 GiB; the peer script
// checks the command; these track the in-process parts.

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, .mallocBytesCount],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 5
    )

    nationalAllocation()
    impactAssessment()
    warmWhatIf()

    sweepOfReroles()
    weeklySimulation()
    nonAssociations()
    transferLimits()
}

// MARK: - National allocation

/// Build + solve of the national allocation: the network of 88,000 people
/// (Formulation), the optimal flow with Homeward's network simplex, and the
/// plan read back (one placement per person). Loading the scenario and
/// synthesising the population are setup. The optimum is proven by the
/// potentials: the dual objective must equal the cost.
func nationalAllocation() {
    Benchmark("National allocation (build + solve)",
              configuration: .init(warmupIterations: 1, maxIterations: 5)) { (benchmark: Benchmark, instance: ProblemInstance) in
        for _ in benchmark.scaledIterations {
            let allocation: Allocation
            do {
                allocation = try Allocation(instance)
            } catch {
                fatalError("national allocation failed: \(error)")
            }
            precondition(allocation.solution.dualObjective == allocation.solution.objective,
                         "the national allocation is not proven optimal")
            blackHole(allocation)
        }
    } setup: {
        try ShippedScenario.load("national.yaml")
    }
}

// MARK: - Impact assessment

/// The re-role scenario, loaded, with the map outline.
struct AssessmentInputs: Sendable {
    let instance: ProblemInstance
    let outline: [OutlineRing]
}

/// One family impact assessment, as `homeward assess` computes it: the estate
/// as it is and as changed by Scenarios/rerole-fosse-way.yaml (88,000 people),
/// both allocated, the tie-break that keeps people where they were, the
/// person-by-person comparison, and the HTML report. Loading is setup.
func impactAssessment() {
    Benchmark("Impact assessment (re-role HMP Fosse Way)",
              configuration: .init(warmupIterations: 0, maxIterations: 3)) { (benchmark: Benchmark, loaded: AssessmentInputs) in
        for _ in benchmark.scaledIterations {
            let s = loaded.instance
            do {
                let comparison = try EstateComparison(s)
                let assessment = Assessment(Assessment.Input(
                    scenario: s.scenario, synthetic: s.synthetic, inputs: [],
                    before: comparison.before, after: comparison.after,
                    disclosure: Disclosure(threshold: s.scenario.suppressBelow),
                    outline: loaded.outline, outlineAttribution: "Coastline and borders: Natural Earth (public domain)."))
                let html = assessment.document().html()
                precondition(!html.isEmpty)
                blackHole(html)
            } catch {
                fatalError("impact assessment failed: \(error)")
            }
        }
    } setup: {
        let instance = try ShippedScenario.load("rerole-fosse-way.yaml")
        return AssessmentInputs(instance: instance, outline: try ShippedScenario.loader.outline(of: instance))
    }
}
