import HomewardCore

/// One person under the estate as it is and as changed.
///
/// A class rather than a struct: the assessment sorts 88,000 of them into dozens of groups, and a group is then
/// an array of references rather than of copies (a person's record holds several strings and arrays).
public final class PersonComparison: Sendable, Equatable {
    public let prisoner: Prisoner
    public let stage: Stage
    /// Home region of the person's family.
    public let homeRegion: String
    /// Where the person is held today (``Prisoner/current``, if it is in the estate as it is).
    public let todayCode: PrisonCode?
    public let fromCode: PrisonCode?
    public let toCode: PrisonCode?
    /// Estimated road distance in km from home to where the person is held today (nil if not held).
    public let kmToday: Double?
    public let inHomeRegionToday: Bool
    /// Estimated road distance in km (nil if unplaced).
    public let kmBefore: Double?
    public let kmAfter: Double?
    public let straightKmBefore: Double?
    public let straightKmAfter: Double?
    public let inHomeRegionBefore: Bool
    public let inHomeRegionAfter: Bool
    /// Whether the priority programme need is offered where the person is held.
    public let needMetBefore: Bool?
    public let needMetAfter: Bool?
    /// Why the change moves this person (empty if it does not).
    public let changeReason: String

    public init(prisoner: Prisoner, stage: Stage, homeRegion: String, todayCode: PrisonCode?, fromCode: PrisonCode?,
                toCode: PrisonCode?, kmToday: Double?, inHomeRegionToday: Bool, kmBefore: Double?, kmAfter: Double?,
                straightKmBefore: Double?, straightKmAfter: Double?, inHomeRegionBefore: Bool, inHomeRegionAfter: Bool,
                needMetBefore: Bool?, needMetAfter: Bool?, changeReason: String) {
        self.prisoner = prisoner
        self.stage = stage
        self.homeRegion = homeRegion
        self.todayCode = todayCode
        self.fromCode = fromCode
        self.toCode = toCode
        self.kmToday = kmToday
        self.inHomeRegionToday = inHomeRegionToday
        self.kmBefore = kmBefore
        self.kmAfter = kmAfter
        self.straightKmBefore = straightKmBefore
        self.straightKmAfter = straightKmAfter
        self.inHomeRegionBefore = inHomeRegionBefore
        self.inHomeRegionAfter = inHomeRegionAfter
        self.needMetBefore = needMetBefore
        self.needMetAfter = needMetAfter
        self.changeReason = changeReason
    }

    /// The same figures for the same person.
    public static func == (a: PersonComparison, b: PersonComparison) -> Bool {
        a.prisoner == b.prisoner
            && a.stage == b.stage
            && a.homeRegion == b.homeRegion
            && a.todayCode == b.todayCode
            && a.fromCode == b.fromCode
            && a.toCode == b.toCode
            && a.kmToday == b.kmToday
            && a.inHomeRegionToday == b.inHomeRegionToday
            && a.kmBefore == b.kmBefore
            && a.kmAfter == b.kmAfter
            && a.straightKmBefore == b.straightKmBefore
            && a.straightKmAfter == b.straightKmAfter
            && a.inHomeRegionBefore == b.inHomeRegionBefore
            && a.inHomeRegionAfter == b.inHomeRegionAfter
            && a.needMetBefore == b.needMetBefore
            && a.needMetAfter == b.needMetAfter
            && a.changeReason == b.changeReason
    }

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
