import HomewardDomain
import HomewardInput
import LinearProgramming

/// One of the four tranches of an establishment's places. Places up to CNA
/// are uncrowded, the rest crowded; at a reception prison the last places up
/// to usable capacity are reserved for next week's arrivals from court. Each
/// tranche is one arc to the sink, costing the crowding cost if crowded plus
/// the reserve cost if reserved, so the network fills the cheaper places first.
public enum Tranche: Int, Sendable, CaseIterable {
    case free, crowded, reserved, reservedCrowded

    public var isCrowded: Bool { self == .crowded || self == .reservedCrowded }
    public var isReserved: Bool { self == .reserved || self == .reservedCrowded }

    /// The suffix of its arc's name in the exported LP.
    public var name: String {
        switch self {
        case .free: return "cna"
        case .crowded: return "crowded"
        case .reserved: return "reserved"
        case .reservedCrowded: return "reserved_crowded"
        }
    }
}

/// The places of each tranche of one establishment.
public struct TranchePlaces: Sendable, Equatable {
    public var places: [Int]

    public subscript(tranche: Tranche) -> Int { places[tranche.rawValue] }
    public var total: Int { places.reduce(0, +) }
}

/// The four capacity arcs of an establishment that has a node, by tranche (some may carry no places).
public struct CapacityArcs: Sendable, Equatable {
    public var arcs: [Int]

    public subscript(tranche: Tranche) -> Int { arcs[tranche.rawValue] }
}

extension Formulation {
    /// How an establishment's places reach the sink (``Tranche``): position
    /// p (0 ≤ p < usable) is crowded if p ≥ CNA and reserved if p ≥ usable −
    /// reserve. The builder lays all four arcs of every establishment with a
    /// node, so a capacity change only refills them.
    /// - Parameters:
    ///   - usable: places after the operating margin (``CostModel/usableCapacity(_:)``).
    ///   - cna: certified normal accommodation.
    ///   - reserve: places kept for arrivals from court (0 but at reception prisons).
    /// - Returns: the places of each tranche, which add up to `usable`.
    public static func capacityTranches(usable: Int, cna: Int, reserve: Int = 0) -> TranchePlaces {
        let usable = max(0, usable)
        let uncrowded = min(max(0, cna), usable)
        let unreserved = usable - min(max(0, reserve), usable)
        let free = min(uncrowded, unreserved)
        let crowdedOnly = max(0, unreserved - uncrowded)
        let reservedOnly = max(0, uncrowded - unreserved)
        return TranchePlaces(places: [free, crowdedOnly, reservedOnly, usable - max(uncrowded, unreserved)])
    }

    /// The places each reception prison keeps free for next week's first
    /// receptions from court: the policy's weeks of first receptions (scaled
    /// from the published weekly figure to this population), shared among the
    /// reception prisons in proportion to the people on remand each holds now
    /// (a proxy for its courts' catchment), rounded down. Zero elsewhere, and
    /// everywhere when no one on remand is held or the policy sets no weeks.
    public static func receptionReserve(estate: Estate, population: Population, policy: Policy, usable: [Int]) -> [Int] {
        var remandHeld = [Int](repeating: 0, count: estate.count)
        for prisoner in population.prisoners where prisoner.legalStatus == .remand {
            if let code = prisoner.current, let e = estate.index(of: code), estate.establishments[e].functions.contains(.reception),
               usable[e] > 0, estate.establishments[e].isAvailable {
                remandHeld[e] += 1
            }
        }
        let held = remandHeld.reduce(0, +)
        guard held > 0, policy.receptionReserveWeeks > 0, policy.receptionReservePopulation > 0 else {
            return [Int](repeating: 0, count: estate.count)
        }
        let weekly = policy.weeklyFirstReceptions * Double(population.count) / policy.receptionReservePopulation
        let total = policy.receptionReserveWeeks * weekly
        return remandHeld.indices.map { e in
            min(usable[e], Int((total * Double(remandHeld[e]) / Double(held)).rounded(.down)))
        }
    }

    /// The cost of one person in `tranche`, in centipoints.
    func cost(of tranche: Tranche) -> Int64 {
        (tranche.isCrowded ? cost.crowdingCost : 0) + (tranche.isReserved ? cost.receptionReserveCost : 0)
    }

    /// This network with establishment `e` closed: its capacity arcs carry
    /// nobody. Whoever could go there goes elsewhere, as in a network built
    /// without it, at the same optimal cost; the arcs stay, so a basis of
    /// this network still fits.
    /// - Parameter e: the establishment's index in the estate.
    public func network(closing e: Int) -> FlowNetwork {
        var changed = network
        if let arcs = capacityArcs[e] { for a in arcs.arcs { changed.capacities[a] = 0 } }
        return changed
    }

    /// This network with establishment `e`'s operational capacity or CNA
    /// changed: its capacity tranches refilled (``capacityTranches(usable:cna:reserve:)``
    /// under this formulation's operating margin and the establishment's reserve).
    /// - Parameters:
    ///   - operationalCapacity: the new operational capacity, or nil to keep it.
    ///   - cna: the new CNA, or nil to keep it.
    ///   - e: the establishment's index in the estate.
    /// - Returns: the network, or nil where it cannot express the change: the
    ///   establishment has no node, or no places would be left (which the
    ///   rules treat as a closure).
    public func network(withCapacity operationalCapacity: Int?, cna: Int?, at e: Int) -> FlowNetwork? {
        var changed = cost.estate.establishments[e]
        if let operationalCapacity { changed.operationalCapacity = operationalCapacity }
        if let cna { changed.cna = cna }
        let usable = cost.usableCapacity(changed)
        let tranches = Self.capacityTranches(usable: usable, cna: changed.cna, reserve: min(receptionReserve[e], usable))
        guard tranches.total > 0, let arcs = capacityArcs[e] else { return nil }
        var network = network
        for tranche in Tranche.allCases { network.capacities[arcs[tranche]] = Int64(tranches[tranche]) }
        return network
    }

    /// This network with `change` made, where the change alters only
    /// capacities that the network has arcs for: a closure, or a capacity
    /// change that ``network(withCapacity:cna:at:)`` can express.
    /// - Returns: nil for other changes (re-roles and new builds change who
    ///   may go where, and at what cost: they need a formulation of their
    ///   own), and for establishments not in the estate.
    public func network(applying change: EstateChange) -> FlowNetwork? {
        guard let e = cost.estate.index(of: change.code) else { return nil }
        switch change.kind {
        case .close:
            return network(closing: e)
        case let .capacity(_, operationalCapacity, cna):
            return network(withCapacity: operationalCapacity, cna: cna, at: e)
        case .rerole, .open:
            return nil
        }
    }

    /// The same formulation over `network`: the same nodes and arcs, in the same order, with other capacities
    /// (a sweep's closure or capacity change) or costs.
    package func replacingNetwork(_ network: FlowNetwork) -> Formulation {
        precondition(network.arcCount == self.network.arcCount && network.nodeCount == self.network.nodeCount,
                     "a replacement network must have the formulation's nodes and arcs")
        var copy = self
        copy.network = network
        return copy
    }
}
