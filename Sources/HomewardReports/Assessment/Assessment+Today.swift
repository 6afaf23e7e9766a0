import HomewardCore

extension Assessment {
    /// Where people are held today, as the baseline a family would recognise: for each establishment that
    /// changes, who is held there today and where the changed estate would hold them; for the estate, the
    /// journey from today to the changed estate beside the effect of the change alone (issue #22, item 1).
    public struct Today: Sendable {
        /// One changed establishment: the people held there today and where they would be held after the change.
        public struct Site: Sendable {
            public var code: String
            public var name: String
            /// People held there today (``Prisoner/current``).
            public var heldToday: Disclosure.Count
            /// People the changed estate's best allocation would hold there.
            public var heldAfter: Disclosure.Count
            /// The people held there today, by sentence stage (disjoint; secondary suppression applied).
            public var byStage: [(label: String, people: Disclosure.Count)]
            /// Where the changed estate would hold the people held there today: the establishments by number of
            /// people, then "elsewhere" for the rest and "not placed".
            public var destinations: [(label: String, people: Disclosure.Count)]
            /// Where the people the changed estate would hold there are held today (the same form; "Not placed":
            /// awaiting a place today).
            public var origins: [(label: String, people: Disclosure.Count)]
            /// Of the people held there today: mean miles from home today and after the change (nil if too few).
            public var milesToday: Double?
            public var milesAfter: Double?
            public var within50Today: Double?
            public var within50After: Double?
        }

        /// One pair of placements compared across the whole estate.
        public struct Step: Sendable {
            public var from: String
            public var to: String
            /// What the comparison isolates, in plain words.
            public var isolates: String
            /// People held somewhere different.
            public var moved: Disclosure.Count
            /// Of the people held somewhere different and placed both times: mean miles from home, from → to.
            public var movedMilesFrom: Double?
            public var movedMilesTo: Double?
            /// Of everyone placed: the share held within 50 miles of home, from → to.
            public var within50From: Double?
            public var within50To: Double?
        }

        public var sites: [Site]
        public var steps: [Step]
    }

    /// How many destinations a changed establishment's table names before "elsewhere".
    static let todayDestinations = 6

    /// The baseline of today's placements.
    static func today(_ people: [PersonComparison], changes: [ChangedEstablishment], disclosure d: Disclosure) -> Today {
        let sites = changes.map { c -> Today.Site in
            let code = PrisonCode(c.code)
            let here = people.filter { $0.todayCode == code }
            let there = people.filter { $0.toCode == code }
            let stages = d.table(PersonGroup.stages.map { $0.members(of: here).count })
            return Today.Site(
                code: c.code, name: c.name, heldToday: d.count(here.count),
                heldAfter: d.count(there.count),
                byStage: zip(PersonGroup.stages, stages).map { ($0.label, $1) }.filter { $0.1 != .shown(0) },
                destinations: ranked(here.map(\.toCode), disclosure: d),
                origins: ranked(there.map(\.todayCode), disclosure: d),
                milesToday: mean(here.compactMap(\.milesToday), d), milesAfter: mean(here.compactMap(\.milesAfter), d),
                within50Today: within50(here.compactMap(\.milesToday), d), within50After: within50(here.compactMap(\.milesAfter), d))
        }
        let steps = [
            step(people, from: "Where people are held today", to: "The changed estate (best allocation)",
                 isolates: "What people and their families would see: the change together with every move the best allocation would make anyway.",
                 { $0.todayCode }, { $0.milesToday }, { $0.toCode }, { $0.milesAfter }, disclosure: d),
            step(people, from: "Where people are held today", to: "The estate as it is (best allocation)",
                 isolates: "The moves the best allocation would make with no change at all: not caused by the change.",
                 { $0.todayCode }, { $0.milesToday }, { $0.fromCode }, { $0.milesBefore }, disclosure: d),
            step(people, from: "The estate as it is (best allocation)", to: "The changed estate (best allocation)",
                 isolates: "The effect of the change alone: the same people, the same policy, only the estate differs. Sections 2 to 8 use this comparison.",
                 { $0.fromCode }, { $0.milesBefore }, { $0.toCode }, { $0.milesAfter }, disclosure: d),
        ]
        return Today(sites: sites, steps: steps)
    }

    /// Establishments by how many of `codes` name them: the largest by count (ties by code), the rest as
    /// "elsewhere", and "not placed" for nil; the counts add up to `codes.count`, so secondary suppression applies.
    static func ranked(_ codes: [PrisonCode?], disclosure d: Disclosure) -> [(label: String, people: Disclosure.Count)] {
        var counts: [String: Int] = [:]
        var unplaced = 0
        for code in codes {
            if let code { counts[code.rawValue, default: 0] += 1 } else { unplaced += 1 }
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let named = ranked.prefix(todayDestinations).filter { d.allows(people: $0.value) }
        let elsewhere = codes.count - unplaced - named.map(\.value).reduce(0, +)
        let labels = named.map(\.key) + ["Elsewhere", "Not placed"]
        let cells = d.table(named.map(\.value) + [elsewhere, unplaced])
        return zip(labels, cells).map { ($0, $1) }.filter { $0.1 != .shown(0) }
    }

    /// One comparison of two placements across the estate, in one pass over everyone (sums in the same order as
    /// a mean over the list of the people moved, so the same figures to the last bit).
    static func step(_ people: [PersonComparison], from: String, to: String, isolates: String,
                     _ fromCode: (PersonComparison) -> PrisonCode?, _ fromMiles: (PersonComparison) -> Double?,
                     _ toCode: (PersonComparison) -> PrisonCode?, _ toMiles: (PersonComparison) -> Double?,
                     disclosure d: Disclosure) -> Today.Step {
        var moved = 0, both = 0, placedFrom = 0, placedTo = 0, within50From = 0, within50To = 0
        var sumFrom = 0.0, sumTo = 0.0
        for p in people {
            let milesFrom = fromMiles(p), milesTo = toMiles(p)
            if let milesFrom {
                placedFrom += 1
                if milesFrom <= 50 { within50From += 1 }
            }
            if let milesTo {
                placedTo += 1
                if milesTo <= 50 { within50To += 1 }
            }
            guard fromCode(p) != toCode(p) else { continue }
            moved += 1
            if let milesFrom, let milesTo {
                both += 1
                sumFrom += milesFrom
                sumTo += milesTo
            }
        }
        return Today.Step(
            from: from, to: to, isolates: isolates, moved: d.count(moved),
            movedMilesFrom: mean(sum: sumFrom, count: both, d), movedMilesTo: mean(sum: sumTo, count: both, d),
            within50From: share(within50From, of: placedFrom, d), within50To: share(within50To, of: placedTo, d))
    }

    /// The mean, or nil if too few values to publish.
    static func mean(_ values: [Double], _ d: Disclosure) -> Double? {
        mean(sum: values.reduce(0, +), count: values.count, d)
    }

    /// The mean of `count` values that add up to `sum`, or nil if too few values to publish.
    static func mean(sum: Double, count: Int, _ d: Disclosure) -> Double? {
        d.allows(people: count) ? sum / Double(count) : nil
    }

    /// The share of at most 50 miles, or nil if too few values to publish.
    static func within50(_ values: [Double], _ d: Disclosure) -> Double? {
        share(values.filter { $0 <= 50 }.count, of: values.count, d)
    }

    /// `count` as a share of `total`, or nil if too few people to publish.
    static func share(_ count: Int, of total: Int, _ d: Disclosure) -> Double? {
        d.allows(people: total) ? Double(count) / Double(total) : nil
    }
}
