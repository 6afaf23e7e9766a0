/// One prison or young offender institution.
public struct Establishment: Sendable, Equatable {
    public var code: PrisonCode
    public var name: String
    public var operatorKind: String
    public var sex: EstablishmentSex
    public var ageGroup: EstablishmentAgeGroup
    /// The security categories the establishment is designated for, as published.
    public var categories: SecurityProvision
    public var functions: Functions
    public var operationalCapacity: Int
    /// Certified normal accommodation: the uncrowded capacity.
    public var cna: Int
    public var latitude: Double
    public var longitude: Double
    public var postcode: String
    /// ONS region (or Wales) of the establishment's postcode.
    public var region: String
    /// The region people held here are expected to be released to (HMPPS
    /// register, July 2023: "Expected Resettlement Region"); nil where none is
    /// published, and then ``region`` serves.
    public var resettlementRegion: String?
    /// If set, the establishment holds only this cohort (a specialist-only site).
    public var cohortOnly: Cohort?
    /// Offending-behaviour programmes offered, each with a number of places if known.
    public var interventions: [InterventionOffer]
    /// Source tags for every value in the row (see Estate/SOURCES.md).
    public var source: String
    /// Closed by a scenario change: holds nobody.
    public var isClosed: Bool = false
    /// Places of each type (vulnerable-prisoner unit, single and accessible
    /// cells), where known; unknown types are not limited (issue #23).
    public var typedPlaces: TypedPlaces = TypedPlaces()

    public init(
        code: PrisonCode, name: String, operatorKind: String = "public", sex: EstablishmentSex,
        ageGroup: EstablishmentAgeGroup, categories: SecurityProvision, functions: Functions,
        operationalCapacity: Int, cna: Int, latitude: Double, longitude: Double, postcode: String = "",
        region: String, cohortOnly: Cohort? = nil, interventions: [InterventionOffer] = [], source: String = ""
    ) {
        self.code = code
        self.name = name
        self.operatorKind = operatorKind
        self.sex = sex
        self.ageGroup = ageGroup
        self.categories = categories
        self.functions = functions
        self.operationalCapacity = operationalCapacity
        self.cna = cna
        self.latitude = latitude
        self.longitude = longitude
        self.postcode = postcode
        self.region = region
        self.cohortOnly = cohortOnly
        self.interventions = interventions
        self.source = source
    }

    /// Children's establishments are outside Homeward's scope: nobody is allocated to them.
    public var isInScope: Bool { ageGroup != .juvenile && !functions.contains(.children) }

    /// In scope and not closed: people may be allocated here (capacity permitting).
    public var isAvailable: Bool { isInScope && !isClosed }

    /// True if the only men's category held is D (open conditions), or the only women's is open.
    public var isOpen: Bool {
        let closedMen: SecurityProvision = [.a, .b, .c]
        if sex == .female { return categories.contains(.womenOpen) && !categories.contains(.womenClosed) }
        return categories.contains(.d) && categories.isDisjoint(with: closedMen)
    }

    /// The offer of `intervention`, if any.
    public func offer(of intervention: String) -> InterventionOffer? {
        interventions.first { $0.name == intervention }
    }
}

/// Which sex an establishment holds.
public enum EstablishmentSex: String, Sendable, CaseIterable {
    case male, female, mixed
}

/// Which ages an establishment holds (the register's designation).
public enum EstablishmentAgeGroup: String, Sendable, CaseIterable {
    /// Adults aged 21 and over.
    case adult
    /// Young adults aged 18 to 20 (a young offender institution).
    case youngAdult = "YOI"
    /// Dual designated: adults and young adults, in separate accommodation.
    case mixed
    /// Children under 18 (out of scope).
    case juvenile
}

/// The security categories an establishment is designated for.
public struct SecurityProvision: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let a = SecurityProvision(rawValue: 1 << 0)
    public static let b = SecurityProvision(rawValue: 1 << 1)
    public static let c = SecurityProvision(rawValue: 1 << 2)
    public static let d = SecurityProvision(rawValue: 1 << 3)
    public static let womenClosed = SecurityProvision(rawValue: 1 << 4)
    public static let womenOpen = SecurityProvision(rawValue: 1 << 5)
    public static let childrenClosed = SecurityProvision(rawValue: 1 << 6)

    /// The file's spelling of each flag, in file order.
    public static let names: [(String, SecurityProvision)] = [
        ("A", .a), ("B", .b), ("C", .c), ("D", .d),
        ("women-closed", .womenClosed), ("women-open", .womenOpen), ("children-closed", .childrenClosed),
    ]

    /// The highest men's security level held: 4 = A, 3 = B, 2 = C, 1 = D; 0 if none.
    public var highestMensLevel: Int {
        if contains(.a) { return 4 }
        if contains(.b) { return 3 }
        if contains(.c) { return 2 }
        if contains(.d) { return 1 }
        return 0
    }

    /// `A;B` style text.
    public var text: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ";")
    }
}

/// The functions an establishment performs (the estate's own vocabulary).
public struct Functions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let reception = Functions(rawValue: 1 << 0)
    public static let training = Functions(rawValue: 1 << 1)
    public static let resettlement = Functions(rawValue: 1 << 2)
    public static let open = Functions(rawValue: 1 << 3)
    public static let highSecurity = Functions(rawValue: 1 << 4)
    public static let foreignNational = Functions(rawValue: 1 << 5)
    public static let children = Functions(rawValue: 1 << 6)

    public static let names: [(String, Functions)] = [
        ("reception", .reception), ("training", .training), ("resettlement", .resettlement), ("open", .open),
        ("high-security", .highSecurity), ("foreign-national", .foreignNational), ("children", .children),
    ]

    /// `reception;resettlement` style text.
    public var text: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ";")
    }
}

/// An offending-behaviour programme offered at an establishment.
public struct InterventionOffer: Sendable, Equatable {
    /// The programme's name in Homeward's vocabulary, e.g. `horizon`.
    public var name: String
    /// Places available to people allocated here, or nil if not limited in the model.
    public var places: Int?

    public init(name: String, places: Int? = nil) {
        self.name = name
        self.places = places
    }

    /// `horizon` or `horizon:40`.
    public var text: String { places.map { "\(name):\($0)" } ?? name }
}
