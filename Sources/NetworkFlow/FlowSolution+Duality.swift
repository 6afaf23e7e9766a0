import LinearProgramming

extension FlowSolution {
    /// The reduced cost of arc `a`: `cost[a] + π[tail] - π[head]`.
    public func reducedCost(of a: Int, in network: FlowNetwork) -> Int64 {
        network.costs[a] + potentials[Int(network.tails[a])] - potentials[Int(network.heads[a])]
    }

    /// The objective of the dual problem at these potentials:
    /// `-sum(supply[v] * π[v]) + sum over arcs of capacity[a] * min(0, reducedCost[a])`.
    /// By LP duality it equals the primal cost exactly when both are optimal.
    public func dualObjective(in network: FlowNetwork) -> Int64 {
        var total: Int64 = 0
        for v in 0..<network.nodeCount {
            total -= network.supplies[v] * potentials[v]
        }
        for a in 0..<network.arcCount {
            let reduced = reducedCost(of: a, in: network)
            if reduced < 0 { total += network.capacities[a] * reduced }
        }
        return total
    }

    /// Every arc that breaks complementary slackness: positive reduced cost
    /// with positive flow, or negative reduced cost below capacity.
    public func slacknessViolations(in network: FlowNetwork) -> [Int] {
        var arcs: [Int] = []
        for a in 0..<network.arcCount {
            let reduced = reducedCost(of: a, in: network)
            if reduced > 0 && flows[a] > 0 { arcs.append(a) }
            if reduced < 0 && flows[a] < network.capacities[a] { arcs.append(a) }
        }
        return arcs
    }
}
