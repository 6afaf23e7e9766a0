import LinearProgramming
@testable import NetworkFlow
import SeededRandom
import Testing

@Suite("Swift network simplex with warm starts")
struct WarmNetworkSimplexTests {
    // MARK: - Cold starts against LEMON

    @Test func smallNetworkHasItsKnownOptimum() throws {
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [4, 0, -4]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 3)
        network.addArc(from: 1, to: 2, cost: 2, capacity: 5)
        network.addArc(from: 0, to: 2, cost: 10, capacity: 5)
        let (outcome, basis) = try WarmNetworkSimplex.solve(network)
        let solution = try #require(outcome.solution)
        #expect(outcome.status == .optimal)
        #expect(solution.flows == [3, 3, 1])
        #expect(solution.cost == 19)
        #expect(solution.dualObjective(in: network) == 19)
        #expect(solution.slacknessViolations(in: network).isEmpty)
        #expect(basis?.fits(network) == true)
    }

    @Test(arguments: 0..<120)
    func coldStartMatchesLEMONOnAllocationNetworks(seed: Int) throws {
        let network = randomAllocationNetwork(seed: UInt64(seed), withUnplaced: seed % 3 != 0)
        try expectSameOptimum(network, start: .artificial)
    }

    @Test(arguments: 0..<150)
    func coldStartMatchesLEMONOnGeneralNetworks(seed: Int) throws {
        let negative: NegativeCosts = [.none, .acyclic, .anywhere][seed % 3]
        let network = randomGeneralNetwork(seed: UInt64(seed), negativeCosts: negative)
        try expectSameOptimum(network, start: .artificial)
    }

    @Test(arguments: 0..<60)
    func coldStartMatchesLEMONOnDegenerateNetworks(seed: Int) throws {
        let network = randomDegenerateNetwork(seed: UInt64(seed))
        try expectSameOptimum(network, start: .artificial)
    }

    @Test func infeasibleNetworkIsReportedNotThrown() throws {
        var network = FlowNetwork(nodeCount: 2)
        network.supplies = [5, -5]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 4)
        let (outcome, basis) = try WarmNetworkSimplex.solve(network)
        #expect(outcome.status == .infeasible)
        #expect(outcome.solution == nil)
        #expect(basis != nil)
    }

    @Test func disconnectedSupplyIsInfeasible() throws {
        var network = FlowNetwork(nodeCount: 4)
        network.supplies = [3, -3, 2, -2]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 5)
        network.addArc(from: 3, to: 2, cost: 1, capacity: 5)
        #expect(try WarmNetworkSimplex.solve(network).outcome.status == .infeasible)
        #expect(try NetworkSimplex.solve(network).status == .infeasible)
    }

    @Test func networksWithoutArcsOrWithIsolatedNodesSolve() throws {
        var single = FlowNetwork(nodeCount: 1)
        try expectSameOptimum(single, start: .artificial)
        single.addArc(from: 0, to: 0, cost: -3, capacity: 2)
        try expectSameOptimum(single, start: .artificial)

        var network = FlowNetwork(nodeCount: 6)
        network.supplies = [2, 0, 0, -2, 0, 0]
        network.addArc(from: 0, to: 3, cost: 4, capacity: 2)
        network.addArc(from: 0, to: 3, cost: 1, capacity: 0)
        network.addArc(from: 4, to: 4, cost: -7, capacity: 3)
        network.addArc(from: 1, to: 1, cost: 5, capacity: 3)
        try expectSameOptimum(network, start: .artificial)
        let solution = try #require(try WarmNetworkSimplex.solve(network).outcome.solution)
        #expect(solution.flows == [2, 0, 3, 0])
    }

    @Test(arguments: NetworkSimplexTests.badNetworks)
    func invalidNetworksAreRefusedLikeLEMON(_ testCase: NetworkSimplexTests.BadNetwork) {
        #expect(throws: NetworkFlowError.invalidNetwork(testCase.message)) {
            try WarmNetworkSimplex.solve(testCase.network)
        }
    }

    @Test func moreInvalidNetworksAreRefusedLikeLEMON() {
        var cases: [FlowNetwork] = []
        var n = FlowNetwork(nodeCount: 2)
        n.supplies = [1 << 41, -(1 << 41)]
        cases.append(n)
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 1, cost: 1, capacity: 1 << 41)
        cases.append(n)
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 1, cost: -(1 << 41), capacity: 1)
        cases.append(n)
        n = FlowNetwork(nodeCount: 2)
        n.addArc(from: 0, to: 1, cost: 1 << 40, capacity: 1 << 40)
        cases.append(n)
        n = FlowNetwork(nodeCount: 2)
        n.tails.append(0)
        cases.append(n)
        for network in cases {
            var lemon: NetworkFlowError?
            do { _ = try NetworkSimplex.solve(network) } catch { lemon = error }
            #expect(lemon != nil)
            #expect(throws: lemon!) { try WarmNetworkSimplex.solve(network) }
        }
    }

    @Test func startFlowOfTheWrongLengthIsRefused() {
        let network = randomAllocationNetwork(seed: 3, withUnplaced: true)
        #expect(throws: NetworkFlowError.invalidNetwork("the start flow has 2 values for \(network.arcCount) arcs")) {
            try WarmNetworkSimplex.solve(network, start: .flow([1, 2]))
        }
    }

    @Test func hugeCostsFallBackToLEMON() throws {
        // Valid for LEMON, but the sum of |cost| over arcs leaves no room for a big-M.
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [1, 0, -1]
        network.reserveArcs(530_001)
        for _ in 0..<530_000 {
            network.addArc(from: 0, to: 1, cost: 1 << 40, capacity: 1)
        }
        network.addArc(from: 1, to: 2, cost: 1, capacity: 1)
        let (outcome, basis) = try WarmNetworkSimplex.solve(network)
        #expect(basis == nil)
        #expect(outcome == (try NetworkSimplex.solve(network)))
        let expected: Int64 = (1 << 40) + 1
        #expect(outcome.solution?.cost == expected)
    }

    // MARK: - Warm starts from a basis

    /// Shifts about a fifth of the arc costs by up to ±60 (none below -20): the change a basis start must recover from.
    private func perturbCosts(_ network: inout FlowNetwork, _ random: inout SeededRandom) {
        for a in 0..<network.arcCount where random.chance(0.2) {
            network.costs[a] = max(-20, network.costs[a] + Int64(random.integer(in: -60...60)))
        }
    }

    @Test(arguments: 0..<80)
    func basisStartAfterCostChangesReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 1000)
        var network = mixedNetwork(seed: seed)
        let basis = try solvedBasis(network)
        perturbCosts(&network, &random)
        try expectSameOptimum(network, start: .basis(basis))
    }

    @Test(arguments: 0..<80)
    func basisStartAfterCapacityChangesReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 2000)
        var network = mixedNetwork(seed: seed)
        let basis = try solvedBasis(network)
        for a in 0..<network.arcCount where random.chance(0.25) {
            let capacity = network.capacities[a]
            network.capacities[a] = random.chance(0.5)
                ? capacity / 2 : capacity + Int64(random.integer(in: 0...5))
            if random.chance(0.05) { network.capacities[a] = 0 }
        }
        try expectSameOptimum(network, start: .basis(basis))
    }

    @Test(arguments: 0..<80)
    func basisStartAfterSupplyChangesReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 3000)
        var network = mixedNetwork(seed: seed)
        let basis = try solvedBasis(network)
        for _ in 0..<random.integer(in: 1...4) {
            let from = random.below(network.nodeCount), to = random.below(network.nodeCount)
            let amount = Int64(random.integer(in: 1...6))
            network.supplies[from] += amount
            network.supplies[to] -= amount
        }
        try expectSameOptimum(network, start: .basis(basis))
    }

    @Test(arguments: 0..<60)
    func basisStartAfterEverythingChangesReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 4000)
        let original = mixedNetwork(seed: seed)
        var basis = try solvedBasis(original)
        // A chain of warm starts, each from the previous basis.
        for _ in 0..<4 {
            var network = original
            for a in 0..<network.arcCount {
                if random.chance(0.3) { network.costs[a] += Int64(random.integer(in: -40...40)) }
                if random.chance(0.3) { network.capacities[a] = Int64(random.integer(in: 0...15)) }
            }
            for _ in 0..<random.integer(in: 0...5) {
                let from = random.below(network.nodeCount), to = random.below(network.nodeCount)
                let amount = Int64(random.integer(in: 1...9))
                network.supplies[from] += amount
                network.supplies[to] -= amount
            }
            let (_, next) = try expectSameOptimum(network, start: .basis(basis))
            basis = try #require(next)
        }
    }

    @Test func loopsAtTheirUpperBoundKeepTheBalanceInAWarmStart() throws {
        // A full loop leaves its node's balance alone (a bug once counted it twice).
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [3, 0, -3]
        network.addArc(from: 0, to: 1, cost: 2, capacity: 5)
        network.addArc(from: 1, to: 2, cost: 2, capacity: 5)
        network.addArc(from: 0, to: 0, cost: -4, capacity: 2)
        network.addArc(from: 1, to: 1, cost: -1, capacity: 7)
        network.addArc(from: 0, to: 2, cost: 5, capacity: 1)
        let basis = try solvedBasis(network)
        #expect(basis.arcStates[2] == ArcState.upper && basis.arcStates[3] == ArcState.upper)
        network.supplies = [5, -1, -4]
        try expectSameOptimum(network, start: .basis(basis))
        network.capacities[2] = 1
        try expectSameOptimum(network, start: .basis(basis))
        try expectSameOptimum(network, start: .flow([3, 3, 2, 7, 0]))
    }

    @Test func basisOfAnotherStructureFallsBackToAColdStart() throws {
        let first = randomAllocationNetwork(seed: 11, withUnplaced: true)
        let other = randomAllocationNetwork(seed: 12, withUnplaced: true)
        let basis = try solvedBasis(first)
        #expect(!basis.fits(other))
        try expectSameOptimum(other, start: .basis(basis))
    }

    @Test func basisOfAnInfeasibleSolveStartsAFeasibleOne() throws {
        var network = randomAllocationNetwork(seed: 5, withUnplaced: false)
        let capacities = network.capacities
        for a in 0..<network.arcCount { network.capacities[a] /= 3 }
        let (outcome, basis) = try WarmNetworkSimplex.solve(network)
        #expect(outcome.status == .infeasible)
        network.capacities = capacities
        try expectSameOptimum(network, start: .basis(try #require(basis)))
    }

    // MARK: - Warm starts from a flow

    @Test(arguments: 0..<80)
    func flowStartFromAFeasibleFlowReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 5000)
        let network = mixedNetwork(seed: seed)
        // The optimum under other costs is feasible but not optimal here.
        var shuffled = network
        for a in 0..<shuffled.arcCount { shuffled.costs[a] = Int64(random.integer(in: -10...200)) }
        guard let flow = try NetworkSimplex.solve(shuffled).solution?.flows else {
            // Same capacities and supplies: this one is infeasible too.
            let zero = [Int64](repeating: 0, count: network.arcCount)
            try expectSameOptimum(network, start: .flow(zero))
            return
        }
        try expectSameOptimum(network, start: .flow(flow))
    }

    @Test(arguments: 0..<60)
    func flowStartFromTheOptimumNeedsFewPivots(seed: Int) throws {
        let network = randomAllocationNetwork(seed: UInt64(seed), withUnplaced: true)
        guard let flow = try NetworkSimplex.solve(network).solution?.flows else { return }
        let (_, basis) = try expectSameOptimum(network, start: .flow(flow))
        let cold = try solvedBasis(network)
        #expect(try #require(basis).pivotCount <= cold.pivotCount)
    }

    @Test(arguments: 0..<80)
    func flowStartFromAnInfeasibleFlowReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 6000)
        let network = mixedNetwork(seed: seed)
        // Arbitrary values, some out of bounds: clamped, with imbalances.
        let flow = (0..<network.arcCount).map { _ in Int64(random.integer(in: -3...20)) }
        try expectSameOptimum(network, start: .flow(flow))
    }

    @Test(arguments: 0..<40)
    func flowStartFromAnAsIsAllocationReachesTheOptimum(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 7000)
        let network = randomAllocationNetwork(seed: UInt64(seed), withUnplaced: true)
        // Each group placed, unit by unit, on random arcs from it: a feasible
        // flow when capacities allow, and with tranche arcs filled in order.
        var flow = [Int64](repeating: 0, count: network.arcCount)
        var placed = [Int64](repeating: 0, count: network.nodeCount)
        let sink = network.nodeCount - 1
        for g in 0..<network.nodeCount where network.supplies[g] > 0 {
            let arcs = (0..<network.arcCount).filter { network.tails[$0] == Int32(g) }
            for _ in 0..<network.supplies[g] {
                let a = arcs[random.below(arcs.count)]
                let choice = flow[a] < network.capacities[a] ? a : arcs.first { flow[$0] < network.capacities[$0] }!
                flow[choice] += 1
                placed[Int(network.heads[choice])] += 1
            }
        }
        for p in 0..<sink where placed[p] > 0 {
            for a in 0..<network.arcCount where network.tails[a] == Int32(p) {
                let amount = min(placed[p], network.capacities[a])
                flow[a] = amount
                placed[p] -= amount
            }
        }
        try expectSameOptimum(network, start: .flow(flow))
    }

    // MARK: - Partial pricing (deferred arcs)

    @Test(arguments: 0..<100)
    func partialPricingFromColdMatchesLEMON(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 8000)
        let network: FlowNetwork
        switch seed % 3 {
        case 0: network = randomAllocationNetwork(seed: UInt64(seed), withUnplaced: seed % 2 == 0)
        case 1: network = randomGeneralNetwork(seed: UInt64(seed), negativeCosts: [.none, .acyclic, .anywhere][seed % 3])
        default: network = randomDegenerateNetwork(seed: UInt64(seed))
        }
        let share = [0.0, 0.3, 0.7, 1.0][seed % 4]
        let deferred = (0..<network.arcCount).map { _ in random.chance(share) }
        try expectSameOptimum(network, start: .artificial, deferring: deferred)
    }

    @Test(arguments: 0..<60)
    func partialPricingFromABasisMatchesLEMON(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 9000)
        var network = mixedNetwork(seed: seed)
        let basis = try solvedBasis(network)
        perturbCosts(&network, &random)
        for a in 0..<network.arcCount where random.chance(0.1) {
            network.capacities[a] = Int64(random.integer(in: 0...12))
        }
        let deferred = (0..<network.arcCount).map { _ in random.chance(0.6) }
        try expectSameOptimum(network, start: .basis(basis), deferring: deferred)
    }

    @Test(arguments: 0..<60)
    func partialPricingFromAFlowMatchesLEMON(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) &+ 9500)
        let network = mixedNetwork(seed: seed)
        let flow = (0..<network.arcCount).map { _ in random.chance(0.5) ? 0 : Int64(random.integer(in: -3...20)) }
        let deferred = (0..<network.arcCount).map { _ in random.chance(0.6) }
        try expectSameOptimum(network, start: .flow(flow), deferring: deferred)
    }

    @Test func aFeasibleRouteThatIsDeferredIsStillFound() throws {
        // The only route from 0 to 2 is deferred: the priced set alone is infeasible.
        var network = FlowNetwork(nodeCount: 3)
        network.supplies = [2, 0, -2]
        network.addArc(from: 0, to: 1, cost: 3, capacity: 2)
        network.addArc(from: 1, to: 2, cost: 4, capacity: 2)
        network.addArc(from: 0, to: 2, cost: 50, capacity: 1)
        let solved = try WarmNetworkSimplex.solve(network, deferring: [true, true, false])
        #expect(solved.outcome.status == .optimal)
        #expect(solved.outcome.solution?.flows == [2, 2, 0])
        #expect(solved.rounds >= 2)
        #expect(solved.deferredAtStart == 2)
        #expect(solved.neverAdmitted == 0)
    }

    @Test func deferredArcsThatNeverPriceNegativeAreNeverAdmitted() throws {
        var network = FlowNetwork(nodeCount: 2)
        network.supplies = [3, -3]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 5)
        network.addArc(from: 0, to: 1, cost: 9, capacity: 5)
        let solved = try WarmNetworkSimplex.solve(network, deferring: [false, true])
        #expect(solved.outcome.solution?.flows == [3, 0])
        #expect(solved.rounds == 1)
        #expect(solved.neverAdmitted == 1)
    }

    @Test func aDeferredMaskOfTheWrongLengthIsRefused() {
        let network = randomAllocationNetwork(seed: 4, withUnplaced: true)
        #expect(throws: NetworkFlowError.invalidNetwork("the deferred-arc mask has length 1, not the arc count \(network.arcCount)")) {
            try WarmNetworkSimplex.solve(network, deferring: [true])
        }
    }

    // MARK: - A workspace shared by a loop of solves

    @Test func solvesThatShareAWorkspaceGiveTheSameAnswersAsSolvesAlone() throws {
        // Networks of many sizes in turn, so that the workspace both re-uses and outgrows its arrays,
        // cold and from a basis, deferring arcs or not; some are infeasible.
        let workspace = SimplexWorkspace()
        #expect(workspace.capacity == (0, 0))
        var random = SeededRandom(seed: 4242)
        var largest = (arcs: 0, nodes: 0)
        for seed in 0..<90 {
            var network = mixedNetwork(seed: seed)
            let basis = try solvedBasis(network)
            perturbCosts(&network, &random)
            let deferred: [Bool]? = seed % 2 == 0 ? nil : (0..<network.arcCount).map { _ in random.chance(0.5) }
            for start in [WarmNetworkSimplex.Start.artificial, .basis(basis)] {
                let alone = try WarmNetworkSimplex.solve(network, start: start, deferring: deferred)
                let shared = try WarmNetworkSimplex.solve(network, start: start, deferring: deferred, workspace: workspace)
                #expect(shared.outcome == alone.outcome, "seed \(seed)")
                #expect(shared.basis?.arcStates == alone.basis?.arcStates, "seed \(seed)")
                #expect(shared.basis?.parentArcs == alone.basis?.parentArcs, "seed \(seed)")
                #expect(shared.basis?.pivotCount == alone.basis?.pivotCount, "seed \(seed)")
                #expect(shared.rounds == alone.rounds, "seed \(seed)")
            }
            // The workspace holds room for the largest network so far, and never shrinks.
            largest = (max(largest.arcs, network.arcCount + network.nodeCount), max(largest.nodes, network.nodeCount + 1))
            #expect(workspace.capacity.arcs >= largest.arcs && workspace.capacity.nodes >= largest.nodes)
        }
    }

    // MARK: - Helpers

    /// Solves `network` from `start` and LEMON cold, and checks that both
    /// agree and that the Swift solution is feasible and provably optimal.
    @discardableResult
    func expectSameOptimum(
        _ network: FlowNetwork, start: WarmNetworkSimplex.Start, deferring deferred: [Bool]? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (FlowOutcome, SpanningTreeBasis?) {
        let reference = try NetworkSimplex.solve(network)
        var stages: [WarmNetworkSimplex.Stage] = []
        let solved = try WarmNetworkSimplex.run(network, start: start, deferred: deferred, workspace: nil) { stage, engine in
            stages.append(stage)
            let problems = engine.inconsistencies()
            #expect(problems.isEmpty, "\(stage): \(problems.prefix(5))", sourceLocation: sourceLocation)
            // Deferred arcs wait empty, at their lower bound, out of the tree.
            for e in engine.searchArcCount..<engine.positiveArcCount {
                #expect(engine.flow[e] == 0 && engine.state[e] == ArcState.lower, "deferred arc \(e)", sourceLocation: sourceLocation)
            }
            if stage == .optimised {
                for e in engine.searchArcCount..<engine.positiveArcCount {
                    #expect(engine.reducedCost(e) >= 0, "deferred arc \(e) prices negative at the end", sourceLocation: sourceLocation)
                }
            }
        }
        let (outcome, basis) = (solved.outcome, solved.basis)
        let expected: [WarmNetworkSimplex.Stage]
        switch start {
        case .artificial: expected = [.startedCold, .optimised]
        case let .basis(old) where !old.fits(network): expected = [.startedCold, .optimised]
        default: expected = [.startedWarm, .optimised]
        }
        #expect(stages == expected, sourceLocation: sourceLocation)
        #expect(outcome.status == reference.status, sourceLocation: sourceLocation)
        #expect(basis?.fits(network) == true, sourceLocation: sourceLocation)
        if let basis { try expectValidTree(basis, sourceLocation: sourceLocation) }
        guard outcome.status == .optimal, let solution = outcome.solution else { return (outcome, basis) }
        #expect(solution.cost == reference.solution?.cost, sourceLocation: sourceLocation)
        #expect(network.violations(of: solution.flows).isEmpty, sourceLocation: sourceLocation)
        #expect(network.cost(of: solution.flows) == solution.cost, sourceLocation: sourceLocation)
        #expect(solution.dualObjective(in: network) == solution.cost, "duality gap", sourceLocation: sourceLocation)
        #expect(solution.slacknessViolations(in: network).isEmpty, sourceLocation: sourceLocation)
        return (outcome, basis)
    }

    /// The basis names one tree arc per node not hung from the root.
    func expectValidTree(_ basis: SpanningTreeBasis, sourceLocation: SourceLocation) throws {
        let treeArcs = basis.arcStates.filter { $0 == ArcState.tree }.count
        let hung = basis.parentArcs.filter { $0 >= 0 }.count
        #expect(treeArcs == hung, sourceLocation: sourceLocation)
        for arc in basis.parentArcs where arc >= 0 {
            #expect(basis.arcStates[Int(arc)] == ArcState.tree, sourceLocation: sourceLocation)
        }
    }

    func solvedBasis(_ network: FlowNetwork) throws -> SpanningTreeBasis {
        try #require(try WarmNetworkSimplex.solve(network).basis)
    }

    /// Allocation-shaped and general networks, alternately.
    func mixedNetwork(seed: Int) -> FlowNetwork {
        switch seed % 3 {
        case 0: return randomAllocationNetwork(seed: UInt64(seed), withUnplaced: seed % 2 == 0)
        case 1: return randomGeneralNetwork(seed: UInt64(seed), negativeCosts: .acyclic)
        default: return randomDegenerateNetwork(seed: UInt64(seed))
        }
    }
}

enum NegativeCosts {
    case none
    /// Only on arcs from a lower to a higher node, so no cycle is negative.
    case acyclic
    /// On any arc, so negative cycles may exist (and must be saturated).
    case anywhere
}

/// A random sparse network with some isolated nodes, zero-capacity arcs and
/// loops. Supplies come either from a random feasible flow or at random
/// (often infeasible).
func randomGeneralNetwork(seed: UInt64, negativeCosts: NegativeCosts) -> FlowNetwork {
    var random = SeededRandom(seed: seed &* 7919 &+ 17)
    let nodes = random.integer(in: 2...30)
    var network = FlowNetwork(nodeCount: nodes)
    let arcs = random.integer(in: 0...(nodes * 4))
    var flow: [Int64] = []
    for _ in 0..<arcs {
        let tail = random.below(nodes)
        var head = random.below(nodes)
        if head == tail && !random.chance(0.1) { head = (head + 1) % nodes }
        if tail == nodes - 1 || head == nodes - 1 { continue } // the last node stays isolated
        var cost = Int64(random.integer(in: 0...100))
        switch negativeCosts {
        case .none: break
        case .acyclic: if tail < head && random.chance(0.3) { cost = -cost }
        case .anywhere: if random.chance(0.2) { cost = -cost }
        }
        let capacity = random.chance(0.1) ? 0 : Int64(random.integer(in: 1...12))
        network.addArc(from: tail, to: head, cost: cost, capacity: capacity)
        flow.append(Int64(random.integer(in: 0...Int(capacity))))
    }
    if random.chance(0.6) {
        for a in 0..<network.arcCount {
            network.supplies[Int(network.tails[a])] += flow[a]
            network.supplies[Int(network.heads[a])] -= flow[a]
        }
    } else {
        for _ in 0..<random.integer(in: 1...6) {
            let from = random.below(nodes), to = random.below(nodes)
            let amount = Int64(random.integer(in: 1...10))
            network.supplies[from] += amount
            network.supplies[to] -= amount
        }
    }
    return network
}

/// A transportation network with few distinct costs and capacities equal to
/// supplies and demands, so that many optimal bases are degenerate.
func randomDegenerateNetwork(seed: UInt64) -> FlowNetwork {
    var random = SeededRandom(seed: seed &* 104_729 &+ 5)
    let sources = random.integer(in: 1...12), sinks = random.integer(in: 1...12)
    var network = FlowNetwork(nodeCount: sources + sinks + 1)
    var total: Int64 = 0
    for s in 0..<sources {
        let size = Int64(random.integer(in: 1...3)) * 2
        network.supplies[s] = size
        total += size
        for t in 0..<sinks where random.chance(0.7) {
            network.addArc(from: s, to: sources + t, cost: Int64(random.integer(in: 0...2)), capacity: size)
        }
    }
    // Demands as even as the total allows; the last sink takes the rest.
    var left = total
    for t in 0..<sinks {
        let demand = t == sinks - 1 ? left : min(left, total / Int64(sinks))
        network.supplies[sources + t] = -demand
        left -= demand
    }
    if random.chance(0.5) {
        // A costly overflow route through an extra node, sometimes unused.
        let spill = sources + sinks
        for s in 0..<sources { network.addArc(from: s, to: spill, cost: 5, capacity: network.supplies[s]) }
        for t in 0..<sinks { network.addArc(from: spill, to: sources + t, cost: 0, capacity: total) }
    }
    return network
}
