import HomewardDomain
internal import GLPK
import LinearProgramming

/// How a week with non-associations was solved (``CoupledSolver``), for
/// reports and benchmarks. Costs in centipoints.
public struct CoupledStatistics: Sendable, Equatable {
    /// Pairs that must be in different establishments, and pairs that cost something to share one.
    public var apartPairs = 0
    public var costedPairs = 0
    /// The network relaxation's optimum: a lower bound on any plan's cost.
    public var lowerBound: Int64 = 0
    /// Apart pairs that the relaxation put in one establishment.
    public var conflictsInRelaxation = 0
    /// The first plan found that keeps every apart pair apart (its placements plus sharing costs).
    public var upperBound: Int64 = 0
    /// Network re-solves it took to find that plan.
    public var repairRounds = 0
    /// Arcs fixed by reduced cost (they cannot carry flow, or must stay full, in an optimal plan).
    public var fixedArcs = 0
    /// Size of the MIP GLPK solved (0 when the bounds met and no MIP was needed).
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
/// so their arcs are their own columns; everyone else stays aggregated. Then:
/// 1. the network relaxation (no pair constraints), on the chosen backend,
///    gives a lower bound LB and node potentials;
/// 2. if it keeps every apart pair apart and no costed pair shares, it is optimal;
/// 3. otherwise a plan that keeps every apart pair apart is found by closing,
///    for one person of each pair that shares, the arcs into the shared
///    establishment and solving the network again (repeated until none
///    shares): its cost plus the sharing costs is an upper bound UB;
/// 4. reduced-cost fixing: with optimal potentials π, any plan costs LB plus
///    the sum over arcs of |rc(a)| times its departure from the relaxation, so
///    an arc with rc(a) > UB - LB carries nothing and one with rc(a) < -(UB - LB)
///    stays full in every plan at least as good as UB. Those arcs are fixed;
///    the rest, and every arc of a paired person, are integer columns of a MIP
///    with the balance rows, a row `x(a at e) + x(b at e) <= 1` per apart pair
///    and establishment, and a sharing column per costed pair and establishment;
/// 5. GLPK's branch-and-cut solves that MIP, offered the UB plan as its first
///    incumbent. Its optimum is the optimum of the whole problem; the gap it
///    reports must be 0, or the statistics say the plan is not proven and why.
public enum CoupledSolver {
    /// A limit on the branch-and-cut, so that a run always ends; a search it stops is reported as not proven.
    static let timeLimitSeconds = 600.0
    /// The most columns handed to GLPK's branch-and-cut. Beyond it (the gap left
    /// too many arcs free) the plan that keeps every pair apart is returned with
    /// its bound, reported as not proven.
    public static let largestMIP = 150_000

    /// Solves `f` with its non-associations.
    /// - Parameters:
    ///   - relaxation: the backend for the network relaxation and repairs (nil: the network simplex).
    ///   - start: a warm start for the relaxation.
    ///   - workspace: storage for the relaxation.
    ///   - clock: seconds since a fixed origin, to say where the time went (``CoupledStatistics/seconds``); nil reads 0.
    /// - Throws: ``AllocationError`` if a solver fails, or for a moves limit (not yet combined with non-associations).
    public static func solve(_ f: Formulation, relaxation: SolverKind?, start: WarmStart? = nil,
                             workspace: SolverWorkspace? = nil,
                             clock: (@Sendable () -> Double)? = nil) throws(AllocationError) -> SolveReport {
        let now = clock ?? { 0 }
        var started = now()
        guard f.isPureNetwork else {
            throw .inconsistent("non-associations cannot yet be combined with a moves limit; remove moves_limit")
        }
        let kind = relaxation ?? .network
        let pairs = Pairs(f)
        var stats = CoupledStatistics()
        stats.apartPairs = pairs.apart.count
        stats.costedPairs = pairs.costed.count
        let report = try AllocationSolver.backend(kind).solve(f, start: start, workspace: workspace)
        let relaxed = try report.optimal("the relaxation of the non-associations")
        stats.seconds.relaxation = now() - started
        started = now()
        stats.lowerBound = relaxed.objective
        stats.conflictsInRelaxation = pairs.sharing(relaxed.flows, pairs.apart).count
        var statistics = report.statistics
        let reduced = relaxed.potentials.flatMap { Self.reducedCosts(f.network, potentials: $0) }
        let (bound, rounds) = try upperBound(f, pairs: pairs, relaxed: relaxed, reduced: reduced, kind: kind)
        stats.repairRounds = rounds
        stats.upperBound = bound.objective + pairs.sharingCost(bound.flows)
        stats.seconds.upperBound = now() - started
        var best = bound.flows
        if stats.upperBound == stats.lowerBound {
            stats.proven = true
        } else {
            best = try branchAndCut(f, pairs: pairs, relaxed: relaxed, reduced: reduced, incumbent: bound.flows, stats: &stats,
                                    clock: now)
        }
        stats.sharingCost = pairs.sharingCost(best)
        stats.pairsSharing = pairs.sharing(best, pairs.costed).count
        let objective = f.network.cost(of: best)
        stats.objective = objective + stats.sharingCost
        statistics.coupled = stats
        // The relaxation's duals do not price the pair rows, so no dual objective is claimed.
        let solution = OptimalFlow(flows: best, objective: objective, capacityValue: relaxed.capacityValue, dualObjective: nil)
        return SolveReport(termination: .optimal, solution: solution, statistics: statistics)
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
    static func upperBound(_ f: Formulation, pairs: Pairs, relaxed: OptimalFlow, reduced: [Int64]?,
                           kind: SolverKind) throws(AllocationError) -> (OptimalFlow, Int) {
        var current = relaxed
        var network = f.network
        var rounds = 0
        while true {
            let conflicts = pairs.sharing(current.flows, pairs.apart)
            if conflicts.isEmpty { return (current, rounds) }
            for (k, e) in conflicts {
                let (a, b) = pairs.apart[k]
                let mover = reduced.map { pairs.leaving(a, e, $0) < pairs.leaving(b, e, $0) ? a : b } ?? b
                for (arc, at) in pairs.arcs[mover] ?? [] where at == e { network.capacities[arc] = 0 }
            }
            rounds += 1
            let report = try AllocationSolver.backend(kind).solve(f.replacingNetwork(network), start: nil, workspace: nil)
            current = try report.optimal("a plan that keeps non-associations apart")
        }
    }

    /// Steps 4 and 5: the reduced-cost-fixed MIP on GLPK's branch-and-cut.
    ///
    /// The gap left for fixing is narrowed by what separating is bound to
    /// cost: in a set of sharing apart pairs with no person in common, one of
    /// each pair must leave the shared establishment, onto an arc that carried
    /// nothing, whose reduced cost is at least that person's cheapest way out.
    /// Their arcs are disjoint, so these minima add up (D), and any plan costs
    /// at least LB + D + |rc(a)| if it changes arc a (not a matched person's
    /// own), or LB + D - m + |rc(a)| for an arc of a person of a matched pair
    /// whose minimum is m.
    static func branchAndCut(_ f: Formulation, pairs: Pairs, relaxed: OptimalFlow, reduced: [Int64]?, incumbent: [Int64],
                             stats: inout CoupledStatistics, clock now: () -> Double = { 0 }) throws(AllocationError) -> [Int64] {
        let started = now()
        defer { stats.seconds.fixing = now() - started - stats.seconds.mip }
        guard let reduced else {
            stats.notProven = "the relaxation's backend gave no node potentials, so nothing could be fixed"
            return incumbent
        }
        let net = f.network
        var matched: [Int: Int64] = [:]
        var bound: Int64 = 0
        for (k, e) in pairs.sharing(relaxed.flows, pairs.apart) {
            let (a, b) = pairs.apart[k]
            guard matched[a] == nil, matched[b] == nil else { continue }
            let least = min(pairs.leaving(a, e, reduced), pairs.leaving(b, e, reduced))
            matched[a] = least
            matched[b] = least
            bound += least
        }
        let gap = stats.upperBound - stats.lowerBound - bound
        var budgetOfArc: [Int: Int64] = [:]
        for (person, least) in matched {
            for a in pairs.allArcs(of: person) { budgetOfArc[a] = gap + least }
        }
        var fixedValue = [Int64?](repeating: nil, count: net.arcCount)
        for a in 0..<net.arcCount {
            let budget = budgetOfArc[a] ?? gap
            if reduced[a] > budget { fixedValue[a] = 0 } else if reduced[a] < -budget { fixedValue[a] = net.capacities[a] }
        }
        stats.fixedArcs = fixedValue.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        let free = net.arcCount - stats.fixedArcs
        guard free <= largestMIP else {
            stats.gap = Double(stats.upperBound - stats.lowerBound) / Double(max(1, stats.upperBound))
            stats.notProven = "reduced-cost fixing left \(free) arcs free (the gap is \(Format.points(stats.upperBound - stats.lowerBound)) "
                + "points), more than the \(largestMIP) columns given to GLPK's branch-and-cut; the plan keeps every apart pair "
                + "apart and costs at most that much more than the optimum"
            return incumbent
        }
        let mip = RestrictedMIP(f, pairs: pairs, fixed: fixedValue)
        stats.mipColumns = mip.program.columns.count
        stats.mipRows = mip.program.rows.count
        let outcome: MIPOutcome
        let mipStarted = now()
        defer { stats.seconds.mip = now() - mipStarted }
        do {
            let problem = try Problem(mip.program)
            outcome = try problem.solveInteger(warmStart: mip.warmStart(incumbent), timeLimitSeconds: timeLimitSeconds)
        } catch {
            throw .solver(SolverFailure(error))
        }
        stats.nodes = outcome.nodes
        stats.gap = outcome.gap
        switch outcome.termination {
        case .optimal:
            stats.proven = true
        case .timeLimit:
            stats.notProven = "GLPK's branch-and-cut reached its time limit with a relative gap of \(outcome.gap)"
        case .infeasible:
            throw .inconsistent("the restricted MIP is infeasible, although the upper-bound plan satisfies it")
        case let .failed(failure):
            throw .solver(SolverFailure(solver: .glpk, reason: .stopped(failure.description)))
        }
        guard let values = outcome.columnValues else { return incumbent }
        let flows = mip.flows(values)
        guard net.violations(of: flows).isEmpty, pairs.sharing(flows, pairs.apart).isEmpty else {
            throw .inconsistent("GLPK's branch-and-cut returned a plan that breaks the network or a non-association")
        }
        let total = net.cost(of: flows) + pairs.sharingCost(flows)
        return total <= stats.upperBound ? flows : incumbent
    }
}

/// The counted pairs of a formulation, with each paired person's own arcs.
struct Pairs {
    /// Apart and costed pairs, as population indices.
    var apart: [(a: Int, b: Int)] = []
    var costed: [(a: Int, b: Int)] = []
    /// The sharing cost of a costed pair, in centipoints.
    var sharingPrice: Int64 = 0
    /// Per paired person (population index): their arcs that place them, with the establishment each places them at.
    var arcs: [Int: [(arc: Int, establishment: Int)]] = [:]
    /// Per arc of the network: whether it belongs to a paired person's own profile.
    var isPersonal: [Bool]
    /// Per paired person: their unplaced arcs.
    var unplaced: [Int: [Int]] = [:]

    init(_ f: Formulation) {
        let policy = f.cost.policy.nonAssociations
        var index: [PersonID: Int] = [:]
        for (i, p) in f.population.prisoners.enumerated() { index[p.id] = i }
        // Two people named by several records are one pair: apart if any record keeps them apart, else costed once.
        var apartByPair: [[Int]: Bool] = [:]
        for pair in f.population.week.nonAssociations {
            let treatment = policy.treatment(of: pair)
            guard treatment != .ignored, let a = index[pair.a], let b = index[pair.b] else { continue }
            apartByPair[[min(a, b), max(a, b)], default: false] = apartByPair[[min(a, b), max(a, b)], default: false]
                || treatment == .apart
        }
        for key in apartByPair.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            if apartByPair[key]! { apart.append((key[0], key[1])) } else { costed.append((key[0], key[1])) }
        }
        sharingPrice = Int64((policy.sharingCost * 100).rounded())
        isPersonal = [Bool](repeating: false, count: f.network.arcCount)
        for i in Set(apart.flatMap { [$0.a, $0.b] } + costed.flatMap { [$0.a, $0.b] }) {
            let t = f.profileOfPrisoner[i]
            var list: [(Int, Int)] = []
            for g in f.groupsOfProfile[t] {
                for a in f.groups[g].stayArcs { list.append((a, f.groups[g].current!)) }
                if let join = f.groups[g].joinArc { isPersonal[join] = true }
            }
            for a in f.hubArcs[t] + f.receptionArcs[t] {
                if case let .place(_, e, _, _) = f.roles[a] { list.append((a, e)) }
            }
            let unplacedArcs = [f.unplacedArcs[t].hub, f.unplacedArcs[t].reception].compactMap { $0 }
            var mine = unplacedArcs + list.map(\.0)
            for g in f.groupsOfProfile[t] { if let join = f.groups[g].joinArc { mine.append(join) } }
            for a in mine { isPersonal[a] = true }
            arcs[i] = list
            unplaced[i] = unplacedArcs
            own[i] = mine
        }
    }

    /// Every arc of person `i`'s own profile (stays, joins, placements, unplaced).
    var own: [Int: [Int]] = [:]

    func allArcs(of i: Int) -> [Int] { own[i] ?? [] }

    /// The least reduced cost of a way for person `i` to be anywhere but
    /// establishment `e`: a placement or stay elsewhere, or unplaced.
    func leaving(_ i: Int, _ e: Int, _ reduced: [Int64]) -> Int64 {
        var least = Int64.max
        for a in unplaced[i] ?? [] { least = min(least, reduced[a]) }
        for (a, at) in arcs[i] ?? [] where at != e { least = min(least, reduced[a]) }
        return max(0, least)
    }

    /// Where person `i` is in `flows` (nil: unplaced).
    func establishment(of i: Int, in flows: [Int64]) -> Int? {
        arcs[i]?.first { flows[$0.arc] > 0 }?.establishment
    }

    /// The pairs of `list` (by position) that share an establishment in `flows`, with it.
    func sharing(_ flows: [Int64], _ list: [(a: Int, b: Int)]) -> [(Int, Int)] {
        list.indices.compactMap { k in
            guard let e = establishment(of: list[k].a, in: flows), e == establishment(of: list[k].b, in: flows) else { return nil }
            return (k, e)
        }
    }

    /// The sharing costs of `flows`.
    func sharingCost(_ flows: [Int64]) -> Int64 { Int64(sharing(flows, costed).count) * sharingPrice }
}
