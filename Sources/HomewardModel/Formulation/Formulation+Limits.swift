import HomewardDomain
import HomewardInput
import LinearProgramming

// Caps on arrivals and departures per establishment (policy `arrivals_limit`,
// `departures_limit`; issue #23, item 3), laid as network structure where
// that is exact, and as side rows where it is not.
//
// **Arrivals.** Transfers into establishment e (placements from a hub, not new
// receptions from court, which are not the population management unit's
// choice) meet at an arrivals node A_e, whose one arc to e's node carries the
// cap. Every unit entering A_e ends at e, so merging the profiles' flows there
// changes nothing else.
//
// **Departures.** Departures from e ≤ D is stays at e ≥ held_e − D = F (the
// floor): people held at e either stay or leave (transferred, or unplaced
// where no lawful place is left). Stays at e meet at a stays node S_e; the
// floor is a lower bound on the flow S_e → e, laid by the textbook
// transformation: S_e's supply is −F and e's +F, and the arc S_e → e carries
// only the stays above the floor. Where fewer than F people can stay (a
// closure, a re-role, people over capacity or under a rule that moves them)
// the network would be infeasible, so a give-way arc e → S_e, capacity F,
// lets the floor go unmet, one unit per stay not made, at a cost M above what
// any two plans can differ by: M = 1 + 4 × (units of supply) × (largest arc
// cost), since every unit travels a path of at most four priced arcs and no
// cost is negative. The optimal cost as a function of the give-way flow is
// convex (a parametric min-cost flow), and each unit of give-way saves less
// than M, so the optimum uses the least give-way the rules and capacities
// allow: exactly the capped optimum where the caps can be met, and otherwise
// the cap gives way by as little as possible (``LimitArcs/gaveWay(in:)``
// says where, and the run reports it).
//
// **Where structure is not exact.** Where transfers or stays into e can also
// enter through a programme node or a typed-place node, the cap's set of arcs
// crosses those places' (neither contains the other), which no network can
// express; there the caps are side rows, and the model goes to GLPK.
// Without caps nothing is added: the network is exactly as before.

/// The nodes of the caps laid as network structure, and the caps left as side rows, by establishment.
struct LimitNodes {
    var arrivalsNode: [Int?] = []
    var arrivalsCap: [Int?] = []
    var staysNode: [Int?] = []
    /// Stays at each establishment that the departures cap requires (0 where none).
    var staysFloor: [Int] = []
    /// People held at each establishment who may stay there.
    var stayable: [Int] = []
    /// People held now at each establishment.
    var held: [Int] = []
    /// Caps at establishments where they cannot be structure (side rows).
    var arrivalsRow: [Int?] = []
    var departuresRow: [Int?] = []

    init() {}

    /// - Parameters:
    ///   - establishment: the node of each establishment (nil if it has none).
    ///   - split: whether people can enter each establishment through a programme or typed-place node.
    init(estate: Estate, policy: Policy, groups: [Formulation.Group], mayStay: [Bool], establishment: [Int?], split: [Bool],
         network: inout FlowNetwork) {
        let n = estate.count
        arrivalsNode = [Int?](repeating: nil, count: n)
        arrivalsCap = [Int?](repeating: nil, count: n)
        staysNode = [Int?](repeating: nil, count: n)
        staysFloor = [Int](repeating: 0, count: n)
        stayable = [Int](repeating: 0, count: n)
        held = [Int](repeating: 0, count: n)
        arrivalsRow = [Int?](repeating: nil, count: n)
        departuresRow = [Int?](repeating: nil, count: n)
        guard policy.arrivalsLimit != nil || policy.departuresLimit != nil else { return }
        for (g, group) in groups.enumerated() {
            guard let e = group.current else { continue }
            held[e] += group.members.count
            if mayStay[g] { stayable[e] += group.members.count }
        }
        for (e, candidate) in estate.establishments.enumerated() {
            guard let node = establishment[e] else { continue }
            let arrivals = policy.arrivalsLimit?.limit(at: candidate.code)
            let departures = policy.departuresLimit?.limit(at: candidate.code)
            if split[e] {
                arrivalsRow[e] = arrivals
                departuresRow[e] = departures
                continue
            }
            if let arrivals {
                arrivalsNode[e] = network.addNode()
                arrivalsCap[e] = arrivals
            }
            if let departures, held[e] > departures {
                let floor = held[e] - departures
                staysNode[e] = network.addNode(supply: -Int64(floor))
                network.supplies[node] += Int64(floor)
                staysFloor[e] = floor
            }
        }
    }
}

/// The arcs of the caps laid as network structure, by establishment (nil where none).
public struct LimitArcs: Sendable, Equatable {
    /// Arrivals node → establishment, carrying the arrivals cap.
    public var arrivals: [Int?]
    /// Stays node → establishment, carrying the stays above the floor.
    public var stays: [Int?]
    /// Establishment → stays node: the departures cap giving way.
    public var giveWay: [Int?]

    init(count: Int) {
        arrivals = [Int?](repeating: nil, count: count)
        stays = arrivals
        giveWay = arrivals
    }

    /// The establishments (estate index) whose departures cap gave way in `flows`, with by how many people.
    public func gaveWay(in flows: [Int64]) -> [(establishment: Int, people: Int)] {
        giveWay.enumerated().compactMap { e, arc in
            guard let arc, flows[arc] > 0 else { return nil }
            return (e, Int(flows[arc]))
        }
    }
}

extension Formulation {
    /// The name of the moves limit's side row.
    static let movesLimitRow = "moves_limit"

    /// The moves limit L of the side row, if there is one (transfers ≤ L).
    public var movesLimit: Int? {
        guard let row = side.first(where: { $0.name == Self.movesLimitRow }), let lower = row.bounds.lower else { return nil }
        return peopleHeld - Int(lower.rounded())
    }

    /// This formulation with its moves limit set to `limit` (nil: none) and every other side row kept: the
    /// weekly simulation lifts its limit to the people who must move (``mustMove``), known once the network is built.
    public func limitingMoves(to limit: Int?) -> Formulation {
        var copy = self
        var policy = cost.policy
        policy.movesLimit = limit
        copy.side = side.filter { $0.name != Self.movesLimitRow }
            + Self.sideConstraints(policy: policy, groups: groups, unplacedArcs: unplacedArcs, peopleHeld: peopleHeld)
        return copy
    }

    /// Prices the give-way arcs of the departures caps (see the top of this
    /// file): above what any two plans can differ by, so that a cap gives way
    /// only where it must. Saturates rather than overflow.
    static func priceGiveWay(_ network: inout FlowNetwork, arcs: [Int?]) {
        let giveWay = arcs.compactMap { $0 }
        guard !giveWay.isEmpty else { return }
        var isGiveWay = [Bool](repeating: false, count: network.arcCount)
        for a in giveWay { isGiveWay[a] = true }
        var largest: Int64 = 1
        for a in 0..<network.arcCount where !isGiveWay[a] { largest = max(largest, abs(network.costs[a])) }
        let units = network.supplies.reduce(Int64(0)) { $0 + max(0, $1) }
        let (product, overflow) = (4 * max(1, units)).multipliedReportingOverflow(by: largest)
        let price = overflow ? Int64(1) << 50 : min(Int64(1) << 50, product + 1)
        for a in giveWay { network.costs[a] = price }
    }

    /// The caps that cannot be network structure (``LimitNodes``), as side
    /// rows: transfers into e ≤ cap, and stays at e ≥ held − cap (the floor no
    /// higher than the people who may stay, so that a closure does not make
    /// the LP infeasible; capacity or typed places can still, and GLPK then
    /// says so).
    static func capRows(estate: Estate, policy: Policy, groups: [Group], hubArcs: [[Int]], roles: [ArcRole],
                        limits: LimitNodes) -> [SideConstraint] {
        guard limits.arrivalsRow.contains(where: { $0 != nil }) || limits.departuresRow.contains(where: { $0 != nil }) else {
            return []
        }
        var into = [[Int]](repeating: [], count: estate.count)
        for arcs in hubArcs {
            for a in arcs { if case let .place(_, e, _, _) = roles[a], limits.arrivalsRow[e] != nil { into[e].append(a) } }
        }
        var staying = [[Int]](repeating: [], count: estate.count)
        for group in groups { if let e = group.current, limits.departuresRow[e] != nil { staying[e] += group.stayArcs } }
        var rows: [SideConstraint] = []
        for (e, candidate) in estate.establishments.enumerated() {
            let code = candidate.code.rawValue
            if let cap = limits.arrivalsRow[e], !into[e].isEmpty {
                rows.append(SideConstraint(name: "arrivals_limit_\(code)", arcs: into[e],
                                           coefficients: [Double](repeating: 1, count: into[e].count), bounds: .atMost(Double(cap))))
            }
            if let cap = limits.departuresRow[e], !staying[e].isEmpty {
                let floor = min(limits.stayable[e], limits.held[e] - cap)
                guard floor > 0 else { continue }
                rows.append(SideConstraint(name: "departures_limit_\(code)", arcs: staying[e],
                                           coefficients: [Double](repeating: 1, count: staying[e].count),
                                           bounds: .atLeast(Double(floor))))
            }
        }
        return rows
    }
}
