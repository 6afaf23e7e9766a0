/// One person in the population to be allocated.
public struct Prisoner: Sendable, Equatable {
    public var id: PersonID
    public var sex: Sex
    public var age: Int
    /// Home local authority district: the proxy for where the family lives.
    public var home: LADCode
    public var legalStatus: LegalStatus
    public var category: Category
    /// Sentence length in days; nil on remand.
    public var sentenceDays: Int?
    /// Days until the earliest release date; nil on remand. For indeterminate
    /// sentences, days until tariff expiry (the earliest possible release).
    public var daysToRelease: Int?
    /// Indeterminate sentences only: days until the tariff (minimum term)
    /// expires; zero or negative once it has passed. nil otherwise.
    public var daysToTariff: Int?
    /// Where the person is held now; nil for a new reception awaiting a place.
    public var current: PrisonCode?
    public var cohorts: Cohorts
    /// Programmes the sentence plan calls for, most important first.
    public var needs: [String]

    public init(
        id: PersonID, sex: Sex, age: Int, home: LADCode, legalStatus: LegalStatus, category: Category,
        sentenceDays: Int? = nil, daysToRelease: Int? = nil, current: PrisonCode? = nil,
        cohorts: Cohorts = [], needs: [String] = [], daysToTariff: Int? = nil
    ) {
        self.daysToTariff = daysToTariff
        self.id = id
        self.sex = sex
        self.age = age
        self.home = home
        self.legalStatus = legalStatus
        self.category = category
        self.sentenceDays = sentenceDays
        self.daysToRelease = daysToRelease
        self.current = current
        self.cohorts = cohorts
        self.needs = needs
    }

    /// Days to a release date that is known: nil on remand and for an
    /// indeterminate sentence, whose ``daysToRelease`` counts to the next
    /// parole review, which directs release only about a third of the time.
    public var knownDaysToRelease: Int? { cohorts.contains(.indeterminate) ? nil : daysToRelease }

    /// Young adults are 18 to 20; they are held in YOI or dual-designated establishments.
    public var isYoungAdult: Bool { age < 21 }
}

public enum Sex: String, Sendable, CaseIterable {
    case male, female
}

public enum LegalStatus: String, Sendable, CaseIterable {
    /// Untried or convicted unsentenced.
    case remand
    case sentenced
}

/// Security category. Men: A (highest) to D (open conditions). Women: closed or open.
public enum Category: String, Sendable, CaseIterable {
    case a = "A", b = "B", c = "C", d = "D"
    case closed, open

    /// Men's level 4 (A) to 1 (D); women's closed 2, open 1.
    public var level: Int {
        switch self {
        case .a: return 4
        case .b: return 3
        case .c: return 2
        case .d: return 1
        case .closed: return 2
        case .open: return 1
        }
    }

    /// Whether the category is for open conditions.
    public var isOpen: Bool { self == .d || self == .open }

    /// The categories valid for a sex.
    public static func allowed(for sex: Sex) -> [Category] {
        sex == .male ? [.a, .b, .c, .d] : [.closed, .open]
    }
}

/// Cohorts that the rules, costs or reports can see.
public struct Cohorts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Convicted of a sexual offence.
    public static let sexualOffence = Cohorts(rawValue: 1 << 0)
    /// A foreign national (of interest to the Home Office).
    public static let foreignNational = Cohorts(rawValue: 1 << 1)
    /// Aged 50 or over.
    public static let older = Cohorts(rawValue: 1 << 2)
    /// Serving an indeterminate sentence (life or IPP).
    public static let indeterminate = Cohorts(rawValue: 1 << 3)
    /// Recalled to custody after release on licence.
    public static let recall = Cohorts(rawValue: 1 << 4)

    public static let names: [(String, Cohorts)] = [
        ("sexual_offence", .sexualOffence), ("foreign_national", .foreignNational), ("older", .older),
        ("indeterminate", .indeterminate), ("recall", .recall),
    ]

    public var text: String {
        Self.names.filter { contains($0.1) }.map(\.0).joined(separator: ";")
    }
}

/// A cohort that a specialist-only establishment is restricted to.
public enum Cohort: String, Sendable, CaseIterable {
    case sexualOffence = "sexual_offence"
    case foreignNational = "foreign_national"

    public var flag: Cohorts {
        switch self {
        case .sexualOffence: return .sexualOffence
        case .foreignNational: return .foreignNational
        }
    }

    /// Plain words for reports.
    public var phrase: String {
        switch self {
        case .sexualOffence: return "men convicted of sexual offences"
        case .foreignNational: return "foreign nationals"
        }
    }
}
