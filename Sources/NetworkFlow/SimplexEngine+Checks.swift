// Consistency checks of the simplex state, for tests: everything the pivot
// steps rely on, recomputed from scratch.

extension SimplexEngine {
    /// Every way in which the tree, flows, states or potentials are
    /// inconsistent (empty if all is well). Slow: for tests only.
    func inconsistencies() -> [String] {
        var problems: [String] = []
        let n = nodeCount, m = arcCount
        // Thread: a cyclic preorder through every node from the root.
        var order: [Int] = []
        var seen = [Bool](repeating: false, count: n + 1)
        var u = root
        repeat {
            guard u >= 0 && u <= n && !seen[u] else {
                problems.append("thread revisits or leaves the nodes at \(u)")
                return problems
            }
            seen[u] = true
            order.append(u)
            if Int(reverseThread[Int(thread[u])]) != u { problems.append("reverse thread of \(thread[u]) is not \(u)") }
            u = Int(thread[u])
        } while u != root
        if order.count != n + 1 { problems.append("thread visits \(order.count) of \(n + 1) nodes") }
        var position = [Int](repeating: 0, count: n + 1)
        for (i, v) in order.enumerated() { position[v] = i }
        // Subtree sizes and last successors from the parents.
        var size = [Int](repeating: 1, count: n + 1)
        for v in order.reversed() where v != root { size[Int(parent[v])] += size[v] }
        for v in order {
            if Int(successorCount[v]) != size[v] { problems.append("node \(v) counts \(successorCount[v]) successors, not \(size[v])") }
            if v != root && position[Int(parent[v])] >= position[v] { problems.append("node \(v) precedes its parent in the thread") }
            let last = order[position[v] + size[v] - 1]
            if Int(lastSuccessor[v]) != last { problems.append("node \(v) has last successor \(lastSuccessor[v]), not \(last)") }
        }
        // Tree arcs: join each node to its parent, in bounds, strongly feasible, zero reduced cost.
        var treeArcs = 0
        for v in 0..<n {
            let e = Int(pred[v])
            let p = Int(parent[v])
            let up = predDirection[v] == TreeDirection.up
            if (up ? (Int(source[e]), Int(target[e])) : (Int(target[e]), Int(source[e]))) != (v, p) {
                problems.append("pred arc \(e) of node \(v) does not join it to its parent \(p)")
            }
            if state[e] != ArcState.tree { problems.append("pred arc \(e) of node \(v) is not marked as a tree arc") }
            if e >= m && p != root { problems.append("artificial arc \(e) does not reach the root") }
            let f = flow[e], cap = capacity[e]
            if f < 0 || f > cap { problems.append("tree arc \(e) carries \(f) outside [0, \(cap)]") }
            if f == 0 && !up { problems.append("empty tree arc \(e) points away from the root") }
            if f == cap && up { problems.append("full tree arc \(e) points towards the root") }
            if reducedCost(e) != 0 { problems.append("tree arc \(e) has reduced cost \(reducedCost(e))") }
            if e < m { treeArcs += 1 }
        }
        // Non-tree arcs at a bound; balances hold everywhere.
        var balance = [Int64](repeating: 0, count: n + 1)
        for e in 0..<(m + n) {
            if e < m || state[e] == ArcState.tree {
                balance[Int(source[e])] += flow[e]
                balance[Int(target[e])] -= flow[e]
            }
            if e < m && state[e] == ArcState.tree { treeArcs -= 1 }
            if state[e] == ArcState.lower && flow[e] != 0 { problems.append("arc \(e) at its lower bound carries \(flow[e])") }
            if state[e] == ArcState.upper && flow[e] != capacity[e] { problems.append("arc \(e) at its upper bound carries \(flow[e])") }
            if e >= m && state[e] != ArcState.tree && flow[e] != 0 { problems.append("non-tree artificial arc \(e) carries \(flow[e])") }
        }
        if treeArcs != 0 { problems.append("\(-treeArcs) more arcs are marked as tree arcs than there are tree nodes") }
        for v in 0..<n where balance[v] != supply[v] {
            problems.append("node \(v) has net outflow \(balance[v]) against supply \(supply[v])")
        }
        return problems
    }
}
