import HomewardDomain
import HomewardModel

/// Where a plan places people who need a kind of place (vulnerable-prisoner
/// unit, single cell, accessible cell) at an establishment whose places of
/// that kind are unknown: the model does not limit them there, so the plan
/// may hold more such people than there are places (issue #23).
public struct UnknownTypedPlaces: Sendable, Equatable {
    /// One kind of place: the establishments (codes, sorted) whose places of it are unknown but where people
    /// who need it are placed, and how many such people.
    public struct Kind: Sendable, Equatable {
        public var need: String
        public var establishments: [PrisonCode]
        public var people: Int
    }

    /// The words reports use for these figures.
    public static let note = "not limited: places of this type unknown"

    /// Kinds of place in ``PlaceNeeds/names`` order; only those with at least one such establishment.
    public let kinds: [Kind]

    /// The figures of `allocation`.
    public init(allocation: Allocation) {
        let f = allocation.formulation
        let estate = f.cost.estate
        let needs = f.population.week.placeNeeds
        var kinds: [Kind] = []
        for (name, need) in PlaceNeeds.names {
            var people: [Int: Int] = [:]
            for placement in allocation.plan.placements {
                guard let e = placement.destination, estate.establishments[e].typedPlaces[need] == nil,
                      needs[f.population.prisoners[placement.prisoner].id]?.contains(need) == true else { continue }
                people[e, default: 0] += 1
            }
            guard !people.isEmpty else { continue }
            kinds.append(Kind(need: name, establishments: people.keys.map { estate.establishments[$0].code }.sorted(),
                              people: people.values.reduce(0, +)))
        }
        self.kinds = kinds
    }
}
