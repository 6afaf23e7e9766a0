import GLPK
import LinearProgramming
import NetworkFlow
import SeededRandom
import Testing

@Suite("LEMON network simplex")
struct NetworkSimplexTests {
    @Test func smallNetworkHasItsKnownOptimum() throws {
        // 4 units from s to t: path s-a-t costs 3 per unit but carries at most 3; direct costs 10.
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [4, 0, -4]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 3)
        network.addArc(from: 1, to: 2, cost: 2, capacity: 5)
        network.addArc(from: 0, to: 2, cost: 10, capacity: 5)
        let outcome = try NetworkSimplex.solve(network)
        let solution = try #require(outcome.solution)
        #expect(outcome.status == .optimal)
        #expect(solution.flows == [3, 3, 1])
        #expect(solution.cost == 19)
        #expect(solution.dualObjective(in: network) == 19)
        #expect(solution.slacknessViolations(in: network).isEmpty)
    }

    @Test func infeasibleNetworkIsReported() throws {
        var network = FlowNetwork(nodeCount: 2)
        network.supplies = [5, -5]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 4)
        #expect(try NetworkSimplex.solve(network).status == .infeasible)
    }

    @Test(arguments: 0..<40)
    func networkAndGLPKAgreeOnRandomTransportationNetworks(seed: Int) throws {
        let network = randomAllocationNetwork(seed: UInt64(seed), withUnplaced: seed % 3 != 0)
        let flow = try NetworkSimplex.solve(network)
        let program = network.linearProgram(name: "t", omittedNode: network.nodeCount - 1,
                                             nodeName: { "n\($0)" }, arcName: { "a\($0)" })
        let lp = try GLPK.solve(program, options: .coldFromSlackBasis)
        switch flow.status {
        case .optimal:
            let solution = try #require(flow.solution)
            #expect(lp.termination == .optimal)
            #expect(network.violations(of: solution.flows).isEmpty)
            #expect(network.cost(of: solution.flows) == solution.cost)
            #expect(solution.dualObjective(in: network) == solution.cost, "duality gap")
            #expect(solution.slacknessViolations(in: network).isEmpty)
            let objective = try #require(lp.solution?.objective)
            #expect(objective == Double(solution.cost))
        case .infeasible:
            #expect(lp.termination == .infeasible)
        case .unbounded:
            Issue.record("finite capacities cannot be unbounded")
        }
    }

    struct BadNetwork: Sendable, CustomTestStringConvertible {
        var label: String
        var network: FlowNetwork
        var message: String
        var testDescription: String { label }
    }

    static let badNetworks: [BadNetwork] = {
        var cases: [BadNetwork] = []
        cases.append(.init(label: "no nodes", network: FlowNetwork(nodeCount: 0), message: "the network has no nodes"))
        var n = FlowNetwork(nodeCount: 2)
        n.supplies = [1, 0]
        cases.append(.init(label: "unbalanced", network: n, message: "supplies sum to 1, not zero"))
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 2, cost: 1, capacity: 1)
        cases.append(.init(label: "arc end out of range", network: n, message: "arc 0 joins nodes 0 and 2, outside 0..<2"))
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 1, cost: 1, capacity: -1)
        cases.append(.init(label: "negative capacity", network: n, message: "arc 0 has negative capacity -1"))
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 1, cost: 1 << 41, capacity: 1)
        cases.append(.init(label: "huge cost", network: n, message: "an arc cost is too large"))
        n = FlowNetwork(nodeCount: 2)
        n.supplies = [1 << 39, -(1 << 39)]
        n.addArc(from: 0, to: 1, cost: 1 << 39, capacity: 1 << 39)
        cases.append(.init(label: "overflowing objective", network: n,
                           message: "costs times capacities could overflow 64-bit arithmetic"))
        return cases
    }()

    @Test(arguments: badNetworks)
    func invalidNetworksAreRefusedWithAReason(_ testCase: BadNetwork) {
        #expect(throws: NetworkFlowError.invalidNetwork(testCase.message)) {
            try NetworkSimplex.solve(testCase.network)
        }
    }
}

/// A random allocation-shaped network: groups -> establishments -> sink,
/// groups -> sink at a high "unplaced" cost, and capacities that are
/// sometimes too small, so that some instances need the unplaced arcs and,
/// without them, some are infeasible. The sink is the last node.
func randomAllocationNetwork(seed: UInt64, withUnplaced: Bool) -> FlowNetwork {
    var random = SeededRandom(seed: seed)
    let groups = random.integer(in: 2...25)
    let places = random.integer(in: 1...8)
    var network = FlowNetwork(nodeCount: groups + places + 1)
    let sink = groups + places
    var total: Int64 = 0
    for g in 0..<groups {
        let size = Int64(random.integer(in: 1...12))
        network.supplies[g] = size
        total += size
        for p in 0..<places where random.chance(0.6) {
            network.addArc(from: g, to: groups + p, cost: Int64(random.integer(in: 0...500)), capacity: size)
        }
        if withUnplaced {
            network.addArc(from: g, to: sink, cost: 100_000, capacity: size)
        }
    }
    network.supplies[sink] = -total
    let slack = 0.6 + random.uniform() * 0.7
    for p in 0..<places {
        let capacity = Int64(Double(total) * slack / Double(places)) + 1
        let cna = capacity * 3 / 4
        network.addArc(from: groups + p, to: sink, cost: 0, capacity: cna)
        network.addArc(from: groups + p, to: sink, cost: Int64(random.integer(in: 10...60)), capacity: capacity - cna)
    }
    return network
}
