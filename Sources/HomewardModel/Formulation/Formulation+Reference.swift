import HomewardDomain
import HomewardInput

extension Formulation {
    /// People per arc if each person `i` went to `destination[i]` (estate index
    /// of *this* formulation's estate, or nil for unplaced), where the network
    /// allows it: for ``AllocationSolver/preferring(_:in:optimum:)``.
    public func referenceFlows(destinations: [Int?]) -> [Int64] {
        var flows = [Int64](repeating: 0, count: network.arcCount)
        var hubArc: [Int: [Int: Int]] = [:]
        var receptionArc: [Int: [Int: Int]] = [:]
        for (t, arcs) in hubArcs.enumerated() {
            for a in arcs { if case let .place(_, e, true, _) = roles[a] { hubArc[t, default: [:]][e] = a } }
        }
        for (t, arcs) in receptionArcs.enumerated() {
            for a in arcs { if case let .place(_, e, true, _) = roles[a] { receptionArc[t, default: [:]][e] = a } }
        }
        for group in groups {
            for i in group.members {
                guard i < destinations.count, let e = destinations[i] else { continue }
                if e == group.current, let stay = group.stayArcs.first {
                    flows[stay] += 1
                } else if group.current == nil {
                    if let a = receptionArc[group.profile]?[e] { flows[a] += 1 }
                } else if let a = hubArc[group.profile]?[e] {
                    flows[a] += 1
                }
            }
        }
        return flows
    }
}

extension Formulation {
    /// The flow on placement arcs if everyone held stayed where they are and every
    /// arrival waited unplaced: a start for the network simplex (``WarmNetworkSimplex/Start/flow(_:)``)
    /// that is close to the optimum when little has changed since the last allocation.
    public func stayFlows() -> [Int64] {
        let estate = cost.estate
        return referenceFlows(destinations: population.prisoners.map { $0.current.flatMap { estate.index(of: $0) } })
    }
}
