import CLemon
import LinearProgramming

/// The outcome of a minimum-cost flow solve.
public enum FlowStatus: Sendable, Equatable, CustomStringConvertible {
    case optimal
    /// No flow meets every supply within the capacities.
    case infeasible
    /// The cost is unbounded below.
    case unbounded

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        }
    }
}

/// An optimal flow with its node potentials.
public struct FlowSolution: Sendable, Equatable {
    /// Flow on each arc.
    public var flows: [Int64]
    /// Node potentials π, with reduced cost `cost[a] + π[tail] - π[head]`:
    /// >= 0 on every arc below capacity, <= 0 on every arc with positive flow.
    public var potentials: [Int64]
    /// The total cost.
    public var cost: Int64

    public init(flows: [Int64], potentials: [Int64], cost: Int64) {
        self.flows = flows
        self.potentials = potentials
        self.cost = cost
    }
}

/// What a network solve produced.
public struct FlowOutcome: Sendable, Equatable {
    public var status: FlowStatus
    /// Present when `status` is `.optimal`.
    public var solution: FlowSolution?
}

/// Why the network solver refused to run or failed.
public enum NetworkFlowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The network was refused before solving.
    case invalidNetwork(String)
    /// LEMON failed (out of memory or an internal exception, caught in C++).
    case solverFailure(String)

    public var description: String {
        switch self {
        case let .invalidNetwork(reason): return "invalid network: \(reason)"
        case let .solverFailure(reason): return "network solver failure: \(reason)"
        }
    }
}

/// LEMON's primal network simplex (block-search pivoting), through a pure-C shim.
public enum NetworkSimplex {
    /// Solves the minimum-cost flow problem `network`.
    /// - Parameter network: nodes, supplies and arcs; supplies must sum to zero.
    /// - Returns: the status and, when optimal, flows and potentials.
    /// - Throws: ``NetworkFlowError`` if the network is invalid or LEMON fails.
    public static func solve(_ network: FlowNetwork) throws(NetworkFlowError) -> FlowOutcome {
        try validate(network)
        let arcCount = network.arcCount
        let nodeCount = network.nodeCount
        var flows = [Int64](repeating: 0, count: arcCount)
        var potentials = [Int64](repeating: 0, count: nodeCount)
        var total: Int64 = 0
        var message = [CChar](repeating: 0, count: 256)
        let code = network.tails.withUnsafeBufferPointer { tails in
            network.heads.withUnsafeBufferPointer { heads in
                network.costs.withUnsafeBufferPointer { costs in
                    network.capacities.withUnsafeBufferPointer { capacities in
                        network.supplies.withUnsafeBufferPointer { supplies in
                            flows.withUnsafeMutableBufferPointer { flowOut in
                                potentials.withUnsafeMutableBufferPointer { potentialOut in
                                    message.withUnsafeMutableBufferPointer { text in
                                        hw_mcf_solve(
                                            Int32(nodeCount), Int32(arcCount),
                                            tails.baseAddress, heads.baseAddress,
                                            costs.baseAddress, capacities.baseAddress, supplies.baseAddress,
                                            flowOut.baseAddress, potentialOut.baseAddress, &total,
                                            text.baseAddress, text.count)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let reason = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        switch code {
        case HW_MCF_OPTIMAL:
            return FlowOutcome(status: .optimal, solution: FlowSolution(flows: flows, potentials: potentials, cost: total))
        case HW_MCF_INFEASIBLE:
            return FlowOutcome(status: .infeasible, solution: nil)
        case HW_MCF_UNBOUNDED:
            return FlowOutcome(status: .unbounded, solution: nil)
        case HW_MCF_BAD_INPUT:
            throw .invalidNetwork(reason)
        default:
            throw .solverFailure(reason)
        }
    }

    /// The checks the C shim also makes, done first in Swift for clear messages.
    static func validate(_ network: FlowNetwork) throws(NetworkFlowError) {
        let nodeCount = network.nodeCount
        guard nodeCount >= 1 else { throw .invalidNetwork("the network has no nodes") }
        guard nodeCount < Int(Int32.max), network.arcCount < Int(Int32.max) else {
            throw .invalidNetwork("the network is too large for 32-bit indices")
        }
        guard network.heads.count == network.arcCount, network.costs.count == network.arcCount,
              network.capacities.count == network.arcCount else {
            throw .invalidNetwork("arc arrays differ in length")
        }
        var balance: Int64 = 0
        for supply in network.supplies {
            let (sum, overflow) = balance.addingReportingOverflow(supply)
            guard !overflow else { throw .invalidNetwork("supplies overflow") }
            balance = sum
        }
        guard balance == 0 else { throw .invalidNetwork("supplies sum to \(balance), not zero") }
        for a in 0..<network.arcCount {
            let tail = Int(network.tails[a]), head = Int(network.heads[a])
            guard tail >= 0, tail < nodeCount, head >= 0, head < nodeCount else {
                throw .invalidNetwork("arc \(a) joins nodes \(tail) and \(head), outside 0..<\(nodeCount)")
            }
            guard network.capacities[a] >= 0 else {
                throw .invalidNetwork("arc \(a) has negative capacity \(network.capacities[a])")
            }
        }
    }
}
