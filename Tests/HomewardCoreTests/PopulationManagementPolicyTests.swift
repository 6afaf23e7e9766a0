import HomewardCore
@testable import HomewardAnalysis
import Testing

/// Issue #21: the rules and costs a population management unit would expect,
/// each on a case where the forbidden or costlier placement would otherwise be
/// chosen, under every solver; and the figures that report them.
@Suite("Population management policy")
struct PopulationManagementPolicyTests {
    /// The destination of person `id` under each solver (all must agree).
    func destination(_ estate: Estate, _ people: [Prisoner], _ id: String, policy: Policy,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> String? {
        var answers: [String?] = []
        for solver in SolverKind.allCases {
            let allocation = try Fixture.allocate(estate, people, policy: policy, solver: solver)
            let placement = allocation.plan.placements.first { allocation.formulation.population.prisoners[$0.prisoner].id.rawValue == id }!
            answers.append(placement.destination.map { estate.establishments[$0].code.rawValue })
        }
        #expect(Set(answers).count == 1, "every solver must agree: \(answers)", sourceLocation: sourceLocation)
        return answers[0]
    }

    /// Two Category C prisons in the North West that suit every stage but remand (training and reception, not
    /// resettlement prisons, whose own 28-day rule is tested elsewhere): FAR near Liverpool, NEA in Manchester.
    var twoPrisons: Estate {
        Estate(establishments: [
            Fixture.establishment("FAR", categories: [.c], functions: [.training, .reception], near: 1),
            Fixture.establishment("NEA", categories: [.c], functions: [.training, .reception], near: 0),
        ])
    }

    // MARK: - The general 28-day rule

    @Test func nobodyIsTransferredWithFewerThan28DaysLeft() throws {
        let people = [Fixture.prisoner("A", sentence: 300, toRelease: 20, current: "FAR")]
        var withoutRule = Policy.standard
        withoutRule.minDaysForTransfer = 0
        withoutRule.timeLeft = nil
        withoutRule.move = 10
        var withRule = withoutRule
        withRule.minDaysForTransfer = 28
        #expect(try destination(twoPrisons, people, "A", policy: withoutRule) == "NEA", "without the rule the move pays")
        #expect(try destination(twoPrisons, people, "A", policy: withRule) == "FAR")
        // The rule is in Rules, with its text, for every establishment but the current one.
        let allocation = try Fixture.allocate(twoPrisons, people, policy: withRule)
        let profile = allocation.formulation.profiles[0]
        let exclusions = Rules.exclusions(profile, at: twoPrisons.establishments[1], usableCapacity: 10, isCurrent: false, policy: withRule)
        #expect(exclusions == [.tooNearReleaseToMove(minimumDays: 28)])
        #expect(exclusions[0].description.contains("fewer than 28 days"))
        #expect(Rules.exclusions(profile, at: twoPrisons.establishments[0], usableCapacity: 10, isCurrent: true, policy: withRule).isEmpty)
    }

    @Test func theRuleGivesWayWhenThePersonCannotStay() throws {
        var establishments = twoPrisons.establishments
        establishments[0].isClosed = true
        let estate = Estate(establishments: establishments)
        let people = [Fixture.prisoner("A", sentence: 300, toRelease: 20, current: "FAR"),
                      Fixture.prisoner("B", sentence: 300, toRelease: 20, current: "NEA")]
        #expect(try destination(estate, people, "A", policy: .standard) == "NEA")
        let allocation = try Fixture.allocate(estate, people)
        let figures = ManagementFigures(allocation: allocation)
        #expect(figures.transfersNearRelease == 1 && figures.transfersNearReleaseForced == 1)
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                                  policy: .standard, checksDistances: false)
        #expect(checker.transferTooNearRelease(people[0], from: "FAR") == nil, "a closure forces the move")
        let open = twoPrisons
        let strict = PlanChecker(estate: open, geography: Fixture.geography, population: Population(prisoners: people),
                                 policy: .standard, checksDistances: false)
        #expect(strict.transferTooNearRelease(people[0], from: "FAR") != nil)
    }

    @Test func newReceptionsNearReleaseAreStillPlaced() throws {
        let people = [Fixture.prisoner("A", sentence: 30, toRelease: 10)]
        #expect(try destination(twoPrisons, people, "A", policy: .standard) == "NEA")
    }

    // MARK: - Reception reserve

    @Test func receptionPrisonsKeepPlacesForTheCourts() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("LOC", categories: [.b], functions: [.reception], capacity: 10, near: 0),
            Fixture.establishment("RES", categories: [.c], functions: [.resettlement], capacity: 10, near: 1),
        ])
        var people = (0..<5).map { Fixture.prisoner("R\($0)", status: .remand, category: .b, current: "LOC") }
        people.append(Fixture.prisoner("S", sentence: 200, toRelease: 150))
        var policy = Policy.standard
        policy.receptionReserveWeeks = 1
        policy.weeklyFirstReceptions = 5
        policy.receptionReservePopulation = Double(people.count)
        policy.receptionReserve = 500
        var none = policy
        none.receptionReserveWeeks = 0
        #expect(try destination(estate, people, "S", policy: none) == "LOC", "without a reserve the local near home is cheaper")
        #expect(try destination(estate, people, "S", policy: policy) == "RES")
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.formulation.receptionReserve == [5, 0])
        let figures = ManagementFigures(allocation: allocation)
        #expect(figures.receptionFreePlaces == 5 && figures.receptionReservePlaces == 5)
    }

    @Test func tranchesSplitPlacesByCrowdingAndReserve() {
        // usable 10, CNA 8, reserve 3: places 0-6 free, 7 reserved only, 8-9 reserved and crowded.
        let t = Formulation.capacityTranches(usable: 10, cna: 8, reserve: 3)
        #expect(t.places == [7, 0, 1, 2])
        // CNA 5, reserve 2: 0-4 free, 5-7 crowded, 8-9 both.
        #expect(Formulation.capacityTranches(usable: 10, cna: 5, reserve: 2).places == [5, 3, 0, 2])
        #expect(Formulation.capacityTranches(usable: 10, cna: 12, reserve: 0).places == [10, 0, 0, 0])
        for usable in 0...6 { for cna in 0...7 { for reserve in 0...7 {
            #expect(Formulation.capacityTranches(usable: usable, cna: cna, reserve: reserve).total == usable)
        } } }
    }

    // MARK: - Open conditions

    @Test func openCategoriesHeldInClosedConditionsCostTemporaryRelease() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("CCC", categories: [.c], functions: [.training, .resettlement], near: 0),
            Fixture.establishment("OPN", categories: [.d], functions: [.open], near: 1),
        ])
        let people = [Fixture.prisoner("A", category: .d, sentence: 900, toRelease: 200)]
        var without = Policy.standard
        without.openCategoryInClosed = StageWeights(remand: 0, shortSentence: 0, training: 0, preRelease: 0, resettlement: 0)
        #expect(try destination(estate, people, "A", policy: without) == "CCC")
        #expect(try destination(estate, people, "A", policy: .standard) == "OPN")
        let allocation = try Fixture.allocate(estate, people, policy: without)
        #expect(ManagementFigures(allocation: allocation).openCategoryInClosedAfter == 1)
    }

    // MARK: - Time left

    @Test func timeLeftDecidesWhetherAMoveCloserPays() throws {
        let long = [Fixture.prisoner("L", sentence: 7300, toRelease: 3650, current: "FAR")]
        let short = [Fixture.prisoner("S", sentence: 400, toRelease: 70, current: "FAR")]
        var perPlacement = Policy.standard
        perPlacement.timeLeft = nil
        #expect(try destination(twoPrisons, long, "L", policy: perPlacement) == "FAR", "as a cost per placement the move does not pay")
        #expect(try destination(twoPrisons, long, "L", policy: .standard) == "NEA", "ten years nearer home pays for a transfer")
        #expect(try destination(twoPrisons, short, "S", policy: .standard) == "FAR", "ten weeks nearer home does not")
    }

    @Test func perWeekTheStageWeightsKeepThe2018Priorities() {
        let w = Policy.standard.distanceWeight
        #expect(w.resettlement > w.shortSentence && w.shortSentence > w.preRelease && w.preRelease > w.training)
        #expect(w.remand > w.training)
    }

    @Test func weeksAreBandedAndCapped() {
        let t = Policy.standard.timeLeft!
        #expect(t.band(1) == 2 && t.band(6) == 6 && t.band(10) == 10.5 && t.band(300) == t.horizonWeeks)
        #expect(t.factor(t.band(300)) == t.horizonWeeks / t.referenceWeeks)
    }

    // MARK: - Indeterminate sentences

    @Test func aPostTariffReviewIsNotAReleaseDate() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("LOC", categories: [.b], functions: [.reception], near: 0),
            Fixture.establishment("TRN", categories: [.c], functions: [.training], near: 1),
        ])
        var lifer = Fixture.prisoner("A", sentence: 5000, toRelease: 60, cohorts: [.indeterminate])
        lifer.daysToTariff = -400
        #expect(Policy.standard.stage(of: lifer) == .training)
        #expect(lifer.knownDaysToRelease == nil)
        #expect(Policy.standard.mayTransfer(lifer))
        #expect(try destination(estate, [lifer], "A", policy: .standard) == "TRN")
        let profile = Profile(lifer, home: 0, policy: .standard)
        #expect(profile.postTariff && profile.weeksHere == Policy.standard.timeLeft!.horizonWeeks)
    }

    // MARK: - Women

    @Test func womensPrisonsServeEveryStage() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("WLO", sex: .female, categories: [.womenClosed], functions: [.reception], near: 0),
            Fixture.establishment("WTR", sex: .female, categories: [.womenClosed], functions: [.training], near: 3),
        ])
        let woman = Fixture.prisoner("W", sex: .female, category: .closed, sentence: 3000, toRelease: 2000)
        #expect(try destination(estate, [woman], "W", policy: .standard) == "WLO")
        let allocation = try Fixture.allocate(estate, [woman])
        #expect(allocation.plan.placements[0].cost.functionMismatch == 0)
    }

    // MARK: - Figures

    @Test func managementFiguresEqualARecount() throws {
        for seed in UInt64(1)...30 {
            let (estate, people, policy) = Fixture.randomInstance(seed: seed, maxPeople: 9, maxPlaces: 4)
            let allocation = try Fixture.allocate(estate, people, policy: policy)
            let figures = ManagementFigures(allocation: allocation)
            let plan = allocation.plan
            let population = allocation.formulation.population.prisoners
            let establishments = estate.establishments
            var near = 0, training = 0, outside = 0, closed = 0
            for p in plan.placements {
                guard let e = p.destination else { continue }
                let person = population[p.prisoner]
                if p.moved, let d = person.knownDaysToRelease, d < 28 { near += 1 }
                let stage = policy.stage(of: person)
                if establishments[e].functions.contains(.reception) && stage == .training { training += 1 }
                if person.category.isOpen && !establishments[e].isOpen { closed += 1 }
                let home = Fixture.geography.authorities[Fixture.geography.index(of: person.home)!].region
                if establishments[e].region != home { outside += 1 }
            }
            #expect(figures.transfersNearRelease == near)
            #expect(figures.trainingStageInReception == training)
            #expect(figures.openCategoryInClosedAfter == closed)
            #expect(figures.outOfRegion == outside)
            #expect(figures.outOfRegionRepatriable <= outside)
        }
    }

    @Test func theNewPolicyKeysRoundTrip() throws {
        let text = PolicyLoader.write(.standard)
        #expect(try PolicyLoader.load(text, file: "p.yaml") == .standard)
        #expect(try PolicyLoader.load(PolicyLoader.write(.previous), file: "p.yaml", base: .standard) == .previous)
        #expect(try PolicyLoader.load("time_left: null", file: "p.yaml").timeLeft == nil)
        #expect(throws: InputErrors.self) { try PolicyLoader.load("rules: {min_days_for_transfer: -1}", file: "p.yaml") }
        #expect(throws: InputErrors.self) { try PolicyLoader.load("reception_reserve: {week: 1}", file: "p.yaml") }
    }
}
