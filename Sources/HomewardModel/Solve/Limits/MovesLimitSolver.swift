import HomewardDomain
import LinearProgramming
internal import NetworkFlow

/// How a moves limit was solved (``MovesLimitSolver``), for reports and
/// benchmarks. Costs in centipoints.
public struct MovesLimitStatistics: Sendable, Equatable {
    /// The limit L on transfers.
    public var limit = 0
    /// Transfers in the optimum without the limit; nil when the search started from a price (a simulated
    /// week starts from last week's) and never needed to solve without it.
    public var unlimitedMoves: Int?
    /// Transfers in the plan returned.
    public var moves = 0
    /// The breakpoint price λ* per transfer, as the fraction numerator / denominator of centipoints.
    public var priceNumerator: Int64 = 0
    public var priceDenominator: Int64 = 1
    /// The Lagrangian dual value at λ* (the LP bound), rounded up to a whole centipoint: a lower bound on any plan.
    public var lowerBound: Int64 = 0
    /// The best bound on a plan of whole people: the LP bound, raised by restricted MIPs that proved no plan
    /// costs their trial or less (``NearFaceSearch``); the plan's cost when proven.
    public var integerBound: Int64 = 0
    /// The cheapest plan found with at most L transfers.
    public var upperBound: Int64 = 0
    /// Network simplex solves (one per price tried), and their pivots.
    public var solves = 0
    public var pivots = 0
    /// How the upper bound was reached: "unconstrained" (the limit does not bind), "breakpoint"
    /// (a plan on the optimal face at λ* with exactly L transfers), or "branch-and-cut".
    public var method = "unconstrained"
    /// Arcs fixed by reduced cost before the MIP, and its size (0 when no MIP was needed).
    public var fixedArcs = 0
    public var mipColumns = 0
    public var mipRows = 0
    /// Restricted MIPs solved (``NearFaceSearch``'s stages); the columns and rows above are the last one's.
    public var mipStages = 0
    /// Branch-and-cut nodes, and the relative gap between the plan and the bound when the search stopped.
    public var nodes = 0
    public var gap = 0.0
    /// Whether the plan is proven optimal; if not, why not.
    public var proven = false
    public var notProven: String?
    /// Where the time went (all 0 without a clock).
    public var seconds = MovesLimitSeconds()

    /// λ* in points per transfer.
    public var price: Double { Double(priceNumerator) / Double(max(1, priceDenominator)) / 100 }
}

/// A moves limit (one side row: transfers ≤ L) solved exactly on the network simplex (issue #23, item 3).
///
/// 1. **Price.** A price λ per transfer is added to every hub's placement arc;
///    transfers(λ) is a non-increasing step function, and the Lagrangian dual
///    φ(λ) = min over plans of cost + λ (transfers − L) is concave and piecewise
///    linear. Starting from λ = 0 (the limit may not bind) and a price high
///    enough that the limit holds, each step solves at the price where the lines
///    of the two plans bracketing L meet, λ = (C_hi − C_lo) / (T_lo − T_hi), an
///    exact fraction p/q (costs are whole centipoints, so the network is solved
///    with costs q·c + p on transfer arcs, warm-started from the last basis). A
///    plan strictly better there replaces one end; none better means λ is the
///    breakpoint λ*, and LB = φ(λ*) is the LP bound.
/// 2. **Breakpoint plan.** Both bracketing plans are optimal at λ*, so every arc
///    where they differ has reduced cost 0, and their difference splits into
///    cycles that each keep the plan optimal at λ*. Adding cycles to the plan
///    with fewer transfers, until it has exactly L, gives a plan costing LB:
///    proven optimal. (When cycles change transfers by more than one at a time,
///    L may be missed; the plan below L is then the upper bound UB.)
/// 3. **Branch-and-cut.** Otherwise, with the potentials at λ*, any plan within
///    the limit costs at least LB + Σ |reduced cost| × its change on each arc /
///    q, so arcs whose |reduced cost| exceeds q (UB − φ) keep their value in
///    every plan as good as UB and are fixed; GLPK's branch-and-cut solves the
///    rest with the balance rows and the moves row, warm-started from UB. Its
///    optimum is proven, or the statistics say why not.
///
/// A limit below the people whom the rules move anyway keeps today's
/// meaning: the row counts only transfers, so the people beyond the limit who
/// may not stay are left unplaced, as GLPK's LP would leave them (the weekly
/// simulation lifts its limit to those people instead).
enum MovesLimitSolver {
    /// A limit on the branch-and-cut, so that a run always ends; a search it stops is reported as not proven.
    static let timeLimitSeconds = 120.0
    /// The most columns handed to GLPK's branch-and-cut (beyond it the plan within the limit is returned, not proven).
    static let largestMIP = 150_000

    /// One solve at price p/q: the plan, its transfers T and its cost C at the real costs.
    struct Priced {
        var flows: [Int64]
        var potentials: [Int64]
        var transfers: Int64
        var cost: Int64
        var p: Int64
        var q: Int64
    }

    /// The state of a search: the formulation, its transfer arcs, the warm start and the work done.
    struct Search {
        let f: Formulation
        let isTransfer: [Bool]
        /// The solves, on a simplex kept from price to price.
        let solves: RepricedSolves
        var stats = MovesLimitStatistics()
        /// The solve without the limit (price 0), once made.
        var free: Priced?

        /// Solves the network with price p/q per transfer.
        mutating func solve(p: Int64, q: Int64) throws(AllocationError) -> Priced {
            var costs = f.network.costs
            for a in 0..<costs.count {
                let (scaled, o1) = costs[a].multipliedReportingOverflow(by: q)
                let (priced, o2) = scaled.addingReportingOverflow(isTransfer[a] ? p : 0)
                if o1 || o2 { throw .inconsistent("the moves limit's price \(p)/\(q) overflows the arc costs") }
                costs[a] = priced
            }
            guard let solution = try solves.solve(costs) else { throw .noFeasibleFlow("the moves limit at price \(p)/\(q)") }
            stats.solves += 1
            stats.pivots = solves.pivots
            let transfers = Int64(f.transfers(in: solution.flows))
            let priced = Priced(flows: solution.flows, potentials: solution.potentials, transfers: transfers,
                                cost: f.network.cost(of: solution.flows), p: p, q: q)
            if p == 0 {
                free = priced
                stats.unlimitedMoves = Int(transfers)
            }
            return priced
        }
    }

    /// Solves `f`, whose only side constraint is the moves limit.
    /// - Throws: ``AllocationError`` if a solver fails.
    static func solve(_ f: Formulation, start: WarmStart?, workspace: SolverWorkspace?,
                      clock: (@Sendable () -> Double)? = nil) throws(AllocationError) -> SolveReport {
        let now = clock ?? { 0 }
        let started = now()
        guard f.hasOnlyMovesLimit, let limit = f.movesLimit else {
            throw .inconsistent("the moves-limit solver needs a formulation whose only side constraint is the moves limit")
        }
        var isTransfer = [Bool](repeating: false, count: f.network.arcCount)
        for arcs in f.hubArcs { for a in arcs { isTransfer[a] = true } }
        var search = Search(f: f, isTransfer: isTransfer,
                            solves: RepricedSolves(f, start: start?.simplexStart ?? .artificial, workspace: workspace?.simplex))
        search.stats.limit = limit
        let L = Int64(limit)
        guard var (lo, hi) = try bracket(&search, limit: L, hint: start?.movesPrice) else {
            // The limit does not bind: the plan without it is the optimum.
            let free = search.free!
            search.stats.lowerBound = free.cost
            search.stats.integerBound = free.cost
            search.stats.upperBound = free.cost
            search.stats.proven = true
            search.stats.seconds.price = now() - started
            return report(search, plan: free.flows, at: free, bound: free.cost)
        }
        // The breakpoint: where the lines of lo and hi meet, until no plan is better there.
        var last = hi
        while true {
            let num = hi.cost - lo.cost, den = lo.transfers - hi.transfers
            let g = gcd(max(0, num), den)
            let s = try search.solve(p: max(0, num) / g, q: den / g)
            let value = Int128(s.q) * Int128(s.cost) + Int128(s.p) * Int128(s.transfers)
            let line = Int128(s.q) * Int128(lo.cost) + Int128(s.p) * Int128(lo.transfers)
            last = s
            if value >= line { break }
            if s.transfers > L { lo = s } else { hi = s }
        }
        // φ(λ*) × q, exactly, and the bound rounded up to whole centipoints.
        let q = Int128(last.q)
        let phiTimesQ = q * Int128(lo.cost) + Int128(last.p) * Int128(lo.transfers - L)
        let bound = Int64((phiTimesQ + q - 1) / q)
        search.stats.priceNumerator = last.p
        search.stats.priceDenominator = last.q
        search.stats.lowerBound = bound
        search.stats.integerBound = bound
        let walked = walk(from: hi, toward: lo, limit: L, f: f, isTransfer: isTransfer)
        search.stats.upperBound = f.network.cost(of: walked)
        search.stats.seconds.price = now() - started
        if search.stats.upperBound <= bound {
            search.stats.method = "breakpoint"
            search.stats.proven = true
            return report(search, plan: walked, at: last, bound: bound)
        }
        search.stats.method = "branch-and-cut"
        let best = try branchAndCut(f, at: last, phiTimesQ: phiTimesQ, incumbent: walked, isTransfer: isTransfer,
                                    stats: &search.stats, clock: now)
        return report(search, plan: best, at: last, bound: bound)
    }

    /// The report of a plan, with the statistics and the last basis as the warm start.
    static func report(_ search: Search, plan: [Int64], at priced: Priced, bound: Int64) -> SolveReport {
        var stats = search.stats
        let f = search.f
        stats.moves = f.transfers(in: plan)
        let objective = f.network.cost(of: plan)
        stats.upperBound = objective
        if stats.proven { stats.gap = 0 } else { stats.gap = Double(objective - max(stats.lowerBound, stats.integerBound)) / Double(max(1, objective)) }
        var net = f.network
        for a in 0..<net.arcCount { net.costs[a] = net.costs[a] * priced.q + (search.isTransfer[a] ? priced.p : 0) }
        let q = Double(priced.q)
        let capacity = f.capacityValues { arc in
            let reduced = net.costs[arc] + priced.potentials[Int(net.tails[arc])] - priced.potentials[Int(net.heads[arc])]
            return Double(max(0, -reduced)) / q / 100
        }
        var statistics = SolveStatistics(solver: .network, iterations: stats.pivots)
        statistics.movesLimit = stats
        let solution = OptimalFlow(flows: plan, objective: objective, capacityValue: capacity, dualObjective: bound)
        return SolveReport(termination: .optimal, solution: solution, statistics: statistics,
                           warmStart: search.solves.lastBasis.map { WarmStart(.basis($0), movesPrice: priced.p > 0 ? (priced.p, priced.q) : nil) })
    }

    /// One cycle of the difference between two plans: its arcs with their direction, the units it carries,
    /// and the transfers one unit of it adds.
    struct Cycle {
        var arcs: [(arc: Int, dir: Int64)]
        var units: Int64
        var delta: Int64
    }

    /// Step 2: `hi` plus cycles of `lo − hi` (a circulation) that raise its transfers to exactly `limit` where
    /// the cycles allow, else as near as they go without passing it. Each cycle is conformal to `lo − hi`, so
    /// any choice of cycle units lies between the two plans (and, both plans being optimal at λ*, on the
    /// optimal face).
    static func walk(from hi: Priced, toward lo: Priced, limit: Int64, f: Formulation, isTransfer: [Bool]) -> [Int64] {
        let need = limit - hi.transfers
        var plan = hi.flows
        guard need > 0 else { return plan }
        let cycles = decompose(hi.flows, lo.flows, f.network, isTransfer: isTransfer)
        for (c, k) in choose(cycles, need: need) where k > 0 {
            for (arc, dir) in cycles[c].arcs { plan[arc] += dir * k }
        }
        return plan
    }

    /// How many units of each cycle to take so that their transfers add up to `need`: greedily the positive
    /// cycles, largest first; then, if some is left, one more unit of a positive cycle that passes it, brought
    /// back by negative cycles. Nearest without passing when no such choice is found.
    static func choose(_ cycles: [Cycle], need: Int64) -> [(Int, Int64)] {
        var taken = [Int64](repeating: 0, count: cycles.count)
        var left = need
        let positive = cycles.indices.filter { cycles[$0].delta > 0 }.sorted { (-cycles[$0].delta, $0) < (-cycles[$1].delta, $1) }
        let negative = cycles.indices.filter { cycles[$0].delta < 0 }.sorted { (cycles[$0].delta, $0) < (cycles[$1].delta, $1) }
        for c in positive where left > 0 {
            let k = min(cycles[c].units, left / cycles[c].delta)
            taken[c] += k
            left -= k * cycles[c].delta
        }
        if left > 0 {
            for c in positive.reversed() where taken[c] < cycles[c].units && cycles[c].delta > left {
                var over = cycles[c].delta - left
                var back = [Int64](repeating: 0, count: cycles.count)
                for n in negative where over > 0 {
                    let k = min(cycles[n].units, over / -cycles[n].delta)
                    back[n] = k
                    over += k * cycles[n].delta
                }
                guard over == 0 else { continue }
                taken[c] += 1
                for n in negative { taken[n] += back[n] }
                left = 0
                break
            }
        }
        return taken.enumerated().map { ($0.offset, $0.element) }
    }

    /// The circulation `to − from` split into cycles, each conformal to it (its arcs moved the way the
    /// difference moves them), by walking residual edges until a node repeats.
    static func decompose(_ from: [Int64], _ to: [Int64], _ net: FlowNetwork, isTransfer: [Bool]) -> [Cycle] {
        var out = [[Int]](repeating: [], count: net.nodeCount)
        var edges: [(arc: Int, dir: Int64, left: Int64)] = []
        for a in 0..<net.arcCount where to[a] != from[a] {
            let d = to[a] - from[a]
            out[Int(d > 0 ? net.tails[a] : net.heads[a])].append(edges.count)
            edges.append((a, d > 0 ? 1 : -1, abs(d)))
        }
        var cursor = [Int](repeating: 0, count: net.nodeCount)
        var position = [Int](repeating: -1, count: net.nodeCount)
        func next(_ v: Int) -> Int? {
            while cursor[v] < out[v].count {
                let k = out[v][cursor[v]]
                if edges[k].left > 0 { return k }
                cursor[v] += 1
            }
            return nil
        }
        var cycles: [Cycle] = []
        for root in 0..<net.nodeCount {
            while next(root) != nil {
                var path: [Int] = [], nodes: [Int] = [root]
                position[root] = 0
                var v = root
                while let k = next(v) {
                    path.append(k)
                    let a = edges[k].arc
                    v = Int(edges[k].dir > 0 ? net.heads[a] : net.tails[a])
                    if position[v] >= 0 { break }
                    position[v] = nodes.count
                    nodes.append(v)
                }
                for u in nodes { position[u] = -1 }
                // A circulation has no dead ends; stop rather than loop if one ever appears.
                guard let start = nodes.firstIndex(of: v), start < path.count else { return cycles }
                let cycle = path[start...]
                let units = cycle.map { edges[$0].left }.min()!
                for k in cycle { edges[k].left -= units }
                cycles.append(Cycle(arcs: cycle.map { (edges[$0].arc, edges[$0].dir) }, units: units,
                                    delta: cycle.reduce(Int64(0)) { $0 + (isTransfer[edges[$1].arc] ? edges[$1].dir : 0) }))
            }
        }
        return cycles
    }

    /// Two plans that bracket the limit: `lo` over it and `hi` within it, or nil if the plan without a price
    /// (``Search/free``) keeps it. Without a hint, from price 0 and then the move cost upwards; with one (the
    /// price at which last week's search ended), from there, so that a week like the last needs no solve
    /// without the limit, whose plan would be far from the basis the week starts from.
    static func bracket(_ search: inout Search, limit L: Int64, hint: (p: Int64, q: Int64)?) throws(AllocationError) -> (Priced, Priced)? {
        var lo: Priced
        var p: Int64
        if let hint, hint.p > 0, hint.q > 0 {
            let s = try search.solve(p: hint.p, q: hint.q)
            if s.transfers > L {
                lo = s
                p = max(s.p / s.q + 1, s.p / s.q * 5 / 4)
            } else {
                // Downwards, a fifth lower each time, until over the limit or down to no price at all.
                var hi = s
                var down = s.p / s.q * 4 / 5
                while true {
                    let t = try search.solve(p: down < 100 ? 0 : down, q: 1)
                    if t.transfers > L { return (t, hi) }
                    if t.p == 0 { return nil }
                    hi = t
                    down = down * 4 / 5
                }
            }
        } else {
            lo = try search.solve(p: 0, q: 1)
            if lo.transfers <= L { return nil }
            p = max(100, search.f.cost.moveCost)
        }
        // A price at which the limit holds: each step where the line through the last two (price, transfers)
        // points reaches the limit, a twentieth beyond, at least a tenth and at most four times higher.
        while true {
            let s = try search.solve(p: p, q: 1)
            if s.transfers <= L { return (lo, s) }
            guard p < Int64(1) << 40 else { throw .inconsistent("no price per transfer brings the transfers within the limit") }
            p = nextPrice(after: s, previous: lo, limit: L)
            lo = s
        }
    }

    /// The next price to try while the transfers exceed the limit at `s` (and at `previous`, a lower price).
    static func nextPrice(after s: Priced, previous: Priced, limit: Int64) -> Int64 {
        let p = s.p / s.q, least = p + max(1, p / 10), most = p * 4
        let dropped = previous.transfers - s.transfers, rise = p - previous.p / previous.q
        guard dropped > 0, rise > 0 else { return most }
        let guess = Double(p) + Double(s.transfers - limit) * Double(rise) / Double(dropped) * 1.05
        return min(most, max(least, Int64(guess.rounded(.up))))
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return max(1, x)
    }
}
