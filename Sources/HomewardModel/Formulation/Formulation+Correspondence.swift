import HomewardDomain
import HomewardInput

extension Formulation {
    /// Which nodes and arcs of this formulation are the same as nodes and arcs
    /// of `old`, a formulation of the same estate with other people (say, last
    /// week's): for carrying a basis over (``SpanningTreeBasis/transferred(to:nodeMap:arcMap:)``).
    ///
    /// Establishment, programme and sink nodes correspond by establishment;
    /// hub and reception nodes by profile; group nodes by profile and current
    /// establishment. Arcs correspond when their roles do: placements by
    /// profile, establishment and route; stays and joins by group; unplaced arcs
    /// by profile; capacity and programme-place arcs by establishment.
    /// - Returns: per node and per arc of this formulation, the node or arc of
    ///   `old`, or -1 where there is none. The estates must be the same.
    public func correspondence(from old: Formulation) -> (nodes: [Int32], arcs: [Int32]) {
        var nodes = [Int32](repeating: -1, count: network.nodeCount)
        var arcs = [Int32](repeating: -1, count: network.arcCount)
        nodes[sink] = Int32(old.sink)
        for (e, node) in establishmentNode.enumerated() {
            if let node, e < old.establishmentNode.count, let before = old.establishmentNode[e] { nodes[node] = Int32(before) }
        }
        matchEstablishmentArcs(of: old, nodes: &nodes, arcs: &arcs)
        // Profile by profile on the cores, each run of profiles giving (new, old) pairs of nodes and arcs.
        let matched = concurrentRuns(profiles.count, runs: 64) { matchProfiles($0, of: old) }
        for run in matched {
            for (u, before) in run.nodes { nodes[Int(u)] = before }
            for (a, before) in run.arcs { arcs[Int(a)] = before }
        }
        return (nodes, arcs)
    }

    /// Programme places (and their programme nodes) and capacity tranches, by establishment.
    private func matchEstablishmentArcs(of old: Formulation, nodes: inout [Int32], arcs: inout [Int32]) {
        struct PlacesKey: Hashable { var establishment: Int; var need: String }
        var oldPlaces: [PlacesKey: Int] = [:]
        for a in old.establishmentArcs {
            if case let .places(e, offer) = old.roles[a] {
                oldPlaces[PlacesKey(establishment: e, need: old.programme(ofPlacesAt: e, offer: offer))] = a
            }
        }
        for a in establishmentArcs {
            switch roles[a] {
            case let .places(e, offer):
                if let before = oldPlaces[PlacesKey(establishment: e, need: programme(ofPlacesAt: e, offer: offer))] {
                    arcs[a] = Int32(before)
                    nodes[Int(network.tails[a])] = old.network.tails[before]
                }
            case let .typedPlaces(e, need):
                if let before = old.establishmentArcs.first(where: { old.roles[$0] == .typedPlaces(establishment: e, need: need) }) {
                    arcs[a] = Int32(before)
                    nodes[Int(network.tails[a])] = old.network.tails[before]
                }
            case let .capacity(e, tranche):
                if let before = old.capacityArcs[e]?[tranche] { arcs[a] = Int32(before) }
            case let .arrivals(e):
                if e < old.limitArcs.arrivals.count, let before = old.limitArcs.arrivals[e] {
                    arcs[a] = Int32(before)
                    nodes[Int(network.tails[a])] = old.network.tails[before]
                }
            case let .stays(e):
                if e < old.limitArcs.stays.count, let before = old.limitArcs.stays[e] {
                    arcs[a] = Int32(before)
                    nodes[Int(network.tails[a])] = old.network.tails[before]
                }
            case let .departuresGiveWay(e):
                if e < old.limitArcs.giveWay.count, let before = old.limitArcs.giveWay[e] { arcs[a] = Int32(before) }
            default:
                break
            }
        }
    }

    /// The (new, old) pairs of nodes and arcs that hang from a run of profiles: hubs and reception nodes with their
    /// placement and unplaced arcs, and groups with their nodes, joins and stays. Both formulations list their
    /// profiles sorted and each profile's groups by current establishment, so merges pair them: no hashing.
    private func matchProfiles(_ profileRun: Range<Int>, of old: Formulation) -> (nodes: [(Int32, Int32)], arcs: [(Int32, Int32)]) {
        var nodePairs: [(Int32, Int32)] = [], arcPairs: [(Int32, Int32)] = []
        guard let first = profileRun.first else { return ([], []) }
        let oldProfiles = old.profiles
        // The first old profile not below the run's first profile, then a merge.
        var s = 0, high = oldProfiles.count
        while s < high {
            let mid = (s + high) / 2
            if oldProfiles[mid] < profiles[first] { s = mid + 1 } else { high = mid }
        }
        for t in profileRun {
            while s < oldProfiles.count && oldProfiles[s] < profiles[t] { s += 1 }
            guard s < oldProfiles.count, oldProfiles[s] == profiles[t] else { continue }
            if let hub = hubNode[t], let before = old.hubNode[s] {
                nodePairs.append((Int32(hub), Int32(before)))
                matchPlacements(hubArcs[t], old.hubArcs[s], of: old, into: &arcPairs)
                if let a = unplacedArcs[t].hub, let b = old.unplacedArcs[s].hub { arcPairs.append((Int32(a), Int32(b))) }
            }
            if let reception = receptionNode[t], let before = old.receptionNode[s] {
                nodePairs.append((Int32(reception), Int32(before)))
                matchPlacements(receptionArcs[t], old.receptionArcs[s], of: old, into: &arcPairs)
                if let a = unplacedArcs[t].reception, let b = old.unplacedArcs[s].reception { arcPairs.append((Int32(a), Int32(b))) }
            }
            matchGroups(groupsOfProfile[t], old.groupsOfProfile[s], of: old, nodes: &nodePairs, arcs: &arcPairs)
        }
        return (nodePairs, arcPairs)
    }

    /// Placement arcs, listed by establishment with the programme route (need met) before the direct one, paired by a merge.
    private func matchPlacements(_ new: [Int], _ before: [Int], of old: Formulation, into pairs: inout [(Int32, Int32)]) {
        func key(_ a: Int, _ roles: [ArcRole]) -> Int {
            guard case let .place(_, e, met, _) = roles[a] else { return -1 }
            return 2 * e + (met ? 0 : 1)
        }
        var j = 0
        for a in new {
            let k = key(a, roles)
            while j < before.count && key(before[j], old.roles) < k { j += 1 }
            if j < before.count && key(before[j], old.roles) == k { pairs.append((Int32(a), Int32(before[j]))) }
        }
    }

    /// The groups of one profile (held now) paired with the old profile's by current establishment: their nodes, joins and stays.
    private func matchGroups(_ new: [Int], _ oldGroups: [Int], of old: Formulation, nodes: inout [(Int32, Int32)],
                             arcs: inout [(Int32, Int32)]) {
        var k = 0
        for g in new {
            let group = groups[g]
            guard let current = group.current else { continue }
            while k < oldGroups.count && (old.groups[oldGroups[k]].current ?? -1) < current { k += 1 }
            guard k < oldGroups.count, old.groups[oldGroups[k]].current == current else { continue }
            let before = old.groups[oldGroups[k]]
            if let node = group.node, let oldNode = before.node { nodes.append((Int32(node), Int32(oldNode))) }
            if let a = group.joinArc, let b = before.joinArc { arcs.append((Int32(a), Int32(b))) }
            // Stay arcs: one per route, in the same order when both groups split the same way.
            if group.stayArcs.count == before.stayArcs.count {
                for (a, b) in zip(group.stayArcs, before.stayArcs) { arcs.append((Int32(a), Int32(b))) }
            }
        }
    }

    /// The programme-place and capacity arcs, which the builder adds after every profile's arcs.
    var establishmentArcs: Range<Int> {
        var first = roles.count
        while first > 0 {
            switch roles[first - 1] {
            case .places, .capacity, .typedPlaces, .arrivals, .stays, .departuresGiveWay, .pairPlace: first -= 1
            default: return first..<roles.count
            }
        }
        return first..<roles.count
    }
}
