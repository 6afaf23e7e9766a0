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
        if v < groups.count { return "g\(v)" }
        if v < groups.count + profiles.count { return "h\(v - groups.count)" }
        if v == sink { return "sink" }
        if let e = establishmentNode.firstIndex(where: { $0 == v }) {
            return "p_\(cost.estate.establishments[e].code.rawValue)"
        }
        return "n\(v)"
    }

    /// A readable, LP-safe name for arc `a`.
    public func arcName(_ a: Int) -> String {
        let suffix: (Int, Bool) -> String = { e, met in
            if !met { return "_unmet" }
            return self.establishmentNode[e] == Int(self.network.heads[a]) ? "" : "_met"
        }
        switch roles[a] {
        case let .stay(group, met):
            let e = groups[group].current!
            return "stay_g\(group)" + suffix(e, met)
        case let .move(group): return "move_g\(group)"
        case let .unplaced(group): return "unplaced_g\(group)"
        case let .fromHub(profile, e, met):
            return "h\(profile)_\(cost.estate.establishments[e].code.rawValue)" + suffix(e, met)
        case let .places(e, need): return "places_\(cost.estate.establishments[e].code.rawValue)_\(need)"
        case let .capacity(e, crowded):
            return "cap_\(cost.estate.establishments[e].code.rawValue)" + (crowded ? "_crowded" : "_cna")
        }
    }
}
