import Benchmark
import Foundation
import HomewardCore

// MARK: - Sweep of re-roles

/// The national estate solved once (setup), then the first 12 scenarios of a `homeward sweep`
/// on 2 threads: re-roles (each builds and solves its own network) and closures (each re-solved
/// from the base basis).
func sweepOfReroles() {
    sweepBenchmark("Sweep: 12 national re-roles on 2 threads", change: .rerole)
    sweepBenchmark("Sweep: 12 national closures on 2 threads (warm from the base basis)", change: .close)
}

/// The first 12 scenarios of a national sweep of `change`, on 2 threads.
func sweepBenchmark(_ name: String, change: Sweep.Change) {
    Benchmark(name,
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 2)) { (benchmark: Benchmark, sweep: Sweep) in
        for _ in benchmark.scaledIterations {
            let (outcomes, error) = sweep.runAll(threads: 2)
            precondition(error == nil && outcomes.count == sweep.cases.count, "the sweep failed")
            blackHole(outcomes)
        }
    } setup: {
        try Sweep(change: change, instance: try ShippedScenario.load("national.yaml"), runtime: .system).limited(to: 12)
    }
}

// MARK: - Weekly simulation

struct SimulationInputs: Sendable {
    let simulation: WeeklySimulation
    let population: Population
    let weeks: Int
}

/// 52 weeks of the 3,000-person quick sample, and 4 weeks of the national population,
/// each with a weekly transfer limit.
func weeklySimulation() {
    for (name, file, weeks, limit) in [("52 weeks, 3,000 people", "quick.yaml", 52, 40), ("4 weeks, 88,000 people", "national.yaml", 4, 1_500)] {
        Benchmark("Simulation: \(name)",
                  configuration: .init(warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 2)) { (benchmark: Benchmark, inputs: SimulationInputs) in
            for _ in benchmark.scaledIterations {
                let weeks = try inputs.simulation.run(from: inputs.population, weeks: inputs.weeks)
                precondition(weeks.count == inputs.weeks, "the simulation stopped early")
                blackHole(weeks)
            }
        } setup: {
            let instance = try ShippedScenario.load(file, options: .init(needsCalibration: true))
            let simulation = WeeklySimulation(instance, seed: 1, movesLimit: limit, runtime: .system)
            return SimulationInputs(simulation: simulation, population: instance.population, weeks: weeks)
        }
    }
}
