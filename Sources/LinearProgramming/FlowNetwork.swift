/// A minimum-cost flow problem as a plain value.
///
/// Minimise `sum(cost[a] * flow[a])` subject to `0 <= flow[a] <= capacity[a]`
/// and, at every node `v`, `outflow(v) - inflow(v) = supply[v]`. Supplies sum
/// to zero. Costs and capacities are integers, so every basic optimal flow is
/// integral and the network and LP solvers can be compared exactly.
///
/// Arrays are stored structure-of-arrays, because that is what the network
/// solver takes and what keeps a network of millions of arcs compact.
public struct FlowNetwork: Sendable, Equatable {
    public var supplies: [Int64]
    public var tails: [Int32]
    public var heads: [Int32]
    public var costs: [Int64]
    public var capacities: [Int64]

    /// Creates a network with `nodeCount` nodes, all with zero supply, and no arcs.
    public init(nodeCount: Int) {
        supplies = [Int64](repeating: 0, count: nodeCount)
        tails = []
        heads = []
        costs = []
        capacities = []
    }

    public var nodeCount: Int { supplies.count }
    public var arcCount: Int { tails.count }

    /// Adds a node and returns its index.
    @discardableResult
    public mutating func addNode(supply: Int64 = 0) -> Int {
        supplies.append(supply)
        return supplies.count - 1
    }

    /// Adds an arc and returns its index.
    @discardableResult
    public mutating func addArc(from tail: Int, to head: Int, cost: Int64, capacity: Int64) -> Int {
        tails.append(Int32(tail))
        heads.append(Int32(head))
        costs.append(cost)
        capacities.append(capacity)
        return tails.count - 1
    }

    /// Reserves room for `arcs` more arcs.
    public mutating func reserveArcs(_ arcs: Int) {
        tails.reserveCapacity(tails.count + arcs)
        heads.reserveCapacity(heads.count + arcs)
        costs.reserveCapacity(costs.count + arcs)
        capacities.reserveCapacity(capacities.count + arcs)
    }

    /// The cost of a flow (no feasibility check).
    public func cost(of flow: [Int64]) -> Int64 {
        var total: Int64 = 0
        for a in 0..<arcCount { total += costs[a] * flow[a] }
        return total
    }

    /// Every way in which `flow` breaks a bound or a node balance (empty if feasible).
    public func violations(of flow: [Int64]) -> [String] {
        var problems: [String] = []
        guard flow.count == arcCount else { return ["flow has \(flow.count) values for \(arcCount) arcs"] }
        var balance = [Int64](repeating: 0, count: nodeCount)
        for a in 0..<arcCount {
            if flow[a] < 0 || flow[a] > capacities[a] {
                problems.append("arc \(a) carries \(flow[a]) outside [0, \(capacities[a])]")
            }
            balance[Int(tails[a])] += flow[a]
            balance[Int(heads[a])] -= flow[a]
        }
        for v in 0..<nodeCount where balance[v] != supplies[v] {
            problems.append("node \(v) has net outflow \(balance[v]) against supply \(supplies[v])")
        }
        return problems
    }
}

/// A flow network plus linear side constraints on its arc flows, which break
/// the pure network structure and need the general simplex.
public struct SideConstraint: Sendable, Equatable {
    public var name: String
    public var arcs: [Int]
    public var coefficients: [Double]
    public var bounds: Bounds

    public init(name: String, arcs: [Int], coefficients: [Double], bounds: Bounds) {
        self.name = name
        self.arcs = arcs
        self.coefficients = coefficients
        self.bounds = bounds
    }
}

extension FlowNetwork {
    /// The node-arc linear program of this network: one column per arc
    /// (bounds `[0, capacity]`, cost as given) and one equality row per node,
    /// except `omittedNode`, whose balance row is implied by the others
    /// (all supplies sum to zero) and is left out so that the rows are
    /// linearly independent. `side` rows follow the node rows.
    ///
    /// - Parameters:
    ///   - name: the model name.
    ///   - omittedNode: the node whose balance row is implied (usually the sink).
    ///   - side: extra rows over arc flows.
    ///   - nodeName: a name for each node's row.
    ///   - arcName: a name for each arc's column.
    /// - Returns: the LP; its optimum equals the network's.
    public func linearProgram(
        name: String,
        omittedNode: Int?,
        side: [SideConstraint] = [],
        nodeName: (Int) -> String,
        arcName: (Int) -> String
    ) -> LinearProgram {
        var rowOfNode = [Int](repeating: -1, count: nodeCount)
        var rows: [LinearProgram.Row] = []
        rows.reserveCapacity(nodeCount + side.count)
        for v in 0..<nodeCount where v != omittedNode {
            rowOfNode[v] = rows.count
            rows.append(.init(name: nodeName(v), bounds: .fixed(Double(supplies[v]))))
        }
        var columns: [LinearProgram.Column] = []
        columns.reserveCapacity(arcCount)
        var entries: [LinearProgram.Entry] = []
        entries.reserveCapacity(arcCount * 2)
        for a in 0..<arcCount {
            columns.append(.init(name: arcName(a), cost: Double(costs[a]), bounds: .between(0, Double(capacities[a]))))
            let tailRow = rowOfNode[Int(tails[a])]
            let headRow = rowOfNode[Int(heads[a])]
            guard tails[a] != heads[a] else { continue } // a loop leaves every balance unchanged
            if tailRow >= 0 { entries.append(.init(row: tailRow, column: a, value: 1)) }
            if headRow >= 0 { entries.append(.init(row: headRow, column: a, value: -1)) }
        }
        for constraint in side {
            let row = rows.count
            rows.append(.init(name: constraint.name, bounds: constraint.bounds))
            for (arc, value) in zip(constraint.arcs, constraint.coefficients) where value != 0 {
                entries.append(.init(row: row, column: arc, value: value))
            }
        }
        return LinearProgram(name: name, sense: .minimise, rows: rows, columns: columns, entries: entries)
    }
}
