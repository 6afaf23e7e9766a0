import HomewardDomain
import HomewardInput

/// Where one person is to be held, and why.
public struct Placement: Sendable, Equatable {
    /// Index of the person in the population (sorted by id).
    public var prisoner: Int
    /// Estate index of the destination, or nil if the person cannot be placed.
    public var destination: Int?
    /// True if the person is transferred from their current establishment.
    public var moved: Bool
    public var cost: CostBreakdown
    public var reason: PlacementReason
}

/// Why a person is placed where they are.
public enum PlacementReason: Sendable, Equatable {
    /// Stays where they are.
    case stays
    /// A new reception given a first place.
    case received(gains: [Gain])
    /// Transferred because the move is better for them on these counts.
    case moves(gains: [Gain])
    /// Transferred to free a place for others; their own placement costs more.
    case makesRoom(extraCentipoints: Int64)
    /// Must move: the rules no longer allow them where they are.
    case mustMove([Exclusion])
    /// No establishment may hold them under the rules.
    case noLawfulPlace
    /// Every establishment that may hold them is full.
    case noSpace
    /// Kept where they are, or placed where a decision already made says, by
    /// this week's constraints (the words say which: a hold, a lock, the movers list).
    case fixed(String)
    /// This week's constraint cannot be kept: the one place it allows is
    /// closed, full or against the rules, so the person cannot be placed.
    case fixedNotKept(String)
    /// Placed (or not placed) as they are because of a non-association that
    /// keeps them in a different establishment from another person, who is
    /// never named.
    case keptApart(KeptApart)

    /// How a non-association decided a placement.
    public enum KeptApart: Sendable, Equatable {
        /// Moved: staying would hold them with a person they must not be held with.
        case movedAway
        /// Not moved: the placement that would suit them best holds a person they must not be held with.
        case notMoved
        /// Moved or received, but not to the placement that would suit them
        /// best, which holds a person they must not be held with.
        case placedElsewhere
        /// Cannot be placed: every place open to them is full or holds a person they must not be held with.
        case unplaced
    }

    /// One way in which a move improves a placement.
    public enum Gain: Sendable, Equatable {
        case closerToFamily(km: Double)
        case homeRegion
        case suitsSentenceStage
        case lessSecurity
        case intervention
        case lessCrowded
    }

    /// A short code for plan.csv.
    public var code: String {
        switch self {
        case .stays: return "stays"
        case .received: return "reception"
        case .moves: return "improves"
        case .makesRoom: return "makes_room"
        case .mustMove: return "must_move"
        case .noLawfulPlace: return "no_lawful_place"
        case .noSpace: return "no_space"
        case .fixed: return "fixed"
        case .fixedNotKept: return "fixed_not_kept"
        case .keptApart: return "non_association"
        }
    }

    /// Plain words for plan.csv and explanations.
    public var text: String {
        switch self {
        case .stays: return "stays: no better placement"
        case let .received(gains):
            return gains.isEmpty ? "new reception: placed at the lowest-cost establishment with space"
                : "new reception: " + Self.describe(gains)
        case let .moves(gains): return Self.describe(gains)
        case let .makesRoom(extra):
            return "moves to free a place for people with a stronger claim (placement costs \(Format.points(extra)) points more)"
        case let .mustMove(exclusions):
            return "must move: current establishment " + exclusions.map(\.description).joined(separator: "; ")
        case .noLawfulPlace: return "cannot be placed: no establishment may hold this person under the rules"
        case .noSpace: return "cannot be placed: every establishment that may hold this person is full"
        case let .fixed(why): return why
        case let .fixedNotKept(why):
            return "cannot be placed: \(why), but that place is closed, full or against the rules"
        case let .keptApart(how): return how.text
        }
    }

    /// The words plan.csv gives when a person is moved to keep them apart (``KeptApart/movedAway``).
    public static let movedAwayText = "moved to keep apart from a person they must not be held with"

    static func describe(_ gains: [Gain]) -> String {
        gains.map { gain -> String in
            switch gain {
            case let .closerToFamily(km):
                return "\(Format.fixed(km, 0)) km (\(Format.fixed(km / DistanceTable.kmPerMile, 0)) miles) closer to family"
            case .homeRegion: return "back in home region"
            case .suitsSentenceStage: return "suits sentence stage"
            case .lessSecurity: return "security matches category"
            case .intervention: return "offers a needed programme"
            case .lessCrowded: return "less crowded"
            }
        }.joined(separator: "; ")
    }
}

extension PlacementReason.KeptApart {
    /// Plain words for plan.csv and explanations (no other person is named).
    public var text: String {
        switch self {
        case .movedAway: return PlacementReason.movedAwayText
        case .notMoved: return "not moved: the placement that would suit them best holds a person they must not be held with"
        case .placedElsewhere:
            return "placed here, not at the placement that would suit them best, which holds a person they must not be held with"
        case .unplaced:
            return "cannot be placed: every establishment that may hold this person is full or holds a person they must not be held with"
        }
    }
}

/// A solved allocation, person by person.
public struct Plan: Sendable, Equatable {
    /// One placement per person, in population (id) order.
    public var placements: [Placement]
    /// People held at each establishment after the plan (estate order).
    public var occupancy: [Int]
    /// The objective in centipoints (equals the sum of the placements' costs).
    public var objective: Int64

    public var placed: Int { placements.filter { $0.destination != nil }.count }
    public var unplaced: Int { placements.count - placed }
    public var moves: Int { placements.filter(\.moved).count }

    /// The objective by component.
    public var breakdown: CostBreakdown {
        placements.reduce(into: CostBreakdown()) { $0 += $1.cost }
    }

    /// Reads person-by-person placements out of solved flows.
    ///
    /// Within a profile everyone is identical to the model except where they
    /// are now, so which of them stays, moves or is unplaced is decided by a
    /// stable rule: people with a `preferred` destination (for example where an
    /// allocation before an estate change put them) get it whenever the flows
    /// allow; everyone else in id order. In each group the first ids stay (as
    /// many as its stay arcs carry); the others, group by group in id order,
    /// take the profile's placements in establishment-code order, and the last
    /// are unplaced. New receptions are handled the same way from their own
    /// node. Where an establishment is above CNA, the crowding cost is
    /// attributed to the people moved in first, then to those who stayed, each
    /// in id order; so is the reserve cost where a reception prison's reserved
    /// places are used.
    /// - Parameters:
    ///   - f: the formulation.
    ///   - flows: its optimal flows.
    ///   - preferred: per person (population order), an estate index of `f`'s
    ///     estate, or nil; nil for the whole array means no preferences.
    public init(formulation f: Formulation, flows: [Int64], preferred: [Int?]? = nil) {
        let estate = f.cost.estate
        let currentOf = f.currentEstablishments
        let (destinations, routeMet) = f.assignment(in: flows, preferred: preferred)
        var placements = destinations.enumerated().map { i, e in
            Placement(prisoner: i, destination: e, moved: e != nil && currentOf[i] != nil && currentOf[i] != e,
                      cost: CostBreakdown(), reason: e == nil ? .noSpace : .stays)
        }

        // Costs, crowding attribution and occupancy.
        var occupancy = [Int](repeating: 0, count: estate.count)
        var arrivals = [[Int]](repeating: [], count: estate.count)
        var stayers = [[Int]](repeating: [], count: estate.count)
        // Each profile's facts for the cost model, worked out once for all its people.
        var facts = [CostModel.ProfileFacts?](repeating: nil, count: f.profiles.count)
        for i in placements.indices {
            var placement = placements[i]
            let t = f.profileOfPrisoner[i]
            if let e = placement.destination {
                occupancy[e] += 1
                let limited = f.profiles[t].needs.first.flatMap { estate.establishments[e].offer(of: $0)?.places } != nil
                if facts[t] == nil { facts[t] = f.cost.facts(of: f.profiles[t]) }
                placement.cost = f.cost.placement(facts[t]!, at: e, priorityNeedMet: limited ? routeMet[i] : nil)
                if placement.moved { placement.cost.move = f.cost.moveCost }
                if f.population.prisoners[i].current == nil || placement.moved { arrivals[e].append(i) } else { stayers[e].append(i) }
            } else {
                placement.cost.unplaced = f.cost.unplacedCost
            }
            placements[i] = placement
        }
        for (e, arcs) in f.capacityArcs.enumerated() {
            guard let arcs else { continue }
            let crowded = flows[arcs[.crowded]] + flows[arcs[.reservedCrowded]]
            let reserved = flows[arcs[.reserved]] + flows[arcs[.reservedCrowded]]
            guard crowded > 0 || reserved > 0 else { continue }
            let order = arrivals[e] + stayers[e]
            for i in order.prefix(Int(crowded)) { placements[i].cost.crowding = f.cost.crowdingCost }
            for i in order.prefix(Int(reserved)) { placements[i].cost.receptionReserve = f.cost.receptionReserveCost }
        }

        // Reasons.
        let week = f.population.week.isEmpty ? nil : WeekIndex(f.population.week)
        let apart = f.hasCountedNonAssociations ? KeptApartReasons(f, destinations: destinations) : nil
        for i in placements.indices {
            if let week, let why = week.explanation(f.population.prisoners[i]) {
                let left = apart?.leftToEstablishment(i, destination: placements[i].destination) == true
                    ? "; " + KeptApartReasons.leftText : ""
                placements[i].reason = placements[i].destination == nil ? .fixedNotKept(why) : .fixed(why + left)
                continue
            }
            placements[i].reason = Plan.reason(for: placements[i], current: currentOf[i], formulation: f)
            if let apart, let how = apart.effect(on: placements[i], current: currentOf[i]) {
                placements[i].reason = .keptApart(how)
            }
        }
        self.placements = placements
        self.occupancy = occupancy
        objective = self.placements.reduce(0) { $0 + $1.cost.total }
    }

    /// - Parameter current: the person's current establishment in `f`'s estate, if any.
    static func reason(for placement: Placement, current: Int?, formulation f: Formulation) -> PlacementReason {
        let i = placement.prisoner
        let profile = f.profiles[f.profileOfPrisoner[i]]
        let estate = f.cost.estate
        guard let destination = placement.destination else {
            let t = f.profileOfPrisoner[i]
            let anywhere = !f.hubArcs[t].isEmpty || !f.receptionArcs[t].isEmpty
                || f.groupsOfProfile[t].contains { !f.groups[$0].stayArcs.isEmpty }
            return anywhere ? .noSpace : .noLawfulPlace
        }
        if !placement.moved && current != nil { return .stays }
        var gains: [PlacementReason.Gain] = []
        let after = placement.cost
        if let current {
            let exclusions = Rules.exclusions(profile, at: estate.establishments[current],
                                              usableCapacity: f.usableCapacity[current], isCurrent: true, policy: f.cost.policy)
            if !exclusions.isEmpty { return .mustMove(exclusions) }
            let before = f.cost.placement(profile, at: current)
            let kmBefore = f.cost.distances.km(profile.home, current)
            let kmAfter = f.cost.distances.km(profile.home, destination)
            if kmAfter < kmBefore - 0.5 { gains.append(.closerToFamily(km: kmBefore - kmAfter)) }
            if before.outOfHomeRegion > 0 && after.outOfHomeRegion == 0 { gains.append(.homeRegion) }
            if before.functionMismatch > after.functionMismatch { gains.append(.suitsSentenceStage) }
            if before.overSecurity > after.overSecurity { gains.append(.lessSecurity) }
            if before.unmetIntervention > after.unmetIntervention { gains.append(.intervention) }
            // Crowding and the reception reserve are left out on both sides: they belong to the establishment, not the person.
            let extra = after.total - after.crowding - after.receptionReserve - before.total
            if extra > 0 { return .makesRoom(extraCentipoints: extra) }
            if gains.isEmpty { gains.append(.lessCrowded) }
            return .moves(gains: gains)
        }
        if after.outOfHomeRegion == 0 { gains.append(.homeRegion) }
        return .received(gains: gains)
    }
}

extension Formulation {
    /// Who goes where in `flows`, by the rule ``Plan/init(formulation:flows:preferred:)``
    /// describes: per person (population order), the estate index of their
    /// destination (nil if unplaced) and whether their route met their
    /// priority need. The part of reading a plan that the weekly simulation
    /// needs, without costs or reasons.
    /// - Parameters:
    ///   - flows: optimal flows of this formulation's network.
    ///   - preferred: per person, an estate index or nil; nil for no preferences.
    public func assignment(in flows: [Int64], preferred: [Int?]? = nil) -> (destination: [Int?], needMet: [Bool]) {
        var destination = [Int?](repeating: nil, count: population.count)
        var needMet = [Bool](repeating: true, count: population.count)
        func wants(_ i: Int) -> Int? { preferred.flatMap { i < $0.count ? $0[i] : nil } }

        /// Fills the arcs' flows from `pool`: first with people who want that
        /// establishment, then with the rest in order; the remainder is unplaced.
        func assign(_ pool: [Int], arcs: [Int], unplacedArc: Int?) {
            var taken = Set<Int>()
            var room: [(e: Int, met: Bool, left: Int)] = []
            for arc in arcs where flows[arc] > 0 {
                guard case let .place(_, e, met, _) = roles[arc] else { continue }
                room.append((e, met, Int(flows[arc])))
            }
            if preferred != nil {
                for k in room.indices {
                    for i in pool where room[k].left > 0 && !taken.contains(i) && wants(i) == room[k].e {
                        destination[i] = room[k].e
                        needMet[i] = room[k].met
                        taken.insert(i)
                        room[k].left -= 1
                    }
                }
            }
            var rest = (taken.isEmpty ? pool : pool.filter { !taken.contains($0) })[...]
            for k in room.indices {
                while room[k].left > 0 {
                    let i = rest.removeFirst()
                    destination[i] = room[k].e
                    needMet[i] = room[k].met
                    room[k].left -= 1
                }
            }
            precondition(unplacedArc.map { Int(flows[$0]) } ?? 0 == rest.count, "profile flow must balance")
        }

        for members in groupsOfProfile {
            var pool: [Int] = []
            var receptions: [Int] = []
            for g in members {
                let group = groups[g]
                guard let current = group.current else {
                    receptions += group.members
                    continue
                }
                // Those who want to stay go first, then the rest in id order.
                var people = preferred == nil ? group.members[...]
                    : (group.members.filter { wants($0) == current } + group.members.filter { wants($0) != current })[...]
                for arc in group.stayArcs {
                    let met: Bool
                    if case let .stay(_, stayMet) = roles[arc] { met = stayMet } else { met = true }
                    for _ in 0..<Int(flows[arc]) {
                        let i = people.removeFirst()
                        destination[i] = current
                        needMet[i] = met
                    }
                }
                pool += people
            }
            pool.sort()
            let t = groups[members[0]].profile
            assign(pool, arcs: hubArcs[t], unplacedArc: unplacedArcs[t].hub)
            assign(receptions, arcs: receptionArcs[t], unplacedArc: unplacedArcs[t].reception)
        }
        return (destination, needMet)
    }
}
