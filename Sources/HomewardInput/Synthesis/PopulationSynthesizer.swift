import Foundation
import HomewardDomain
import SeededRandom

/// Draws a synthetic prison population from published aggregates.
///
/// Real prisoner-level data are not public. Each person is drawn
/// independently from the calibration (sex, legal status, age, sentence and
/// time left, category, cohorts, programme needs, home area in proportion to
/// population), then given an "as is" placement that looks like today's
/// estate: people are placed one by one, the most constrained first (women,
/// Category A, young adults, specialist cohorts, remand, open categories,
/// then everyone else), at an establishment that the rules allow and that has
/// a place left, chosen with probability proportional to
/// `places left × exp(-distance / locality_km)` (three times more for an
/// establishment whose function suits the stage), or, with probability
/// `out_of_area_share`, in proportion to places left anywhere in the country.
/// If no lawful place is left the person is a new reception without a
/// current establishment. No placement breaks a rule or a capacity.
///
/// The same size, seed and inputs always give the same people.
public struct PopulationSynthesizer: Sendable {
    public let estate: Estate
    public let geography: Geography
    public let calibration: Calibration
    public let policy: Policy

    public init(estate: Estate, geography: Geography, calibration: Calibration, policy: Policy = .standard) {
        self.estate = estate
        self.geography = geography
        self.calibration = calibration
        self.policy = policy
    }

    /// What synthesis produced, beyond the people.
    public struct Report: Sendable, Equatable {
        /// People for whom no lawful place was left (they have no current establishment).
        public var withoutPlacement: Int
        /// Mean straight-line distance from home to the as-is placement, in miles.
        public var meanStraightLineMiles: Double
    }

    /// Generates `size` people with `seed`.
    public func generate(size: Int, seed: UInt64) -> (Population, Report) {
        var random = SeededRandom(seed: seed ^ 0x486F_6D65_7761_7264) // "Homeward"
        let homes = homeSampler()
        var people: [Prisoner] = []
        people.reserveCapacity(size)
        let width = max(6, String(size).count)
        for n in 0..<size {
            let id = "P" + String(repeating: "0", count: width - String(n + 1).count) + String(n + 1)
            people.append(person(id: id, home: homes(&random), random: &random))
        }
        let (placed, report) = place(people, random: &random)
        return (Population(prisoners: placed), report)
    }

    // MARK: - One person

    func person(id: String, home: LADCode, random: inout SeededRandom) -> Prisoner {
        let c = calibration
        let sex: Sex = random.chance(c.femaleShare) ? .female : .male
        let age = drawAge(&random)
        let remand = random.chance(sex == .male ? c.remandShareMale : c.remandShareFemale)
        var cohorts: Cohorts = age >= 50 ? [.older] : []
        if remand {
            let category: Category = sex == .female ? .closed : (random.chance(c.remandCategoryAShare) ? .a : .b)
            let fnShare = sex == .male ? c.foreignNationalMaleRemand : c.foreignNationalFemale
            if random.chance(fnShare) { cohorts.insert(.foreignNational) }
            return Prisoner(id: PersonID(id), sex: sex, age: age, home: home, legalStatus: .remand, category: category,
                            cohorts: cohorts)
        }
        // Sexual offence: P(50+) fixed by calibration, under-50 share set so the total matches.
        if sex == .male {
            let over50 = c.ageBands.filter { $0.min >= 50 }.reduce(0) { $0 + $1.share }
            let under50Share = max(0, (c.sexualOffenceShare - over50 * c.sexualOffence50PlusShare) / max(1e-9, 1 - over50))
            if random.chance(age >= 50 ? c.sexualOffence50PlusShare : under50Share) { cohorts.insert(.sexualOffence) }
        }
        if random.chance(sex == .male ? c.foreignNationalMaleSentenced : c.foreignNationalFemale) {
            cohorts.insert(.foreignNational)
        }
        let mix = sex == .male ? c.sentencedMixMale : c.sentencedMixFemale
        let kind = random.index(weightedBy: [mix.determinate, mix.indeterminate, mix.recall]) ?? 0
        var sentence: Int
        var toRelease: Int
        switch kind {
        case 1:
            cohorts.insert(.indeterminate)
            let tariffYears = c.tariffMedianYears * exp(0.5 * random.normal())
            // A tariff drawn from the tail of the log-normal can pass a century: cap it at the population file's limit.
            sentence = min(PopulationLoader.maxDays, max(365, Int(min(tariffYears, 100) * 365.25)))
            if random.chance(c.postTariffShare) {
                toRelease = random.integer(in: 30...max(30, c.reviewDaysMax))
            } else {
                toRelease = random.integer(in: 1...sentence)
            }
        case 2:
            cohorts.insert(.recall)
            let band = drawBand(sex == .female ? c.bandsFemale : c.bandsMale, &random)
            sentence = random.integer(in: band.minDays...band.maxDays)
            if random.chance(c.recallFixedTermShare) {
                toRelease = random.integer(in: 1...c.recallFixedTermDays)
            } else {
                toRelease = random.integer(in: 1...max(1, min(sentence, c.recallStandardMaxDays)))
            }
        default:
            let bands = cohorts.contains(.sexualOffence) ? c.bandsSexualOffence : (sex == .female ? c.bandsFemale : c.bandsMale)
            let band = drawBand(bands, &random)
            sentence = random.integer(in: band.minDays...band.maxDays)
            toRelease = random.integer(in: 1...c.custodyDays(forSentence: sentence))
        }
        let category = drawCategory(sex: sex, toRelease: toRelease, long: sentence >= 1461 || cohorts.contains(.indeterminate),
                                    cohorts: cohorts, random: &random)
        var needs: [String] = []
        if cohorts.contains(.sexualOffence) {
            if random.chance(c.sexualOffenceNeedShare),
               let k = random.index(weightedBy: c.sexualOffenceProgrammes.map(\.share)) {
                needs.append(c.sexualOffenceProgrammes[k].name)
            }
        } else if sentence >= c.generalNeedMinSentenceDays && random.chance(c.generalNeedShare) {
            needs.append(c.generalProgramme)
        }
        needs = needs.filter { name in estate.establishments.contains { $0.offer(of: name) != nil } }
        return Prisoner(id: PersonID(id), sex: sex, age: age, home: home, legalStatus: .sentenced, category: category,
                        sentenceDays: sentence, daysToRelease: toRelease, cohorts: cohorts, needs: needs)
    }

    func drawAge(_ random: inout SeededRandom) -> Int {
        let k = random.index(weightedBy: calibration.ageBands.map(\.share)) ?? 0
        let band = calibration.ageBands[k]
        return random.integer(in: band.min...band.max)
    }

    func drawBand(_ bands: [Calibration.Band], _ random: inout SeededRandom) -> Calibration.Band {
        bands[random.index(weightedBy: bands.map(\.share)) ?? 0]
    }

    /// Category D only within the open-conditions window; A and most B on long sentences.
    func drawCategory(sex: Sex, toRelease: Int, long: Bool, cohorts: Cohorts, random: inout SeededRandom) -> Category {
        let c = calibration
        let openWindow = toRelease > policy.minDaysInResettlementPrison && toRelease <= c.categoryDMaxDays
        if sex == .female {
            return openWindow && random.chance(min(1, c.femaleOpen / 0.6)) ? .open : .closed
        }
        // About 60% of the sentenced are inside the open window, so scale D up to reach its overall share.
        if openWindow && random.chance(min(1, c.categoryD / 0.6)) { return .d }
        // About 60% are on long sentences; A and (three quarters of) B come from them.
        if long && random.chance(min(1, c.categoryA / 0.6)) { return .a }
        let bLong = min(1, c.categoryB * 0.75 / 0.6)
        let bShort = min(1, c.categoryB * 0.25 / 0.4)
        if random.chance(long ? bLong : bShort) { return .b }
        return .c
    }

    /// Home areas in proportion to population × the regional multiplier.
    func homeSampler() -> (inout SeededRandom) -> LADCode {
        let authorities = geography.authorities
        var cumulative: [Double] = []
        var total = 0.0
        for authority in authorities {
            total += Double(authority.population) * (calibration.regionMultipliers[authority.region] ?? 1)
            cumulative.append(total)
        }
        return { random in
            let target = random.uniform() * total
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] > target { high = mid } else { low = mid + 1 }
            }
            return authorities[low].code
        }
    }

    // MARK: - As-is placement

    /// Gives each person an as-is establishment (see the type's summary), the most constrained first.
    func place(_ people: [Prisoner], random: inout SeededRandom) -> ([Prisoner], Report) {
        let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: 1)
        let cost = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
        let homeIndex = people.map { geography.index(of: $0.home)! }
        let homeRegion = homeIndex.map { geography.authorities[$0].region }
        let profiles = people.indices.map { Profile(people[$0], home: homeIndex[$0], policy: policy) }
        // Eligibility depends on what the rules read only (EligibilityKey, beside Rules): worked out once per key.
        let keys = profiles.map(\.eligibilityKey)
        var draw = AsIsDraw(synthesizer: self, distances: distances, left: estate.establishments.map { cost.usableCapacity($0) })
        let eligible = eligibility(keys, left: draw.left)
        let order = placementOrder(keys, eligible: eligible, left: draw.left, random: &random)
        var result = people
        var without = 0
        var straightTotal = 0.0
        for i in order {
            let candidates = eligible[keys[i]]!
            guard let chosen = draw.choose(for: profiles[i], home: homeIndex[i], homeRegion: homeRegion[i],
                                           among: candidates, random: &random) else {
                without += 1
                continue
            }
            result[i].current = estate.establishments[chosen].code
            straightTotal += distances.straight(homeIndex[i], chosen)
        }
        let placed = people.count - without
        let mean = placed > 0 ? straightTotal / Double(placed) / DistanceTable.kmPerMile : 0
        return (result, Report(withoutPlacement: without, meanStraightLineMiles: mean))
    }

    /// The establishments that people with each rule key may be held in: available, with places left, and
    /// breaking no rule.
    func eligibility(_ keys: [EligibilityKey], left: [Int]) -> [EligibilityKey: [Int]] {
        var eligible: [EligibilityKey: [Int]] = [:]
        for key in keys where eligible[key] == nil {
            eligible[key] = estate.establishments.indices.filter { e in
                estate.establishments[e].isAvailable && left[e] > 0
                    && Rules.exclusions(key, at: estate.establishments[e], usableCapacity: left[e],
                                        isCurrent: true, policy: policy).isEmpty
            }
        }
        return eligible
    }

    /// The order to place people in: the most constrained first (people whose lawful establishments have the
    /// fewest places between them), in a random order within each class.
    func placementOrder(_ keys: [EligibilityKey], eligible: [EligibilityKey: [Int]], left: [Int], random: inout SeededRandom) -> [Int] {
        var reach: [EligibilityKey: Int] = [:]
        for (key, list) in eligible { reach[key] = list.reduce(0) { $0 + left[$1] } }
        var order = Array(keys.indices)
        random.shuffle(&order)
        let personReach = keys.map { reach[$0]! }
        order.sort { personReach[$0] < personReach[$1] }
        return order
    }
}

/// Draws as-is establishments one person at a time, keeping count of the places left.
///
/// Each candidate with a place left weighs its places left, times `exp(-distance / locality_km)`, times
/// `suitable_function_weight` if its function suits the person's stage, times `home_region_weight` if it is
/// in the person's home region; a person drawn to be placed out of area weighs places left alone.
private struct AsIsDraw {
    let calibration: Calibration
    let distances: DistanceTable
    /// Looked up once rather than per person and establishment (the same numbers, so the same draws).
    let functionsOf: [Functions]
    let regionOf: [String]
    /// Places left at each establishment.
    private(set) var left: [Int]
    /// The weight of each candidate for the person being placed, by establishment.
    private var weights: [Double]
    /// `exp(-distance / locality_km)` by home authority and establishment, worked out when first needed.
    private var decay: [Double]

    init(synthesizer: PopulationSynthesizer, distances: DistanceTable, left: [Int]) {
        let establishments = synthesizer.estate.establishments
        calibration = synthesizer.calibration
        self.distances = distances
        functionsOf = establishments.map(\.functions)
        regionOf = establishments.map(\.region)
        self.left = left
        weights = [Double](repeating: 0, count: establishments.count)
        decay = [Double](repeating: .nan, count: synthesizer.geography.authorities.count * establishments.count)
    }

    /// The establishment drawn for one person from `candidates`, which then has one place fewer;
    /// nil if none of them has a place left.
    mutating func choose(for profile: Profile, home: Int, homeRegion: String, among candidates: [Int],
                         random: inout SeededRandom) -> Int? {
        let spread = random.chance(calibration.outOfAreaShare)
        guard weigh(candidates, for: profile, home: home, homeRegion: homeRegion, spread: spread) else { return nil }
        let chosen = pick(from: candidates, random: &random)
        left[chosen] -= 1
        return chosen
    }

    /// Sets the weight of every candidate (zero without a place left); false if none has a place left.
    private mutating func weigh(_ candidates: [Int], for profile: Profile, home: Int, homeRegion: String, spread: Bool) -> Bool {
        var suitable = profile.stage.suitableFunctions
        if profile.category.isOpen { suitable.insert(.open) }
        let count = weights.count
        var any = false
        for e in candidates {
            weights[e] = 0
            guard left[e] > 0 else { continue }
            any = true
            var w = Double(left[e])
            if !spread {
                let slot = home * count + e
                if decay[slot].isNaN { decay[slot] = exp(-distances.straight(home, e) / calibration.localityKm) }
                w *= decay[slot]
                if !functionsOf[e].isDisjoint(with: suitable) { w *= calibration.suitableFunctionWeight }
                if regionOf[e] == homeRegion { w *= calibration.homeRegionWeight }
            }
            weights[e] = w
        }
        return any
    }

    /// A candidate drawn in proportion to its weight; the last with a place left if every weight is zero.
    private func pick(from candidates: [Int], random: inout SeededRandom) -> Int {
        var total = 0.0
        for e in candidates { total += weights[e] }
        var chosen = candidates.last { left[$0] > 0 }!
        if total > 0 {
            var target = random.uniform() * total
            for e in candidates where weights[e] > 0 {
                target -= weights[e]
                chosen = e
                if target < 0 { break }
            }
        }
        return chosen
    }
}
