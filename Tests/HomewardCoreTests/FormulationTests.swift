import Foundation
import HomewardCore
@testable import HomewardModel
import LinearProgramming
import NetworkFlow
import SeededRandom
import Testing

/// The steps of building a formulation, and its operations, each against an oracle:
/// a formulation built afresh on the changed estate or under the other policy.
@Suite("Formulation steps and operations")
struct FormulationTests {
    static func distances(_ estate: Estate, _ policy: Policy) -> DistanceTable {
        DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
    }

    static func formulation(_ estate: Estate, _ people: [Prisoner], _ policy: Policy) -> Formulation {
        Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people), policy: policy,
                    distances: distances(estate, policy))
    }

    /// The optimal cost of `network`, by LEMON (below the solver boundary, so that no warm start or pricing is involved).
    static func optimum(_ network: FlowNetwork) throws -> Int64 {
        try #require(try NetworkSimplex.solve(network).solution).cost
    }

    // MARK: - Grouping and capacity tranches

    @Test func groupsAreSortedByProfileThenCurrentEstablishmentWithReceptionsFirst() {
        // Person:             0  1  2  3  4  5  6
        let profileOfPrisoner = [1, 0, 1, 0, 1, 1, 0]
        let current = [2, 3, -1, 3, 2, 0, -1]
        let (groups, groupsOfProfile) = Formulation.grouping(profileOfPrisoner: profileOfPrisoner, profileCount: 2, current: current)
        #expect(groups.map(\.profile) == [0, 0, 1, 1, 1])
        #expect(groups.map(\.current) == [nil, 3, nil, 0, 2] as [Int?])
        #expect(groups.map(\.members) == [[6], [1, 3], [2], [5], [0, 4]])
        #expect(groupsOfProfile == [[0, 1], [2, 3, 4]])
    }

    @Test(arguments: [
        (10, 8, 8, 2), (10, 12, 10, 0), (10, 10, 10, 0), (0, 5, 0, 0), (7, 0, 0, 7),
    ])
    func capacityTranchesSplitUsablePlacesAtCNA(usable: Int, cna: Int, uncrowded: Int, crowded: Int) {
        let tranches = Formulation.capacityTranches(usable: usable, cna: cna)
        #expect(tranches[.free] == uncrowded && tranches[.reserved] == 0 && tranches[.reservedCrowded] == 0)
        #expect(tranches[.crowded] == crowded)
    }

    // MARK: - Eligibility and nodes

    /// The eligibility step (one rules check per eligibility key) gives what asking the rules about every
    /// profile and group would, and the placement arcs go exactly where it says.
    @Test(arguments: Array(0..<20))
    func eligibilityEqualsAskingTheRulesAboutEveryone(seed: Int) {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(17_000 + seed), maxPeople: 30, maxPlaces: 6)
        let f = Self.formulation(estate, people, policy)
        let usable = f.usableCapacity
        let eligibility = Formulation.Eligibility(profiles: f.profiles, groups: f.groups, groupsOfProfile: f.groupsOfProfile, estate: estate, usable: usable, policy: policy)
        func allowed(_ profile: Profile, _ e: Int, isCurrent: Bool) -> Bool {
            estate.establishments[e].isAvailable && usable[e] > 0
                && Rules.exclusions(profile, at: estate.establishments[e], usableCapacity: usable[e], isCurrent: isCurrent,
                                    policy: policy).isEmpty
        }
        for (t, profile) in f.profiles.enumerated() {
            #expect(eligibility.mayEnter[t] == estate.establishments.indices.filter { allowed(profile, $0, isCurrent: false) })
            var entered: [Int] = []
            for a in f.hubArcs[t] + f.receptionArcs[t] {
                if case let .place(_, e, _, _) = f.roles[a], entered.last != e { entered.append(e) }
            }
            if !(f.hubArcs[t].isEmpty && f.receptionArcs[t].isEmpty) {
                #expect(Set(entered) == Set(eligibility.mayEnter[t]))
            }
        }
        for (g, group) in f.groups.enumerated() {
            #expect(eligibility.mayStay[g] == (group.current.map { allowed(f.profiles[group.profile], $0, isCurrent: true) } ?? false))
            #expect(eligibility.mayStay[g] == !group.stayArcs.isEmpty)
        }
    }

    /// Nodes are numbered establishments first, then programme nodes, then each profile's supply
    /// nodes (split groups, hub, reception node) in profile order, and the sink last.
    @Test func nodesAreNumberedEstablishmentsProgrammesSuppliesThenSink() {
        let (estate, people) = Self.rich
        let f = Self.formulation(estate, people, .standard)
        let establishments = f.establishmentNode.compactMap { $0 }
        #expect(establishments == Array(0..<establishments.count))
        let programmes = f.roles.indices.compactMap { a -> Int? in
            if case .places = f.roles[a] { Int(f.network.tails[a]) } else { nil }
        }
        #expect(!programmes.isEmpty)
        #expect(programmes == Array(establishments.count..<establishments.count + programmes.count))
        var supplies: [Int] = []
        for (t, groups) in f.groupsOfProfile.enumerated() {
            supplies += groups.compactMap { f.groups[$0].node }
            supplies += [f.hubNode[t], f.receptionNode[t]].compactMap { $0 }
        }
        let first = establishments.count + programmes.count
        #expect(supplies == Array(first..<first + supplies.count))
        #expect(f.sink == f.network.nodeCount - 1 && f.sink == first + supplies.count)
        #expect(f.network.supplies[f.sink] == -Int64(people.count))
    }

    // MARK: - Costs

    /// A small instance with every kind of arc: programme places (so need-met and need-unmet routes,
    /// and a group of its own that stays either way), crowded places, transfers, receptions and remand.
    static let rich: (Estate, [Prisoner]) = (
        Estate(establishments: [
            Fixture.establishment("P0", categories: [.b, .c], functions: [.reception], capacity: 6, cna: 4, near: 0,
                                  interventions: [InterventionOffer(name: "horizon", places: 1), InterventionOffer(name: "building_choices")]),
            Fixture.establishment("P1", categories: [.c], functions: [.training], capacity: 5, near: 2,
                                  interventions: [InterventionOffer(name: "horizon")]),
            Fixture.establishment("P2", categories: [.c], functions: [.resettlement], capacity: 4, cna: 2, near: 3),
        ]),
        [
            Fixture.prisoner("A", home: 2, current: "P0", needs: ["horizon"]),
            Fixture.prisoner("B", home: 2, current: "P0", needs: ["horizon"]),
            Fixture.prisoner("C", home: 1, current: "P1", needs: ["horizon", "building_choices"]),
            Fixture.prisoner("D", home: 0, needs: ["horizon"]),
            Fixture.prisoner("E", home: 0, current: "P2", needs: ["horizon"]),
            Fixture.prisoner("F", home: 3, current: "P2"),
            Fixture.prisoner("G", home: 0, status: .remand, category: .b),
            Fixture.prisoner("H", home: 1, current: "P1", needs: ["building_choices"]),
        ]
    )

    static func otherWeights(_ policy: Policy) -> Policy {
        var other = policy
        other.distanceWeight = StageWeights(remand: 1.7, shortSentence: 0.3, training: 0.45, preRelease: 2.25, resettlement: 3)
        other.outOfHomeRegion = 37.5
        other.move = 123.25
        other.functionMismatch = 61
        other.overSecurityPerStep = 17.75
        other.unmetIntervention = 240
        other.crowdingAboveCNA = 55
        other.unplaced = 9_999
        return other
    }

    @Test func recostingGivesTheCostsOfBuildingUnderTheOtherPolicy() throws {
        let (estate, people) = Self.rich
        let built = Self.formulation(estate, people, .standard)
        // The instance has every kind of arc whose cost the role decides.
        let roles = built.roles
        #expect(roles.contains { if case .stay(_, false) = $0 { true } else { false } })
        #expect(roles.contains { if case .join = $0 { true } else { false } })
        #expect(roles.contains { if case .place(_, _, false, true) = $0 { true } else { false } })
        #expect(roles.contains { if case .place(_, _, false, false) = $0 { true } else { false } })
        #expect(roles.contains { if case .places = $0 { true } else { false } })
        #expect(roles.contains { if case .capacity(_, .crowded) = $0 { true } else { false } })
        #expect(roles.contains { if case .unplaced(_, true) = $0 { true } else { false } })

        let other = Self.otherWeights(.standard)
        let direct = Self.formulation(estate, people, other)
        let recosted = built.recosted(for: other)
        #expect(recosted.network.costs == direct.network.costs)
        #expect(recosted.network == direct.network)
        #expect(recosted.roles == direct.roles)
        #expect(recosted.network.costs != built.network.costs)
        // And back again.
        #expect(recosted.recosted(for: .standard).network == built.network)
    }

    /// The cost of each arc is what its role and route say, under the cost model: restated here from
    /// the arcs' heads (into a programme node: the priority need met; direct with it met: met if offered).
    @Test func eachArcCostsWhatItsRoleSays() throws {
        let (estate, people) = Self.rich
        let f = Self.formulation(estate, people, .standard)
        let model = f.cost
        func met(_ a: Int, _ e: Int, _ needMet: Bool) -> Bool? {
            needMet ? (Int(f.network.heads[a]) == f.establishmentNode[e] ? nil : true) : false
        }
        for (a, role) in f.roles.enumerated() {
            let cost = f.network.costs[a]
            switch role {
            case .join, .places, .typedPlaces, .capacity(_, .free), .arrivals, .stays: #expect(cost == 0)
            case .departuresGiveWay: #expect(cost > model.unplacedCost)
            case let .pairPlace(_, sharing): #expect(cost == (sharing ? model.policy.nonAssociations.sharingPrice : 0))
            case .capacity(_, .crowded): #expect(cost == model.crowdingCost)
            case .capacity(_, .reserved): #expect(cost == model.receptionReserveCost)
            case .capacity(_, .reservedCrowded): #expect(cost == model.crowdingCost + model.receptionReserveCost)
            case .unplaced: #expect(cost == model.unplacedCost)
            case let .stay(g, needMet):
                let group = f.groups[g]
                let e = group.current!
                #expect(cost == model.placement(f.profiles[group.profile], at: e, priorityNeedMet: met(a, e, needMet)).total)
            case let .place(t, e, needMet, reception):
                let placement = model.placement(f.profiles[t], at: e, priorityNeedMet: met(a, e, needMet)).total
                #expect(cost == placement + (reception ? 0 : model.moveCost), "arc \(a)")
            }
        }
    }

    /// The costing reads only a route's `needMet`, because a need met costs what a need met where offered costs.
    @Test(arguments: Array(0..<10))
    func aMetNeedCostsWhatANeedMetWhereOfferedCosts(seed: Int) {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(15_000 + seed), maxPeople: 20, maxPlaces: 6)
        let model = CostModel(estate: estate, geography: Fixture.geography, distances: Self.distances(estate, policy), policy: policy)
        for prisoner in people {
            let profile = Profile(prisoner, home: Fixture.geography.index(of: prisoner.home)!, policy: policy)
            for e in estate.establishments.indices {
                #expect(model.placement(profile, at: e, priorityNeedMet: true) == model.placement(profile, at: e, priorityNeedMet: nil))
            }
        }
    }

    // MARK: - Closing and capacity changes

    /// Closing an establishment, or changing its places, on the formulation's own arcs reaches the
    /// optimum of a formulation built on the changed estate.
    @Test(arguments: Array(0..<30))
    func capacityOperationsEqualBuildingTheChangedEstate(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(16_000 + seed), maxPeople: 30, maxPlaces: 5)
        let population = Population(prisoners: people)
        let f = Self.formulation(estate, people, policy)
        let context = ChangeContext(file: "t", geography: Fixture.geography, postcodeDistricts: [], population: population,
                                    policy: policy, checksStranded: false)
        func rebuiltOptimum(_ change: EstateChange) throws -> Int64 {
            let changed = try EstateChanges.apply([change], to: estate, context: context)
            return try Self.optimum(Self.formulation(changed, people, policy).network)
        }
        for (e, establishment) in estate.establishments.enumerated() where establishment.isAvailable {
            let code = establishment.code
            let close = EstateChange(kind: .close(code))
            #expect(f.network(applying: close) == f.network(closing: e))
            #expect(try Self.optimum(f.network(closing: e)) == rebuiltOptimum(close), "seed \(seed) close \(code)")
            let capacity = establishment.operationalCapacity, cna = establishment.cna
            for (newCapacity, newCNA) in [(capacity + 2, cna + 2), (capacity, max(0, cna - 1)), (max(0, capacity - 1), nil),
                                          (nil, 0), (capacity + 3, nil)] as [(Int?, Int?)] {
                let change = EstateChange(kind: .capacity(code, operationalCapacity: newCapacity, cna: newCNA))
                #expect(f.network(applying: change) == f.network(withCapacity: newCapacity, cna: newCNA, at: e))
                guard let network = f.network(withCapacity: newCapacity, cna: newCNA, at: e) else { continue }
                #expect(network.costs == f.network.costs && network.tails == f.network.tails)
                #expect(try Self.optimum(network) == rebuiltOptimum(change), "seed \(seed) \(code) \(String(describing: newCapacity)) \(String(describing: newCNA))")
            }
        }
    }

    /// Every establishment with a node has all four tranche arcs, so a capacity change refills them
    /// (an empty tranche has an arc with no places); one leaving no places is refused (a closure by the rules).
    @Test func aCapacityChangeRefillsTheTranches() throws {
        let estate = Estate(establishments: [
            Fixture.establishment("P0", categories: [.c], capacity: 4, cna: 4, near: 0),
            Fixture.establishment("P1", categories: [.c], capacity: 4, cna: 0, near: 1),
        ])
        let f = Self.formulation(estate, [Fixture.prisoner("A", current: "P0")], .standard)
        #expect(f.network.capacities[f.capacityArcs[0]![.crowded]] == 0 && f.network.capacities[f.capacityArcs[1]![.free]] == 0)
        let wider = try #require(f.network(withCapacity: 6, cna: nil, at: 0))
        #expect(wider.capacities[f.capacityArcs[0]![.crowded]] == Int64(f.cost.usableCapacity({ var e = estate.establishments[0]; e.operationalCapacity = 6; return e }()) - 4))
        #expect(wider.capacities[f.capacityArcs[0]![.free]] == 4)
        #expect(f.network(withCapacity: 0, cna: 0, at: 0) == nil)    // no places: a closure by the rules
        #expect(f.network(withCapacity: 3, cna: 3, at: 0) != nil)
        #expect(f.network(applying: EstateChange(kind: .rerole(PrisonCode("P0"), Rerole(functions: [.training])))) == nil)
    }
}
