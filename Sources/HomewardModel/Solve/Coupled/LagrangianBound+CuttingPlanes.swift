internal import GLPK
import LinearProgramming

extension LagrangianBound {
    /// The most rows for cutting planes: beyond it the targeted ascent's bound stands. National weeks with up to
    /// 5,000 made-up pairs leave at most about 150 rows, and are proven in 70 solves or fewer; 6,000 pairs leave
    /// about 190, not proven in 150 solves; 10,000 leave 334, which grow to 439 as solves break more, and 150
    /// solves (11 s) bring the bound to 31 points below the LP relaxation's, where the targeted ascent stopped
    /// 7,532 points below it. The search stops if the rows it prices grow past twice this.
    static let cuttingPlaneRows = 500
    /// The most network solves the cutting planes make (about 0.07 s each on a national week).
    static let cuttingPlaneEvaluations = 150

    /// One solve's cut: `L(μ) <= value + Σ slope(r) (μ(r) - multipliers(r))` for every `μ`, where a row's slope is
    /// the number of its pair at its establishment in that solve, less one (a supergradient of the concave `L`).
    struct Cut {
        var value: Int64
        var multipliers: [Int64]
        /// Where each paired person was placed (nil: unplaced).
        var at: [Int: Int?]

        func slope(_ row: Row) -> Double {
            Double((at[row.a] == row.establishment ? 1 : 0) + (at[row.b] == row.establishment ? 1 : 0) - 1)
        }
    }

    /// Raises the bound by cutting planes in a box (Kelley's method with a trust region), when few rows are left:
    /// each solve gives a cut on the concave, piecewise-linear `L`; a small LP on GLPK over the cuts and the box
    /// around the best multipliers gives the next multipliers (rounded to whole centipoints, since the network's
    /// costs are whole). A better bound moves the box there and doubles it; a solve that does not give a better
    /// bound (a null step) halves it, which stops Kelley's method zigzagging across a wide box: without it the
    /// national week with 4,000 pairs was not proven in 150 solves, and is now in about 50. The search ends when the LP's
    /// optimum, not held by the box, is no more than half a centipoint above the bound: then no multipliers
    /// give a better bound by more than that. The targeted ascent cannot get there: near the optimum its
    /// steps overshoot one row while undershooting another.
    mutating func refine(_ evaluator: Evaluator, pairs: Pairs, upperBound: inout Int64) throws(AllocationError) {
        var index: [[Int]: Int] = [:]
        for (r, row) in rows.enumerated() { index[[row.a, row.b, row.establishment]] = r }
        _ = Self.addBroken(pairs, flows: flows, rows: &rows, index: &index)
        guard !rows.isEmpty, rows.count <= Self.cuttingPlaneRows, bound < upperBound else { return }
        let people = Array(evaluator.arcsAt.keys)
        func cut(_ value: Int64, _ flows: [Int64]) -> Cut {
            var at: [Int: Int?] = [:]
            for i in people { at[i] = pairs.establishment(of: i, in: flows) }
            return Cut(value: value, multipliers: rows.map(\.multiplier), at: at)
        }
        for r in rows.indices { rows[r].multiplier = r < multipliers.count ? multipliers[r] : 0 }
        var cuts = [cut(bound, flows)]
        var center = rows.map { Double($0.multiplier) }
        // Half-width: the largest multiplier, and at least 2 points. Over six national weeks with 2,000 pairs (seeds
        // 23 to 28) and one each with 3,000, 4,000 and 5,000, that took 244 solves in all, against 266 with twice it
        // (both measured before the box's bounds were judged by their duals, which changed none of these weeks' solves).
        var width = max(200, Double(center.max() ?? 0))
        var made = 0, tries = 0
        // Each try either solves (at most cuttingPlaneEvaluations) or widens a box that held the LP's optimum.
        while made < Self.cuttingPlaneEvaluations && tries < 4 * Self.cuttingPlaneEvaluations && bound < upperBound
            && rows.count <= 2 * Self.cuttingPlaneRows {
            tries += 1
            guard let (next, ceiling, held) = Self.master(rows: rows, cuts: cuts, center: center, width: width) else { break }
            if ceiling <= Double(bound) + 0.5 {
                // The box holds the LP's optimum: wider, unless that would price a row past any cost in the network.
                guard held, width * 4 <= Self.widestBox else { break }
                width *= 4
                continue
            }
            for r in rows.indices { rows[r].multiplier = Int64(next[r].rounded()) }
            guard let evaluation = try evaluator.evaluate(rows) else { break }
            made += 1
            cuts.append(cut(evaluation.value, evaluation.flows))
            let before = rows.count
            _ = Self.addBroken(pairs, flows: evaluation.flows, rows: &rows, index: &index)
            center += [Double](repeating: 0, count: rows.count - before)
            if consider(evaluation, pairs: pairs, upperBound: &upperBound) {
                center = rows.map { Double($0.multiplier) }
                width *= 2
            } else {
                width = max(1, width / 2)
            }
        }
    }

    /// The widest box: 2^32 centipoints (43 million points), far above any price a row needs (leaving someone
    /// unplaced costs thousands of points), and far enough below the network's limit on a cost (2^40) that
    /// the multipliers of every row on one arc cannot pass it.
    static let widestBox = Double(1 << 32)

    /// The cutting-plane LP: the most `θ` with `θ <= value + Σ slope (μ - μ(cut))` for every cut, over `μ` in the
    /// box of half-width `width` around `center` (and within each row's own bounds).
    /// - Returns: its multipliers, `θ`, and whether the box holds the optimum: a multiplier at the box's edge
    ///   whose bound there has a dual value (a reduced cost) other than 0. Otherwise the LP's duals, with those
    ///   bounds' at 0, prove that no multipliers outside the box do better either. (A row absent from every cut
    ///   sits at whichever edge the simplex leaves it, with a reduced cost of 0: it holds nothing.)
    ///   nil if GLPK fails.
    static func master(rows: [Row], cuts: [Cut], center: [Double], width: Double) -> (μ: [Double], θ: Double, held: Bool)? {
        let n = rows.count
        var columns: [LinearProgram.Column] = []
        var boxes: [(lower: Double, upper: Double, held: (Double) -> Bool)] = []
        for (r, row) in rows.enumerated() {
            let upper = row.cap.map(Double.init) ?? .infinity
            let lower = max(0, center[r] - width), top = min(upper, center[r] + width)
            boxes.append((lower, top, { μ in (lower > 0 && μ <= lower + 1e-6) || (top < upper && μ >= top - 1e-6) }))
            columns.append(.init(name: "mu\(r)", cost: 0, bounds: .between(lower, top)))
        }
        columns.append(.init(name: "theta", cost: 1, bounds: .free))
        var programRows: [LinearProgram.Row] = []
        var entries: [LinearProgram.Entry] = []
        // θ is measured from the best cut's value. A national week's values are about 1.7e9 centipoints; taken as
        // they are, GLPK's simplex crawled on the week with 10,000 pairs (439 rows): one run was stopped after more
        // than 9 minutes in these LPs, where measured from the best cut the whole run takes 16 s.
        let base = cuts.map(\.value).max() ?? 0
        for (k, cut) in cuts.enumerated() {
            var rhs = Double(cut.value - base)
            for (r, row) in rows.enumerated() {
                let slope = cut.slope(row)
                guard slope != 0 else { continue }
                rhs -= slope * Double(r < cut.multipliers.count ? cut.multipliers[r] : 0)
                entries.append(.init(row: k, column: r, value: -slope))
            }
            entries.append(.init(row: k, column: n, value: 1))
            programRows.append(.init(name: "cut\(k)", bounds: .atMost(rhs)))
        }
        let program = LinearProgram(name: "lagrangian_cuts", sense: .maximise, rows: programRows, columns: columns, entries: entries)
        guard let outcome = try? GLPK.solve(program), let solution = outcome.solution else { return nil }
        let μ = Array(solution.columnValues.prefix(n))
        return (μ, solution.columnValues[n] + Double(base), μ.indices.contains { boxes[$0].held(μ[$0]) && abs(solution.reducedCosts[$0]) > 1e-9 })
    }
}
