import HomewardDomain
import LinearProgramming
internal import NetworkFlow

extension AllocationSolver {
    /// Among all optimal flows, one that keeps as many people as possible
    /// where `reference` has them (e.g. the allocation before an estate
    /// change), so that only real consequences of a change show as moves.
    ///
    /// The optimum's potentials mark every arc as one that must stay empty
    /// (positive reduced cost), must stay full (negative) or may carry any
    /// flow (zero); every flow that respects those marks is optimal, by
    /// complementary slackness. A second min-cost flow over the free arcs, with
    /// a reward of 1 for each person on an arc where `reference` has them,
    /// picks the optimal flow that agrees most with the reference.
    /// - Parameters:
    ///   - optimum: an optimal flow of `f` (its objective is kept exactly).
    ///   - reference: people per arc of `f` in the reference allocation.
    /// - Returns: an optimal flow of `f` with the same objective and duals.
    /// - Throws: ``AllocationError/solver(_:)`` if LEMON fails.
    public static func preferring(_ reference: [Int64], in f: Formulation, optimum: OptimalFlow) throws(AllocationError) -> OptimalFlow {
        guard f.isPureNetwork else { return optimum }
        var potentials = optimum.potentials
        if potentials == nil { potentials = try LemonBackend().solve(f, start: nil, workspace: nil).solution?.potentials }
        guard let pi = potentials else { return optimum }
        let (stage, forced, owner) = tieBreakNetwork(f.network, potentials: pi, reference: reference)
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(stage)
        } catch {
            throw .solver(SolverFailure(error, solver: .lemon))
        }
        guard outcome.status == .optimal, let solution = outcome.solution else { return optimum }
        var flows = forced
        for (k, a) in owner.enumerated() { flows[a] += solution.flows[k] }
        // Every flow on the optimal face has the same cost; anything else is a bug, so keep the original.
        guard f.network.cost(of: flows) == optimum.objective, f.network.violations(of: flows).isEmpty else { return optimum }
        var result = optimum
        result.flows = flows
        return result
    }

    /// The second-stage network of ``preferring(_:in:optimum:)``: the arcs free on the optimal face (zero reduced
    /// cost), each split into a part rewarded for matching `reference` and the rest; arcs that must stay full are
    /// forced, and their flow taken out of the supplies.
    /// - Returns: the stage network, the forced flow per arc of `full`, and the arc of `full` each stage arc belongs to.
    static func tieBreakNetwork(_ full: FlowNetwork, potentials pi: [Int64],
                                reference: [Int64]) -> (stage: FlowNetwork, forced: [Int64], owner: [Int]) {
        var stage = FlowNetwork(nodeCount: 0)
        stage.supplies = full.supplies
        var forced = [Int64](repeating: 0, count: full.arcCount)
        var owner: [Int] = []
        for a in 0..<full.arcCount {
            let tail = Int(full.tails[a]), head = Int(full.heads[a])
            let reduced = full.costs[a] + pi[tail] - pi[head]
            let capacity = full.capacities[a]
            if reduced > 0 || capacity == 0 { continue }
            if reduced < 0 {
                forced[a] = capacity
                stage.supplies[tail] -= capacity
                stage.supplies[head] += capacity
                continue
            }
            let keep = min(max(0, a < reference.count ? reference[a] : 0), capacity)
            if keep > 0 {
                stage.addArc(from: tail, to: head, cost: -1, capacity: keep)
                owner.append(a)
            }
            if capacity > keep {
                stage.addArc(from: tail, to: head, cost: 0, capacity: capacity - keep)
                owner.append(a)
            }
        }
        return (stage, forced, owner)
    }
}
