import HomewardDomain
import LinearProgramming

extension Formulation {
    /// Which columns of the exported mixed-integer program must be whole numbers.
    public enum IntegerColumns: String, Sendable, CaseIterable {
        /// The arcs of the people in a counted pair, and the sharing columns; every other arc is continuous.
        case paired
        /// Every column.
        case all
    }

    /// The whole allocation with its non-associations as one mixed-integer
    /// program, for glpsol, HiGHS or any MIP solver (`homeward export --mip`).
    ///
    /// The columns are the network's arcs, in the same order and with the same
    /// names, costs and bounds as ``linearProgram(name:)``, then one sharing
    /// column per costed pair and establishment. The rows are the balance rows
    /// (the sink's is implied) and any side constraints, as in that LP; then,
    /// per apart pair and establishment both of them can reach, the row
    /// `x(a at e) + x(b at e) <= 1`; then, per costed pair and establishment
    /// both can reach, `x(a at e) + x(b at e) - share <= 1`, the share column
    /// costing the policy's sharing cost. `x(a at e)` is the sum of person
    /// a's own arcs that place them at e (a stay, or a placement by either
    /// route). Costs are in centipoints, as in the LP, so the optimum is
    /// exactly ``CoupledStatistics/objective``.
    ///
    /// With ``IntegerColumns/paired`` only the paired people's own arcs and the
    /// sharing columns are integer. That loses nothing: once those are whole
    /// numbers, what is left is a minimum-cost flow on the other arcs with
    /// whole-number supplies and capacities, whose constraint matrix (a node-arc
    /// incidence matrix) is totally unimodular, so it has a whole-number optimum
    /// of the same cost. A solver may still return a fractional flow on those
    /// arcs where several optima tie; ``IntegerColumns/all`` asks for whole
    /// numbers everywhere, at the price of a harder search for some solvers.
    /// - Parameters:
    ///   - integers: which columns are integer.
    ///   - name: the model's name in the file.
    /// - Returns: the program (without non-associations the policy counts, it is the LP with no pair rows).
    public func mixedIntegerProgram(integers: IntegerColumns = .paired,
                                    name: String = "homeward_non_associations") -> LinearProgram {
        var program = linearProgram(name: name)
        let pairs = Pairs(self)
        for a in 0..<network.arcCount where integers == .all || pairs.isPersonal[a] {
            program.columns[a].isInteger = true
        }
        let code: (Int) -> String = { self.cost.estate.establishments[$0].code.rawValue }
        /// Per establishment, the arcs that place person `i` there.
        func placing(_ i: Int) -> [Int: [Int]] {
            var byPlace: [Int: [Int]] = [:]
            for (arc, e) in pairs.arcs[i] ?? [] { byPlace[e, default: []].append(arc) }
            return byPlace
        }
        /// The establishments both of a pair can reach, in order, with both people's arcs there.
        func together(_ pair: (a: Int, b: Int)) -> [(e: Int, arcs: [Int])] {
            let left = placing(pair.a), right = placing(pair.b)
            return Set(left.keys).intersection(right.keys).sorted().map { e in (e, left[e]! + right[e]!) }
        }
        for (k, pair) in pairs.apart.enumerated() {
            for (e, arcs) in together(pair) {
                let row = program.rows.count
                program.rows.append(.init(name: "apart\(k)_\(code(e))", bounds: .atMost(1)))
                for arc in arcs { program.entries.append(.init(row: row, column: arc, value: 1)) }
            }
        }
        for (k, pair) in pairs.costed.enumerated() {
            for (e, arcs) in together(pair) {
                let row = program.rows.count, share = program.columns.count
                program.columns.append(.init(name: "share\(k)_\(code(e))", cost: Double(pairs.sharingPrice),
                                             bounds: .between(0, 1), isInteger: true))
                program.rows.append(.init(name: "shared\(k)_\(code(e))", bounds: .atMost(1)))
                for arc in arcs { program.entries.append(.init(row: row, column: arc, value: 1)) }
                program.entries.append(.init(row: row, column: share, value: -1))
            }
        }
        return program
    }

    /// The counted pairs of the population: apart (must be in different
    /// establishments) and costed (a cost to share one), after the policy.
    public var countedPairCounts: (apart: Int, costed: Int) {
        let pairs = Pairs(self)
        return (pairs.apart.count, pairs.costed.count)
    }
}
