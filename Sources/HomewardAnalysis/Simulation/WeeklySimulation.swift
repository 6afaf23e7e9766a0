import Foundation
import HomewardDomain
import HomewardInput
import HomewardModel
import LinearProgramming
import SeededRandom

/// A year (or any number of weeks) of weekly allocation: people arrive and
/// leave, move through sentence stages and categories, and each week the
/// estate is re-allocated optimally with a limit on transfers.
///
/// Flows per week, for the national population of 88,000 (scaled to the
/// population simulated), from `Estate/SOURCES.md` §10 (MoJ Offender
/// Management Statistics; the splits are documented estimates):
/// 1,450 first receptions (950 remand, 500 sentenced), 930 recalls, remand
/// exits to the community about 400 (bail, acquittal, non-custodial
/// sentences), remand conversions to sentenced about 550, and about 130
/// progressions to open conditions. Releases happen when a sentenced
/// person's days to release run out: a new sentence keeps its holder for its
/// custodial part (the calibration's `custodial_fraction`, SDS40 under four
/// years, as for the starting population), less the time already served on
/// remand; a recall for the fixed term (FTR56) or a standard recall, with a
/// mean stay of 99 days for all recalls (recall population over recalls a
/// week); an indeterminate sentence until a parole review releases its
/// holder (a third of reviews do, the first at the tariff's end). So the
/// population stays near its size, as the published one has.
///
/// The limit on transfers is one side row (transfers ≤ L), solved exactly
/// each week by the same method as `allocate` (``AllocationSolver``, which
/// prices transfers on the network simplex to the breakpoint and proves the
/// plan optimal): the week's transfers are the fewest-cost plan within the
/// limit, not a price search's approximation. ``Week/moveCostUsed`` is the
/// policy's move cost plus the breakpoint price per transfer.
///
/// Each week starts from last week's result: last week's final spanning tree
/// is carried over to this week's network (``Formulation/correspondence(from:)``,
/// ``WarmStart/carried(from:to:)``), so only what
/// changed (people gone, arrived, moved on a stage) needs pivots; the solves
/// at each price start from the one before. ``WeekStart`` offers a start from last
/// week's placements (a flow) or a cold start instead, for comparison.
///
/// People the rules no longer allow to stay where they are must move whatever
/// the limit: a week's limit is lifted to them (``Week/mustMove`` says how
/// many could not stay), so a week never has more transfers than the larger of
/// the two. The limit is hard otherwise: an arrival is left unplaced rather
/// than a transfer made beyond it to free a place.
public struct WeeklySimulation: Sendable {
    /// People transferred between prisons in a week, as published: "around 1,500 prisoners are transferred each
    /// week" (Prison Reform Trust, *Prison transfers*, April 2013,
    /// https://prisonreformtrust.org.uk/prison-transfer-april-2013/); the escort contractor moved 69,636 people in
    /// the year to July 2006 (1,339 a week). Taken at 88,000 people and scaled to the population simulated.
    public static let publishedWeeklyTransfers = 1500.0
    public static let publishedTransfersPopulation = 88000.0

    /// The weekly transfer limit a simulation uses when neither the command nor the policy sets one: the
    /// published weekly volume scaled to `people` (at least one).
    public static func defaultMovesLimit(people: Int) -> Int {
        max(1, Int((publishedWeeklyTransfers * Double(people) / publishedTransfersPopulation).rounded()))
    }

    /// Weekly flows for the national population; scaled by population size.
    public struct Rates: Sendable, Equatable {
        public var remandReceptions = 950.0
        public var sentencedReceptions = 500.0
        public var recalls = 930.0
        public var remandExits = 400.0
        public var remandConversions = 550.0
        public var progressionsToOpen = 130.0
        /// The mean time a recall stays in custody: the recall population over the recalls a week (Little's law;
        /// 13,185 / 930 = 14.2 weeks), a documented estimate (Estate/SOURCES.md §10).
        public var recallMeanStayDays = 99.0
        /// The chance that a parole review releases a person serving an indeterminate sentence: about a third
        /// of the Parole Board's decisions on life-sentenced prisoners direct release (Estate/SOURCES.md §10;
        /// a documented estimate from published counts).
        public var paroleReleaseChance = 1.0 / 3
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
        /// The policy's move cost plus the breakpoint price per transfer that met the limit (the move cost alone
        /// where the limit did not bind), in points.
        public var moveCostUsed: Double
        public var unplaced: Int
        /// Of the people not placed, the women (the women's estate is small and nearly full, so it is where
        /// places usually run out first).
        public var unplacedWomen: Int
        public var meanMiles: Double
        public var within50: Double
        public var inHomeRegion: Double
        public var occupancy: Double
        public var objective: Int64
        public var solves: Int
        public var pivots: Int
        public var solveSeconds: Double
        /// Building the week's network (and carrying last week's basis over to it), on the critical path.
        public var modelSeconds: Double
        /// The whole week on the critical path: the people, the model, the solves and reading the plan out.
        public var weekSeconds: Double
        /// The week's turnover, worked out on the other core while last week was solved.
        public var turnoverSeconds: Double
        /// The date the week starts, when the scenario's changes are dated (``ChangeSchedule``).
        public var date: String? = nil
        /// People held at the end of the week at each establishment a dated change concerns (in the scenario's
        /// order); empty when no change is dated.
        public var held: [Held] = []
        /// People moved this week out of an establishment a dated change concerns, by sentence stage (in the
        /// order of ``Stage/allCases``); empty when no change is dated.
        public var leavingByStage: [Int] = []
        /// With ``WeeklySimulation/compareCold``: the same solves as the week's (one per move cost tried), each
        /// from LEMON's artificial start; each reached the warm-started optimum, or the run stops with an error.
        public var coldSolveSeconds: Double?
    }

    /// People held at one establishment.
    public struct Held: Sendable, Equatable {
        public var code: PrisonCode
        public var people: Int
        public init(code: PrisonCode, people: Int) {
            self.code = code
            self.people = people
        }
    }

    public let estate: Estate
    /// The changes at their dates (nil: the estate is `estate` every week).
    public let schedule: ChangeSchedule?
    public let geography: Geography
    public let policy: Policy
    public let distances: DistanceTable
    public let synthesizer: PopulationSynthesizer
    public let rates: Rates
    public let seed: UInt64
    /// Transfers allowed a week (nil: no limit).
    public let movesLimit: Int?
    /// Also solve each of a week's networks cold, to measure the warm start (and check that it reaches the same
    /// optimum). The week's turnover is then worked out before its solves, not during them, so that warm and
    /// cold solves run on an equally quiet machine.
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
    /// The clock and the threads: next week's turnover is worked out on another thread while this week is solved.
    public let runtime: Runtime

    /// A simulation of an instance's (changed) estate under its policy, drawing arrivals from its calibration
    /// (load the instance with ``InstanceLoader/Options/needsCalibration``).
    /// - Parameters:
    ///   - dated: apply the scenario's changes at their dates (``ChangeSchedule``), starting on `start` with closures
    ///     running down over `runDownWeeks`; arrivals are then drawn as for the estate as it is, so that the weeks
    ///     before the first change are those of a run without the changes.
    public init(_ instance: ProblemInstance, rates: Rates = Rates(), seed: UInt64, movesLimit: Int?, compareCold: Bool = false,
                weekStart: WeekStart = .lastBasis, runtime: Runtime = .inline, dated: Bool = false, start: String? = nil,
                runDownWeeks: Int = ChangeSchedule.defaultRunDownWeeks) {
        guard let calibration = instance.calibration else {
            preconditionFailure("a simulation draws arrivals from a calibration: load the instance with needsCalibration")
        }
        let schedule = dated ? ChangeSchedule(base: instance.baseEstate, changed: instance.estate, changes: instance.scenario.changes,
                                              start: start, runDownWeeks: runDownWeeks) : nil
        let arrivalsEstate = schedule == nil ? instance.estate : instance.baseEstate
        self.init(estate: instance.estate, geography: instance.geography, policy: instance.policy, distances: instance.distances,
                  synthesizer: PopulationSynthesizer(estate: arrivalsEstate, geography: instance.geography, calibration: calibration),
                  rates: rates, seed: seed, movesLimit: movesLimit, compareCold: compareCold, weekStart: weekStart, runtime: runtime,
                  schedule: schedule)
    }

    public init(estate: Estate, geography: Geography, policy: Policy, distances: DistanceTable, synthesizer: PopulationSynthesizer,
                rates: Rates = Rates(), seed: UInt64, movesLimit: Int?, compareCold: Bool = false, weekStart: WeekStart = .lastBasis,
                runtime: Runtime = .inline, schedule: ChangeSchedule? = nil) {
        self.estate = estate
        self.schedule = schedule
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
        self.runtime = runtime
    }

    /// Runs `weeks` weeks from `population` (whose `current` placements are the start).
    /// - Parameters:
    ///   - shouldStop: checked between weeks.
    ///   - progress: called with each week's number once it is done.
    /// - Throws: ``AllocationError`` if a week's solve fails.
    public func run(from population: Population, weeks: Int, shouldStop: () -> Bool = { false },
                    progress: (Int) -> Void = { _ in }) throws(AllocationError) -> [Week] {
        var state = RunState(simulation: self, population: population)
        var result: [Week] = []
        for week in 1...max(weeks, 1) {
            if shouldStop() { break }
            result.append(try self.week(week, of: weeks, state: &state))
            progress(week)
        }
        return result
    }

    /// What one week hands the next: where people are held, last week's formulation and final basis, the
    /// solver's storage, and the next turnover, worked out on the other core.
    struct RunState {
        let random: SeededRandom
        /// The population simulated over the population the rates are for.
        let scale: Double
        /// Where each person of last week's population is held now (estate codes; nil: not held).
        var currentCodes: [PrisonCode?]
        /// People held at each establishment at the end of last week.
        var heldByCode: [PrisonCode: Int] {
            var held: [PrisonCode: Int] = [:]
            for code in currentCodes { if let code { held[code, default: 0] += 1 } }
            return held
        }
        var previous: (Formulation, WarmStart)?
        /// One set of simplex arrays for every solve of the run, warm or cold: allocated once, not each solve.
        let workspace = SolverWorkspace()
        var pending: Background<Turnover>?

        init(simulation s: WeeklySimulation, population: Population) {
            random = SeededRandom(seed: s.seed ^ 0x5745_454B)  // "WEEK"
            scale = Double(max(population.count, 1)) / s.rates.nationalPopulation
            currentCodes = population.prisoners.map(\.current)
            pending = s.turnover(after: population.prisoners, random: random, week: 1, scale: scale)
        }
    }

    /// The turnover of `week`, started on the other core. Each week's arrivals are drawn from a synthetic batch
    /// that depends only on the seed and the week, four times the most arrivals a week can have.
    func turnover(after people: [Prisoner], random: SeededRandom, week: Int, scale: Double) -> Background<Turnover> {
        let mostArrivals = [rates.remandReceptions, rates.sentencedReceptions, rates.recalls].reduce(0) { $0 + Int(($1 * scale).rounded(.up)) }
        let synthesizer = self.synthesizer, seed = self.seed, rates = self.rates, geography = self.geography, policy = self.policy
        let runtime = self.runtime
        return Background(on: runtime) {
            let began = runtime.now()
            let batch = synthesizer.generate(size: 4 * mostArrivals + 20, seed: seed &+ UInt64(week) &* 7919).0.prisoners
            var turn = WeeklySimulation.turnover(of: people, week: week, random: random, batch: batch, scale: scale,
                                                 rates: rates, calibration: synthesizer.calibration,
                                                 geography: geography, policy: policy)
            turn.seconds = runtime.seconds(since: began)
            return turn
        }
    }

    /// Week `week` of `weeks`: the turnover, the re-allocation under the transfer limit, and the week's figures.
    func week(_ week: Int, of weeks: Int, state: inout RunState) throws(AllocationError) -> Week {
        let estate = schedule.map { $0.estate(week: week, held: state.heldByCode) } ?? self.estate
        let capacity = estate.establishments.filter(\.isAvailable).map(\.operationalCapacity).reduce(0, +)
        let startCount = state.currentCodes.count
        let weekBegan = runtime.now()
        let turn = state.pending!.result
        // Everyone who stays on is held where last week put them; arrivals and the unplaced wait for a place.
        var people = turn.population.prisoners
        for i in people.indices {
            people[i].current = turn.origin[i] >= 0 ? state.currentCodes[turn.origin[i]] : nil
        }
        let population = Population(prisoners: people)

        // Re-allocate within the week's limit.
        let modelBegan = runtime.now()
        let unlimited = Formulation(estate: estate, geography: geography, population: population, policy: policy,
                                    distances: distances, profiling: turn.profiling)
        // Next week's turnover, on the other core while this week is solved (the builder has used both cores).
        state.pending = week < weeks ? turnover(after: turn.population.prisoners, random: turn.random, week: week + 1,
                                                scale: state.scale) : nil
        // People the rules move whatever the limit: the limit cannot go below them.
        let mustMove = unlimited.mustMove
        let f = movesLimit.map { unlimited.limitingMoves(to: max($0, mustMove)) } ?? unlimited
        let start = firstStart(of: f, previous: state.previous)
        let modelSeconds = runtime.seconds(since: modelBegan)
        // When warm and cold solves are compared, both run with the other core idle, so that neither shares it.
        if compareCold, week < weeks { _ = state.pending?.result }
        let solved = try solve(f, from: start, week: week, workspace: state.workspace)
        state.previous = solved.start.map { (solved.f, $0) }

        // Who goes where: the plan's rule for reading people out of flows, without its costs and reasons.
        let destinations = solved.f.assignment(in: solved.flows.flows).destination
        let currents = solved.f.currentEstablishments
        var moves = 0
        for (i, destination) in destinations.enumerated() where destination != nil && currents[i] != nil && destination != currents[i] {
            moves += 1
        }
        let figures = FamilyFigures(solved.f, destinations: destinations)
        var unplacedWomen = 0
        for (i, destination) in destinations.enumerated() where destination == nil && people[i].sex == .female {
            unplacedWomen += 1
        }
        state.currentCodes = destinations.map { $0.map { estate.establishments[$0].code } }
        return Week(
            week: week, populationStart: startCount, arrivals: turn.arrivals, remandArrivals: turn.remandIn,
            sentencedArrivals: turn.sentencedIn, recallArrivals: turn.recallsIn, releases: turn.released,
            remandExits: turn.remandExits, conversions: turn.conversions, progressions: turn.progressions,
            populationEnd: population.count, moves: moves, movesLimit: movesLimit,
            mustMove: mustMove,
            moveCostUsed: policy.move + (solved.limits?.price ?? 0), unplaced: population.count - figures.placed, unplacedWomen: unplacedWomen, meanMiles: figures.meanMiles,
            within50: figures.within50, inHomeRegion: figures.inHomeRegion,
            occupancy: capacity > 0 ? Double(figures.placed) / Double(capacity) : 0,
            objective: solved.flows.objective, solves: solved.limits?.solves ?? 1, pivots: solved.pivots, solveSeconds: solved.solveSeconds,
            modelSeconds: modelSeconds, weekSeconds: runtime.seconds(since: weekBegan) - (solved.coldSeconds ?? 0),
            turnoverSeconds: turn.seconds, date: schedule?.date(ofWeek: week), held: held(destinations, in: estate),
            leavingByStage: leaving(solved.f, currents: currents, destinations: destinations, in: estate),
            coldSolveSeconds: solved.coldSeconds)
    }

    /// People moved out of the establishments a dated change concerns, by sentence stage (none without a schedule).
    func leaving(_ f: Formulation, currents: [Int?], destinations: [Int?], in estate: Estate) -> [Int] {
        guard let schedule else { return [] }
        let changed = Set(schedule.entries.compactMap { estate.index(of: $0.code) })
        var counts = [Int](repeating: 0, count: Stage.allCases.count)
        for (i, current) in currents.enumerated() {
            guard let current, changed.contains(current), destinations[i] != current else { continue }
            counts[Stage.allCases.firstIndex(of: f.profiles[f.profileOfPrisoner[i]].stage)!] += 1
        }
        return counts
    }

    /// People held at each establishment a dated change concerns (none without a schedule).
    func held(_ destinations: [Int?], in estate: Estate) -> [Held] {
        guard let schedule else { return [] }
        var codes: [PrisonCode] = []
        for entry in schedule.entries where !codes.contains(entry.code) { codes.append(entry.code) }
        return codes.map { code in
            let index = estate.index(of: code)
            return Held(code: code, people: destinations.filter { $0 != nil && $0 == index }.count)
        }
    }

    /// Where the week's first solve starts: cold (measured faster than starting from last week's placements) unless
    /// ``weekStart`` asks otherwise.
    func firstStart(of f: Formulation, previous: (Formulation, WarmStart)?) -> WarmStart? {
        switch weekStart {
        case .cold: return nil
        case .lastPlacements: return .currentPlacements(of: f)
        case .lastBasis:
            guard let (lastF, lastStart) = previous else { return nil }
            return lastStart.carried(from: lastF, to: f)
        }
    }

    /// A week's solve: within the limit where there is one (``AllocationSolver`` prices transfers on the
    /// network simplex, each price's solve starting from the last basis), else the plain network.
    /// - Returns: the flows, the basis to start next week from, how the limit was met, and the work done.
    func solve(_ f: Formulation, from start: WarmStart?, week: Int, workspace: SolverWorkspace) throws(AllocationError)
        -> (f: Formulation, flows: OptimalFlow, start: WarmStart?, limits: MovesLimitStatistics?, pivots: Int, solveSeconds: Double,
            coldSeconds: Double?) {
        let began = runtime.now()
        let report = try AllocationSolver.solve(f, with: .network, start: start, workspace: workspace)
        let flows = try report.optimal("week \(week)")
        let solveSeconds = runtime.seconds(since: began)
        var coldSeconds: Double?
        if compareCold {
            // The same problem solved from LEMON's artificial start, which must reach the same optimum.
            let began = runtime.now()
            let cold = try AllocationSolver.solve(f, with: .network, workspace: workspace).optimal("week \(week), cold")
            coldSeconds = runtime.seconds(since: began)
            guard cold.objective == flows.objective else {
                throw .inconsistent("week \(week): the warm-started solve found \(flows.objective) but the cold solve \(cold.objective)")
            }
        }
        return (f, flows, report.warmStart, report.statistics.movesLimit, report.statistics.iterations ?? 0, solveSeconds,
                coldSeconds)
    }
}
