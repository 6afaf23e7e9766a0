import HomewardDomain
import LinearProgramming
internal import NetworkFlow

extension AllocationSolver {
    /// Among all optimal flows, one that keeps as many people as possible
    /// where `reference` has them (e.g. the allocation before an estate
    /// change), so that only real consequences of a change show as moves.
    ///
    /// The optimal flows form a face of the flow polytope, and which flow is
    /// chosen depends on that face alone, never on the optimum the solver
    /// happened to end at: a cold solve and one warm-started from another
    /// estate's basis reach the same flow, byte for byte. The optimum's
    /// potentials and flows give the face (``optimalFace(_:flows:potentials:)``):
    /// the arcs whose flow differs between optimal flows are free, every other
    /// arc carries the same flow in all of them. A second min-cost flow over
    /// the free arcs, with a reward of 1 for each person on an arc where
    /// `reference` has them, picks the optimal flow that agrees most with the
    /// reference; it is built from the face alone, arc for arc, so its solve
    /// (LEMON, from its cold start) gives the same answer from any optimum.
    /// - Parameters:
    ///   - optimum: an optimal flow of `f` (its objective is kept exactly).
    ///   - reference: people per arc of `f` in the reference allocation.
    /// - Returns: an optimal flow of `f` with the same objective and duals.
    /// - Throws: ``AllocationError/solver(_:)`` if LEMON fails.
    public static func preferring(_ reference: [Int64], in f: Formulation, optimum: OptimalFlow) throws(AllocationError) -> OptimalFlow {
        guard f.isPureNetwork else { return optimum }
        var (flows, potentials) = (optimum.flows, optimum.potentials)
        if potentials == nil || !complementary(f.network, flows: flows, potentials: potentials!) {
            // Potentials that do not prove this flow optimal (none, from GLPK): LEMON's optimum, flows and potentials.
            guard let solution = try LemonBackend().solve(f, start: nil, workspace: nil).solution,
                  solution.objective == optimum.objective else { return optimum }
            (flows, potentials) = (solution.flows, solution.potentials)
            // LEMON's potentials must prove its flow optimal too (the optimum's were checked above).
            guard let pi = potentials, complementary(f.network, flows: flows, potentials: pi) else { return optimum }
        }
        guard let pi = potentials else { return optimum }
        let free = optimalFace(f.network, flows: flows, potentials: pi)
        let (stage, forced, owner) = tieBreakNetwork(f.network, flows: flows, free: free, reference: reference)
        let outcome: FlowOutcome
        do {
            outcome = try NetworkSimplex.solve(stage)
        } catch {
            throw .solver(SolverFailure(error, solver: .lemon))
        }
        guard outcome.status == .optimal, let solution = outcome.solution else { return optimum }
        var chosen = forced
        for (k, a) in owner.enumerated() { chosen[a] += solution.flows[k] }
        // Every flow on the optimal face has the same cost; anything else is a bug, so keep the original.
        guard f.network.cost(of: chosen) == optimum.objective, f.network.violations(of: chosen).isEmpty else { return optimum }
        var result = optimum
        result.flows = chosen
        return result
    }

    /// Whether `potentials` prove `flows` optimal: every arc with a positive reduced cost is empty and every arc
    /// with a negative one full (complementary slackness).
    static func complementary(_ network: FlowNetwork, flows: [Int64], potentials pi: [Int64]) -> Bool {
        guard flows.count == network.arcCount, pi.count == network.nodeCount else { return false }
        // The network simplex's own check (the cost is not read by it).
        return FlowSolution(flows: flows, potentials: pi, cost: 0).slacknessViolations(in: network).isEmpty
    }

    /// Per arc, whether its flow differs between optimal flows (the arc is free on the optimal face).
    ///
    /// Two optimal flows differ by cycles of zero cost in the residual network of either; at optimal
    /// potentials every residual arc has a reduced cost of at least zero, so those cycles use only residual
    /// arcs of zero reduced cost. An arc is free exactly when one of its residual arcs lies on such a cycle:
    /// when its reduced cost is zero and its ends are in one strongly connected component of the residual
    /// arcs of zero reduced cost. That is a property of the face, not of the optimum or the potentials it
    /// was read from; every arc that is not free carries the same flow in every optimal flow.
    static func optimalFace(_ network: FlowNetwork, flows: [Int64], potentials pi: [Int64]) -> [Bool] {
        let n = network.nodeCount, m = network.arcCount
        var level = [Bool](repeating: false, count: m)
        // The residual arcs of zero reduced cost, as adjacency lists (compressed rows).
        var degree = [Int32](repeating: 0, count: n + 1)
        for a in 0..<m where network.capacities[a] > 0 {
            let tail = Int(network.tails[a]), head = Int(network.heads[a])
            guard network.costs[a] + pi[tail] - pi[head] == 0 else { continue }
            level[a] = true
            if flows[a] < network.capacities[a] { degree[tail + 1] += 1 }
            if flows[a] > 0 { degree[head + 1] += 1 }
        }
        for v in 0..<n { degree[v + 1] += degree[v] }
        var fill = degree
        var targets = [Int32](repeating: 0, count: Int(degree[n]))
        for a in 0..<m where level[a] {
            let tail = Int(network.tails[a]), head = Int(network.heads[a])
            if flows[a] < network.capacities[a] { targets[Int(fill[tail])] = Int32(head); fill[tail] += 1 }
            if flows[a] > 0 { targets[Int(fill[head])] = Int32(tail); fill[head] += 1 }
        }
        let component = stronglyConnectedComponents(nodeCount: n, offsets: degree, targets: targets)
        for a in 0..<m where level[a] {
            level[a] = component[Int(network.tails[a])] == component[Int(network.heads[a])]
        }
        return level
    }

    /// The strongly connected component of each node of a directed graph given as compressed adjacency lists
    /// (the arcs out of `v` go to `targets[offsets[v]..<offsets[v + 1]]`): Tarjan's algorithm, without recursion.
    static func stronglyConnectedComponents(nodeCount n: Int, offsets: [Int32], targets: [Int32]) -> [Int32] {
        var index = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = [], onStack = [Bool](repeating: false, count: n)
        var calls: [(node: Int32, next: Int32)] = []
        var counter: Int32 = 0, components: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            calls.append((Int32(root), offsets[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let top = calls.last {
                let (v32, next) = (top.node, top.next)
                let v = Int(v32)
                if next < offsets[v + 1] {
                    calls[calls.count - 1].next = next + 1
                    let w = Int(targets[Int(next)])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        calls.append((Int32(w), offsets[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                calls.removeLast()
                if let parent = calls.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[v]) }
                if low[v] == index[v] {
                    while let w = stack.popLast() {
                        onStack[Int(w)] = false
                        component[Int(w)] = components
                        if w == v32 { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }

    /// The second-stage network of ``preferring(_:in:optimum:)``: the arcs free on the optimal face, each split
    /// into a part rewarded for matching `reference` and the rest; every other arc keeps its flow, taken out of
    /// the supplies.
    /// - Returns: the stage network, the fixed flow per arc of `full`, and the arc of `full` each stage arc belongs to.
    static func tieBreakNetwork(_ full: FlowNetwork, flows: [Int64], free: [Bool],
                                reference: [Int64]) -> (stage: FlowNetwork, forced: [Int64], owner: [Int]) {
        var stage = FlowNetwork(nodeCount: 0)
        stage.supplies = full.supplies
        var forced = [Int64](repeating: 0, count: full.arcCount)
        var owner: [Int] = []
        for a in 0..<full.arcCount {
            let tail = Int(full.tails[a]), head = Int(full.heads[a])
            let capacity = full.capacities[a]
            guard free[a] else {
                if flows[a] != 0 {
                    forced[a] = flows[a]
                    stage.supplies[tail] -= flows[a]
                    stage.supplies[head] += flows[a]
                }
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
