import HomewardDomain
import LinearProgramming

/// How a week with non-associations was solved (``CoupledSolver``), for
/// reports and benchmarks. Costs in centipoints.
public struct CoupledStatistics: Sendable, Equatable {
    /// Pairs that must be in different establishments, and pairs that cost something to share one.
    public var apartPairs = 0
    public var costedPairs = 0
    /// Counted pairs whose two people must both be at one establishment this week (held, locked,
    /// off the movers list or too near release to be transferred): left to the establishment to
    /// keep apart on its wings, neither a constraint nor a cost in the plan.
    public var leftToEstablishment = 0
    /// The network relaxation's optimum: a lower bound on any plan's cost.
    public var lowerBound: Int64 = 0
    /// Apart pairs that the relaxation put in one establishment.
    public var conflictsInRelaxation = 0
    /// Pair rows laid into the network as structure (``LaidPairs``), the network solves that took after the
    /// relaxation's, and the optimum of that network: a lower bound at least ``lowerBound``.
    public var laidRows = 0
    public var layingRounds = 0
    public var laidBound: Int64 = 0
    /// The first plan found that keeps every apart pair apart (its placements plus sharing costs).
    public var upperBound: Int64 = 0
    /// Network re-solves it took to find that plan.
    public var repairRounds = 0
    /// Arcs fixed by reduced cost (they cannot carry flow, or must stay full, in an optimal plan).
    public var fixedArcs = 0
    /// The Lagrangian relaxation of the pair rows: its best bound (at least
    /// ``lowerBound``), the network solves it took and the pair rows it priced.
    public var lagrangianBound: Int64 = 0
    public var lagrangianSolves = 0
    public var lagrangianRows = 0
    /// The best bound on a plan: the relaxation's and the Lagrangian bound, raised by restricted MIPs
    /// that proved no plan costs their trial or less (``NearFaceSearch``); the plan's cost when proven.
    public var integerBound: Int64 = 0
    /// Restricted MIPs GLPK solved, and the last one's size (0 when the bounds met and no MIP was needed).
    public var mipStages = 0
    public var mipColumns = 0
    public var mipRows = 0
    /// Branch-and-cut nodes, and the relative gap when the search stopped.
    public var nodes = 0
    public var gap = 0.0
    /// The optimum: placements plus the sharing costs of costed pairs in one establishment.
    public var objective: Int64 = 0
    /// The sharing costs within ``objective``.
    public var sharingCost: Int64 = 0
    /// Costed pairs sharing an establishment in the plan.
    public var pairsSharing = 0
    /// Whether the plan is proven optimal; if not, why not.
    public var proven = false
    public var notProven: String?
    /// Whether the week was solved whole as one MIP on GLPK (``WholeWeekMIP``: non-associations with a
    /// moves limit or other side rows), rather than by relaxation, repair and reduced-cost fixing.
    public var wholeMIP = false
    /// Where the time went (all 0 without a clock).
    public var seconds = CoupledSeconds()
}

extension Formulation {
    /// True if the population has non-associations that the policy counts (apart, or costed).
    public var hasCountedNonAssociations: Bool {
        population.week.nonAssociations.contains { cost.policy.nonAssociations.treatment(of: $0) != .ignored }
    }
}

/// Non-associations solved exactly (issue #23).
///
/// Everyone in a counted pair has a profile of their own (``Profile/individual``),
/// so their arcs are their own columns; everyone else stays aggregated. A pair
/// whose two people must both be at one establishment this week
/// (``Formulation/mustBeAt(_:current:)``) is left to the establishment and is
/// neither a row nor a cost. Then:
/// 1. the network relaxation (no pair constraints), on the chosen backend,
///    gives a lower bound and node potentials;
/// 2. each pair row the relaxation breaks (both people at one establishment)
///    is laid into the network as structure where it can be (``LaidPairs``:
///    the two people's arcs into the establishment meet at a node with one
///    place, and a second place at the sharing cost for a costed pair), and
///    the network is solved again from the last flow, until no solve breaks a
///    row that can be laid. The laid network is still a network, and keeps
///    (and prices) its laid rows exactly: its optimum is a much stronger lower
///    bound, and only rows that cannot be laid (someone in two pairs, all three
///    at one establishment) are left to the steps below;
/// 3. a plan that keeps every apart pair apart is found by closing, for one
///    person of each pair that still shares, the arcs into the shared
///    establishment and solving the network again (repeated until none
///    shares): its cost plus the sharing costs is an upper bound UB;
/// 4. the Lagrangian relaxation of the rows left (``LagrangianBound``: a few
///    targeted steps, then cutting planes) raises the lower bound, one
///    warm-started network solve per step; a solve whose flows keep every
///    pair apart is a plan, and when a plan costs the bound it is optimal;
/// 5. reduced-cost fixing: with optimal potentials π of the laid network (and
///    of the best Lagrangian network), any plan costs the bound plus the sum
///    over arcs of |rc(a)| times its departure from those flows, so an arc
///    with rc(a) > UB - bound carries nothing and one with rc(a) < -(UB - bound)
///    stays full in every plan at least as good as UB. Those arcs are fixed;
///    the rest are integer columns of a MIP with the balance rows, a row
///    `x(a at e) + x(b at e) <= 1` per apart pair and establishment not laid,
///    and a sharing column per costed pair and establishment not laid;
/// 6. GLPK's branch-and-cut solves that MIP, offered the UB plan as its first
///    incumbent. Its optimum is the optimum of the whole problem; the gap it
///    reports must be 0, or the statistics say the plan is not proven and why.
///
/// The plan of the laid network, read on its original arcs, is the plan.
public enum CoupledSolver {
    /// A limit on the branch-and-cut, so that a run always ends; a search it stops is reported as not proven.
    static let timeLimitSeconds = 600.0
    /// The most columns handed to GLPK's branch-and-cut. Beyond it (the gap left
    /// too many arcs free) the plan that keeps every pair apart is returned with
    /// its bound, reported as not proven.
    public static let largestMIP = 150_000
    /// No stages below the plan's cost (``NearFaceSearch``). Before rows were laid into the network, on the
    /// national week with 2,000 pairs a stage at a thousandth of the gap (40,000 columns, 1.8 s) only raised the
    /// bound by 4 points, and one at a hundredth (100,000 columns) took 76 s. That week is now proven by its
    /// bounds alone; the week with 10,000 pairs ends 12,000 points apart, where a stage could raise the bound by
    /// a few points at most, while GLPK's LP on national restricted problems of 48,000 columns took 24 s.
    static let nearFaceColumns = 0

    /// Which of the steps that strengthen the bounds run: all of them, but for tests that check the later steps
    /// (the repair, the targeted ascent, fixing and the MIP) on their own.
    struct Steps: Sendable {
        /// Step 2, laying broken rows into the network.
        var layRows = true
        /// Step 4, the Lagrangian bound (without it, the MIP starts from the laid network's bound).
        var lagrangian = true
        /// The cutting planes at the end of step 4.
        var cuttingPlanes = true
        static let all = Steps()
        /// The relaxation, the repair, reduced-cost fixing and the MIP.
        static let bare = Steps(layRows: false, lagrangian: false, cuttingPlanes: false)
    }

    /// Solves `f` with its non-associations.
    /// - Parameters:
    ///   - relaxation: the backend for the network relaxation and repairs (nil: the network simplex).
    ///   - start: a warm start for the relaxation.
    ///   - workspace: storage for the relaxation.
    ///   - clock: seconds since a fixed origin, to say where the time went (``CoupledStatistics/seconds``); nil reads 0.
    /// - Throws: ``AllocationError`` if a solver fails, or for a week with side rows too large for ``WholeWeekMIP``.
    public static func solve(_ f: Formulation, relaxation: SolverKind?, start: WarmStart? = nil,
                             workspace: SolverWorkspace? = nil,
                             clock: (@Sendable () -> Double)? = nil) throws(AllocationError) -> SolveReport {
        try solve(f, relaxation: relaxation, start: start, workspace: workspace, clock: clock, steps: .all)
    }

    /// ``solve(_:relaxation:start:workspace:clock:)`` with only some of its steps.
    static func solve(_ f: Formulation, relaxation: SolverKind?, start: WarmStart?, workspace: SolverWorkspace?,
                      clock: (@Sendable () -> Double)?, steps: Steps) throws(AllocationError) -> SolveReport {
        let now = clock ?? { 0 }
        var started = now()
        let pairs = Pairs(f)
        guard f.isPureNetwork else { return try WholeWeekMIP.solve(f, pairs: pairs, clock: now) }
        let kind = relaxation ?? .network
        var stats = CoupledStatistics()
        stats.apartPairs = pairs.apart.count
        stats.costedPairs = pairs.costed.count
        stats.leftToEstablishment = pairs.leftToEstablishment.count
        let report = try AllocationSolver.backend(kind).solve(f, start: start, workspace: workspace)
        let relaxed = try report.optimal("the relaxation of the non-associations")
        stats.seconds.relaxation = now() - started
        started = now()
        stats.lowerBound = relaxed.objective
        stats.conflictsInRelaxation = pairs.sharing(relaxed.flows, .apart).count
        var statistics = report.statistics
        let laying = steps.layRows
            ? try layBrokenRows(f, pairs: pairs, relaxed: relaxed, warm: report.warmStart, kind: kind, workspace: workspace)
            : (laid: LaidPairs(f), solution: relaxed, warm: report.warmStart, rounds: 0)
        stats.seconds.laying = now() - started
        stats.laidRows = laying.laid.rows.count
        stats.layingRounds = laying.rounds
        stats.laidBound = laying.solution.objective
        // From here on: the laid network, and the rows it does not keep.
        let g = laying.laid.formulation
        var inner = pairs
        inner.laid = laying.laid.rows
        let best = try bestPlan(g, pairs: inner, strong: laying.solution, warm: laying.warm, kind: kind, workspace: workspace,
                                steps: steps, stats: &stats, clock: now)
        let plan = laying.laid.original(best)
        stats.sharingCost = pairs.sharingCost(plan)
        stats.pairsSharing = pairs.sharing(plan, .costed).count
        let objective = f.network.cost(of: plan)
        stats.objective = objective + stats.sharingCost
        stats.integerBound = stats.proven ? stats.objective : max(stats.integerBound, stats.laidBound, stats.lagrangianBound)
        statistics.coupled = stats
        // The relaxation's duals do not price the pair rows, so no dual objective is claimed.
        let solution = OptimalFlow(flows: plan, objective: objective, capacityValue: relaxed.capacityValue, dualObjective: nil)
        return SolveReport(termination: .optimal, solution: solution, statistics: statistics)
    }

    /// Steps 3 to 6 on the laid network `g` (``Pairs/laid`` says which rows it keeps), from its optimum `strong`:
    /// the repaired plan, the Lagrangian bound, and the MIP if they do not meet. Fills in `stats`.
    /// - Returns: the best plan of `g`.
    static func bestPlan(_ g: Formulation, pairs inner: Pairs, strong: OptimalFlow, warm: WarmStart?, kind: SolverKind,
                         workspace: SolverWorkspace?, steps: Steps, stats: inout CoupledStatistics,
                         clock now: () -> Double) throws(AllocationError) -> [Int64] {
        var started = now()
        let reduced = strong.potentials.flatMap { Self.reducedCosts(g.network, potentials: $0) }
        let (bound, rounds) = try upperBound(g, pairs: inner, relaxed: strong, reduced: reduced, kind: kind,
                                             start: warm, workspace: workspace)
        stats.repairRounds = rounds
        stats.upperBound = bound.objective + inner.sharingCost(bound.flows)
        stats.seconds.upperBound = now() - started
        started = now()
        stats.lagrangianBound = stats.laidBound
        var best = bound.flows
        guard stats.upperBound > stats.laidBound else {
            stats.proven = true
            return best
        }
        guard let reduced else {
            stats.gap = Double(stats.upperBound - stats.laidBound) / Double(max(1, stats.upperBound))
            stats.notProven = "the relaxation's backend gave no node potentials, so nothing could be fixed"
            return best
        }
        var certificates = [Certificate(bound: strong.objective, flows: strong.flows, reduced: reduced)]
        if steps.lagrangian {
            let lagrangian = try LagrangianBound(g, pairs: inner, relaxed: strong, reduced: reduced, kind: kind, start: warm,
                                                 workspace: workspace, upperBound: stats.upperBound, cuttingPlanes: steps.cuttingPlanes)
            stats.seconds.lagrangian = now() - started
            stats.lagrangianBound = lagrangian.bound
            stats.lagrangianSolves = lagrangian.evaluations
            stats.lagrangianRows = lagrangian.rows.count
            if let plan = lagrangian.plan, plan.cost < stats.upperBound {
                best = plan.flows
                stats.upperBound = plan.cost
            }
            if stats.upperBound <= lagrangian.bound {
                stats.proven = true
                return best
            }
            if lagrangian.bound > strong.objective {
                certificates.append(Certificate(bound: lagrangian.bound, flows: lagrangian.flows, reduced: lagrangian.reduced))
            }
        }
        return try branchAndCut(g, pairs: inner, certificates: certificates, incumbent: best, stats: &stats, clock: now)
    }

    /// Step 2: lays the rows that the relaxation breaks into the network (``LaidPairs``) and solves it again, from
    /// the last flow, until no solve breaks a row that can be laid. Each round lays at least one more row, so it ends.
    /// - Returns: the laid network, its optimum, the last solve's warm start (the relaxation's when nothing was
    ///   laid), and the solves it took.
    static func layBrokenRows(_ f: Formulation, pairs: Pairs, relaxed: OptimalFlow, warm: WarmStart?, kind: SolverKind,
                              workspace: SolverWorkspace?) throws(AllocationError)
        -> (laid: LaidPairs, solution: OptimalFlow, warm: WarmStart?, rounds: Int) {
        var laid = LaidPairs(f)
        var solution = relaxed
        var warm = warm
        var rounds = 0
        var inner = pairs
        while true {
            var flows = solution.flows
            guard laid.lay(inner.broken(flows), pairs: pairs, flows: &flows) > 0 else { return (laid, solution, warm, rounds) }
            inner.laid = laid.rows
            rounds += 1
            let report = try AllocationSolver.backend(kind).solve(laid.formulation, start: WarmStart(.flow(flows)), workspace: workspace)
            solution = try report.optimal("the network with the non-associations laid into it")
            warm = report.warmStart
        }
    }

    /// Each arc's reduced cost `c + π[tail] - π[head]` at `potentials`.
    static func reducedCosts(_ net: FlowNetwork, potentials: [Int64]) -> [Int64]? {
        guard potentials.count == net.nodeCount else { return nil }
        return (0..<net.arcCount).map { a in net.costs[a] + potentials[Int(net.tails[a])] - potentials[Int(net.heads[a])] }
    }

    /// Step 3: a plan that keeps every apart pair apart, by closing arcs and
    /// re-solving the network: of each pair that shares, the one whose
    /// cheapest way out costs less in reduced cost (the second, without
    /// reduced costs) loses their arcs into the shared establishment.
    /// Each re-solve starts from the last one's basis (the relaxation's, `start`, first), where the backend gives one.
    static func upperBound(_ f: Formulation, pairs: Pairs, relaxed: OptimalFlow, reduced: [Int64]?, kind: SolverKind,
                           start: WarmStart?, workspace: SolverWorkspace?) throws(AllocationError) -> (OptimalFlow, Int) {
        var current = relaxed
        var network = f.network
        var rounds = 0
        var warm = start
        while true {
            let conflicts = pairs.sharing(current.flows, .apart)
            if conflicts.isEmpty { return (current, rounds) }
            for (k, e) in conflicts {
                let (a, b) = pairs.apart[k]
                // Someone the week requires there stays; else the one whose way out costs less (in a full estate
                // a single arc's reduced cost misjudges it, so this is a heuristic: the bounds and the MIP finish the job).
                let mover = pairs.fixedAt[a] == e ? b : pairs.fixedAt[b] == e ? a
                    : reduced.map { pairs.leaving(a, e, $0) < pairs.leaving(b, e, $0) ? a : b } ?? b
                for (arc, at) in pairs.arcs[mover] ?? [] where at == e { network.capacities[arc] = 0 }
            }
            rounds += 1
            let report = try AllocationSolver.backend(kind).solve(f.replacingNetwork(network), start: warm, workspace: workspace)
            current = try report.optimal("a plan that keeps non-associations apart")
            warm = report.warmStart ?? warm
        }
    }

    /// Fixes the arcs that `certificate` proves cannot change in any plan costing at most `upperBound`.
    static func fix(_ fixedValue: inout [Int64?], net: FlowNetwork, pairs: Pairs, certificate: Certificate, upperBound: Int64) {
        let reduced = certificate.reduced
        var matched: [Int: Int64] = [:]
        var bound: Int64 = 0
        for (k, e) in pairs.sharing(certificate.flows, .apart) {
            let (a, b) = pairs.apart[k]
            guard matched[a] == nil, matched[b] == nil else { continue }
            let least = min(pairs.leaving(a, e, reduced), pairs.leaving(b, e, reduced))
            matched[a] = least
            matched[b] = least
            bound += least
        }
        let gap = upperBound - certificate.bound - bound
        var budgetOfArc: [Int: Int64] = [:]
        for (person, least) in matched {
            for a in pairs.allArcs(of: person) { budgetOfArc[a] = gap + least }
        }
        for a in 0..<net.arcCount where fixedValue[a] == nil {
            let budget = budgetOfArc[a] ?? gap
            if reduced[a] > budget { fixedValue[a] = 0 } else if reduced[a] < -budget { fixedValue[a] = net.capacities[a] }
        }
    }

    /// A lower bound with the optimal flows and reduced costs of the network that gave it (the relaxation's, or a
    /// Lagrangian one's): any plan costs at least `bound` plus |rc(a)| for each arc `a` it changes from `flows`.
    struct Certificate {
        var bound: Int64
        var flows: [Int64]
        var reduced: [Int64]
    }

    /// Steps 5 and 6: the reduced-cost-fixed MIP on GLPK's branch-and-cut.
    ///
    /// Each certificate fixes arcs on its own; an arc fixed by any of them is
    /// fixed (every plan at least as good as the incumbent keeps every fixing).
    /// The gap left for fixing is narrowed by what separating is bound to
    /// cost: in a set of apart pairs sharing an establishment in the
    /// certificate's flows, with no person in common, one of each pair must
    /// leave the shared establishment, onto an arc that carried nothing, whose
    /// reduced cost is at least that person's cheapest way out. Their arcs are
    /// disjoint, so these minima add up (D), and any plan costs at least
    /// bound + D + |rc(a)| if it changes arc a (not a matched person's own), or
    /// bound + D - m + |rc(a)| for an arc of a person of a matched pair whose
    /// minimum is m. ``NearFaceSearch`` solves the MIP left by fixing at the
    /// incumbent's cost (``nearFaceColumns`` says why not nearer the face first).
    static func branchAndCut(_ f: Formulation, pairs: Pairs, certificates: [Certificate], incumbent: [Int64],
                             stats: inout CoupledStatistics, clock now: () -> Double = { 0 }) throws(AllocationError) -> [Int64] {
        let started = now()
        var mipSeconds = 0.0
        defer {
            stats.seconds.mip = mipSeconds
            stats.seconds.fixing = now() - started - mipSeconds
        }
        let net = f.network
        func fixing(_ trial: Int64) -> [Int64?] {
            var fixedValue = [Int64?](repeating: nil, count: net.arcCount)
            for certificate in certificates {
                fix(&fixedValue, net: net, pairs: pairs, certificate: certificate, upperBound: trial)
            }
            return fixedValue
        }
        var search = NearFaceSearch(plan: incumbent, cost: stats.upperBound, lowerBound: max(stats.lowerBound, stats.lagrangianBound))
        try search.run(nearFaceColumns: nearFaceColumns, largestMIP: largestMIP, fixing: fixing, costOf: { net.cost(of: $0) + pairs.sharingCost($0) }, solve: { fixed, plan throws(AllocationError) in
            let mip = RestrictedMIP(f, pairs: pairs, fixed: fixed)
            let mipStarted = now()
            defer { mipSeconds += now() - mipStarted }
            return try NearFaceSearch.branchAndCut(mip.program, warmStart: mip.warmStart(plan), timeLimitSeconds: timeLimitSeconds,
                                                   problem: "the network or a non-association (the restricted MIP)", flows: mip.flows) {
                net.violations(of: $0).isEmpty && pairs.sharing($0, .apart).isEmpty
            }
        }, keeps: "every apart pair apart")
        stats.fixedArcs = search.fixedArcs
        stats.mipStages = search.stages
        stats.mipColumns = search.columns
        stats.mipRows = search.rows
        stats.nodes = search.nodes
        stats.integerBound = search.lowerBound
        stats.proven = search.proven
        stats.notProven = search.notProven
        stats.gap = search.proven ? 0 : Double(search.cost - search.lowerBound) / Double(max(1, search.cost))
        return search.plan
    }
}
