import Foundation
import HomewardCore
import SeededRandom
import Testing

/// The simulation's weekly turnover: how long arrivals stay, so that a simulated year keeps the
/// population near its size, as the published flows do (Estate/SOURCES.md §10).
@Suite("Weekly turnover: arrivals serve what the calibration says")
struct TurnoverTests {
    static let calibration: Calibration = {
        let text = try! Repository.text("Estate/population-calibration.yaml")
        return try! CalibrationLoader.load(text, file: "population-calibration.yaml")
    }()

    /// Rates with every flow zero, for the population `count` (so that the scale is 1).
    static func noFlows(for count: Int) -> WeeklySimulation.Rates {
        var rates = WeeklySimulation.Rates()
        rates.remandReceptions = 0
        rates.sentencedReceptions = 0
        rates.recalls = 0
        rates.remandExits = 0
        rates.remandConversions = 0
        rates.progressionsToOpen = 0
        rates.nationalPopulation = Double(count)
        return rates
    }

    /// People serving long sentences, none of whom leaves within the week.
    static func longTermers(_ count: Int) -> [Prisoner] {
        (0..<count).map { Fixture.prisoner(String(format: "L%05d", $0), home: $0 % 4, sentence: 9000, toRelease: 4000) }
    }

    static func turnover(of people: [Prisoner], batch: [Prisoner], rates: WeeklySimulation.Rates,
                         seed: UInt64 = 7) -> WeeklySimulation.Turnover {
        WeeklySimulation.turnover(of: people, week: 1, random: SeededRandom(seed: seed), batch: batch, scale: 1, rates: rates,
                                  calibration: calibration, geography: Fixture.geography, policy: .standard)
    }

    @Test func newSentencesServeTheirCustodialPartAndATariffIsServedWhole() throws {
        let people = Self.longTermers(100)
        var rates = Self.noFlows(for: people.count)
        rates.sentencedReceptions = 400
        // Templates in each custodial band (SDS40 under four years, a half to ten, two thirds beyond) and a tariff.
        let batch = [
            Fixture.prisoner("T1", sentence: 300, toRelease: 10),
            Fixture.prisoner("T2", sentence: 2000, toRelease: 10, cohorts: [.recall]),
            Fixture.prisoner("T3", sentence: 5000, toRelease: 10),
            Fixture.prisoner("T4", sentence: 4000, toRelease: 10, cohorts: [.indeterminate]),
        ]
        let turn = Self.turnover(of: people, batch: batch, rates: rates)
        let arrivals = turn.population.prisoners.filter { $0.id.rawValue.hasPrefix("W01-S") }
        #expect(arrivals.count == 400)
        let expected: [Int: Int] = [300: 120, 2000: 1000, 5000: 3335, 4000: 4000]
        for p in arrivals {
            let sentence = try #require(p.sentenceDays)
            #expect(p.daysToRelease == expected[sentence], "sentence \(sentence)")
            #expect(!p.cohorts.contains(.recall), "a new sentence is not a recall")
        }
        // Drawn as a flow (weight 1 / length): the shortest sentence is the most common.
        let counts = Dictionary(grouping: arrivals, by: { $0.sentenceDays! }).mapValues(\.count)
        #expect(counts[300]! > counts[2000]! && counts[2000]! > counts[5000]!)
    }

    @Test func remandConversionsAreCreditedWithTheirTimeOnRemand() throws {
        // 10,000 people on remand, 500 sentenced a week and none leaving otherwise: a weekly chance of 5%,
        // so a person sentenced has spent 20 weeks on remand on average.
        let remand = (0..<10_000).map { Fixture.prisoner(String(format: "M%05d", $0), home: $0 % 4, status: .remand, category: .b) }
        var rates = Self.noFlows(for: remand.count)
        rates.remandConversions = 500
        let batch = [Fixture.prisoner("T1", sentence: 4000, toRelease: 10)]
        let custody = Self.calibration.custodyDays(forSentence: 4000)
        let turn = Self.turnover(of: remand, batch: batch, rates: rates)
        let converted = turn.population.prisoners.filter { $0.legalStatus == .sentenced }
        #expect(converted.count == turn.conversions)
        #expect(abs(converted.count - 500) < 80)
        let credits = converted.map { custody - $0.daysToRelease! }
        #expect(credits.allSatisfy { $0 >= 7 && $0 % 7 == 0 }, "at least a week, in whole weeks")
        let meanWeeks = Double(credits.reduce(0, +)) / Double(credits.count) / 7
        #expect(abs(meanWeeks - 20) < 3, "mean time on remand \(meanWeeks) weeks")
    }

    @Test func aConversionWhoHasServedTheCustodialPartLeavesWithNextWeeksReleases() throws {
        // A one-month sentence (12 days in custody at SDS40) against weeks on remand: everyone is due out at once.
        let remand = (0..<400).map { Fixture.prisoner(String(format: "M%05d", $0), home: $0 % 4, status: .remand, category: .b) }
        var rates = Self.noFlows(for: remand.count)
        rates.remandConversions = 40
        let batch = [Fixture.prisoner("T1", sentence: 30, toRelease: 10)]
        let turn = Self.turnover(of: remand, batch: batch, rates: rates)
        let converted = turn.population.prisoners.filter { $0.legalStatus == .sentenced }
        #expect(!converted.isEmpty)
        #expect(converted.allSatisfy { $0.daysToRelease! <= 7 })
        let next = Self.turnover(of: turn.population.prisoners, batch: batch, rates: Self.noFlows(for: remand.count), seed: 8)
        #expect(next.released == converted.count)
    }

    @Test func recallsServeTheFixedTermOrAStandardRecallWithTheMeanStayOfTheRates() throws {
        let people = Self.longTermers(100)
        var rates = Self.noFlows(for: people.count)
        rates.recalls = 6000
        let batch = [Fixture.prisoner("T1", sentence: 700, toRelease: 10), Fixture.prisoner("T2", sentence: 3000, toRelease: 10, cohorts: [.indeterminate])]
        let turn = Self.turnover(of: people, batch: batch, rates: rates)
        let recalls = turn.population.prisoners.filter { $0.id.rawValue.hasPrefix("W01-R") }
        #expect(recalls.count == 6000)
        #expect(recalls.allSatisfy { $0.cohorts.contains(.recall) && !$0.cohorts.contains(.indeterminate) })
        let stays = recalls.map { $0.daysToRelease! }
        let fixed = stays.filter { $0 == Self.calibration.recallFixedTermDays }.count
        #expect(abs(Double(fixed) / 6000 - Self.calibration.recallFixedTermShare) < 0.03)
        #expect(stays.allSatisfy { $0 >= 14 })
        let mean = Double(stays.reduce(0, +)) / 6000
        #expect(abs(mean - rates.recallMeanStayDays) < 5, "mean recall stay \(mean) days")
    }

    @Test func aParoleReviewReleasesAThirdOfIndeterminatePrisonersAndSetsTheOthersNextReview() throws {
        // 3,000 indeterminate-sentence prisoners and 300 determinate ones, all due out (or reviewed) this week.
        let due = (0..<3000).map { Fixture.prisoner(String(format: "I%05d", $0), home: $0 % 4, sentence: 4000, toRelease: 5, cohorts: [.indeterminate]) }
            + (0..<300).map { Fixture.prisoner(String(format: "D%05d", $0), home: $0 % 4, sentence: 400, toRelease: 7) }
        let rates = Self.noFlows(for: due.count)
        let turn = Self.turnover(of: due, batch: [Fixture.prisoner("T1")], rates: rates)
        let kept = turn.population.prisoners
        #expect(kept.allSatisfy { $0.cohorts.contains(.indeterminate) }, "a determinate sentence ends when its days run out")
        #expect(turn.released == due.count - kept.count)
        let share = Double(3000 - kept.count) / 3000
        #expect(abs(share - rates.paroleReleaseChance) < 0.03, "released at review: \(share)")
        // The Parole Board reviews a refused case again within the calibration's interval (at least every two years).
        let longest = Self.calibration.reviewDaysMax
        #expect(kept.allSatisfy { ($0.daysToRelease ?? 0) >= longest / 2 && ($0.daysToRelease ?? .max) <= longest })
    }

    @Test func recallsAreDrawnFromThePeopleOnRecallSoTheFlowHasTheRecallStocksMix() throws {
        // Every recall's stay is drawn without regard to who they are, so for each group's recall stock to
        // stay level the flow must have the stock's mix: recalls come from the batch's people on recall
        // (here all women), not from new sentences weighted to short ones (here a man on a short sentence).
        let people = Self.longTermers(100)
        var rates = Self.noFlows(for: people.count)
        rates.recalls = 500
        let woman = Fixture.prisoner("T1", sex: .female, category: .closed, sentence: 3000, toRelease: 400, cohorts: [.recall])
        let batch = [Fixture.prisoner("T2", sentence: 60, toRelease: 10), woman]
        let recalls = Self.turnover(of: people, batch: batch, rates: rates).population.prisoners.filter { $0.id.rawValue.hasPrefix("W01-R") }
        #expect(recalls.count == 500)
        #expect(recalls.allSatisfy { $0.sex == .female && $0.sentenceDays == 3000 && $0.cohorts.contains(.recall) })
        // With nobody on recall in the batch, recalls are drawn from the new-sentence templates.
        let fallback = Self.turnover(of: people, batch: [batch[0]], rates: rates).population.prisoners.filter { $0.id.rawValue.hasPrefix("W01-R") }
        #expect(fallback.count == 500 && fallback.allSatisfy { $0.sex == .male && $0.cohorts.contains(.recall) })
    }

    @Test func aYearOfTheNationalFlowsKeepsASyntheticPopulationNearItsSize() throws {
        // The published population was level to within about 25 a week in 2025-26 while these flows came
        // and went (Estate/SOURCES.md §10); before arrivals were credited with remand and released at the
        // custodial fraction, a simulated year grew by 7%.
        let estate = try EstateLoader.load(try Repository.text("Estate/establishments.csv"), file: "establishments.csv")
        let geography = try GeographyLoader.load(try Repository.text("Estate/uk-regions.csv"), file: "uk-regions.csv")
        let synthesizer = PopulationSynthesizer(estate: estate, geography: geography, calibration: Self.calibration)
        let size = 8_000
        var people = synthesizer.generate(size: size, seed: 3).0.prisoners
        let women = people.filter { $0.sex == .female }.count
        let womenOnRecall = people.filter { $0.sex == .female && $0.cohorts.contains(.recall) }.count
        let indeterminate = people.filter { $0.cohorts.contains(.indeterminate) }.count
        var random = SeededRandom(seed: 11)
        let rates = WeeklySimulation.Rates()
        let scale = Double(size) / rates.nationalPopulation
        var arrived = 0, left = 0
        for week in 1...52 {
            let batch = synthesizer.generate(size: 800, seed: 1000 + UInt64(week)).0.prisoners
            let turn = WeeklySimulation.turnover(of: people, week: week, random: random, batch: batch, scale: scale, rates: rates,
                                                 calibration: Self.calibration, geography: geography, policy: .standard)
            // People are conserved: those who came minus those who went is the change.
            #expect(turn.population.count - people.count == turn.arrivals - turn.released - turn.remandExits, "week \(week)")
            arrived += turn.arrivals
            left += turn.released + turn.remandExits
            people = turn.population.prisoners
            random = turn.random
        }
        let change = Double(people.count - size) / Double(size)
        #expect(abs(change) < 0.05, "the population changed by \(Int((change * 100).rounded()))% in a year (\(arrived) in, \(left) out)")
        // So does each sex's: the women's estate is small and nearly full, and a flow that over-represents women
        // fills it within months (the national year left about 175 women without a place when recalls were drawn
        // like new sentences).
        let womenAfter = people.filter { $0.sex == .female }.count
        let womenOnRecallAfter = people.filter { $0.sex == .female && $0.cohorts.contains(.recall) }.count
        #expect(abs(Double(womenAfter - women)) < 0.1 * Double(women), "women: \(women) → \(womenAfter)")
        #expect(abs(Double(womenOnRecallAfter - womenOnRecall)) < 0.35 * Double(womenOnRecall) + 10,
                "women on recall: \(womenOnRecall) → \(womenOnRecallAfter)")
        // The indeterminate stock changes slowly (about 8,800 in 2024-25, S6, S10): few are released at each
        // parole review, and a year's new life sentences roughly replace them.
        let indeterminateAfter = people.filter { $0.cohorts.contains(.indeterminate) }.count
        #expect(abs(Double(indeterminateAfter - indeterminate)) < 0.05 * Double(indeterminate),
                "indeterminate: \(indeterminate) → \(indeterminateAfter)")
    }
}
