import HomewardCore
import HomewardReports
import Testing

/// The movers list: one row per transfer with its reason in HMPPS's terms, and the routes for escorts.
@Suite("Movers list")
struct MoversListTests {
    static let geography = Geography(authorities: [
        LocalAuthority(code: LADCode("E08000003"), name: "Manchester", regionCode: "E12000002", region: "North West",
                       country: "England", population: 550_000, latitude: 53.48, longitude: -2.24),
        LocalAuthority(code: LADCode("W06000015"), name: "Cardiff", regionCode: "W92000004", region: "Wales",
                       country: "Wales", population: 370_000, latitude: 51.48, longitude: -3.18),
    ])

    static func prison(_ code: String, _ categories: SecurityProvision, _ functions: Functions, capacity: Int = 10,
                       near area: Int, sex: EstablishmentSex = .male) -> Establishment {
        let a = geography.authorities[area]
        return Establishment(code: PrisonCode(code), name: "HMP \(code)", sex: sex, ageGroup: .mixed, categories: categories,
                             functions: functions, operationalCapacity: capacity, cna: capacity, latitude: a.latitude + 0.01,
                             longitude: a.longitude, region: a.region)
    }

    static let localB = prison("BBB", [.b], [.reception], near: 0)
    static let trainingC = prison("CCC", [.c], [.training], near: 0)
    static let openD = prison("DDD", [.d], [.open], near: 0)
    static let walesC = prison("WWC", [.c], [.training, .resettlement], near: 1)
    static let walesLocal = prison("WWB", [.b], [.reception], near: 1)

    @Test(arguments: [
        // A Category C man leaving a B local for a C prison: progressive.
        (Category.c, Stage.training, localB, trainingC, "North West", false, TransferReason.progressive),
        // The same move out of a local that is over its capacity: capacity comes first.
        (Category.c, Stage.training, localB, trainingC, "North West", true, TransferReason.capacity),
        // A Category C man in an open prison (recategorised up): security.
        (Category.c, Stage.training, openD, trainingC, "North West", false, TransferReason.security),
        // Near release, to a resettlement prison: resettlement.
        (Category.c, Stage.preRelease, trainingC, walesC, "North West", false, TransferReason.resettlement),
        // Mid-sentence, back to the home region: repatriation.
        (Category.c, Stage.training, walesC, trainingC, "North West", false, TransferReason.repatriation),
        // A Category B man at the training stage, on from a B local to a B training prison: progressive.
        (Category.b, Stage.training, localB, prison("BBT", [.b], [.training], near: 0), "North West", false, TransferReason.progressive),
        // A B man between two locals in the same region: other.
        (Category.b, Stage.remand, localB, prison("BB2", [.b], [.reception], near: 0), "North West", false, TransferReason.other),
    ])
    func eachReasonFollowsTheDocumentedOrder(_ category: Category, _ stage: Stage, _ from: Establishment, _ to: Establishment,
                                              _ home: String, _ crowded: Bool, _ expected: TransferReason) {
        #expect(TransferReason.of(category: category, stage: stage, from: from, to: to, homeRegion: home,
                                  sourceOverCapacity: crowded) == expected)
    }

    @Test func anIndeterminateSentenceIntoOpenConditionsAndACourseHaveTheirOwnReasons() {
        let home = "North West"
        // A Category D lifer from a C prison to an open one: ISP to open, where a determinate man's move is progressive.
        #expect(TransferReason.of(category: .d, stage: .training, from: Self.trainingC, to: Self.openD, homeRegion: home,
                                  sourceOverCapacity: false, indeterminate: true) == .ispToOpen)
        #expect(TransferReason.of(category: .d, stage: .training, from: Self.trainingC, to: Self.openD, homeRegion: home,
                                  sourceOverCapacity: false) == .progressive)
        // Between two C prisons in one region, to the one that runs the programme he needs: a course.
        var course = Self.prison("CC2", [.c], [.training], near: 0)
        course.interventions = [InterventionOffer(name: "horizon")]
        #expect(TransferReason.of(category: .c, stage: .training, from: Self.trainingC, to: course, homeRegion: home,
                                  sourceOverCapacity: false, needs: ["kaizen", "horizon"]) == .offendingBehaviourCourse)
        // Not when the prison left runs it too, nor when he does not need it.
        var both = Self.trainingC
        both.interventions = [InterventionOffer(name: "horizon")]
        #expect(TransferReason.of(category: .c, stage: .training, from: both, to: course, homeRegion: home,
                                  sourceOverCapacity: false, needs: ["horizon"]) == .other)
        #expect(TransferReason.of(category: .c, stage: .training, from: Self.trainingC, to: course, homeRegion: home,
                                  sourceOverCapacity: false, needs: ["kaizen"]) == .other)
        // A progressive move to a prison that also runs his programme stays progressive.
        var openCourse = Self.openD
        openCourse.interventions = [InterventionOffer(name: "horizon")]
        #expect(TransferReason.of(category: .d, stage: .training, from: Self.localB, to: openCourse, homeRegion: home,
                                  sourceOverCapacity: false, needs: ["horizon"]) == .progressive)
    }

    @Test func aClosedSourceIsACapacityMove() {
        var closed = Self.localB
        closed.isClosed = true
        #expect(TransferReason.of(category: .c, stage: .training, from: closed, to: Self.trainingC, homeRegion: "North West",
                                  sourceOverCapacity: false) == .capacity)
    }

    @Test func everyTransferInThePlanIsListedOnceAndTheRoutesAddUp() throws {
        let estate = Estate(establishments: [Self.localB, Self.trainingC, Self.walesC, Self.walesLocal])
        var people: [Prisoner] = []
        for i in 0..<12 {
            // Welsh families held in England, and English families held in Wales: many should move home.
            let home = i % 2
            let current = home == 0 ? (i % 3 == 0 ? "WWB" : "WWC") : (i % 3 == 0 ? "BBB" : "CCC")
            people.append(Prisoner(id: PersonID(String(format: "pid%02d", i)), sex: .male, age: 30,
                                   home: Self.geography.authorities[home].code, legalStatus: .sentenced, category: .c,
                                   sentenceDays: 2000, daysToRelease: 900, current: PrisonCode(current)))
        }
        let distances = DistanceTable(geography: Self.geography, estate: estate, circuityFactor: Policy.standard.circuityFactor)
        let allocation = try Allocation(estate: estate, geography: Self.geography, population: Population(prisoners: people),
                                        policy: .standard, distances: distances, solver: .network)
        let moves = MoversList.moves(allocation)
        let moved = allocation.plan.placements.filter(\.moved)
        #expect(!moves.isEmpty)
        #expect(moves.count == moved.count)
        for placement in moved {
            let person = people.sorted { $0.id < $1.id }[placement.prisoner]
            let move = try #require(moves.first { $0.pid == person.id })
            #expect(move.from == person.current && move.to == estate.establishments[placement.destination!].code)
        }
        #expect(moves.map(\.pid) == moves.map(\.pid).sorted())
        let routes = MoversList.routesCSV(moves).split(separator: "\n").dropFirst()
        #expect(routes.map { Int($0.split(separator: ",")[2])! }.reduce(0, +) == moves.count)
        let csv = MoversList.moversCSV(moves)
        #expect(csv.hasPrefix("pid,from,to,reason\n"))
        #expect(csv.split(separator: "\n").count == moves.count + 1)
    }
}
