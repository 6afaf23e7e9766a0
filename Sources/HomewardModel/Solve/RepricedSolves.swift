import LinearProgramming
internal import NetworkFlow

/// Solves of one formulation's network under costs that change from solve to
/// solve (the moves limit's price per transfer, the Lagrangian multipliers on
/// non-associations), on a ``RepricingNetworkSimplex`` kept from solve to
/// solve. Where its 64-bit arithmetic cannot take the costs, a solve goes
/// through ``WarmNetworkSimplex`` from the last tree instead (and hands
/// absurdly large costs on to LEMON), so every solve is answered.
final class RepricedSolves {
    let network: FlowNetwork
    let deferred: [Bool]
    private var start: WarmNetworkSimplex.Start
    private let workspace: SimplexWorkspace?
    private var session: RepricingNetworkSimplex?
    private var basis: SpanningTreeBasis?
    /// Pivots over every solve.
    private(set) var pivots = 0

    /// - Parameters:
    ///   - f: the formulation, whose network gives the structure and the arcs deferred in pricing.
    ///   - start: where the first solve starts.
    ///   - workspace: arrays to use; nothing else may use them while this lives.
    init(_ f: Formulation, start: WarmNetworkSimplex.Start, workspace: SimplexWorkspace?) {
        network = f.network
        deferred = HomewardSimplexBackend.deferredArcs(f)
        self.start = start
        self.workspace = workspace
    }

    /// The last tree, for a later warm start.
    var lastBasis: SpanningTreeBasis? { session?.basis ?? basis }

    /// The optimum of the network with `costs` (one per arc), or nil if it has no feasible flow.
    /// - Throws: ``AllocationError/solver(_:)`` if the simplex refuses the network.
    func solve(_ costs: [Int64]) throws(AllocationError) -> FlowSolution? {
        do {
            let before = session?.pivotCount ?? 0
            if let session, try session.reprice(costs) {
                pivots += session.pivotCount - before
                return session.solution
            }
            var net = network
            net.costs = costs
            if session == nil, let started = try RepricingNetworkSimplex(net, start: start, deferring: deferred, workspace: workspace) {
                session = started
                pivots += started.pivotCount
                return started.solution
            }
            // Costs too large for a session: one solve from the last tree.
            if let session { start = session.basis.map { .basis($0) } ?? start }
            session = nil
            let solved = try WarmNetworkSimplex.solve(net, start: start, deferring: deferred, workspace: nil)
            pivots += solved.basis?.pivotCount ?? 0
            if let basis = solved.basis {
                self.basis = basis
                start = .basis(basis)
            }
            return solved.outcome.status == .optimal ? solved.outcome.solution : nil
        } catch {
            throw .solver(SolverFailure(error, solver: .network))
        }
    }
}
