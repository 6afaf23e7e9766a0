import HomewardDomain
import HomewardInput

extension Formulation {
    /// People per arc if each person `i` went to `destination[i]` (estate index
    /// of *this* formulation's estate, or nil for unplaced), where the network
    /// allows it: for ``AllocationSolver/preferring(_:in:optimum:)``.
    public func referenceFlows(destinations: [Int?]) -> [Int64] {
        var flows = [Int64](repeating: 0, count: network.arcCount)
        // Profile by profile, the placement arc (route with the need met) to each establishment, by estate index:
        // two arrays filled for one profile's arcs and cleared after, rather than a table of every profile's.
        var hubArc = [Int](repeating: -1, count: cost.estate.count)
        var receptionArc = hubArc
        func mark(_ arcs: [Int], _ table: inout [Int], _ value: (Int) -> Int) {
            for a in arcs { if case let .place(_, e, true, _) = roles[a] { table[e] = value(a) } }
        }
        for t in profiles.indices {
            mark(hubArcs[t], &hubArc) { $0 }
            mark(receptionArcs[t], &receptionArc) { $0 }
            for g in groupsOfProfile[t] {
                let group = groups[g]
                for i in group.members {
                    guard i < destinations.count, let e = destinations[i] else { continue }
                    if e == group.current, let stay = group.stayArcs.first {
                        flows[stay] += 1
                    } else if group.current == nil {
                        if receptionArc[e] >= 0 { flows[receptionArc[e]] += 1 }
                    } else if hubArc[e] >= 0 {
                        flows[hubArc[e]] += 1
                    }
                }
            }
            mark(hubArcs[t], &hubArc) { _ in -1 }
            mark(receptionArcs[t], &receptionArc) { _ in -1 }
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
