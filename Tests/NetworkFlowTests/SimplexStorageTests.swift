import LinearProgramming
@testable import NetworkFlow
import SeededRandom
import Testing

@Suite("Simplex storage and workspaces")
struct SimplexStorageTests {
    /// Arrays a ``SimplexEngine`` takes from its storage.
    static let engineArrays = 18

    @Test func aWorkspaceServingNetworksThatGrowAndShrinkGivesTheAnswersOfFreshSolves() throws {
        // Large, small, larger, small again: the workspace re-uses arrays that
        // hold what a larger network left, and reallocates when it outgrows them.
        let workspace = SimplexWorkspace()
        var random = SeededRandom(seed: 77)
        let sizes = [(40, 8), (3, 2), (60, 10), (2, 1), (25, 5), (70, 12), (5, 3)]
        for (k, (groups, places)) in sizes.enumerated() {
            let network = transportationNetwork(groups: groups, places: places, seed: UInt64(k))
            let basis = try #require(try WarmNetworkSimplex.solve(network).basis)
            var changed = network
            for a in 0..<changed.arcCount where random.chance(0.3) {
                changed.costs[a] = max(0, changed.costs[a] + Int64(random.integer(in: -80...80)))
            }
            let flow = (0..<changed.arcCount).map { _ in Int64(random.integer(in: -1...6)) }
            let deferred = (0..<changed.arcCount).map { _ in random.chance(0.5) }
            for start in [WarmNetworkSimplex.Start.artificial, .basis(basis), .flow(flow)] {
                for mask in [nil, deferred] {
                    let alone = try WarmNetworkSimplex.solve(changed, start: start, deferring: mask)
                    let shared = try WarmNetworkSimplex.solve(changed, start: start, deferring: mask, workspace: workspace)
                    #expect(shared.outcome == alone.outcome, "network \(k)")
                    #expect(shared.basis?.arcStates == alone.basis?.arcStates, "network \(k)")
                    #expect(shared.basis?.parentArcs == alone.basis?.parentArcs, "network \(k)")
                    #expect(shared.basis?.pivotCount == alone.basis?.pivotCount, "network \(k)")
                    #expect(shared.rounds == alone.rounds && shared.neverAdmitted == alone.neverAdmitted, "network \(k)")
                }
            }
        }
    }

    #if DEBUG
    @Test func aSolveWithoutAWorkspaceFreesItsArrays() throws {
        let census = StorageCensus()
        let network = transportationNetwork(groups: 30, places: 6, seed: 1)
        let deferred = (0..<network.arcCount).map { $0 % 2 == 0 }
        try StorageCensus.$current.withValue(census) {
            _ = try WarmNetworkSimplex.solve(network)
            #expect(census.storagesLive == 0 && census.arraysLive == 0)
            _ = try WarmNetworkSimplex.solve(network, start: .flow([Int64](repeating: 1, count: network.arcCount)),
                                             deferring: deferred)
        }
        #expect(census.storagesMade == 2)
        #expect(census.arraysMade == 2 * Self.engineArrays)
        #expect(census.storagesLive == 0)
        #expect(census.arraysLive == 0)
    }

    @Test func aWorkspaceKeepsItsArraysUntilItOutgrowsThemOrGoes() throws {
        let census = StorageCensus()
        let small = transportationNetwork(groups: 10, places: 3, seed: 2)
        let large = transportationNetwork(groups: 50, places: 8, seed: 3)
        try StorageCensus.$current.withValue(census) {
            var workspace: SimplexWorkspace? = SimplexWorkspace()
            #expect(census.storagesLive == 1 && census.arraysMade == 0)
            for _ in 0..<3 {
                _ = try WarmNetworkSimplex.solve(small, deferring: nil, workspace: workspace)
            }
            #expect(census.arraysMade == Self.engineArrays && census.arraysLive == Self.engineArrays)
            // Outgrown: the old arrays are freed as the new ones are made.
            _ = try WarmNetworkSimplex.solve(large, deferring: nil, workspace: workspace)
            #expect(census.arraysMade == 2 * Self.engineArrays && census.arraysLive == Self.engineArrays)
            // A smaller network fits what the workspace holds.
            _ = try WarmNetworkSimplex.solve(small, deferring: nil, workspace: workspace)
            #expect(census.arraysMade == 2 * Self.engineArrays)
            workspace = nil
            #expect(census.storagesLive == 0 && census.arraysLive == 0)
        }
        #expect(census.storagesMade == 1)
    }

    @Test func aStorageHandsBackItsArraysAndReplacesOnesTakenForAnotherUse() {
        let census = StorageCensus()
        StorageCensus.$current.withValue(census) {
            var storage = SimplexStorage(headroom: true)
            storage.reserve(arcSlots: 80, nodeSlots: 16)
            #expect(storage.arcSlots == 90 && storage.nodeSlots == 18)
            let arcs: UnsafeMutablePointer<Int64> = storage.take(.arcSlots)
            let nodes: UnsafeMutablePointer<Int32> = storage.take(.nodeSlots)
            arcs[89] = 7
            nodes[17] = 8
            // Room enough: the same arrays, in the same order, holding what they held.
            storage.reserve(arcSlots: 85, nodeSlots: 10)
            let arcsAgain: UnsafeMutablePointer<Int64> = storage.take(.arcSlots)
            #expect(arcsAgain == arcs && arcsAgain[89] == 7)
            // Taken for another use: a new array in its place.
            let other: UnsafeMutablePointer<Int8> = storage.take(.nodeSlotsAndOne)
            other[18] = 1
            #expect(census.arraysMade == 3 && census.arraysLive == 2)
            // Outgrown: everything freed, then made again as taken.
            storage.reserve(arcSlots: 91, nodeSlots: 10)
            #expect(storage.arcSlots == 102 && storage.nodeSlots == 18)
            #expect(census.arraysLive == 0)
            let grown: UnsafeMutablePointer<Int64> = storage.take(.arcSlots)
            grown[101] = 1
            #expect(census.arraysMade == 4 && census.arraysLive == 1)
        }
        #expect(census.storagesMade == 1 && census.storagesLive == 0 && census.arraysLive == 0)
    }
    #endif

    /// Groups (supply 1 to 9) to places, every pair joined, and an unplaced
    /// route from each group to the sink, so that every network is feasible.
    func transportationNetwork(groups: Int, places: Int, seed: UInt64) -> FlowNetwork {
        var random = SeededRandom(seed: seed &+ 31)
        var network = FlowNetwork(nodeCount: groups + places + 1)
        let sink = groups + places
        var total: Int64 = 0
        for g in 0..<groups {
            let size = Int64(random.integer(in: 1...9))
            network.supplies[g] = size
            total += size
            for p in 0..<places {
                network.addArc(from: g, to: groups + p, cost: Int64(random.integer(in: 0...300)), capacity: size)
            }
            network.addArc(from: g, to: sink, cost: 10_000, capacity: size)
        }
        network.supplies[sink] = -total
        for p in 0..<places {
            network.addArc(from: groups + p, to: sink, cost: Int64(random.integer(in: 0...40)),
                           capacity: total / Int64(places) + 1)
        }
        return network
    }
}
