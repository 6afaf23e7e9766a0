import HomewardCore
import LinearProgramming
import NetworkFlow
import Testing

/// The optimum by enumerating every assignment of people to establishments
/// (or to "unplaced"), with costs from the cost model's per-person definition
/// and capacities checked directly: no network, groups, hubs or tranches.
/// The week's oracle with an empty week (`bruteForceWeekOptimum`, WeekConstraintTests.swift), which
/// enumerates exactly this.
func bruteForceOptimum(_ estate: Estate, _ people: [Prisoner], _ policy: Policy) -> Int64 {
    bruteForceWeekOptimum(estate, people, policy, .none)
}

@Suite("Optimality")
struct OptimalityTests {
    @Test(arguments: 0..<150)
    func bruteForceAgreesWithTheNetworkSolver(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(seed), maxPeople: 6, maxPlaces: 4)
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        #expect(allocation.solution.objective == bruteForceOptimum(estate, people, policy))
        #expect(allocation.plan.objective == allocation.solution.objective, "placements' costs must add up to the objective")
    }

    @Test(arguments: 0..<60)
    func networkAndGLPKBackendsReachTheSameOptimum(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(1000 + seed), maxPeople: 40, maxPlaces: 7)
        let network = try Fixture.allocate(estate, people, policy: policy, solver: .network)
        let glpk = try Fixture.allocate(estate, people, policy: policy, solver: .glpk)
        #expect(network.solution.objective == glpk.solution.objective)
        #expect(network.formulation.network.violations(of: network.solution.flows).isEmpty)
        #expect(glpk.formulation.network.violations(of: glpk.solution.flows).isEmpty)
        // Zero duality gap from each solver's own duals.
        #expect(network.solution.dualObjective == network.solution.objective)
        #expect(glpk.solution.dualObjective == glpk.solution.objective)
        #expect(glpk.plan.objective == glpk.solution.objective)
    }

    @Test func instancesThatNeedTheUnplacedArcsAreSolvedByBothBackends() throws {
        var shortages = 0
        for seed in 0..<80 {
            let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(5000 + seed), maxPeople: 30, maxPlaces: 3)
            let network = try Fixture.allocate(estate, people, policy: policy, solver: .network)
            let glpk = try Fixture.allocate(estate, people, policy: policy, solver: .glpk)
            #expect(network.solution.objective == glpk.solution.objective)
            if network.plan.unplaced > 0 { shortages += 1 }
        }
        #expect(shortages >= 20, "the generator must exercise the unplaced arcs")
    }

    @Test(arguments: 0..<40)
    func aggregationIntoGroupsAndHubsChangesNothing(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(9000 + seed), maxPeople: 25, maxPlaces: 5)
        let grouped = try Fixture.allocate(estate, people, policy: policy)
        #expect(grouped.solution.objective == perPersonOptimum(estate, people, policy))
    }

    @Test(arguments: 0..<30)
    func everyoneIsPlacedOnceWithinCapacity(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(20_000 + seed), maxPeople: 30, maxPlaces: 5)
        let allocation = try Fixture.allocate(estate, people, policy: policy)
        let plan = allocation.plan
        #expect(plan.placements.count == people.count)
        #expect(Set(plan.placements.map(\.prisoner)).count == people.count)
        for (e, establishment) in estate.establishments.enumerated() {
            #expect(plan.occupancy[e] <= allocation.formulation.usableCapacity[e], "\(establishment.code) over capacity")
        }
    }

    @Test(arguments: 0..<10)
    func shufflingThePopulationChangesNothing(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(30_000 + seed), maxPeople: 30, maxPlaces: 5)
        let a = try Fixture.allocate(estate, people, policy: policy)
        let b = try Fixture.allocate(estate, people.reversed(), policy: policy)
        #expect(a.plan == b.plan)
        #expect(a.formulation.network == b.formulation.network)
    }
}

/// The optimum of a one-column-per-person transportation network built here,
/// independently of `Formulation`: person -> establishment arcs carry the whole
/// cost (placement plus move), with tranches and programme nodes of our own.
func perPersonOptimum(_ estate: Estate, _ people: [Prisoner], _ policy: Policy) -> Int64 {
    let geography = Fixture.geography
    let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
    let model = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
    var network = FlowNetwork(nodeCount: 0)
    let personNodes = people.map { _ in network.addNode(supply: 1) }
    let placeNodes = estate.establishments.map { _ in network.addNode() }
    var programme: [Int: [String: Int]] = [:]
    for (e, establishment) in estate.establishments.enumerated() {
        for offer in establishment.interventions where offer.places != nil {
            let node = network.addNode()
            programme[e, default: [:]][offer.name] = node
            network.addArc(from: node, to: placeNodes[e], cost: 0, capacity: Int64(offer.places!))
        }
    }
    let sink = network.addNode(supply: -Int64(people.count))
    for (i, person) in people.enumerated() {
        let profile = Profile(person, home: geography.index(of: person.home)!, policy: policy)
        let current = person.current.flatMap { estate.index(of: $0) }
        network.addArc(from: personNodes[i], to: sink, cost: model.unplacedCost, capacity: 1)
        func allowed(_ key: EligibilityKey, _ e: Int) -> Bool {
            let usable = model.usableCapacity(estate.establishments[e])
            return usable > 0 && estate.establishments[e].isAvailable
                && Rules.exclusions(key, at: estate.establishments[e], usableCapacity: usable, isCurrent: current == e,
                                    policy: policy).isEmpty
        }
        var key = profile.eligibilityKey
        if !key.mayTransfer && !(current.map { allowed(key, $0) } ?? false) { key.mayTransfer = true }
        for e in estate.establishments.indices {
            guard allowed(key, e) else { continue }
            let move = current != nil && current != e ? model.moveCost : 0
            if let need = profile.needs.first, let node = programme[e]?[need] {
                network.addArc(from: personNodes[i], to: node, cost: model.placement(profile, at: e, priorityNeedMet: true).total + move, capacity: 1)
                network.addArc(from: personNodes[i], to: placeNodes[e], cost: model.placement(profile, at: e, priorityNeedMet: false).total + move, capacity: 1)
            } else {
                network.addArc(from: personNodes[i], to: placeNodes[e], cost: model.placement(profile, at: e).total + move, capacity: 1)
            }
        }
    }
    let usable = estate.establishments.map { model.usableCapacity($0) }
    let reserve = Formulation.receptionReserve(estate: estate, population: Population(prisoners: people), policy: policy,
                                               usable: usable)
    // One arc per place: crowded from CNA up, reserved for the courts in the last `reserve` places.
    for (e, establishment) in estate.establishments.enumerated() where establishment.isAvailable {
        for place in 0..<max(0, usable[e]) {
            let cost = (place >= establishment.cna ? model.crowdingCost : 0)
                + (place >= usable[e] - reserve[e] ? model.receptionReserveCost : 0)
            network.addArc(from: placeNodes[e], to: sink, cost: cost, capacity: 1)
        }
    }
    let outcome = try! NetworkSimplex.solve(network)
    return outcome.solution!.cost
}
