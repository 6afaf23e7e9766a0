import Foundation
import HomewardCore
import SeededRandom

/// Small hand-made inputs for model tests.
enum Fixture {
    /// Four home areas: two in the North West, one in Wales, one in London.
    static let geography = Geography(authorities: [
        LocalAuthority(code: LADCode("E08000003"), name: "Manchester", regionCode: "E12000002", region: "North West",
                       country: "England", population: 550_000, latitude: 53.48, longitude: -2.24),
        LocalAuthority(code: LADCode("E08000012"), name: "Liverpool", regionCode: "E12000002", region: "North West",
                       country: "England", population: 490_000, latitude: 53.41, longitude: -2.98),
        LocalAuthority(code: LADCode("W06000015"), name: "Cardiff", regionCode: "W92000004", region: "Wales",
                       country: "Wales", population: 370_000, latitude: 51.48, longitude: -3.18),
        LocalAuthority(code: LADCode("E09000033"), name: "Westminster", regionCode: "E12000007", region: "London",
                       country: "England", population: 205_000, latitude: 51.50, longitude: -0.14),
    ])

    static func establishment(
        _ code: String, sex: EstablishmentSex = .male, age: EstablishmentAgeGroup = .mixed, categories: SecurityProvision = [.b],
        functions: Functions = [.reception], capacity: Int = 10, cna: Int? = nil, near authority: Int, region: String? = nil,
        cohortOnly: Cohort? = nil, interventions: [InterventionOffer] = [], offset: Double = 0.01
    ) -> Establishment {
        let home = geography.authorities[authority]
        return Establishment(
            code: PrisonCode(code), name: "HMP \(code)", sex: sex, ageGroup: age, categories: categories, functions: functions,
            operationalCapacity: capacity, cna: cna ?? capacity, latitude: home.latitude + offset, longitude: home.longitude,
            region: region ?? home.region, cohortOnly: cohortOnly, interventions: interventions)
    }

    static func prisoner(
        _ id: String, sex: Sex = .male, age: Int = 30, home: Int = 0, status: LegalStatus = .sentenced,
        category: Category = .c, sentence: Int? = 1000, toRelease: Int? = 500, current: String? = nil,
        cohorts: Cohorts = [], needs: [String] = []
    ) -> Prisoner {
        Prisoner(id: PersonID(id), sex: sex, age: age, home: geography.authorities[home].code, legalStatus: status,
                 category: category, sentenceDays: status == .remand ? nil : sentence,
                 daysToRelease: status == .remand ? nil : toRelease, current: current.map(PrisonCode.init),
                 cohorts: cohorts, needs: needs)
    }

    static func allocate(_ estate: Estate, _ people: [Prisoner], policy: Policy = .standard,
                         solver: SolverKind = .network) throws -> Allocation {
        let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
        return try Allocation(estate: estate, geography: geography, population: Population(prisoners: people),
                              policy: policy, distances: distances, solver: solver)
    }

    /// A random small instance: up to `maxPeople` people and `maxPlaces` establishments
    /// with mixed rules, capacities that are sometimes too small, and programme places.
    static func randomInstance(seed: UInt64, maxPeople: Int = 7, maxPlaces: Int = 4) -> (Estate, [Prisoner], Policy) {
        var random = SeededRandom(seed: seed)
        let placeCount = random.integer(in: 1...maxPlaces)
        var establishments: [Establishment] = []
        let functionChoices: [Functions] = [[.reception], [.training], [.resettlement], [.open], [.reception, .resettlement]]
        for p in 0..<placeCount {
            let sex: EstablishmentSex = random.chance(0.8) ? .male : .female
            var functions = functionChoices[random.below(functionChoices.count)]
            let categories: SecurityProvision
            if sex == .female {
                categories = functions.contains(.open) ? [.womenOpen] : (random.chance(0.5) ? [.womenClosed] : [.womenClosed, .womenOpen])
            } else if functions.contains(.open) {
                categories = [.d]
            } else {
                categories = [[.b], [.c], [.b, .c], [.a, .b]][random.below(4)]
            }
            if random.chance(0.2) { functions.insert(.training) }
            let capacity = random.integer(in: 0...4)
            let cna = random.integer(in: 0...capacity)
            var offers: [InterventionOffer] = []
            if random.chance(0.4) { offers.append(InterventionOffer(name: "horizon", places: random.chance(0.5) ? random.integer(in: 0...2) : nil)) }
            if random.chance(0.3) { offers.append(InterventionOffer(name: "building_choices")) }
            let ageGroups: [EstablishmentAgeGroup] = [.adult, .mixed, .mixed, .youngAdult]
            establishments.append(establishment(
                "P\(p)", sex: sex, age: ageGroups[random.below(4)], categories: categories, functions: functions,
                capacity: capacity, cna: cna, near: random.below(4),
                cohortOnly: random.chance(0.15) ? (random.chance(0.5) ? .sexualOffence : .foreignNational) : nil,
                interventions: offers, offset: random.uniform() * 0.5))
        }
        let peopleCount = random.integer(in: 1...maxPeople)
        var people: [Prisoner] = []
        for i in 0..<peopleCount {
            let sex: Sex = random.chance(0.8) ? .male : .female
            let remand = random.chance(0.2)
            let category: Category = sex == .male ? [.a, .b, .c, .c, .d][random.below(5)] : (random.chance(0.7) ? .closed : .open)
            let sentence = random.integer(in: 30...4000)
            let toRelease = random.integer(in: 1...sentence)
            var cohorts: Cohorts = []
            if random.chance(0.3) { cohorts.insert(.sexualOffence) }
            if random.chance(0.3) { cohorts.insert(.foreignNational) }
            var needs: [String] = []
            if random.chance(0.4) { needs.append(random.chance(0.5) ? "horizon" : "building_choices") }
            let current: String? = random.chance(0.7) ? "P\(random.below(placeCount))" : nil
            people.append(prisoner(
                String(format: "X%02d", i), sex: sex, age: random.chance(0.2) ? 19 : 35, home: random.below(4),
                status: remand ? .remand : .sentenced, category: remand && sex == .male ? .b : category,
                sentence: sentence, toRelease: toRelease, current: current, cohorts: cohorts, needs: needs))
        }
        var policy = Policy.standard
        policy.move = Double(random.integer(in: 0...120))
        policy.crowdingAboveCNA = Double(random.integer(in: 0...80))
        policy.unplaced = 5_000
        policy.minDaysInResettlementPrison = 28
        if random.chance(0.3) { policy.operatingMarginPercent = 20 }
        return (Estate(establishments: establishments), people, policy)
    }
}
