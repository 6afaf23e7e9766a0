import Foundation
import HomewardCore
@testable import HomewardModel
import LinearProgramming
import NetworkFlow
import SeededRandom
import Testing

/// The tie-break of an estate comparison chooses among the changed estate's optimal allocations from the optimal
/// face alone, so that a solve started from the estate as it is, a cold solve and another solver's optimum all
/// give the same plan (issue #24: what-if in a second, with the command line's bytes).
@Suite("The tie-break chooses the same plan from any optimum")
struct TieBreakTests {
    /// A random change of a random small estate: a closure, a capacity change or a re-role.
    static func changed(_ estate: Estate, _ random: inout SeededRandom) -> Estate {
        var establishments = estate.establishments
        let k = random.below(establishments.count)
        switch random.below(3) {
        case 0: establishments[k].isClosed = true
        case 1:
            establishments[k].operationalCapacity = random.integer(in: 0...6)
            establishments[k].cna = random.integer(in: 0...establishments[k].operationalCapacity)
        default:
            let functions: [Functions] = [[.reception], [.training], [.resettlement], [.reception, .training]]
            establishments[k].functions = functions[random.below(functions.count)]
        }
        return Estate(establishments: establishments)
    }

    /// People per arc agreeing with `reference`: what the tie-break maximises.
    static func agreement(_ flows: [Int64], _ reference: [Int64], _ network: FlowNetwork) -> Int64 {
        zip(flows.indices, reference).reduce(0) { $0 + min(flows[$1.0], max(0, min($1.1, network.capacities[$1.0]))) }
    }

    /// The lexicographic optimum by another road: one min-cost flow of the whole network in which each arc's
    /// people matching the reference earn 1 and every cost is scaled by more than anyone could earn (LEMON).
    static func lexicographic(_ network: FlowNetwork, reference: [Int64]) throws -> (cost: Int64, agreement: Int64) {
        let scale = network.supplies.reduce(0) { $0 + max(0, $1) } + 1
        var scaled = FlowNetwork(nodeCount: network.nodeCount)
        scaled.supplies = network.supplies
        var owner: [Int] = []
        for a in 0..<network.arcCount {
            let keep = max(0, min(reference[a], network.capacities[a]))
            let (tail, head) = (Int(network.tails[a]), Int(network.heads[a]))
            scaled.addArc(from: tail, to: head, cost: network.costs[a] * scale - 1, capacity: keep)
            scaled.addArc(from: tail, to: head, cost: network.costs[a] * scale, capacity: network.capacities[a] - keep)
            owner += [a, a]
        }
        let solution = try #require(try NetworkSimplex.solve(scaled).solution)
        var flows = [Int64](repeating: 0, count: network.arcCount)
        for (k, a) in owner.enumerated() { flows[a] += solution.flows[k] }
        return (network.cost(of: flows), agreement(flows, reference, network))
    }

    /// The changed estate solved cold with Homeward's simplex (as the command does), cold with LEMON, and from
    /// the basis of the estate as it is (as the server does): the same flows and the same plan, with the optimal
    /// cost and the most agreement with the estate as it is that any optimal flow has (checked against a scaled
    /// single solve). The estate as it is is allocated once, as the command and the server both do.
    @Test(arguments: Array(0..<60))
    func everyOptimumGivesTheSamePlan(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(24_000 + seed))
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(24_000 + seed), maxPeople: 40, maxPlaces: 6)
        let after = Self.changed(estate, &random)
        let population = Population(prisoners: people)
        let geography = Fixture.geography
        func distances(_ e: Estate) -> DistanceTable { DistanceTable(geography: geography, estate: e, circuityFactor: policy.circuityFactor) }
        let network = try EstateComparison(before: (estate, distances(estate)), after: (after, distances(after)), geography: geography,
                                           population: population, policy: policy, solver: .network)
        let base = try EstateComparison.Base(estate: estate, distances: distances(estate), geography: geography,
                                             population: population, policy: policy)
        #expect(base.allocation.plan == network.before.plan)
        func kept(_ solver: SolverKind?, fromBasis: Bool) throws -> EstateComparison {
            try EstateComparison(base: base, after: (after, distances(after)), geography: geography, population: population,
                                 policy: policy, solver: solver, fromBasis: fromBasis)
        }
        for other in [try kept(.lemon, fromBasis: false), try kept(nil, fromBasis: true), try kept(nil, fromBasis: false)] {
            #expect(other.after.solution.objective == network.after.solution.objective)
            #expect(other.after.solution.flows == network.after.solution.flows)
            #expect(other.after.plan == network.after.plan)
        }

        let f = network.after.formulation
        let preferred: [Int?] = network.before.plan.placements.map { p in p.destination.flatMap { after.index(of: estate.establishments[$0].code) } }
        let reference = f.referenceFlows(destinations: preferred)
        let best = try Self.lexicographic(f.network, reference: reference)
        #expect(f.network.cost(of: network.after.solution.flows) == best.cost)
        #expect(Self.agreement(network.after.solution.flows, reference, f.network) == best.agreement)
        #expect(f.network.violations(of: network.after.solution.flows).isEmpty)
    }

    /// The optimal face read from two different optima (Homeward's simplex and LEMON's) is the same: the same
    /// free arcs, and the same flow on every other arc.
    @Test(arguments: Array(0..<40))
    func theOptimalFaceDoesNotDependOnTheOptimum(seed: Int) throws {
        let (estate, people, policy) = Fixture.randomInstance(seed: UInt64(25_000 + seed), maxPeople: 40, maxPlaces: 6)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let f = Formulation(estate: estate, geography: Fixture.geography, population: Population(prisoners: people),
                            policy: policy, distances: distances)
        let one = try AllocationSolver.solve(f, with: .network).optimal("network")
        let other = try AllocationSolver.solve(f, with: .lemon).optimal("LEMON")
        let pi = try #require(one.potentials), sigma = try #require(other.potentials)
        #expect(AllocationSolver.complementary(f.network, flows: one.flows, potentials: pi))
        #expect(AllocationSolver.complementary(f.network, flows: other.flows, potentials: sigma))
        // Any optimal potentials prove any optimal flow optimal.
        #expect(AllocationSolver.complementary(f.network, flows: other.flows, potentials: pi))
        let face = AllocationSolver.optimalFace(f.network, flows: one.flows, potentials: pi)
        #expect(face == AllocationSolver.optimalFace(f.network, flows: other.flows, potentials: sigma))
        for a in 0..<f.network.arcCount where !face[a] { #expect(one.flows[a] == other.flows[a], "arc \(a) is fixed on the face") }
    }

    /// Tarjan's components on a small graph worked out by hand: 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3, 5 alone.
    @Test func stronglyConnectedComponentsOfASmallGraph() {
        let arcs: [(Int, Int)] = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3)]
        var offsets = [Int32](repeating: 0, count: 7)
        for (u, _) in arcs { offsets[u + 1] += 1 }
        for v in 0..<6 { offsets[v + 1] += offsets[v] }
        var fill = offsets, targets = [Int32](repeating: 0, count: arcs.count)
        for (u, v) in arcs { targets[Int(fill[u])] = Int32(v); fill[u] += 1 }
        let c = AllocationSolver.stronglyConnectedComponents(nodeCount: 6, offsets: offsets, targets: targets)
        #expect(c[0] == c[1] && c[1] == c[2])
        #expect(c[3] == c[4])
        #expect(Set([c[0], c[3], c[5]]).count == 3)
    }
}
