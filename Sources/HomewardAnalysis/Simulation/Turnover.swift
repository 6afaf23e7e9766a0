import Foundation
import HomewardDomain
import HomewardInput
import HomewardModel
import SeededRandom

extension WeeklySimulation {
    /// One week's change of the people: releases, arrivals, remand outcomes
    /// and progressions. None of it depends on where anyone is held, so the
    /// simulation works out next week's turnover (and its profiles) on the
    /// other core while this week is solved.
    package struct Turnover: Sendable {
        /// The week's people after the turnover, in id order; `current` is
        /// left as it was and must be set from last week's placements.
        package var population: Population
        /// Per person, their index in last week's population, or -1 for an arrival.
        var origin: [Int]
        package var released: Int
        var remandIn: Int
        var sentencedIn: Int
        var recallsIn: Int
        package var arrivals: Int
        package var remandExits: Int
        package var conversions: Int
        var progressions: Int
        /// The random stream after the week's draws, for the next week's.
        package var random: SeededRandom
        /// The week's profiles (``Formulation/Profiling``).
        var profiling: Formulation.Profiling
        /// How long the turnover took to work out (on the other core).
        var seconds = 0.0
    }

    /// The turnover of `week` from `before` (last week's people, in id order).
    /// - Parameters:
    ///   - random: the random stream, as last week's turnover left it.
    ///   - batch: the week's synthetic batch, from which arrivals are drawn.
    ///   - scale: the population simulated over the population the rates are for.
    ///   - calibration: the synthetic population's calibration, whose custodial fractions and recall terms the
    ///     arrivals' time to serve follows, as the starting population's does.
    package static func turnover(of before: [Prisoner], week: Int, random: SeededRandom, batch: [Prisoner], scale: Double,
                         rates: Rates, calibration: Calibration, geography: Geography, policy: Policy) -> Turnover {
        var draw = TurnoverDraw(random: random, week: week, batch: batch, scale: scale, rates: rates, calibration: calibration)
        // The order of the steps is the order of the random draws: changing it changes every simulation.
        var (people, origin, released) = draw.weekPasses(before)
        let (arrivals, counts) = draw.arrivals()
        let (leaving, conversions) = draw.remandOutcomes(&people)
        let staying = people.indices.filter { !leaving.contains($0) }
        people = staying.map { people[$0] }
        origin = staying.map { origin[$0] }
        let progressions = draw.progressionsToOpen(&people)
        people += arrivals
        origin += [Int](repeating: -1, count: arrivals.count)
        // In id order, as a Population holds them, with their origins alongside.
        let order = people.indices.sorted { people[$0].id < people[$1].id }
        let population = Population(prisoners: order.map { people[$0] })
        return Turnover(
            population: population, origin: order.map { origin[$0] }, released: released, remandIn: counts.remand,
            sentencedIn: counts.sentenced, recallsIn: counts.recalls, arrivals: arrivals.count, remandExits: leaving.count,
            conversions: conversions, progressions: progressions, random: draw.random,
            profiling: Formulation.Profiling(population: population, geography: geography, policy: policy))
    }
}

/// The random draws of one week's turnover, step by step, from one stream.
struct TurnoverDraw {
    var random: SeededRandom
    let week: Int
    let scale: Double
    let rates: WeeklySimulation.Rates
    let calibration: Calibration
    /// An indeterminate sentence's days to release count down to its next parole review (the first at the
    /// tariff's end): the Parole Board directs release at a review with the rates' chance, and otherwise the
    /// next review comes within the calibration's review interval (at least every two years).
    let reviewDays: ClosedRange<Int>
    let remandPool: [Prisoner]
    let sentencedPool: [Prisoner]
    let recallPool: [Prisoner]
    /// Running sums of the new-sentence templates' weights (``newSentence()``).
    let cumulative: [Double]
    let weightSum: Double

    init(random: SeededRandom, week: Int, batch: [Prisoner], scale: Double, rates: WeeklySimulation.Rates, calibration: Calibration) {
        self.random = random
        self.week = week
        self.scale = scale
        self.rates = rates
        self.calibration = calibration
        reviewDays = max(30, calibration.reviewDaysMax / 2)...max(30, calibration.reviewDaysMax)
        remandPool = batch.filter { $0.legalStatus == .remand }
        sentencedPool = batch.filter { $0.legalStatus == .sentenced && $0.sentenceDays != nil }
        recallPool = batch.filter { $0.legalStatus == .sentenced && $0.cohorts.contains(.recall) }
        // The batch is drawn like the population, a stock, in which sentences are over-represented in
        // proportion to their length (length-biased sampling). New sentences are a flow: drawing the
        // templates with weight 1/length gives the flow's mix, so releases keep pace with arrivals. An
        // indeterminate sentence's length is its tariff and the expected time after it, until a parole review
        // releases the person.
        let afterTariff = WeeklySimulation.expectedDaysAfterTariff(releaseChance: rates.paroleReleaseChance, reviewDays: reviewDays)
        var cumulative: [Double] = []
        cumulative.reserveCapacity(sentencedPool.count)
        var weightSum = 0.0
        for p in sentencedPool {
            let length = Double(max(p.sentenceDays ?? 28, 14)) + (p.cohorts.contains(.indeterminate) ? afterTariff : 0)
            weightSum += 1 / length
            cumulative.append(weightSum)
        }
        self.cumulative = cumulative
        self.weightSum = weightSum
    }

    /// Whole people for a national weekly `value`: the integer part of the scaled value, and one more with the
    /// fractional part's probability.
    mutating func scaled(_ value: Double) -> Int {
        let whole = (value * scale).rounded(.down)
        return Int(whole) + (random.uniform() < value * scale - whole ? 1 : 0)
    }

    /// Time passes: a week off every sentence; releases when it runs out (an indeterminate sentence only when a
    /// parole review directs it).
    /// - Returns: the people who stay, each one's index in `before`, and how many were released.
    mutating func weekPasses(_ before: [Prisoner]) -> (people: [Prisoner], origin: [Int], released: Int) {
        var released = 0
        var people: [Prisoner] = []
        var origin: [Int] = []
        people.reserveCapacity(before.count)
        origin.reserveCapacity(before.count)
        for (i, p) in before.enumerated() {
            var q = p
            if p.legalStatus == .sentenced, let days = p.daysToRelease {
                if days <= 7 {
                    guard p.cohorts.contains(.indeterminate), random.uniform() >= rates.paroleReleaseChance else {
                        released += 1
                        continue
                    }
                    q.daysToRelease = random.integer(in: reviewDays)
                } else {
                    q.daysToRelease = days - 7
                }
            }
            people.append(q)
            origin.append(i)
        }
        return (people, origin, released)
    }

    /// A new sentence's template, drawn from the batch with weight one over its length.
    mutating func newSentence() -> Prisoner {
        let target = random.uniform() * weightSum
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return sentencedPool[low]
    }

    /// An arrival made from a template: a new id for the week, not yet held anywhere.
    func arrive(_ template: Prisoner, _ tag: String, _ n: Int) -> Prisoner {
        var p = template
        p.id = PersonID(String(format: "W%02d-%@%05d", week, tag, n))
        p.current = nil
        p.cohorts.remove(.recall)
        return p
    }

    /// Time in custody on a new sentence: the custodial part of a determinate sentence (SDS40 under four
    /// years; `custodial_fraction` in the calibration, as for the starting population), the tariff of an
    /// indeterminate one.
    func custody(_ p: Prisoner) -> Int {
        let sentence = p.sentenceDays ?? 28
        return p.cohorts.contains(.indeterminate) ? sentence : calibration.custodyDays(forSentence: sentence)
    }

    /// The week's arrivals from the synthetic batch, drawn the same way as the population (calibrated mix of
    /// homes, ages, needs): remand receptions, new sentences and recalls.
    mutating func arrivals() -> (arrivals: [Prisoner], counts: (remand: Int, sentenced: Int, recalls: Int)) {
        let remandIn = scaled(rates.remandReceptions), sentencedIn = scaled(rates.sentencedReceptions), recallsIn = scaled(rates.recalls)
        var arrivals: [Prisoner] = []
        for n in 0..<remandIn where !remandPool.isEmpty {
            arrivals.append(arrive(remandPool[n % remandPool.count], "M", n))
        }
        for n in 0..<sentencedIn where !sentencedPool.isEmpty {
            var p = arrive(newSentence(), "S", n)
            p.daysToRelease = max(7, custody(p))
            arrivals.append(p)
        }
        // Recalls: a fixed-term recall serves the calibration's fixed term (FTR56) and the others a standard
        // recall, drawn evenly over a range whose mean makes the mean stay of all recalls `recallMeanStayDays`.
        // Who is recalled is drawn from the batch's people on recall: their stay does not depend on who they are,
        // so the flow's mix (of sex, home, age, sentence) is the recall stock's, which keeps each group's recall
        // stock level. Drawn like new sentences, short sentences, and so women, came twice as often as the stock
        // implies, and the women's recall stock doubled in a year. A batch with nobody on recall (a tiny one)
        // falls back to new-sentence templates.
        let fixedShare = calibration.recallFixedTermShare, fixedDays = calibration.recallFixedTermDays
        let standardMean = fixedShare < 1 ? (rates.recallMeanStayDays - fixedShare * Double(fixedDays)) / (1 - fixedShare) : 0
        let standardLongest = max(14, Int((2 * standardMean).rounded()) - 14)
        for n in 0..<recallsIn where !sentencedPool.isEmpty {
            let template = recallPool.isEmpty ? newSentence() : recallPool[random.integer(in: 0...(recallPool.count - 1))]
            var p = arrive(template, "R", n)
            p.cohorts.insert(.recall)
            p.cohorts.remove(.indeterminate)
            p.daysToRelease = random.uniform() < fixedShare ? fixedDays : random.integer(in: 14...standardLongest)
            arrivals.append(p)
        }
        return (arrivals, (remandIn, sentencedIn, recallsIn))
    }

    /// Remand: some leave to the community, some are sentenced (in `people`).
    /// - Returns: the indices of the people who leave, and how many were sentenced.
    mutating func remandOutcomes(_ people: inout [Prisoner]) -> (leaving: Set<Int>, conversions: Int) {
        let remandIndices = people.indices.filter { people[$0].legalStatus == .remand }
        let exitRate = remandIndices.isEmpty ? 0 : Double(scaled(rates.remandExits)) / Double(remandIndices.count)
        let conversionRate = remandIndices.isEmpty ? 0 : Double(scaled(rates.remandConversions)) / Double(remandIndices.count)
        // Time on remand counts towards the sentence. With constant weekly chances of leaving remand, the time a
        // person leaving it has spent on remand is geometric, with a mean of 1 / (exit + conversion chance) weeks
        // (about 18.6 weeks nationally); it is drawn so, as nobody's day of reception is known.
        let leavingChance = min(exitRate + conversionRate, 1)
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
                if template.cohorts.contains(.indeterminate) { people[i].cohorts.insert(.indeterminate) }
                // Whoever has served their custodial part on remand leaves with next week's releases.
                people[i].daysToRelease = max(1, custody(template) - 7 * weeksOnRemand(leavingChance))
                people[i].category = Category.allowed(for: people[i].sex).contains(template.category) ? template.category : people[i].category
                conversions += 1
            }
        }
        return (leaving, conversions)
    }

    /// Weeks already spent on remand by a person leaving it, drawn geometric with the weekly chance of leaving.
    mutating func weeksOnRemand(_ leavingChance: Double) -> Int {
        guard leavingChance > 0 && leavingChance < 1 else { return 1 }
        return max(1, Int((log(1 - random.uniform()) / log(1 - leavingChance)).rounded(.up)))
    }

    /// Progression to open conditions: men in category C within two years of release (in `people`).
    /// - Returns: how many progressed.
    mutating func progressionsToOpen(_ people: inout [Prisoner]) -> Int {
        let eligible = people.indices.filter {
            people[$0].sex == .male && people[$0].category == .c && (people[$0].daysToRelease ?? .max) <= 730
        }
        let progressionRate = eligible.isEmpty ? 0 : Double(scaled(rates.progressionsToOpen)) / Double(eligible.count)
        var progressions = 0
        for i in eligible where random.uniform() < progressionRate {
            people[i].category = .d
            progressions += 1
        }
        return progressions
    }
}

extension WeeklySimulation {
    /// The mean days an indeterminate sentence keeps a person after the tariff: parole reviews come a mean of
    /// (shortest + longest) / 2 days apart, the first at the tariff's end, and each releases with
    /// `releaseChance`, so (1 / chance − 1) reviews are missed on average. With no chance, ten longest intervals.
    static func expectedDaysAfterTariff(releaseChance: Double, reviewDays: ClosedRange<Int>) -> Double {
        guard releaseChance > 0 else { return 10 * Double(reviewDays.upperBound) }
        return (1 / releaseChance - 1) * Double(reviewDays.lowerBound + reviewDays.upperBound) / 2
    }
}
