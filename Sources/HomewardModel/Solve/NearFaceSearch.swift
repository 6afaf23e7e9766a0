import HomewardDomain
import LinearProgramming

/// Restricted MIPs over the arcs nearest the optimal face, for when the gap
/// between a plan and the bound leaves too many arcs free for GLPK's
/// branch-and-cut (used by ``MovesLimitSolver`` and ``CoupledSolver``).
///
/// Reduced-cost fixing says, for a trial cost t, which arcs keep their value
/// in every plan costing at most t: the smaller t, the more arcs are fixed.
/// Each stage fixes arcs for a trial t between the bound and the plan, and
/// solves what is left exactly. Because every plan costing at most t lies in
/// that restricted MIP:
/// - if the best plan (the MIP's, or the one already held) costs at most t,
///   it is optimal over the whole problem: proven;
/// - otherwise no plan costs t or less, and t is a new lower bound.
/// The trials are the bound plus a thousandth, a hundredth and a tenth of
/// the gap left (the optima of these problems usually sit very near the
/// face), then the plan's own cost: that last stage is plain reduced-cost
/// fixing. A trial below the plan's cost whose MIP would be larger than a
/// quick search allows is skipped; a last stage larger than the largest MIP
/// ends the search, not proven, with the plan and its bound.
struct NearFaceSearch {
    /// What one restricted MIP gave.
    struct Answer {
        /// Its best plan of the whole network, or nil if it found none.
        var flows: [Int64]?
        /// Whether GLPK proved that plan optimal over the MIP, or that the MIP has no plan (when false, `notProven` says why).
        var optimal: Bool
        /// Whether GLPK proved that the MIP has no plan.
        var infeasible = false
        var notProven: String?
        var nodes = 0
        var columns = 0
        var rows = 0
    }

    /// The best plan and its cost.
    private(set) var plan: [Int64]
    private(set) var cost: Int64
    /// The best lower bound: the certificate's, raised by stages that found no plan within their trial.
    private(set) var lowerBound: Int64
    private(set) var proven = false
    /// Why the search ended without a proof (nil when proven).
    private(set) var notProven: String?
    /// Stages run, their branch-and-cut nodes in all, and the last stage's size and fixed arcs.
    private(set) var stages = 0
    private(set) var nodes = 0
    private(set) var columns = 0
    private(set) var rows = 0
    private(set) var fixedArcs = 0

    /// The most columns of a stage below the plan's cost: national restricted MIPs of this size take GLPK about a second.
    static let nearFaceColumns = 40_000
    /// The fractions of the gap at which the first stages try.
    static let trialFractions: [Int64] = [1000, 100, 10]

    init(plan: [Int64], cost: Int64, lowerBound: Int64) {
        self.plan = plan
        self.cost = cost
        self.lowerBound = lowerBound
        proven = cost <= lowerBound
    }

    /// The next trial: the smallest of the bound plus a thousandth, a hundredth or a tenth of the gap that is
    /// above `last`, else the plan's cost.
    func nextTrial(after last: Int64) -> Int64 {
        let gap = cost - lowerBound
        for d in Self.trialFractions {
            let t = lowerBound + max(1, gap / d)
            if t < cost && t > last { return t }
        }
        return cost
    }

    /// Runs the stages.
    /// - Parameters:
    ///   - nearFaceColumns: the most columns a stage below the plan's cost may give GLPK (a larger one is skipped).
    ///   - largestMIP: the most columns the last stage, at the plan's cost, may give GLPK.
    ///   - fixing: for a trial cost, the value each arc keeps in every plan costing at most that (nil: free).
    ///   - costOf: a plan's cost, in the units of the bound.
    ///   - solve: the restricted MIP of those fixings, warm-started from the plan given where it fits them;
    ///     below the plan's cost it may have no plan at all (then no plan costs the trial or less).
    ///   - keeps: what every plan of the problem keeps ("the limit"), for the reason a last stage too large
    ///     for GLPK leaves the plan unproven.
    mutating func run(nearFaceColumns: Int, largestMIP: Int, fixing: (Int64) -> [Int64?], costOf: ([Int64]) -> Int64,
                      solve: ([Int64?], [Int64]) throws(AllocationError) -> Answer,
                      keeps: String) throws(AllocationError) {
        var last = lowerBound
        while !proven {
            let trial = nextTrial(after: last)
            last = trial
            let fixed = fixing(trial)
            let free = fixed.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            let atCost = trial == cost
            if free == 0 {
                // Every arc keeps its value in any plan as good as the incumbent: it is the optimum.
                if atCost { proven = true }
                continue
            }
            guard free <= (atCost ? largestMIP : nearFaceColumns) else {
                if atCost {
                    fixedArcs = fixed.count - free
                    notProven = "reduced-cost fixing left \(Format.grouped(free)) arcs free (the gap is \(Format.points(cost - lowerBound)) "
                        + "points), more than the \(Format.grouped(largestMIP)) columns given to GLPK's branch-and-cut; the plan keeps "
                        + "\(keeps) and costs at most that much more than the optimum"
                    break
                }
                // Too large to search near the face: straight to the last stage.
                last = cost - 1
                continue
            }
            fixedArcs = fixed.count - free
            let answer = try solve(fixed, plan)
            if answer.infeasible && atCost {
                throw .inconsistent("a restricted MIP is infeasible, although the plan it started from satisfies it")
            }
            stages += 1
            nodes += answer.nodes
            (columns, rows) = (answer.columns, answer.rows)
            if let flows = answer.flows {
                let found = costOf(flows)
                if found < cost { (plan, cost) = (flows, found) }
            }
            guard answer.optimal else {
                notProven = answer.notProven
                break
            }
            if cost <= trial {
                proven = true
            } else {
                lowerBound = max(lowerBound, trial)
                last = max(last, lowerBound)
            }
        }
        if proven {
            lowerBound = cost
            notProven = nil
        }
    }
}

extension NearFaceSearch {
    /// One stage's restricted MIP on GLPK's branch-and-cut (``FixedArcsMIP/branchAndCut(_:warmStart:timeLimitSeconds:problem:mayBeInfeasible:)``),
    /// as an answer, its plan read back by `flows` and checked by `keeps` (the network and the problem's own rows).
    /// - Throws: ``AllocationError`` if GLPK fails, or returns a plan that `keeps` refuses.
    static func branchAndCut(_ program: LinearProgram, warmStart: [Double]?, timeLimitSeconds: Double, problem: String,
                             flows: ([Double]) -> [Int64], keeps: ([Int64]) -> Bool) throws(AllocationError) -> Answer {
        let (outcome, notProven) = try FixedArcsMIP.branchAndCut(program, warmStart: warmStart, timeLimitSeconds: timeLimitSeconds,
                                                                 problem: problem, mayBeInfeasible: true)
        var answer = Answer(flows: nil, optimal: notProven == nil, infeasible: outcome.termination == .infeasible,
                            notProven: notProven, nodes: outcome.nodes, columns: program.columns.count, rows: program.rows.count)
        if let values = outcome.columnValues {
            let plan = flows(values)
            guard keeps(plan) else { throw .inconsistent("GLPK's branch-and-cut returned a plan that breaks \(problem)") }
            answer.flows = plan
        }
        return answer
    }
}
