/// What a population management unit's real week adds to the people to be
/// allocated (issue #23): who must stay where they are, whose placement is
/// already decided, who may move at all, what kind of place each person
/// needs, and who must be kept apart. Read from an HMPPS-shaped extract
/// (`population: {extract: DIR}`); empty for a synthetic population.
///
/// Everything here is keyed by the pseudonymous ``PersonID`` of the extract.
/// The model reads these facts; it never holds a direct identifier.
public struct WeekConstraints: Sendable, Equatable {
    /// People who must stay where they are this week (due in court, in
    /// hospital, mid-programme...). A hold outranks a lock.
    public var holds: [Hold]
    /// Decisions already made: the person is placed at the given prison (and
    /// counted against its capacity).
    public var locks: [Lock]
    /// The people the unit is willing to move this week; nil means everyone
    /// who is neither held nor locked.
    public var movers: Set<PersonID>?
    /// What kind of place each person needs, for those who need one.
    public var placeNeeds: [PersonID: PlaceNeeds]
    /// Pairs who must not share (or should not share) an establishment.
    public var nonAssociations: [NonAssociation]

    public init(holds: [Hold] = [], locks: [Lock] = [], movers: Set<PersonID>? = nil,
                placeNeeds: [PersonID: PlaceNeeds] = [:], nonAssociations: [NonAssociation] = []) {
        self.holds = holds
        self.locks = locks
        self.movers = movers
        self.placeNeeds = placeNeeds
        self.nonAssociations = nonAssociations
    }

    /// No constraints: the synthetic population's week.
    public static let none = WeekConstraints()

    public var isEmpty: Bool {
        holds.isEmpty && locks.isEmpty && movers == nil && placeNeeds.isEmpty && nonAssociations.isEmpty
    }
}

/// A reason a person must stay where they are (the extract's `holds.csv`).
public enum HoldKind: String, Sendable, CaseIterable {
    case court = "COURT"
    case medical = "MEDICAL"
    case programme = "PROGRAMME"
    case parole = "PAROLE"
    case security = "SECURITY"
    case governor = "GOVERNOR"
    case notForRelease = "NOT_FOR_RELEASE"
    case other = "OTHER"
}

/// One person held where they are until a date.
public struct Hold: Sendable, Equatable {
    public var person: PersonID
    public var kind: HoldKind
    /// ISO date (yyyy-mm-dd) the hold ends, if known.
    public var until: String?
    /// Where the hold came from, for explanations: `holds.csv`, or the alert
    /// code that implies it (e.g. `alert HA`).
    public var origin: String

    public init(person: PersonID, kind: HoldKind, until: String? = nil, origin: String = "holds.csv") {
        self.person = person
        self.kind = kind
        self.until = until
        self.origin = origin
    }
}

/// One placement already decided (the extract's `locks.csv`).
public struct Lock: Sendable, Equatable {
    public var person: PersonID
    public var prison: PrisonCode
    public var reason: String

    public init(person: PersonID, prison: PrisonCode, reason: String) {
        self.person = person
        self.prison = prison
        self.reason = reason
    }
}

/// The kinds of place a person may need, each of which an establishment has
/// a limited number of (``TypedPlaces``).
public struct PlaceNeeds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A place on a vulnerable-prisoner unit (Locations-inside-prison's VULNERABLE_PRISONERS).
    public static let vulnerablePrisonerUnit = PlaceNeeds(rawValue: 1 << 0)
    /// A single cell (VIP alert, or a HIGH cell-sharing risk assessment).
    public static let singleCell = PlaceNeeds(rawValue: 1 << 1)
    /// An accessible cell (PEEP, mobility or care needs; ACCESSIBLE_CELL).
    public static let accessibleCell = PlaceNeeds(rawValue: 1 << 2)

    public static let names: [(String, PlaceNeeds)] = [
        ("vulnerable_prisoner_unit", .vulnerablePrisonerUnit), ("single_cell", .singleCell),
        ("accessible_cell", .accessibleCell),
    ]

    /// `single_cell;accessible_cell` style text.
    public var text: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ";")
    }
}

/// Places of each type at an establishment, where known. A nil count means
/// "not known": the model does not limit that type there (and says so).
public struct TypedPlaces: Sendable, Equatable {
    public var vulnerablePrisonerUnit: Int?
    public var singleCell: Int?
    public var accessibleCell: Int?

    public init(vulnerablePrisonerUnit: Int? = nil, singleCell: Int? = nil, accessibleCell: Int? = nil) {
        self.vulnerablePrisonerUnit = vulnerablePrisonerUnit
        self.singleCell = singleCell
        self.accessibleCell = accessibleCell
    }

    /// The places of one need type.
    public subscript(need: PlaceNeeds) -> Int? {
        switch need {
        case .vulnerablePrisonerUnit: return vulnerablePrisonerUnit
        case .singleCell: return singleCell
        case .accessibleCell: return accessibleCell
        default: return nil
        }
    }
}

/// A non-association between two people (the Non-associations API's values).
public struct NonAssociation: Sendable, Equatable {
    public var a: PersonID
    public var b: PersonID
    public var restriction: NonAssociationRestriction
    public var reason: NonAssociationReason
    /// Only open non-associations reach the model.
    public var isOpen: Bool

    public init(a: PersonID, b: PersonID, restriction: NonAssociationRestriction, reason: NonAssociationReason,
                isOpen: Bool = true) {
        self.a = a
        self.b = b
        self.restriction = restriction
        self.reason = reason
        self.isOpen = isOpen
    }
}

/// How far apart a non-association keeps two people inside one prison.
public enum NonAssociationRestriction: String, Sendable, CaseIterable {
    case cell = "CELL"
    case landing = "LANDING"
    case wing = "WING"
}

/// Why two people are kept apart.
public enum NonAssociationReason: String, Sendable, CaseIterable {
    case bullying = "BULLYING"
    case gangRelated = "GANG_RELATED"
    case organisedCrime = "ORGANISED_CRIME"
    case legalRequest = "LEGAL_REQUEST"
    case threat = "THREAT"
    case violence = "VIOLENCE"
    case other = "OTHER"
}
