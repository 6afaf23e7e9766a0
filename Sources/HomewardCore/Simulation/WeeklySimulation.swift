import Foundation
import LinearProgramming
import NetworkFlow
import SeededRandom

/// A year (or any number of weeks) of weekly allocation: people arrive and
/// leave, move through sentence stages and categories, and each week the
/// estate is re-allocated optimally with a limit on transfers.
///
/// Flows per week, for the national population of 88,000 (scaled to the
/// population simulated), from `Estate/SOURCES.md` §8 (MoJ Offender
/// Management Statistics; the splits are documented estimates):
/// 1,450 first receptions (950 remand, 500 sentenced), 930 recalls, remand
/// exits to the community about 400 (bail, acquittal, non-custodial
/// sentences), remand conversions to sentenced about 550, and about 130
/// progressions to open conditions. Releases happen when a sentenced
/// person's days to release run out.
///
/// The limit on transfers is met by Lagrangian pricing rather than a side
/// constraint, so that every solve stays a pure network and can start from
/// the last one. The move cost is a price that moves gently from week to
/// week: a week starts at last week's cost if that had to be raised, else at
/// 70% of it (an eighth after a week at the floor, below), so the cost comes
/// down while transfers stay within the limit and most weeks need one solve.
/// If the transfers exceed the limit, the cost goes back to last week's (or,
/// if the week started there, doubles); if that is not enough, straight to a
/// ceiling of half the unplaced cost. The transfers left at the ceiling are a
/// floor that no move cost short of leaving people unplaced goes below; if
/// the ceiling meets the limit, the gap between the highest cost that failed
/// and the lowest that met it is halved (geometrically) until it is within a
/// factor of two, in at most eight solves. Repatriation keeps its priority
/// (Farmer Review recommendation 17.1): the out-of-home-region cost rises by
/// half as much as the move cost, so a transfer that brings someone back to
/// their home region bears only half of the extra price that squeezes other
/// transfers out.
///
/// Each week starts from last week's result: last week's final spanning tree
/// is carried over to this week's network (``Formulation/correspondence(from:)``,
/// ``SpanningTreeBasis/transferred(to:nodeMap:arcMap:)``), so only what
/// changed (people gone, arrived, moved on a stage) needs pivots. Raising the
/// move cost re-costs the same arcs (``Formulation/recosted(for:)``) and
/// re-solves from the last basis. ``WeekStart`` offers a start from last
/// week's placements (a flow) or a cold start instead, for comparison.
///
/// People the rules no longer allow to stay where they are must move whatever
/// the limit, and the model moves others rather than leave an arrival with no
/// place at all; so a week may exceed the limit, and ``Week/mustMove`` says
/// how many could not stay.
public struct WeeklySimulation: Sendable {
    /// Weekly flows for the national population; scaled by population size.
    public struct Rates: Sendable, Equatable {
        public var remandReceptions = 950.0
        public var sentencedReceptions = 500.0
        public var recalls = 930.0
        public var remandExits = 400.0
        public var remandConversions = 550.0
        public var progressionsToOpen = 130.0
        /// The population the rates are for.
        public var nationalPopulation = 88_000.0
        public init() {}
    }

    /// One simulated week.
    public struct Week: Sendable, Equatable {
        public var week: Int
        public var populationStart: Int
        public var arrivals: Int
        public var remandArrivals: Int
        public var sentencedArrivals: Int
        public var recallArrivals: Int
        public var releases: Int
        public var remandExits: Int
        public var conversions: Int
        public var progressions: Int
        public var populationEnd: Int
        public var moves: Int
        public var movesLimit: Int?
        /// People held at the start of the week whom the rules do not allow to stay (they move whatever the limit).
        public var mustMove: Int
        public var moveCostUsed: Double
        public var unplaced: Int
        public var meanMiles: Double
        public var within50: Double
        public var inHomeRegion: Double
        public var occupancy: Double
        public var objective: Int64
        public var solves: Int
        public var pivots: Int
        public var solveSeconds: Double
        public var coldSolveSeconds: Double?
        public var coldObjective: Int64?
    }

    public let estate: Estate
    public let geography: Geography
    public let policy: Policy
    public let distances: DistanceTable
    public let synthesizer: PopulationSynthesizer
    public let rates: Rates
    public let seed: UInt64
    /// Transfers allowed a week (nil: no limit).
    public let movesLimit: Int?
    /// Also solve each week cold, to measure the warm start (and check it reaches the same optimum).
    public let compareCold: Bool
    /// Where each week's first solve starts.
    public enum WeekStart: String, Sendable, CaseIterable {
        /// From last week's final spanning tree, carried over to this week's network (the default).
        case lastBasis = "basis"
        /// From last week's placements: everyone held stays, arrivals wait unplaced (a flow start).
        case lastPlacements = "placements"
        /// Cold, from LEMON's artificial start.
        case cold
    }
    public let weekStart: WeekStart

    public init(estate: Estate, geography: Geography, policy: Policy, distances: DistanceTable, synthesizer: PopulationSynthesizer,
                rates: Rates = Rates(), seed: UInt64, movesLimit: Int?, compareCold: Bool = false, weekStart: WeekStart = .lastBasis) {
        self.estate = estate
        self.geography = geography
        var policy = policy
        policy.movesLimit = nil
        self.policy = policy
        self.distances = distances
        self.synthesizer = synthesizer
        self.rates = rates
        self.seed = seed
        self.movesLimit = movesLimit
        self.compareCold = compareCold
        self.weekStart = weekStart
    }

    /// Runs `weeks` weeks from `population` (whose `current` placements are the start).
    /// - Parameter shouldStop: checked between weeks.
    public func run(from population: Population, weeks: Int, shouldStop: () -> Bool = { false },
                    progress: (Int) -> Void = { _ in }) throws(AllocationError) -> [Week] {
        var people = population.prisoners
        var random = SeededRandom(seed: seed ^ 0x5745_454B)  // "WEEK"
        let scale = Double(max(people.count, 1)) / rates.nationalPopulation
        func scaled(_ value: Double) -> Int {
            // Whole people: the integer part, and one more with the fractional part's probability.
            let whole = (value * scale).rounded(.down)
            return Int(whole) + (random.uniform() < value * scale - whole ? 1 : 0)
        }
        var result: [Week] = []
        // Each week's arrivals are drawn from a synthetic batch that depends only on the seed and the week, four
        // times the most arrivals a week can have (templates are drawn from it): synthesised on the other core
        // while the week before is solved.
        let mostArrivals = [rates.remandReceptions, rates.sentencedReceptions, rates.recalls].reduce(0) { $0 + Int(($1 * scale).rounded(.up)) }
        let synthesizer = self.synthesizer, seed = self.seed
        func arrivalBatch(for week: Int) -> Background<[Prisoner]> {
            Background { synthesizer.generate(size: 4 * mostArrivals + 20, seed: seed &+ UInt64(week) &* 7919).0.prisoners }
        }
        var nextBatch = arrivalBatch(for: 1)
        var previous: (Formulation, SpanningTreeBasis)?
        // Whether last week's move cost had to be raised to meet the limit.
        var lastWeekPressed = false
        for week in 1...max(weeks, 1) {
            if shouldStop() { break }
            let startCount = people.count

            // Time passes: a week off every sentence; releases when it runs out.
            var released = 0
            people = people.compactMap { p in
                guard p.legalStatus == .sentenced, let days = p.daysToRelease else { return p }
                if days <= 7 { released += 1; return nil }
                var q = p
                q.daysToRelease = days - 7
                return q
            }
            // Arrivals from a synthetic batch drawn the same way as the population (calibrated mix of homes, ages, needs).
            let remandIn = scaled(rates.remandReceptions), sentencedIn = scaled(rates.sentencedReceptions), recallsIn = scaled(rates.recalls)
            let batch = nextBatch.result
            let remandPool = batch.filter { $0.legalStatus == .remand }
            let sentencedPool = batch.filter { $0.legalStatus == .sentenced && $0.sentenceDays != nil }
            // The batch is drawn like the population, a stock, in which sentences are over-represented in
            // proportion to their length (length-biased sampling). New sentences are a flow: drawing the
            // templates with weight 1/length gives the flow's mix, so releases keep pace with arrivals.
            var cumulative: [Double] = []
            cumulative.reserveCapacity(sentencedPool.count)
            var weightSum = 0.0
            for p in sentencedPool {
                weightSum += 1 / Double(max(p.sentenceDays ?? 28, 14))
                cumulative.append(weightSum)
            }
            func newSentence() -> Prisoner {
                let target = random.uniform() * weightSum
                var low = 0, high = cumulative.count - 1
                while low < high {
                    let mid = (low + high) / 2
                    if cumulative[mid] > target { high = mid } else { low = mid + 1 }
                }
                return sentencedPool[low]
            }
            var arrivals: [Prisoner] = []
            func arrive(_ template: Prisoner, _ tag: String, _ n: Int) -> Prisoner {
                var p = template
                p.id = PersonID(String(format: "W%02d-%@%05d", week, tag, n))
                p.current = nil
                return p
            }
            for n in 0..<remandIn where !remandPool.isEmpty {
                arrivals.append(arrive(remandPool[n % remandPool.count], "M", n))
            }
            for n in 0..<sentencedIn where !sentencedPool.isEmpty {
                var p = arrive(newSentence(), "S", n)
                // A new sentence: release at about the halfway point (standard determinate sentences).
                p.daysToRelease = max(14, (p.sentenceDays ?? 28) / 2)
                arrivals.append(p)
            }
            for n in 0..<recallsIn where !sentencedPool.isEmpty {
                var p = arrive(newSentence(), "R", n)
                p.cohorts.insert(.recall)
                // Recalls serve from 14 days (fixed-term) to the rest of the sentence: a documented estimate.
                p.daysToRelease = random.integer(in: 14...min(365, max(14, p.sentenceDays ?? 365)))
                arrivals.append(p)
            }

            // Remand: some leave to the community, some are sentenced.
            let remandIndices = people.indices.filter { people[$0].legalStatus == .remand }
            let exitRate = remandIndices.isEmpty ? 0 : Double(scaled(rates.remandExits)) / Double(remandIndices.count)
            let conversionRate = remandIndices.isEmpty ? 0 : Double(scaled(rates.remandConversions)) / Double(remandIndices.count)
            var leaving = Set<Int>()
            var conversions = 0
            for i in remandIndices {
                let u = random.uniform()
                if u < exitRate {
                    leaving.insert(i)
                } else if u < exitRate + conversionRate, !sentencedPool.isEmpty {
                    let template = newSentence()
                    people[i].legalStatus = .sentenced
                    people[i].sentenceDays = template.sentenceDays
                    people[i].daysToRelease = max(14, (template.sentenceDays ?? 28) / 2)
                    people[i].category = Category.allowed(for: people[i].sex).contains(template.category) ? template.category : people[i].category
                    conversions += 1
                }
            }
            people = people.enumerated().filter { !leaving.contains($0.offset) }.map(\.element)

            // Progression to open conditions: men in category C within two years of release.
            let eligible = people.indices.filter {
                people[$0].sex == .male && people[$0].category == .c && (people[$0].daysToRelease ?? .max) <= 730
            }
            let progressionRate = eligible.isEmpty ? 0 : Double(scaled(rates.progressionsToOpen)) / Double(eligible.count)
            var progressions = 0
            for i in eligible where random.uniform() < progressionRate {
                people[i].category = .d
                progressions += 1
            }
            people += arrivals
            let population = Population(prisoners: people)

            // Re-allocate, starting from last week's move cost (see the type's notes on the search).
            let ceilingCost = max(policy.move, policy.unplaced / 2)
            let lastCost = result.last?.moveCostUsed ?? policy.move
            var moveCost = policy.move
            if let last = result.last {
                if last.moveCostUsed >= ceilingCost && last.moves > max(movesLimit ?? .max, last.mustMove) {
                    moveCost = max(policy.move, lastCost / 8)  // after a floor week
                } else if lastWeekPressed {
                    moveCost = lastCost
                } else {
                    moveCost = max(policy.move, (lastCost * 0.7).rounded())
                }
            }
            let startCost = moveCost
            func weighted(_ moveCost: Double) -> Policy {
                var weekPolicy = policy
                weekPolicy.move = moveCost
                weekPolicy.outOfHomeRegion = policy.outOfHomeRegion + (moveCost - policy.move) / 2
                return weekPolicy
            }
            var f = Formulation(estate: estate, geography: geography, population: population, policy: weighted(moveCost),
                                distances: distances)
            if week < weeks { nextBatch = arrivalBatch(for: week + 1) }
            var solves = 0, pivots = 0
            var solveSeconds = 0.0
            var final: FlowResult?
            // People the rules move whatever the limit: no move cost can keep them, so the limit cannot go below them.
            let mustMove = f.mustMove
            // The week's first solve is cold (measured faster than starting from last week's placements) unless
            // asked otherwise; each re-solve under a higher move cost starts from the last basis (same arcs, new costs).
            var start: WarmNetworkSimplex.Start = .artificial
            switch weekStart {
            case .cold: break
            case .lastPlacements: start = .flow(f.stayFlows())
            case .lastBasis:
                if let (lastF, lastBasis) = previous {
                    let map = f.correspondence(from: lastF)
                    if let carried = lastBasis.transferred(to: f.network, nodeMap: map.nodes, arcMap: map.arcs) {
                        start = .basis(carried)
                    }
                }
            }
            // The limit is met by raising the move cost: back to last week's cost if this week started below it,
            // else doubled; if that is not enough, straight to the ceiling, where the transfers left are the floor
            // that no lawful move cost goes below (people the rules move, and transfers that make room for
            // arrivals who would otherwise have no place); if the ceiling meets the limit, halving the gap
            // (geometrically) finds a lower cost that also does.
            var fitting: (f: Formulation, result: FlowResult, cost: Double)?
            var tooLow: Double?
            while true {
                let began = ContinuousClock.now
                let priced = try AllocationSolver.solvePriced(f, start: start)
                guard priced.status == .optimal else { throw .solverFailed("week \(week): no feasible flow") }
                solveSeconds += seconds(since: began)
                solves += 1
                pivots += priced.iterations ?? 0
                // The plan is read out only once the week's flows are final.
                final = priced
                guard let limit = movesLimit else { break }
                let transfers = f.transfers(in: priced.flows)
                if transfers <= max(limit, mustMove) {
                    fitting = (f, priced, moveCost)
                } else {
                    tooLow = moveCost
                }
                let next: Double
                if let fit = fitting {
                    // Met: done, unless a search between a failing and a fitting cost can still halve the gap.
                    guard let low = tooLow, fit.cost > 2 * low, fit.cost >= ceilingCost || solves > 2, solves < 8 else { break }
                    next = (low * fit.cost).squareRoot().rounded()
                } else if moveCost >= ceilingCost || solves >= 8 {
                    break  // the floor: no move cost short of leaving people unplaced brings transfers lower
                } else {
                    if solves > 1 {
                        next = ceilingCost
                    } else if startCost < lastCost {
                        next = min(lastCost, ceilingCost)
                    } else {
                        next = min(moveCost * 2 + 50, ceilingCost)
                    }
                }
                moveCost = next
                f = f.recosted(for: weighted(moveCost))
                start = priced.basis.map { .basis($0) } ?? .artificial
            }
            lastWeekPressed = tooLow != nil
            if let fit = fitting {
                f = fit.f
                final = fit.result
                moveCost = fit.cost
            }
            let flows = final!
            previous = flows.basis.map { (f, $0) }
            var coldSeconds: Double?, coldObjective: Int64?
            if compareCold {
                let began = ContinuousClock.now
                let cold = try AllocationSolver.solvePriced(f)
                coldSeconds = seconds(since: began)
                coldObjective = cold.objective
            }
            // Who goes where: the plan's rule for reading people out of flows, without its costs and reasons.
            let destinations = f.assignment(in: flows.flows).destination
            let currents = f.currentEstablishments
            var moves = 0
            for (i, destination) in destinations.enumerated() where destination != nil && currents[i] != nil && destination != currents[i] {
                moves += 1
            }
            let figures = FamilyFigures(f, destinations: destinations)
            let capacity = estate.establishments.filter(\.isAvailable).map(\.operationalCapacity).reduce(0, +)
            result.append(Week(
                week: week, populationStart: startCount, arrivals: arrivals.count, remandArrivals: remandIn, sentencedArrivals: sentencedIn,
                recallArrivals: recallsIn, releases: released, remandExits: leaving.count, conversions: conversions,
                progressions: progressions, populationEnd: population.count, moves: moves, movesLimit: movesLimit,
                mustMove: mustMove,
                moveCostUsed: moveCost, unplaced: population.count - figures.placed, meanMiles: figures.meanMiles,
                within50: figures.within50, inHomeRegion: figures.inHomeRegion,
                occupancy: capacity > 0 ? Double(figures.placed) / Double(capacity) : 0,
                objective: flows.objective, solves: solves, pivots: pivots, solveSeconds: solveSeconds,
                coldSolveSeconds: coldSeconds, coldObjective: coldObjective))
            // Next week everyone placed is where this week put them; the unplaced wait as arrivals.
            people = population.prisoners
            for (i, destination) in destinations.enumerated() {
                people[i].current = destination.map { estate.establishments[$0].code }
            }
            progress(week)
        }
        return result
    }
}
