import HomewardCore
import Testing

/// Each hard rule, on a case where breaking it would be cheaper: the tempting
/// establishment is near home, the lawful one far away.
@Suite("Hard rules")
struct HardRuleTests {
    /// Asserts that `person` ends up at `expected`, and that `tempting` would have cost less.
    func expectRuleBinds(_ estate: Estate, _ people: [Prisoner], person: Int = 0, expected: String?, tempting: String,
                         policy: Policy = .standard, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for solver in SolverKind.allCases {
            let allocation = try Fixture.allocate(estate, people, policy: policy, solver: solver)
            let placement = allocation.plan.placements.first { allocation.formulation.population.prisoners[$0.prisoner].id == people[person].id }!
            let destination = placement.destination.map { estate.establishments[$0].code.rawValue }
            #expect(destination == expected, "\(solver)", sourceLocation: sourceLocation)
            let model = allocation.formulation.cost
            let profile = allocation.formulation.profiles[allocation.formulation.profileOfPrisoner[placement.prisoner]]
            let temptingCost = model.placement(profile, at: estate.index(of: PrisonCode(tempting))!).total
            #expect(temptingCost < placement.cost.total, "the rule must be what keeps the person out", sourceLocation: sourceLocation)
        }
    }

    @Test func womenAreNotHeldInMensPrisons() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("MEN", sex: .male, categories: [.b], near: 0),
            Fixture.establishment("WMN", sex: .female, categories: [.womenClosed], near: 2),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", sex: .female, category: .closed)], expected: "WMN", tempting: "MEN")
    }

    @Test func youngAdultsAreNotHeldInAdultOnlyPrisons() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("ADL", age: .adult, categories: [.c], functions: [.training], near: 0),
            Fixture.establishment("YOI", age: .youngAdult, categories: [.c], functions: [.training], near: 3),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", age: 19)], expected: "YOI", tempting: "ADL")
    }

    @Test func adultsAreNotHeldInYoungOffenderInstitutions() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("YOI", age: .youngAdult, categories: [.c], functions: [.training], near: 0),
            Fixture.establishment("ADL", age: .adult, categories: [.c], functions: [.training], near: 3),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", age: 40)], expected: "ADL", tempting: "YOI")
    }

    @Test func categoryBMenAreNotHeldInCategoryCPrisons() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("CAT", categories: [.c], functions: [.training], near: 0),
            Fixture.establishment("BBB", categories: [.b], functions: [.training], near: 2),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", category: .b)], expected: "BBB", tempting: "CAT")
    }

    @Test func openPrisonsHoldOnlyOpenCategories() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("OPN", categories: [.d], functions: [.open], near: 0),
            Fixture.establishment("CCC", categories: [.c], functions: [.training], near: 2),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", category: .c)], expected: "CCC", tempting: "OPN")
    }

    @Test func categoryAIsHeldOnlyWhereCategoryAIsDesignated() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("LOC", categories: [.b], functions: [.reception], near: 0),
            Fixture.establishment("HSE", categories: [.a, .b], functions: [.highSecurity], near: 3),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", category: .a)], expected: "HSE", tempting: "LOC")
    }

    @Test func remandIsHeldOnlyInReceptionPrisons() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("TRN", categories: [.b], functions: [.training], near: 0),
            Fixture.establishment("LOC", categories: [.b], functions: [.reception], near: 2),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", status: .remand, category: .b)], expected: "LOC", tempting: "TRN")
    }

    @Test func nobodyMovesIntoAResettlementPrisonWithTooFewDaysLeft() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("RES", categories: [.c], functions: [.resettlement], near: 0),
            Fixture.establishment("FAR", categories: [.b], functions: [.reception], near: 3),
        ])
        let person = Fixture.prisoner("A", category: .c, sentence: 300, toRelease: 20, current: "FAR")
        try expectRuleBinds(estate, [person], expected: "FAR", tempting: "RES")
    }

    @Test func someoneAlreadyInAResettlementPrisonMayStayWhateverTheDaysLeft() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("RES", categories: [.c], functions: [.resettlement], near: 0),
            Fixture.establishment("FAR", categories: [.b], functions: [.reception], near: 3),
        ])
        let allocation = try Fixture.allocate(estate, [Fixture.prisoner("A", category: .c, sentence: 300, toRelease: 20, current: "RES")])
        #expect(allocation.plan.placements[0].destination == estate.index(of: PrisonCode("RES")))
        #expect(allocation.plan.placements[0].moved == false)
    }

    @Test func specialistSitesHoldOnlyTheirCohort() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("SOS", categories: [.c], functions: [.training], near: 0, cohortOnly: .sexualOffence),
            Fixture.establishment("GEN", categories: [.c], functions: [.training], near: 2),
        ])
        try expectRuleBinds(estate, [Fixture.prisoner("A", category: .c)], expected: "GEN", tempting: "SOS")
    }

    @Test func foreignNationalHubsTakeOnlyPeopleInsideTheirWindow() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("FNH", categories: [.c], functions: [.foreignNational], near: 0, cohortOnly: .foreignNational),
            Fixture.establishment("GEN", categories: [.c], functions: [.training], near: 2),
        ])
        // 40 days left: under the 3-month floor.
        let person = Fixture.prisoner("A", category: .c, sentence: 700, toRelease: 40, current: "GEN", cohorts: [.foreignNational])
        try expectRuleBinds(estate, [person], expected: "GEN", tempting: "FNH")
    }

    @Test func capacityIsNeverExceeded() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("NEAR", categories: [.c], functions: [.training], capacity: 2, near: 0),
            Fixture.establishment("FAR", categories: [.c], functions: [.training], capacity: 5, near: 3),
        ])
        let people = (0..<3).map { Fixture.prisoner("P\($0)", category: .c) }
        for solver in SolverKind.allCases {
            let allocation = try Fixture.allocate(estate, people, solver: solver)
            let near = estate.index(of: PrisonCode("NEAR"))!, far = estate.index(of: PrisonCode("FAR"))!
            #expect(allocation.plan.occupancy[near] == 2)
            #expect(allocation.plan.occupancy[far] == 1)
            // Without the capacity rule all three would be cheaper at NEAR.
            let sent = allocation.plan.placements.first { $0.destination == far }!
            let profile = allocation.formulation.profiles[allocation.formulation.profileOfPrisoner[sent.prisoner]]
            #expect(allocation.formulation.cost.placement(profile, at: near).total < sent.cost.total)
        }
    }

    @Test func closedEstablishmentsHoldNobodyAndTheirPeopleMustMove() throws {
        var closed = Fixture.establishment("SHUT", categories: [.c], functions: [.training], near: 0)
        closed.isClosed = true
        let estate = Estate(establishments: [closed, Fixture.establishment("OPEN", categories: [.c], functions: [.training], near: 3)])
        try expectRuleBinds(estate, [Fixture.prisoner("A", category: .c, current: "SHUT")], expected: "OPEN", tempting: "SHUT")
        let allocation = try Fixture.allocate(estate, [Fixture.prisoner("A", category: .c, current: "SHUT")])
        #expect(allocation.plan.placements[0].reason == .mustMove([.closed, .noCapacity]))
    }

    @Test func childrensEstablishmentsAreNeverUsed() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("KID", age: .juvenile, categories: [.childrenClosed], functions: [.children], near: 0),
            Fixture.establishment("ADL", categories: [.c], functions: [.training], near: 3),
        ])
        let allocation = try Fixture.allocate(estate, [Fixture.prisoner("A", age: 18, category: .c)])
        #expect(allocation.plan.placements[0].destination == estate.index(of: PrisonCode("ADL")))
    }

    @Test func theOperatingMarginHoldsPlacesBack() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("NEAR", categories: [.c], functions: [.training], capacity: 10, near: 0),
            Fixture.establishment("FAR", categories: [.c], functions: [.training], capacity: 10, near: 3),
        ])
        var policy = Policy.standard
        policy.operatingMarginPercent = 20
        let people = (0..<9).map { Fixture.prisoner("P\($0)", category: .c) }
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.plan.occupancy[estate.index(of: PrisonCode("NEAR"))!] == 8)
        #expect(allocation.plan.occupancy[estate.index(of: PrisonCode("FAR"))!] == 1)
    }

    @Test func whenNoLawfulPlaceExistsThePersonIsUnplacedWithTheReason() throws {
        let estate = Estate(establishments: [Fixture.establishment("MEN", sex: .male, categories: [.b], near: 0)])
        let allocation = try Fixture.allocate(estate, [Fixture.prisoner("A", sex: .female, category: .closed)])
        #expect(allocation.plan.placements[0].destination == nil)
        #expect(allocation.plan.placements[0].reason == .noLawfulPlace)
    }

    @Test func whenEveryLawfulPlaceIsFullThePersonIsUnplacedWithTheReason() throws {
        let estate = Estate(establishments: [Fixture.establishment("ONE", categories: [.c], functions: [.training], capacity: 1, near: 0)])
        let allocation = try Fixture.allocate(estate, [Fixture.prisoner("A"), Fixture.prisoner("B")])
        #expect(allocation.plan.unplaced == 1)
        #expect(allocation.plan.placements.contains { $0.reason == .noSpace })
    }
}
