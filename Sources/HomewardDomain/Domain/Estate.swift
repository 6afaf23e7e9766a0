/// The establishments of England and Wales, sorted by code.
public struct Estate: Sendable, Equatable {
    public let establishments: [Establishment]
    private let indexByCode: [PrisonCode: Int]

    public init(establishments: [Establishment]) {
        self.establishments = establishments.sorted { $0.code < $1.code }
        var index: [PrisonCode: Int] = [:]
        for (i, establishment) in self.establishments.enumerated() { index[establishment.code] = i }
        indexByCode = index
    }

    public static func == (lhs: Estate, rhs: Estate) -> Bool { lhs.establishments == rhs.establishments }

    public var count: Int { establishments.count }
    public func index(of code: PrisonCode) -> Int? { indexByCode[code] }
    public func establishment(_ code: PrisonCode) -> Establishment? { indexByCode[code].map { establishments[$0] } }

    /// Every programme offered somewhere in the estate, sorted.
    public var interventionNames: [String] {
        Array(Set(establishments.flatMap { $0.interventions.map(\.name) })).sorted()
    }
}

/// The people to allocate, sorted by identifier.
public struct Population: Sendable, Equatable {
    public let prisoners: [Prisoner]
    /// The week's holds, locks, movers, place needs and non-associations
    /// (from an HMPPS-shaped extract; empty for a synthetic population).
    public var week: WeekConstraints

    public init(prisoners: [Prisoner], week: WeekConstraints = .none) {
        self.prisoners = prisoners.sorted { $0.id < $1.id }
        self.week = week
    }

    public var count: Int { prisoners.count }
}
