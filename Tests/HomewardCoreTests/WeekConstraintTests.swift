import Foundation
import HomewardCore
@testable import HomewardModel
import SeededRandom
import Testing

/// A random week for a random small instance: holds, locks, a movers list,
/// one place need for some people, and typed places at some establishments.
func randomWeek(_ estate: Estate, _ people: [Prisoner], seed: UInt64) -> (Estate, WeekConstraints) {
    var random = SeededRandom(seed: seed)
    var week = WeekConstraints()
    let kinds: [PlaceNeeds] = [.vulnerablePrisonerUnit, .singleCell, .accessibleCell]
    let establishments = estate.establishments.map { establishment -> Establishment in
        var changed = establishment
        for need in kinds where random.chance(0.5) {
            let places = random.integer(in: 0...2)
            switch need {
            case .vulnerablePrisonerUnit: changed.typedPlaces.vulnerablePrisonerUnit = places
            case .singleCell: changed.typedPlaces.singleCell = places
            default: changed.typedPlaces.accessibleCell = places
            }
        }
        return changed
    }
    for person in people {
        if person.current != nil && random.chance(0.2) {
            week.holds.append(Hold(person: person.id, kind: .court, until: "2026-12-20"))
        }
        if random.chance(0.15) {
            week.locks.append(Lock(person: person.id, prison: estate.establishments[random.below(estate.count)].code,
                                   reason: "decided at the weekly meeting"))
        }
        if random.chance(0.35) { week.placeNeeds[person.id] = kinds[random.below(kinds.count)] }
    }
    if random.chance(0.4) {
        week.movers = Set(people.filter { _ in random.chance(0.5) }.map(\.id))
    }
    return (Estate(establishments: establishments), week)
}

/// `week` with up to `count` random non-associations among `people`, of every restriction and reason.
func withPairs(_ week: WeekConstraints, _ people: [Prisoner], count: Int, seed: UInt64) -> WeekConstraints {
    var random = SeededRandom(seed: seed)
    var week = week
    guard people.count >= 2 else { return week }
    for _ in 0..<random.integer(in: 1...count) {
        let a = random.below(people.count)
        let b = (a + 1 + random.below(people.count - 1)) % people.count
        let restriction = NonAssociationRestriction.allCases[random.below(3)]
        let reason = NonAssociationReason.allCases[random.below(NonAssociationReason.allCases.count)]
        week.nonAssociations.append(NonAssociation(a: people[a].id, b: people[b].id, restriction: restriction, reason: reason,
                                                   isOpen: random.chance(0.9)))
    }
    return week
}

/// The optimum by enumeration under the week's constraints, each restated
/// here from its definition: a person held now with a hold stays where they
/// are or is unplaced; a locked person goes to the lock's prison or is
/// unplaced; someone held now off the movers list stays or is unplaced;
/// people who need a kind of place that an establishment limits number no
/// more than its places of that kind there. (People here have one place need
/// at most. Where someone's typed places are limited, they take none of a
/// limited programme's places there: the model's documented approximation.)
/// `accept`, if given, may refuse an assignment (each person's estate index or nil), given also the estate
/// indices each person may be placed at (for limits that the rules give way to).
func bruteForceWeekOptimum(_ estate: Estate, _ people: [Prisoner], _ policy: Policy, _ week: WeekConstraints,
                           accept: ((_ destinations: [Int?], _ options: [[Int?]]) -> Bool)? = nil) -> Int64 {
    let geography = Fixture.geography
    let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
    let model = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
    let usable = estate.establishments.map { model.usableCapacity($0) }
    let profiles = people.map { Profile($0, home: geography.index(of: $0.home)!, policy: policy) }
    let currents = people.map { $0.current.flatMap { estate.index(of: $0) } }
    let needs = people.map { week.placeNeeds[$0.id] ?? [] }
    let reserve = Formulation.receptionReserve(estate: estate, population: Population(prisoners: people), policy: policy,
                                               usable: usable)
    var options: [[Int?]] = []
    // Where the week requires each person to be (held, off the movers list or too near release to be
    // transferred and able to stay: where they are; locked: the lock's prison), if anywhere.
    var required = [Int?](repeating: nil, count: people.count)
    for (i, person) in people.enumerated() {
        var list: [Int?] = [nil]
        let held = person.current != nil && week.holds.contains { $0.person == person.id }
        let lock = week.locks.first { $0.person == person.id }
        let stays = person.current != nil && week.movers.map { !$0.contains(person.id) } == true
        func allowed(_ key: EligibilityKey, _ e: Int) -> Bool {
            usable[e] > 0 && estate.establishments[e].isAvailable
                && Rules.exclusions(key, at: estate.establishments[e], usableCapacity: usable[e], isCurrent: currents[i] == e,
                                    policy: policy).isEmpty
        }
        // The rule against transfers near release gives way when the person cannot stay where they are.
        var key = profiles[i].eligibilityKey
        if !key.mayTransfer && !(currents[i].map { allowed(key, $0) } ?? false) { key.mayTransfer = true }
        if held || (lock == nil && (stays || !key.mayTransfer)) {
            required[i] = currents[i]
        } else if let lock {
            required[i] = estate.index(of: lock.prison)
        }
        for e in estate.establishments.indices where allowed(key, e) {
            if held && currents[i] != e { continue }
            if !held, let lock, estate.establishments[e].code != lock.prison { continue }
            if !held && lock == nil && stays && currents[i] != e { continue }
            list.append(e)
        }
        options.append(list)
    }
    var best = Int64.max
    var choice = [Int](repeating: 0, count: people.count)
    while true {
        var occupancy = [Int](repeating: 0, count: estate.count)
        var typed = [[UInt8: Int]](repeating: [:], count: estate.count)
        var total: Int64 = 0
        var feasible = true
        var limited: [Int: [String: [Int]]] = [:]
        for i in people.indices {
            guard let e = options[i][choice[i]] else {
                total += model.unplacedCost
                continue
            }
            occupancy[e] += 1
            if occupancy[e] > usable[e] { feasible = false; break }
            let typedHere = !needs[i].isEmpty && estate.establishments[e].typedPlaces[needs[i]] != nil
            if typedHere {
                typed[e][needs[i].rawValue, default: 0] += 1
                if typed[e][needs[i].rawValue]! > estate.establishments[e].typedPlaces[needs[i]]! { feasible = false; break }
            }
            if currents[i] != nil && currents[i] != e { total += model.moveCost }
            if let need = profiles[i].needs.first, estate.establishments[e].offer(of: need)?.places != nil {
                if typedHere {
                    total += model.placement(profiles[i], at: e, priorityNeedMet: false).total
                } else {
                    limited[e, default: [:]][need, default: []].append(i)
                }
            } else {
                total += model.placement(profiles[i], at: e).total
            }
        }
        if feasible {
            // Each two people who share an establishment: barred if any of their records keeps them apart,
            // else charged once (however many records name them) if any open record names them; unless
            // the week requires both to be there: then they are the establishment's to keep apart.
            var sharing: [Set<PersonID>: Bool] = [:]
            for pair in week.nonAssociations where pair.isOpen && pair.a != pair.b {
                let rules = policy.nonAssociations
                guard let i = people.firstIndex(where: { $0.id == pair.a }), let j = people.firstIndex(where: { $0.id == pair.b }),
                      let e = options[i][choice[i]], e == options[j][choice[j]] else { continue }
                if required[i] == e && required[j] == e { continue }
                let apart = rules.apartRestrictions.contains(pair.restriction) || rules.apartReasons.contains(pair.reason)
                sharing[[pair.a, pair.b], default: false] = sharing[[pair.a, pair.b], default: false] || apart
            }
            if sharing.values.contains(true) { feasible = false }
            total += Int64(sharing.count) * Int64((policy.nonAssociations.sharingCost * 100).rounded())
        }
        if feasible, let accept, !accept(people.indices.map { options[$0][choice[$0]] }, options) { feasible = false }
        if feasible {
            for (e, byNeed) in limited {
                for (need, members) in byNeed {
                    let places = estate.establishments[e].offer(of: need)!.places!
                    // Met is never dearer than unmet, so the places go to as many as they can.
                    for (k, i) in members.enumerated() {
                        total += model.placement(profiles[i], at: e, priorityNeedMet: k < places).total
                    }
                }
            }
            for e in estate.establishments.indices where occupancy[e] > 0 {
                let base = min(usable[e], estate.establishments[e].cna)
                total += Int64(max(0, occupancy[e] - base)) * model.crowdingCost
                total += Int64(max(0, occupancy[e] - (usable[e] - reserve[e]))) * model.receptionReserveCost
            }
            best = min(best, total)
        }
        var k = 0
        while k < people.count {
            choice[k] += 1
            if choice[k] < options[k].count { break }
            choice[k] = 0
            k += 1
        }
        if k == people.count { break }
    }
    return best
}

/// The cost of one given assignment (estate index or nil per person), with no programme places involved.
func bruteForcePlanCost(_ estate: Estate, _ people: [Prisoner], _ policy: Policy, _ choice: [Int?]) -> Int64 {
    let geography = Fixture.geography
    let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
    let model = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
    var total: Int64 = 0
    var occupancy = [Int](repeating: 0, count: estate.count)
    for (i, person) in people.enumerated() {
        guard let e = choice[i] else { total += model.unplacedCost; continue }
        occupancy[e] += 1
        let profile = Profile(person, home: geography.index(of: person.home)!, policy: policy)
        total += model.placement(profile, at: e).total
        if let current = person.current.flatMap({ estate.index(of: $0) }), current != e { total += model.moveCost }
    }
    let usable = estate.establishments.map { model.usableCapacity($0) }
    let reserve = Formulation.receptionReserve(estate: estate, population: Population(prisoners: people), policy: policy,
                                               usable: usable)
    for e in estate.establishments.indices {
        total += Int64(max(0, occupancy[e] - min(usable[e], estate.establishments[e].cna))) * model.crowdingCost
        total += Int64(max(0, occupancy[e] - (usable[e] - reserve[e]))) * model.receptionReserveCost
    }
    return total
}

/// plan.csv's columns that the checker reads, for a plan made here.
func checkerCSV(_ allocation: Allocation) -> String {
    let estate = allocation.formulation.cost.estate
    var text = "prisoner_id,from,to,moved,distance_km_to,reason_code,reason\n"
    for placement in allocation.plan.placements {
        let person = allocation.formulation.population.prisoners[placement.prisoner]
        let to = placement.destination.map { estate.establishments[$0].code.rawValue } ?? ""
        let reason = "\"" + placement.reason.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        text += "\(person.id),\(person.current?.rawValue ?? ""),\(to),\(placement.moved),,\(placement.reason.code),\(reason)\n"
    }
    return text
}

@Suite("Week constraints")
struct WeekConstraintTests {
    static func allocate(_ estate: Estate, _ people: [Prisoner], _ week: WeekConstraints, policy: Policy,
                         solver: SolverKind) throws -> Allocation {
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        return try Allocation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people, week: week),
                              policy: policy, distances: distances, solver: solver)
    }

    @Test(arguments: 0..<120)
    func bruteForceAgreesUnderHoldsLocksMoversAndTypedPlaces(seed: Int) throws {
        let (plain, people, policy) = Fixture.randomInstance(seed: UInt64(40_000 + seed), maxPeople: 6, maxPlaces: 4)
        let (estate, week) = randomWeek(plain, people, seed: UInt64(seed))
        let expected = bruteForceWeekOptimum(estate, people, policy, week)
        for solver in SolverKind.allCases {
            let allocation = try Self.allocate(estate, people, week, policy: policy, solver: solver)
            #expect(allocation.solution.objective == expected, "\(solver)")
            #expect(allocation.plan.objective == allocation.solution.objective, "\(solver)")
        }
    }

    /// A random week with six pairs (from seed 42,000 on), half of them with a sharing cost for costed pairs.
    func pairedWeek(seed: Int) -> (Estate, [Prisoner], WeekConstraints, Policy) {
        let (plain, people, policy) = Fixture.randomInstance(seed: UInt64(42_000 + seed), maxPeople: 7, maxPlaces: 3)
        var (estate, week) = randomWeek(plain, people, seed: UInt64(700 + seed))
        week = withPairs(week, people, count: 6, seed: UInt64(seed))
        var costed = policy
        if seed % 2 == 0 { costed.nonAssociations.sharingCost = Double(seed % 7) * 30 }
        return (estate, people, week, costed)
    }

    /// A random week with six pairs (from seed 46,000 on) and a moves limit of half the transfers that the plan
    /// without a limit (`free`) makes.
    func limitedPairedWeek(seed: Int) throws -> (Estate, [Prisoner], WeekConstraints, Policy, free: Allocation) {
        let (plain, people, policy) = Fixture.randomInstance(seed: UInt64(46_000 + seed), maxPeople: 7, maxPlaces: 3)
        var (estate, week) = randomWeek(plain, people, seed: UInt64(900 + seed))
        week = withPairs(week, people, count: 6, seed: UInt64(seed))
        var limited = policy
        if seed % 2 == 0 { limited.nonAssociations.sharingCost = Double(seed % 7) * 30 }
        limited.move = Double(seed % 10)
        let free = try Self.allocate(estate, people, week, policy: limited, solver: .network)
        limited.movesLimit = free.plan.moves / 2
        return (estate, people, week, limited, free)
    }

    @Test(arguments: 0..<300)
    func bruteForceAgreesWithTheMIPOnNonAssociationsUnderEverySolverPath(seed: Int) throws {
        let (estate, people, week, costed) = pairedWeek(seed: seed)
        let expected = bruteForceWeekOptimum(estate, people, costed, week)
        for solver in SolverKind.allCases {
            let allocation = try Self.allocate(estate, people, week, policy: costed, solver: solver)
            if let coupled = allocation.statistics.coupled {
                #expect(coupled.objective == expected, "\(solver)")
                #expect(coupled.proven && coupled.gap == 0, "\(solver)")
                #expect(coupled.lowerBound <= coupled.objective && coupled.objective <= coupled.upperBound, "\(solver)")
            } else {
                // No pair that the policy counts: the plain network.
                #expect(week.nonAssociations.allSatisfy { costed.nonAssociations.treatment(of: $0) == .ignored })
                #expect(allocation.solution.objective == expected, "\(solver)")
            }
            #expect(allocation.plan.objective == allocation.solution.objective, "\(solver)")
            let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: allocation.formulation.population,
                                      policy: costed, checksDistances: false)
            #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty, "\(solver)")
            // The later steps on their own: the same optimum, proven, from the relaxation's bound by fixing and the
            // MIP alone, and with the Lagrangian bound's cutting planes on every row (none laid).
            guard allocation.statistics.coupled != nil else { continue }
            for steps in [CoupledSolver.Steps.bare, CoupledSolver.Steps(layRows: false)] {
                let other = try #require(try Self.coupled(allocation, solver: solver, steps: steps))
                #expect(other.objective == expected && other.proven && other.laidRows == 0, "\(solver), \(steps)")
                #expect(other.lagrangianBound <= expected, "\(solver), \(steps)")
            }
        }
    }

    /// The coupled solver on `allocation`'s week with only some of its steps (``CoupledSolver/Steps``).
    static func coupled(_ allocation: Allocation, solver: SolverKind, steps: CoupledSolver.Steps) throws -> CoupledStatistics? {
        try CoupledSolver.solve(allocation.formulation, relaxation: solver, start: nil, workspace: nil, clock: nil,
                                steps: steps).statistics.coupled
    }

    /// Non-associations with a moves limit: the week as one MIP on GLPK (``CoupledStatistics/wholeMIP``),
    /// against the enumeration with the limit as one more rule (transfers: people held somewhere placed
    /// somewhere else), under every solver path.
    @Test(arguments: 0..<120)
    func nonAssociationsWithAMovesLimitAgreeWithBruteForce(seed: Int) throws {
        let (estate, people, week, limited, _) = try limitedPairedWeek(seed: seed)
        let limit = limited.movesLimit!
        let currents = people.map { $0.current.flatMap { estate.index(of: $0) } }
        let expected = bruteForceWeekOptimum(estate, people, limited, week) { destinations, _ in
            destinations.indices.filter { currents[$0] != nil && destinations[$0] != nil && destinations[$0] != currents[$0] }.count <= limit
        }
        for solver in SolverKind.allCases {
            let allocation = try Self.allocate(estate, people, week, policy: limited, solver: solver)
            let objective = allocation.statistics.coupled?.objective ?? allocation.solution.objective
            #expect(objective == expected, "\(solver)")
            #expect(allocation.plan.moves <= limit, "\(solver)")
            if let coupled = allocation.statistics.coupled {
                #expect(coupled.wholeMIP && coupled.proven && coupled.gap == 0, "\(solver)")
            }
            let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: allocation.formulation.population,
                                      policy: limited, checksDistances: false)
            #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty, "\(solver)")
        }
    }

    /// The instances above exercise what they claim: many go to the whole-week MIP, and in many the limit binds
    /// (the plan without it makes more transfers).
    @Test func theLimitedPairInstancesReachTheWholeWeekMIPAndBind() throws {
        var whole = 0, binding = 0
        for seed in 0..<120 {
            let (estate, people, week, limited, free) = try limitedPairedWeek(seed: seed)
            let allocation = try Self.allocate(estate, people, week, policy: limited, solver: .network)
            if allocation.statistics.coupled?.wholeMIP == true { whole += 1 }
            if free.plan.moves > free.plan.moves / 2 { binding += 1 }
        }
        #expect(whole >= 40 && binding >= 15, "\(whole) whole-week MIPs, \(binding) binding limits")
    }

    /// The instances exercise the branch-and-cut: the bare steps (``CoupledSolver/Steps/bare``) reach it often. With
    /// rows laid into the network and the Lagrangian bound, none of these small weeks needs it (``LaidPairsTests``).
    @Test func theOracleInstancesReachTheBranchAndCut() throws {
        var conflicts = 0, branchAndCut = 0, costedSharing = 0
        for seed in 0..<300 {
            let (estate, people, week, costed) = pairedWeek(seed: seed)
            let allocation = try Self.allocate(estate, people, week, policy: costed, solver: .network)
            guard allocation.statistics.coupled != nil,
                  let coupled = try Self.coupled(allocation, solver: .network, steps: .bare) else { continue }
            if coupled.conflictsInRelaxation > 0 { conflicts += 1 }
            if coupled.mipColumns > 0 { branchAndCut += 1 }
            if coupled.pairsSharing > 0 { costedSharing += 1 }
        }
        #expect(conflicts >= 10 && branchAndCut >= 10 && costedSharing >= 5,
                "\(conflicts) conflicts, \(branchAndCut) MIPs, \(costedSharing) with costed pairs sharing")
    }

    /// Two people from Manchester, both cheapest at the Manchester prison, must be in different
    /// establishments: one of them goes to the next best place, whichever costs less extra.
    @Test func aPairTheRelaxationPutsTogetherIsSeparatedAtTheLeastExtraCost() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("MAN", categories: [.b, .c], capacity: 5, near: 0),
            Fixture.establishment("LIV", categories: [.b, .c], capacity: 5, near: 1),
            Fixture.establishment("CDF", categories: [.b, .c], capacity: 5, near: 2),
        ])
        let people = [
            Fixture.prisoner("A1", home: 0, current: "MAN"),
            Fixture.prisoner("B1", home: 0, toRelease: 60, current: "MAN"),
            Fixture.prisoner("C1", home: 1, current: "LIV"),
        ]
        let apart = WeekConstraints(nonAssociations: [
            NonAssociation(a: PersonID("A1"), b: PersonID("B1"), restriction: .landing, reason: .gangRelated),
        ])
        let free = try Self.allocate(estate, people, WeekConstraints(), policy: .standard, solver: .network)
        let kept = try Self.allocate(estate, people, apart, policy: .standard, solver: .network)
        let together = free.plan.placements.map(\.destination)
        let man = try #require(estate.index(of: PrisonCode("MAN")))
        #expect(together[0] == man && together[1] == man, "the relaxation keeps both at MAN")
        // The least extra cost, by trying each of the two elsewhere.
        var cheapest = Int64.max
        for mover in 0..<2 {
            for e in estate.establishments.indices where e != man {
                var choice = together
                choice[mover] = e
                let cost = bruteForcePlanCost(estate, people, .standard, choice)
                cheapest = min(cheapest, cost)
            }
        }
        let coupled = try #require(kept.statistics.coupled)
        #expect(coupled.conflictsInRelaxation == 1)
        #expect(coupled.lowerBound == free.solution.objective)
        #expect(coupled.objective == cheapest)
        #expect(coupled.proven)
        #expect(kept.plan.placements[0].destination != kept.plan.placements[1].destination)
    }

    /// Two people who must be kept apart are both held at MAN (one by a hold, one too near release to be
    /// transferred): neither is left unplaced; the pair is the establishment's to manage, and the checker
    /// agrees. Free the second person and they move instead.
    @Test func aPairBothRequiredInOnePrisonIsLeftToTheEstablishment() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("MAN", categories: [.b, .c], capacity: 5, near: 0),
            Fixture.establishment("LIV", categories: [.b, .c], capacity: 5, near: 1),
        ])
        let people = [
            Fixture.prisoner("A1", home: 0, current: "MAN"),
            Fixture.prisoner("B1", home: 0, toRelease: 10, current: "MAN"),
            Fixture.prisoner("C1", home: 0, current: "MAN"),
        ]
        let pairs = [
            NonAssociation(a: PersonID("A1"), b: PersonID("B1"), restriction: .wing, reason: .violence),
            NonAssociation(a: PersonID("A1"), b: PersonID("C1"), restriction: .wing, reason: .threat),
        ]
        let week = WeekConstraints(holds: [Hold(person: PersonID("A1"), kind: .medical)], nonAssociations: pairs)
        let allocation = try Self.allocate(estate, people, week, policy: .standard, solver: .network)
        let coupled = try #require(allocation.statistics.coupled)
        let man = try #require(estate.index(of: PrisonCode("MAN")))
        let destinations = allocation.plan.placements.map(\.destination)
        #expect(destinations[0] == man && destinations[1] == man, "both must stay, and both are placed")
        #expect(destinations[2] != nil && destinations[2] != man, "the free one of the other pair moves")
        #expect(coupled.leftToEstablishment == 1 && coupled.apartPairs == 1)
        #expect(coupled.proven && coupled.gap == 0)
        #expect(coupled.objective == bruteForceWeekOptimum(estate, people, .standard, week))
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: allocation.formulation.population,
                                  policy: .standard, checksDistances: false)
        #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty)
        // The checker still refuses the other pair together: C1 could have moved.
        let together = checkerCSV(allocation).replacingOccurrences(of: "C1,MAN,LIV,true,,non_association", with: "C1,MAN,MAN,false,,stays")
        #expect(try checker.check(planCSV: together).map(\.rule) == ["non-association"])
        // The reasons say which placements a non-association decided, and the checker holds them to it.
        #expect(allocation.plan.placements[2].reason == .keptApart(.movedAway))
        #expect(allocation.plan.placements[0].reason.text.hasSuffix("left to the establishment (both must stay)"))
        let silent = checkerCSV(allocation).replacingOccurrences(of: "C1,MAN,LIV,true,,non_association", with: "C1,MAN,LIV,true,,improves")
        #expect(try checker.check(planCSV: silent).map(\.rule) == ["reason"])
    }

    /// A full estate: A (too near release to be transferred) and B must be kept apart at MAN, and C fills LIV.
    /// The plan that keeps them apart moves B (and C into the place B frees), never leaves A unplaced: the
    /// repair that gives the upper bound keeps the person the week requires where they are.
    @Test func theRepairMovesThePartnerOfSomeoneWhoMustStay() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("MAN", categories: [.b, .c], capacity: 2, near: 0),
            Fixture.establishment("LIV", categories: [.b, .c], capacity: 1, near: 1),
        ])
        let people = [
            Fixture.prisoner("A1", home: 0, toRelease: 10, current: "MAN"),
            Fixture.prisoner("B1", home: 0, current: "MAN"),
            Fixture.prisoner("C1", home: 1, current: "LIV"),
        ]
        let week = WeekConstraints(nonAssociations: [
            NonAssociation(a: PersonID("A1"), b: PersonID("B1"), restriction: .wing, reason: .violence),
        ])
        let allocation = try Self.allocate(estate, people, week, policy: .standard, solver: .network)
        let coupled = try #require(allocation.statistics.coupled)
        #expect(coupled.upperBound < allocation.formulation.cost.unplacedCost, "the repaired plan leaves nobody unplaced")
        #expect(coupled.objective == bruteForceWeekOptimum(estate, people, .standard, week) && coupled.proven)
        #expect(allocation.plan.unplaced == 0)
    }

    @Test(arguments: 0..<40)
    func heldAndLockedPeopleNeverMoveElsewhereAndTheCheckerAgrees(seed: Int) throws {
        let (plain, people, policy) = Fixture.randomInstance(seed: UInt64(41_000 + seed), maxPeople: 30, maxPlaces: 5)
        let (estate, week) = randomWeek(plain, people, seed: UInt64(500 + seed))
        let allocation = try Self.allocate(estate, people, week, policy: policy, solver: .network)
        let population = allocation.formulation.population
        for placement in allocation.plan.placements {
            let person = population.prisoners[placement.prisoner]
            guard let e = placement.destination else { continue }
            let code = estate.establishments[e].code
            if person.current != nil && week.holds.contains(where: { $0.person == person.id }) {
                #expect(code == person.current, "a held person moved")
                #expect(placement.reason.text.contains("held: COURT"))
            } else if let lock = week.locks.first(where: { $0.person == person.id }) {
                #expect(code == lock.prison, "a locked person went elsewhere")
                #expect(placement.reason.text.contains("locked to \(lock.prison)"))
            }
        }
        let checker = PlanChecker(estate: estate, geography: Fixture.geography, population: population, policy: policy,
                                  checksDistances: false)
        #expect(try checker.check(planCSV: checkerCSV(allocation)).isEmpty)
    }

    @Test func theCheckerFindsABrokenHoldLockMoversListAndTypedPlaceLimit() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("AAA", categories: [.b, .c], near: 0),
            { var e = Fixture.establishment("BBB", categories: [.b, .c], near: 1); e.typedPlaces.singleCell = 1; return e }(),
        ])
        let people = ["P1", "P2", "P3", "P4", "P5"].map { Fixture.prisoner($0, current: "AAA") }
        let week = WeekConstraints(holds: [Hold(person: PersonID("P1"), kind: .medical)],
                                   locks: [Lock(person: PersonID("P2"), prison: PrisonCode("AAA"), reason: "agreed")],
                                   movers: [PersonID("P1"), PersonID("P2"), PersonID("P4"), PersonID("P5")],
                                   placeNeeds: [PersonID("P4"): .singleCell, PersonID("P5"): .singleCell])
        let checker = PlanChecker(estate: estate, geography: Fixture.geography,
                                  population: Population(prisoners: people, week: week), policy: .standard, checksDistances: false)
        let plan = """
            prisoner_id,from,to,moved,distance_km_to
            P1,AAA,BBB,true,
            P2,AAA,BBB,true,
            P3,AAA,BBB,true,
            P4,AAA,BBB,true,
            P5,AAA,BBB,true,

            """
        let rules = try checker.check(planCSV: plan).map(\.rule)
        #expect(rules.filter { ["hold", "lock", "movers list", "places by type"].contains($0) }
            == ["hold", "lock", "movers list", "places by type"])
        let kept = plan.replacingOccurrences(of: "BBB,true", with: "AAA,false")
        #expect(try checker.check(planCSV: kept).isEmpty)
    }

    @Test func aHeldPersonWhoseEstablishmentClosedCannotBePlacedAndThePlanSaysWhy() throws {
        let estate = Estate(establishments: [
            { var e = Fixture.establishment("AAA", categories: [.b, .c], near: 0); e.isClosed = true; return e }(),
            Fixture.establishment("BBB", categories: [.b, .c], near: 1),
        ])
        let people = [Fixture.prisoner("P1", current: "AAA")]
        let week = WeekConstraints(holds: [Hold(person: PersonID("P1"), kind: .court, until: "2026-12-20")])
        let allocation = try Self.allocate(estate, people, week, policy: .standard, solver: .network)
        #expect(allocation.plan.placements[0].destination == nil)
        #expect(allocation.plan.placements[0].reason == .fixedNotKept("held: COURT until 2026-12-20 (holds.csv)"))
    }
}
