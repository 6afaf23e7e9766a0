import LinearProgramming
@testable import NetworkFlow
import SeededRandom
import Testing

/// A simplex kept between solves whose costs change (``RepricingNetworkSimplex``): every solve of a
/// session reaches LEMON's optimum of the network with that solve's costs, whatever came before.
@Suite("Network simplex kept between cost changes")
struct RepricingNetworkSimplexTests {
    let helper = WarmNetworkSimplexTests()

    /// Costs as a price search makes them: q times the base cost, plus p on a marked set of arcs;
    /// or, every other solve, a fifth of the costs shifted at random (as Lagrangian multipliers do).
    func costs(_ base: [Int64], step: Int, marked: [Bool], random: inout SeededRandom) -> [Int64] {
        if step % 2 == 0 {
            let q = Int64(random.integer(in: 1...9)), p = Int64(random.integer(in: -5...40))
            return base.indices.map { base[$0] * q + (marked[$0] ? p : 0) }
        }
        return base.map { random.chance(0.2) ? max(-20, $0 + Int64(random.integer(in: -60...60))) : $0 }
    }

    @Test(arguments: 0..<90)
    func everySolveOfASessionReachesLEMONsOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 12_000)
        let network = helper.mixedNetwork(seed: seed)
        let marked = (0..<network.arcCount).map { _ in random.chance(0.3) }
        let deferred = seed % 2 == 0 ? nil : (0..<network.arcCount).map { _ in random.chance(0.5) }
        guard let session = try RepricingNetworkSimplex(network, start: .artificial, deferring: deferred) else {
            Issue.record("a small network's costs fit the session")
            return
        }
        try expectOptimal(session, network)
        for step in 0..<6 {
            var changed = network
            changed.costs = costs(network.costs, step: step, marked: marked, random: &random)
            #expect(try session.reprice(changed.costs))
            try expectOptimal(session, changed)
        }
        #expect(session.basis?.fits(network) == true)
    }

    /// The session's answer is the optimum: its status and cost are LEMON's, its flows keep every bound and
    /// balance, and its potentials price every arc the right way (complementary slackness).
    func expectOptimal(_ session: RepricingNetworkSimplex, _ network: FlowNetwork,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reference = try NetworkSimplex.solve(network)
        #expect(session.feasible == (reference.status == .optimal), sourceLocation: sourceLocation)
        guard let solution = session.solution, let expected = reference.solution else { return }
        #expect(solution.cost == expected.cost, sourceLocation: sourceLocation)
        #expect(network.cost(of: solution.flows) == expected.cost, sourceLocation: sourceLocation)
        #expect(network.violations(of: solution.flows).isEmpty, sourceLocation: sourceLocation)
        #expect(solution.slacknessViolations(in: network).isEmpty, sourceLocation: sourceLocation)
    }

    @Test func costsTooLargeForTheSessionAreRefusedAndChangeNothing() throws {
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [2, 0, -2]
        network.addArc(from: 0, to: 1, cost: 3, capacity: 2)
        network.addArc(from: 1, to: 2, cost: 4, capacity: 2)
        network.addArc(from: 0, to: 2, cost: 50, capacity: 2)
        let session = try #require(try RepricingNetworkSimplex(network, start: .artificial, deferring: nil))
        #expect(session.solution?.cost == 14)
        #expect(try session.reprice([1 << 50, 4, 50]) == false)
        #expect(session.network.costs == network.costs)
        #expect(throws: NetworkFlowError.self) { try session.reprice([1, 2]) }
        #expect(try session.reprice([30, 30, 50]))
        #expect(session.solution?.flows == [0, 0, 2])
    }
}
