import HomewardDomain
import LinearProgramming

/// The MIP that ``CoupledSolver`` hands to GLPK: the network's arcs that
/// reduced-cost fixing left free, as integer columns; a balance row per node
/// that a free arc touches (its supply less what the fixed arcs carry); a row
/// per apart pair and establishment where both could be; and, per costed pair
/// and establishment, a sharing column priced at the sharing cost with a row
/// `x(a at e) + x(b at e) - share <= 1`.
struct RestrictedMIP {
    var program: LinearProgram
    /// The network arc of each of the first columns (the rest are sharing columns).
    var arcOfColumn: [Int]
    /// The costed pair and establishment of each sharing column, in order.
    var shares: [(pair: Int, establishment: Int)]
    /// What each arc carries: its fixed value, or nil for a column.
    var fixed: [Int64?]
    let pairs: Pairs

    init(_ f: Formulation, pairs: Pairs, fixed: [Int64?]) {
        let net = f.network
        self.fixed = fixed
        self.pairs = pairs
        var columnOfArc = [Int](repeating: -1, count: net.arcCount)
        var columns: [LinearProgram.Column] = []
        arcOfColumn = []
        for a in 0..<net.arcCount where fixed[a] == nil {
            columnOfArc[a] = columns.count
            arcOfColumn.append(a)
            columns.append(.init(name: f.arcName(a), cost: Double(net.costs[a]), bounds: .between(0, Double(net.capacities[a])),
                                 isInteger: true))
        }
        // Balance rows, for the nodes that a column touches.
        var rhs = net.supplies
        var touched = [Bool](repeating: false, count: net.nodeCount)
        for a in 0..<net.arcCount {
            let tail = Int(net.tails[a]), head = Int(net.heads[a])
            if let value = fixed[a] {
                rhs[tail] -= value
                rhs[head] += value
            } else {
                touched[tail] = true
                touched[head] = true
            }
        }
        var rows: [LinearProgram.Row] = []
        var entries: [LinearProgram.Entry] = []
        var rowOfNode = [Int](repeating: -1, count: net.nodeCount)
        for v in 0..<net.nodeCount where touched[v] && v != f.sink {
            rowOfNode[v] = rows.count
            rows.append(.init(name: "n\(v)", bounds: .fixed(Double(rhs[v]))))
        }
        for (j, a) in arcOfColumn.enumerated() {
            if rowOfNode[Int(net.tails[a])] >= 0 { entries.append(.init(row: rowOfNode[Int(net.tails[a])], column: j, value: 1)) }
            if rowOfNode[Int(net.heads[a])] >= 0 { entries.append(.init(row: rowOfNode[Int(net.heads[a])], column: j, value: -1)) }
        }
        // Pair rows, and sharing columns.
        shares = []
        func columnsAt(_ i: Int) -> [Int: [Int]] {
            var byPlace: [Int: [Int]] = [:]
            for (a, e) in pairs.arcs[i] ?? [] where columnOfArc[a] >= 0 { byPlace[e, default: []].append(columnOfArc[a]) }
            return byPlace
        }
        for (k, pair) in pairs.apart.enumerated() {
            let left = columnsAt(pair.a), right = columnsAt(pair.b)
            for e in left.keys.sorted() where right[e] != nil {
                let row = rows.count
                rows.append(.init(name: "apart\(k)_\(e)", bounds: .atMost(1)))
                for j in left[e]! + right[e]! { entries.append(.init(row: row, column: j, value: 1)) }
            }
        }
        for (k, pair) in pairs.costed.enumerated() {
            let left = columnsAt(pair.a), right = columnsAt(pair.b)
            for e in left.keys.sorted() where right[e] != nil {
                let row = rows.count, share = columns.count
                shares.append((k, e))
                columns.append(.init(name: "share\(k)_\(e)", cost: Double(pairs.sharingPrice), bounds: .between(0, 1)))
                rows.append(.init(name: "costed\(k)_\(e)", bounds: .atMost(1)))
                for j in left[e]! + right[e]! { entries.append(.init(row: row, column: j, value: 1)) }
                entries.append(.init(row: row, column: share, value: -1))
            }
        }
        if rows.isEmpty { rows.append(.init(name: "empty", bounds: .atMost(0))) }
        program = LinearProgram(name: "homeward_non_associations", rows: rows, columns: columns, entries: entries)
    }

    /// `flows` (a plan of the whole network) as values of the columns, or nil
    /// if it does not fit the fixed arcs or breaks a row (then GLPK starts without it).
    func warmStart(_ flows: [Int64]) -> [Double]? {
        for a in fixed.indices { if let value = fixed[a], flows[a] != value { return nil } }
        var values = arcOfColumn.map { Double(flows[$0]) }
        for (k, e) in shares {
            let pair = pairs.costed[k]
            let together = pairs.establishment(of: pair.a, in: flows) == e && pairs.establishment(of: pair.b, in: flows) == e
            values.append(together ? 1 : 0)
        }
        let activities = program.activities(of: values)
        for (i, row) in program.rows.enumerated() {
            if let lower = row.bounds.lower, activities[i] < lower - 1e-9 { return nil }
            if let upper = row.bounds.upper, activities[i] > upper + 1e-9 { return nil }
        }
        return values
    }

    /// The whole network's flows from the MIP's column values.
    func flows(_ values: [Double]) -> [Int64] {
        var flows = fixed.map { $0 ?? 0 }
        for (j, a) in arcOfColumn.enumerated() { flows[a] = Int64(values[j].rounded()) }
        return flows
    }
}
