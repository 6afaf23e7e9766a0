import HomewardDomain
import HomewardInput
import LinearProgramming

extension Formulation {
    /// The linear program of this network: one column per arc, one balance
    /// row per node except the sink (implied by the others), and any side
    /// constraints. Exactly the LP that the GLPK backend solves and that
    /// `homeward export` writes.
    public func linearProgram(name: String = "homeward_allocation") -> LinearProgram {
        network.linearProgram(name: name, omittedNode: sink, side: side, nodeName: nodeName, arcName: arcName)
    }

    /// A readable, LP-safe name for node `v`.
    public func nodeName(_ v: Int) -> String {
        if v == sink { return "sink" }
        if let first = firstPairNode, v >= first { return "pair_n\(v)" }
        if let e = establishmentNode.firstIndex(where: { $0 == v }) {
            return "p_\(cost.estate.establishments[e].code.rawValue)"
        }
        if let t = hubNode.firstIndex(where: { $0 == v }) { return "hub\(t)" }
        if let t = receptionNode.firstIndex(where: { $0 == v }) { return "reception\(t)" }
        if let g = groups.firstIndex(where: { $0.node == v }) { return "group\(g)" }
        for (e, arc) in limitArcs.arrivals.enumerated() where arc.map({ Int(network.tails[$0]) }) == v {
            return "arrivals_\(cost.estate.establishments[e].code.rawValue)"
        }
        for (e, arc) in limitArcs.stays.enumerated() where arc.map({ Int(network.tails[$0]) }) == v {
            return "stays_\(cost.estate.establishments[e].code.rawValue)"
        }
        return "programme\(v)"
    }

    /// A readable, LP-safe name for arc `a`.
    public func arcName(_ a: Int) -> String {
        let code: (Int) -> String = { self.cost.estate.establishments[$0].code.rawValue }
        let suffix: (Int, Bool) -> String = { e, met in
            if !met { return "_unmet" }
            let head = Int(self.network.heads[a])
            let direct = self.establishmentNode[e] == head || self.limitArcs.arrivals[e].map { Int(self.network.tails[$0]) } == head
                || self.limitArcs.stays[e].map { Int(self.network.tails[$0]) } == head
            return direct ? "" : "_met"
        }
        switch roles[a] {
        case let .stay(group, met):
            let e = groups[group].current!
            return "stay_g\(group)_\(code(e))" + suffix(e, met)
        case let .join(group): return "join_g\(group)"
        case let .place(profile, e, met, reception):
            return (reception ? "r\(profile)_" : "h\(profile)_") + code(e) + suffix(e, met)
        case let .unplaced(profile, reception): return (reception ? "unplaced_r\(profile)" : "unplaced_h\(profile)")
        case let .places(e, offer): return "places_\(code(e))_\(programme(ofPlacesAt: e, offer: offer))"
        case let .capacity(e, tranche): return "cap_\(code(e))_\(tranche.name)"
        case let .typedPlaces(e, need): return "typed_\(code(e))_\(PlaceNeeds(rawValue: need).text)"
        case let .arrivals(e): return "arrivals_cap_\(code(e))"
        case let .stays(e): return "stays_above_floor_\(code(e))"
        case let .departuresGiveWay(e): return "departures_give_way_\(code(e))"
        case let .pairPlace(e, sharing): return "pair_n\(network.tails[a])_\(code(e))" + (sharing ? "_shared" : "")
        }
    }
}
