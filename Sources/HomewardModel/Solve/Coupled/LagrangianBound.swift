import HomewardDomain
import LinearProgramming

/// A stronger lower bound for a week with non-associations: the Lagrangian
/// relaxation of the pair rows (``CoupledSolver``, step 3).
///
/// Each pair row `x(a at e) + x(b at e) <= 1` (apart pairs; for a costed pair
/// the row `x(a at e) + x(b at e) - share <= 1`) gets a multiplier `μ >= 0`
/// (at most the sharing cost for a costed pair). For any `μ`, the network
/// whose arcs placing `a` or `b` at `e` cost `μ` more, solved exactly, gives
///
///     L(μ) = min (c + μ-terms) x - Σ μ,
///
/// a lower bound on every plan that keeps the rows: such a plan pays at most
/// `Σ μ` in the extra terms, and its sharing columns cost at least what their
/// `-μ` takes off when `μ` is at most the sharing cost. So each evaluation is
/// one network solve, warm-started from the last basis; only rows that a
/// solve has broken get a multiplier. The multipliers move by targeted
/// steps: a row both of whose people are at `e` rises by what the cheaper of
/// the two needs to leave (its reduced cost of going elsewhere, shared among
/// the rows that push the same person); a row neither of whose people is at
/// `e` falls by what the nearer of the two needs to come back; the steps
/// grow while the bound rises, and shrink, from the best multipliers again,
/// when it falls. Once few rows are left (as after laying rows into the
/// network, ``LaidPairs``), cutting planes take over
/// (``refine(_:pairs:upperBound:)``): near the optimum the targeted steps
/// overshoot one row while undershooting another. The best `L(μ)` is kept,
/// with its flows and reduced costs, for reduced-cost fixing.
struct LagrangianBound {
    /// One pair row that some solve broke: the two people (population
    /// indices), the establishment, and the most its multiplier may be (the
    /// sharing cost for a costed pair; nil for an apart pair).
    struct Row {
        var a: Int
        var b: Int
        var establishment: Int
        var cap: Int64?
        var multiplier: Int64 = 0
    }

    /// The best bound found, with the flows and reduced costs of its network, and the multipliers that gave it.
    var bound: Int64
    var flows: [Int64]
    var reduced: [Int64]
    var rows: [Row]
    /// The cheapest plan among the solves' flows that keeps every apart pair apart, with its cost (sharing costs
    /// included), if one did.
    var plan: (flows: [Int64], cost: Int64)?
    /// Network solves made (not counting the relaxation's).
    var evaluations = 0
    /// The multipliers of the best bound, by row (rows added since then have none).
    var multipliers: [Int64] = []

    /// The most network solves the targeted ascent makes.
    static let maxEvaluations = 15
    /// Targeted steps before the cutting planes take over, when at most ``cuttingPlaneRows`` rows are left.
    static let stepsBeforeCuttingPlanes = 1
    /// The steps' scale grows by this after a better bound, and halves after a worse one.
    static let scaleUp = 2.0
    /// Solves in a row without a better bound before the ascent stops.
    static let patience = 6

    /// Ascends from the relaxation's optimum (`relaxed`, whose reduced costs are `reduced`): targeted steps first,
    /// then cutting planes (``refine(_:pairs:upperBound:)``) when few rows are left.
    /// - Parameters:
    ///   - kind: the backend for each network solve.
    ///   - start: the relaxation's warm start, if its backend gave one.
    ///   - upperBound: the cost of a plan that keeps every pair row; the ascent stops when the bound meets it.
    /// - Throws: ``AllocationError`` if a solve fails.
    init(_ f: Formulation, pairs: Pairs, relaxed: OptimalFlow, reduced: [Int64], kind: SolverKind, start: WarmStart?,
         workspace: SolverWorkspace?, upperBound: Int64, cuttingPlanes: Bool = true) throws(AllocationError) {
        bound = relaxed.objective
        flows = relaxed.flows
        self.reduced = reduced
        rows = []
        let evaluator = Evaluator(f, pairs: pairs, kind: kind, start: start, workspace: workspace)
        var upperBound = upperBound
        try ascend(evaluator, pairs: pairs, relaxed: relaxed, upperBound: &upperBound, cuttingPlanes: cuttingPlanes)
        if cuttingPlanes { try refine(evaluator, pairs: pairs, upperBound: &upperBound) }
        evaluations = evaluator.count
    }

    /// The targeted ascent (``step(_:pairs:flows:reduced:arcsAt:scale:)``) until it stops improving.
    private mutating func ascend(_ evaluator: Evaluator, pairs: Pairs, relaxed: OptimalFlow, upperBound: inout Int64,
                                 cuttingPlanes: Bool) throws(AllocationError) {
        var rowIndex: [[Int]: Int] = [:]
        var current = (flows: relaxed.flows, reduced: reduced)
        var stale = 0
        // The steps' scale: up after a better bound, down (from the best multipliers again) after a worse one.
        var scale = 1.0
        while evaluator.count < Self.maxEvaluations && bound < upperBound
            && !(cuttingPlanes && evaluator.count >= Self.stepsBeforeCuttingPlanes && rows.count <= Self.cuttingPlaneRows) {
            let added = Self.addBroken(pairs, flows: current.flows, rows: &rows, index: &rowIndex)
            let moved = Self.step(&rows, pairs: pairs, flows: current.flows, reduced: current.reduced, arcsAt: evaluator.arcsAt,
                                  scale: scale)
            if added == 0 && !moved { break }
            guard let evaluation = try evaluator.evaluate(rows) else { break }
            current = (evaluation.flows, evaluation.reduced)
            if consider(evaluation, pairs: pairs, upperBound: &upperBound) {
                stale = 0
                scale *= Self.scaleUp
            } else {
                stale += 1
                if stale >= Self.patience { break }
                // Back to the best multipliers (rows added since then from 0), with shorter steps.
                for r in rows.indices { rows[r].multiplier = r < multipliers.count ? multipliers[r] : 0 }
                current = (flows, reduced)
                scale /= 2
            }
        }
    }

    /// Keeps `evaluation` if it is the best bound so far, and its flows as the plan if they keep every apart pair
    /// apart more cheaply than `upperBound`.
    /// - Returns: whether the bound rose.
    mutating func consider(_ evaluation: Evaluation, pairs: Pairs, upperBound: inout Int64) -> Bool {
        if pairs.sharing(evaluation.flows, .apart).isEmpty {
            let cost = evaluation.trueCost + pairs.sharingCost(evaluation.flows)
            if cost < plan?.cost ?? upperBound {
                plan = (evaluation.flows, cost)
                upperBound = cost
            }
        }
        guard evaluation.value > bound else { return false }
        bound = evaluation.value
        multipliers = rows.map(\.multiplier)
        flows = evaluation.flows
        reduced = evaluation.reduced
        return true
    }

    /// One value of the Lagrangian: its multipliers' network solved, the value, and that network's flows and
    /// reduced costs.
    struct Evaluation {
        var value: Int64
        var flows: [Int64]
        var reduced: [Int64]
        /// The formulation's network, without the multipliers.
        let original: FlowNetwork

        /// The flows' cost without the multipliers: a pass over every arc, so read only for flows that are a plan
        /// (``consider(_:pairs:upperBound:)``); on the week with 10,000 pairs, reading it for every solve was 6% of the run.
        var trueCost: Int64 { original.cost(of: flows) }
    }

    /// Evaluations one after another on one formulation, on the simplex kept between them.
    final class Evaluator {
        let f: Formulation
        let kind: SolverKind
        let workspace: SolverWorkspace?
        /// Per paired person: their placement arcs by establishment.
        let arcsAt: [Int: [Int: [Int]]]
        private var warm: WarmStart?
        private var solves: RepricedSolves?
        private(set) var count = 0

        init(_ f: Formulation, pairs: Pairs, kind: SolverKind, start: WarmStart?, workspace: SolverWorkspace?) {
            self.f = f
            self.kind = kind
            self.workspace = workspace
            warm = start
            var arcsAt = [Int: [Int: [Int]]]()
            for (i, list) in pairs.arcs { for (arc, e) in list { arcsAt[i, default: [:]][e, default: []].append(arc) } }
            self.arcsAt = arcsAt
        }

        /// `L` at the rows' multipliers, or nil if the backend gives no potentials.
        func evaluate(_ rows: [Row]) throws(AllocationError) -> Evaluation? {
            var network = f.network
            for row in rows where row.multiplier > 0 {
                for arc in (arcsAt[row.a]?[row.establishment] ?? []) + (arcsAt[row.b]?[row.establishment] ?? []) {
                    network.costs[arc] += row.multiplier
                }
            }
            guard let solved = try solve(network),
                  let rc = CoupledSolver.reducedCosts(network, potentials: solved.potentials) else { return nil }
            count += 1
            let value = network.cost(of: solved.flows) - rows.reduce(0) { $0 + $1.multiplier }
            return Evaluation(value: value, flows: solved.flows, reduced: rc, original: f.network)
        }

        /// `network` (the formulation's, with the multipliers' costs) solved on the simplex kept from one evaluation
        /// to the next where the backend is the network simplex (only the costs change), else by the backend from
        /// the last warm start. Nil when the backend gives no potentials.
        private func solve(_ network: FlowNetwork) throws(AllocationError) -> (flows: [Int64], potentials: [Int64])? {
            if kind == .network {
                let kept = solves ?? RepricedSolves(f, start: warm?.simplexStart ?? .artificial, workspace: workspace?.simplex)
                solves = kept
                guard let solution = try kept.solve(network.costs) else {
                    throw .noFeasibleFlow("the Lagrangian relaxation of the non-associations")
                }
                return (solution.flows, solution.potentials)
            }
            let report = try AllocationSolver.backend(kind).solve(f.replacingNetwork(network), start: warm, workspace: workspace)
            let solved = try report.optimal("the Lagrangian relaxation of the non-associations")
            warm = report.warmStart ?? warm
            return solved.potentials.map { (solved.flows, $0) }
        }
    }

    /// Adds a row for every pair and establishment that `flows` break (both people there), with no multiplier yet.
    /// - Returns: how many rows were added.
    static func addBroken(_ pairs: Pairs, flows: [Int64], rows: inout [Row], index: inout [[Int]: Int]) -> Int {
        var added = 0
        for row in pairs.broken(flows) {
            let (a, b) = pairs.list(row.kind)[row.pair]
            let key = [a, b, row.establishment]
            guard index[key] == nil else { continue }
            index[key] = rows.count
            rows.append(Row(a: a, b: b, establishment: row.establishment, cap: row.kind == .costed ? pairs.sharingPrice : nil))
            added += 1
        }
        return added
    }

    /// One targeted step on every row: up where both people are at its
    /// establishment, down where neither is. The rise is what the cheaper of
    /// the two needs to leave (reduced cost of their best way elsewhere, less
    /// that of the arc they use there), divided by the number of broken rows
    /// that push the same person out of the same establishment, plus one.
    /// - Returns: whether any multiplier changed.
    static func step(_ rows: inout [Row], pairs: Pairs, flows: [Int64], reduced: [Int64],
                     arcsAt: [Int: [Int: [Int]]], scale: Double = 1) -> Bool {
        var at: [Int: Int] = [:]
        func place(_ i: Int) -> Int? {
            if let known = at[i] { return known < 0 ? nil : known }
            let e = pairs.establishment(of: i, in: flows)
            at[i] = e ?? -1
            return e
        }
        var pushes: [[Int]: Int] = [:]
        for row in rows where place(row.a) == row.establishment && place(row.b) == row.establishment {
            pushes[[row.a, row.establishment], default: 0] += 1
            pushes[[row.b, row.establishment], default: 0] += 1
        }
        var moved = false
        for r in rows.indices {
            let row = rows[r], e = row.establishment
            let inA = place(row.a) == e, inB = place(row.b) == e
            var next = row.multiplier
            if inA && inB {
                func need(_ i: Int) -> Int64 {
                    let using = (arcsAt[i]?[e] ?? []).filter { flows[$0] > 0 }.map { reduced[$0] }.min() ?? 0
                    let share = Int64(max(1, pushes[[i, e]] ?? 1))
                    return (pairs.leaving(i, e, reduced) - min(0, using)) / share + 1
                }
                next += max(1, Int64((Double(min(need(row.a), need(row.b))) * scale).rounded()))
            } else if !inA && !inB && next > 0 {
                func back(_ i: Int) -> Int64 { (arcsAt[i]?[e] ?? []).map { reduced[$0] }.min() ?? next }
                next -= min(next, max(1, min(back(row.a), back(row.b)) / 2))
            }
            if let cap = row.cap { next = min(next, cap) }
            if next != row.multiplier {
                rows[r].multiplier = next
                moved = true
            }
        }
        return moved
    }
}
