import HomewardCore
import LinearProgramming
import NetworkFlow
import Testing

/// The optimum by enumerating every assignment of people to establishments
/// (or to "unplaced"), with costs from the cost model's per-person definition
/// and capacities checked directly: no network, groups, hubs or tranches.
func bruteForceOptimum(_ estate: Estate, _ people: [Prisoner], _ policy: Policy) -> Int64 {
    let geography = Fixture.geography
    let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
    let model = CostModel(estate: estate, geography: geography, distances: distances, policy: policy)
    let usable = estate.establishments.map { model.usableCapacity($0) }
    let profiles = people.map { Profile($0, home: geography.index(of: $0.home)!, policy: policy) }
    let currents = people.map { $0.current.flatMap { estate.index(of: $0) } }
    var options: [[Int?]] = []
    // The places each reception prison keeps for the courts (a data rule, not an optimisation).
    let reserve = Formulation.receptionReserve(estate: estate, population: Population(prisoners: people), policy: policy,
                                               usable: usable)
    func allowed(_ key: EligibilityKey, _ i: Int, _ e: Int) -> Bool {
        usable[e] > 0 && estate.establishments[e].isAvailable
            && Rules.exclusions(key, at: estate.establishments[e], usableCapacity: usable[e], isCurrent: currents[i] == e,
                                policy: policy).isEmpty
    }
    for (i, profile) in profiles.enumerated() {
        var key = profile.eligibilityKey
        // The rule against transfers near release gives way when the person cannot stay where they are.
        if !key.mayTransfer && !(currents[i].map { allowed(key, i, $0) } ?? false) { key.mayTransfer = true }
        var list: [Int?] = [nil]
        for e in estate.establishments.indices where allowed(key, i, e) {
            list.append(e)
        }
        options.append(list)
    }
    var best = Int64.max
    var choice = [Int](repeating: 0, count: people.count)
    while true {
        var occupancy = [Int](repeating: 0, count: estate.count)
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
            if currents[i] != nil && currents[i] != e { total += model.moveCost }
            if let need = profiles[i].needs.first, estate.establishments[e].offer(of: need)?.places != nil {
                limited[e, default: [:]][need, default: []].append(i)
            } else {
                total += model.placement(profiles[i], at: e).total
            }
        }
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
