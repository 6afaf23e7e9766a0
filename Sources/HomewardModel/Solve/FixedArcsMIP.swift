internal import GLPK
import LinearProgramming

/// The network after reduced-cost fixing, as the core of a MIP that GLPK's
/// branch-and-cut solves (``RestrictedMIP`` for non-associations, ``LimitMIP``
/// for a moves limit): the arcs left free as integer columns, and a balance
/// row per node a free arc touches (its supply less what the fixed arcs
/// carry). Each user appends its own rows (and columns after the arcs').
struct FixedArcsMIP {
    var columns: [LinearProgram.Column] = []
    var rows: [LinearProgram.Row] = []
    var entries: [LinearProgram.Entry] = []
    /// The network arc of each of the first columns.
    private(set) var arcOfColumn: [Int] = []
    /// The column of each arc, or -1 for a fixed arc.
    private(set) var columnOfArc: [Int]
    /// What each arc carries: its fixed value, or nil for a column.
    let fixed: [Int64?]

    init(_ f: Formulation, fixed: [Int64?]) {
        let net = f.network
        self.fixed = fixed
        columnOfArc = [Int](repeating: -1, count: net.arcCount)
        for a in 0..<net.arcCount where fixed[a] == nil {
            columnOfArc[a] = columns.count
            arcOfColumn.append(a)
            columns.append(.init(name: f.arcName(a), cost: Double(net.costs[a]), bounds: .between(0, Double(net.capacities[a])),
                                 isInteger: true))
        }
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
        var rowOfNode = [Int](repeating: -1, count: net.nodeCount)
        for v in 0..<net.nodeCount where touched[v] && v != f.sink {
            rowOfNode[v] = rows.count
            rows.append(.init(name: "n\(v)", bounds: .fixed(Double(rhs[v]))))
        }
        for (j, a) in arcOfColumn.enumerated() {
            if rowOfNode[Int(net.tails[a])] >= 0 { entries.append(.init(row: rowOfNode[Int(net.tails[a])], column: j, value: 1)) }
            if rowOfNode[Int(net.heads[a])] >= 0 { entries.append(.init(row: rowOfNode[Int(net.heads[a])], column: j, value: -1)) }
        }
    }

    /// The program of the columns, rows and entries so far; they are moved
    /// into it (the arc maps and fixed values stay, for reading answers back).
    mutating func program(named name: String) -> LinearProgram {
        if rows.isEmpty { rows.append(.init(name: "empty", bounds: .atMost(0))) }
        defer { (columns, rows, entries) = ([], [], []) }
        return LinearProgram(name: name, rows: rows, columns: columns, entries: entries)
    }

    /// The arc columns' values for `flows` (a plan of the whole network), or nil if it does not fit the fixed arcs.
    func arcValues(_ flows: [Int64]) -> [Double]? {
        for a in fixed.indices { if let value = fixed[a], flows[a] != value { return nil } }
        return arcOfColumn.map { Double(flows[$0]) }
    }

    /// Whether `values` (every column's) keeps every row of `program`.
    static func keepsEveryRow(_ program: LinearProgram, _ values: [Double]) -> Bool {
        let activities = program.activities(of: values)
        for (i, row) in program.rows.enumerated() {
            if let lower = row.bounds.lower, activities[i] < lower - 1e-9 { return false }
            if let upper = row.bounds.upper, activities[i] > upper + 1e-9 { return false }
        }
        return true
    }

    /// The whole network's flows from the MIP's column values.
    func flows(_ values: [Double]) -> [Int64] {
        var flows = fixed.map { $0 ?? 0 }
        for (j, a) in arcOfColumn.enumerated() { flows[a] = Int64(values[j].rounded()) }
        return flows
    }
}

extension FixedArcsMIP {
    /// GLPK's branch-and-cut on `program`, offered `warmStart` as its first
    /// incumbent: its outcome, and why the answer is not proven optimal (nil
    /// when it is). `problem` names the MIP in the error for an infeasible one,
    /// which cannot arise while the incumbent keeps every row; where it can
    /// (a stage of ``NearFaceSearch``), `mayBeInfeasible` returns the outcome instead.
    static func branchAndCut(_ program: LinearProgram, warmStart: [Double]?, timeLimitSeconds: Double,
                             problem name: String, mayBeInfeasible: Bool = false) throws(AllocationError) -> (outcome: MIPOutcome, notProven: String?) {
        let outcome: MIPOutcome
        do {
            outcome = try Problem(program).solveInteger(warmStart: warmStart, timeLimitSeconds: timeLimitSeconds)
        } catch {
            throw .solver(SolverFailure(error))
        }
        switch outcome.termination {
        case .optimal:
            return (outcome, nil)
        case .timeLimit:
            return (outcome, "GLPK's branch-and-cut reached its time limit with a relative gap of \(outcome.gap)")
        case .infeasible:
            if mayBeInfeasible { return (outcome, nil) }
            throw .inconsistent("\(name) is infeasible, although the upper-bound plan satisfies it")
        case let .failed(failure):
            throw .solver(SolverFailure(solver: .glpk, reason: .stopped(failure.description)))
        }
    }
}
