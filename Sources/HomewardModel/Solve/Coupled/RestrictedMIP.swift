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
        // Per person and establishment: the free columns that place them there, and what fixed arcs already do.
        func placing(_ i: Int) -> (columns: [Int: [Int]], fixedAt: [Int: Int64]) {
            var byPlace: [Int: [Int]] = [:], fixedAt: [Int: Int64] = [:]
            for (a, e) in pairs.arcs[i] ?? [] {
                if columnOfArc[a] >= 0 { byPlace[e, default: []].append(columnOfArc[a]) } else { fixedAt[e, default: 0] += fixed[a]! }
            }
            return (byPlace, fixedAt)
        }
        /// The establishments where both of a pair can be, with the free columns and the fixed part.
        func together(_ pair: (a: Int, b: Int)) -> [(e: Int, columns: [Int], fixed: Int64)] {
            let left = placing(pair.a), right = placing(pair.b)
            let places = Set(left.columns.keys).union(left.fixedAt.filter { $0.value > 0 }.keys)
                .intersection(Set(right.columns.keys).union(right.fixedAt.filter { $0.value > 0 }.keys))
            return places.sorted().map { e in
                (e, (left.columns[e] ?? []) + (right.columns[e] ?? []), (left.fixedAt[e] ?? 0) + (right.fixedAt[e] ?? 0))
            }
        }
        for (k, pair) in pairs.apart.enumerated() {
            for (e, list, already) in together(pair) {
                let row = rows.count
                rows.append(.init(name: "apart\(k)_\(e)", bounds: .atMost(Double(1 - already))))
                for j in list { entries.append(.init(row: row, column: j, value: 1)) }
            }
        }
        for (k, pair) in pairs.costed.enumerated() {
            for (e, list, already) in together(pair) {
                let row = rows.count, share = columns.count
                shares.append((k, e))
                columns.append(.init(name: "share\(k)_\(e)", cost: Double(pairs.sharingPrice), bounds: .between(0, 1)))
                rows.append(.init(name: "costed\(k)_\(e)", bounds: .atMost(Double(1 - already))))
                for j in list { entries.append(.init(row: row, column: j, value: 1)) }
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
