import HomewardCore

/// One person under the estate as it is and as changed.
public struct PersonComparison: Sendable, Equatable {
    public var prisoner: Prisoner
    public var stage: Stage
    /// Home region of the person's family.
    public var homeRegion: String
    /// Where the person is held today (``Prisoner/current``, if it is in the estate as it is).
    public var todayCode: PrisonCode?
    public var fromCode: PrisonCode?
    public var toCode: PrisonCode?
    /// Estimated road distance in km from home to where the person is held today (nil if not held).
    public var kmToday: Double?
    public var inHomeRegionToday: Bool
    /// Estimated road distance in km (nil if unplaced).
    public var kmBefore: Double?
    public var kmAfter: Double?
    public var straightKmBefore: Double?
    public var straightKmAfter: Double?
    public var inHomeRegionBefore: Bool
    public var inHomeRegionAfter: Bool
    /// Whether the priority programme need is offered where the person is held.
    public var needMetBefore: Bool?
    public var needMetAfter: Bool?
    /// Why the change moves this person (empty if it does not).
    public var changeReason: String

    /// Whether the change moves this person (including into or out of "unplaced").
    public var isAffected: Bool { fromCode != toCode }

    public var milesToday: Double? { kmToday.map { $0 / DistanceTable.kmPerMile } }
    public var milesBefore: Double? { kmBefore.map { $0 / DistanceTable.kmPerMile } }
    public var milesAfter: Double? { kmAfter.map { $0 / DistanceTable.kmPerMile } }

    /// The change in miles, when placed both times.
    public var milesChange: Double? {
        guard let before = milesBefore, let after = milesAfter else { return nil }
        return after - before
    }

    /// Compares two allocations of the same population, person by person.
    /// - Parameter changed: the codes of the establishments the scenario changes.
    public static func compare(before: Allocation, after: Allocation, changed: Set<PrisonCode> = []) -> [PersonComparison] {
        let population = before.formulation.population
        precondition(population == after.formulation.population, "the same people in both allocations")
        let geography = before.formulation.cost.geography
        let estateBefore = before.formulation.cost.estate, estateAfter = after.formulation.cost.estate
        let distBefore = before.formulation.cost.distances, distAfter = after.formulation.cost.distances
        return population.prisoners.indices.map { i in
            let person = population.prisoners[i]
            let home = geography.index(of: person.home)!
            let region = geography.authorities[home].region
            let from = before.plan.placements[i].destination
            let to = after.plan.placements[i].destination
            let need = person.needs.first
            let today = person.current.flatMap { estateBefore.index(of: $0) }
            var reason = ""
            if from != nil || to != nil, from.map({ estateBefore.establishments[$0].code }) != to.map({ estateAfter.establishments[$0].code }) {
                reason = changeReason(i, from: from, to: to, before: before, after: after, changed: changed)
            }
            return PersonComparison(
                prisoner: person,
                stage: before.formulation.profiles[before.formulation.profileOfPrisoner[i]].stage,
                homeRegion: region,
                todayCode: today.map { estateBefore.establishments[$0].code },
                fromCode: from.map { estateBefore.establishments[$0].code },
                toCode: to.map { estateAfter.establishments[$0].code },
                kmToday: today.map { distBefore.km(home, $0) },
                inHomeRegionToday: today.map { estateBefore.establishments[$0].region == region } ?? false,
                kmBefore: from.map { distBefore.km(home, $0) },
                kmAfter: to.map { distAfter.km(home, $0) },
                straightKmBefore: from.map { distBefore.straight(home, $0) },
                straightKmAfter: to.map { distAfter.straight(home, $0) },
                inHomeRegionBefore: from.map { estateBefore.establishments[$0].region == region } ?? false,
                inHomeRegionAfter: to.map { estateAfter.establishments[$0].region == region } ?? false,
                needMetBefore: need.map { n in from.map { estateBefore.establishments[$0].offer(of: n) != nil } ?? false },
                needMetAfter: need.map { n in to.map { estateAfter.establishments[$0].offer(of: n) != nil } ?? false },
                changeReason: reason)
        }
    }

    /// Why person `i` is held elsewhere after the change than before it.
    static func changeReason(_ i: Int, from: Int?, to: Int?, before: Allocation, after: Allocation, changed: Set<PrisonCode>) -> String {
        let estateBefore = before.formulation.cost.estate, estateAfter = after.formulation.cost.estate
        let f = after.formulation
        let person = f.population.prisoners[i]
        if let from {
            let code = estateBefore.establishments[from].code
            guard let e = estateAfter.index(of: code), !estateAfter.establishments[e].isClosed else {
                return "\(code) closes"
            }
            let profile = f.profiles[f.profileOfPrisoner[i]]
            let exclusions = Rules.exclusions(profile, at: estateAfter.establishments[e], usableCapacity: f.usableCapacity[e],
                                              isCurrent: person.current == code, policy: f.cost.policy)
            if !exclusions.isEmpty {
                return "\(code) would no longer hold this person: " + exclusions.map(\.description).joined(separator: "; ")
            }
        }
        guard let to else { return "no lawful place left for this person after the change" }
        let destination = estateAfter.establishments[to].code
        if changed.contains(destination) { return "moves into \(destination), which the change affects" }
        if let from, changed.contains(estateBefore.establishments[from].code) {
            return "leaves \(estateBefore.establishments[from].code), which the change affects"
        }
        return "moves as places are freed or filled elsewhere in the estate"
    }
}
