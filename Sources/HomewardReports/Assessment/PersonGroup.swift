import HomewardCore

/// A group of people the assessment reports on, defined once: its label, its
/// definition in plain words and the test of membership. Every section and
/// file that shows a group by its label takes it from here, so one label
/// always means one set of people (issue #22, item 7).
///
/// Groups are defined by who people are (sex, age, sentence stage, legal
/// status, home nation, cohort), never by what the change does to them; the
/// one exception, ``affected``, says so in its definition.
public struct PersonGroup: Sendable {
    /// The label shown in tables and prose.
    public let label: String
    /// What the label means, for the definitions list in the method section.
    public let definition: String
    private let test: @Sendable (PersonComparison) -> Bool
    /// Whether the group holds everyone (``everyone``), so that its members among any people are those people.
    private let isEveryone: Bool

    public init(_ label: String, _ definition: String, _ test: @escaping @Sendable (PersonComparison) -> Bool) {
        self.init(label, definition, isEveryone: false, test)
    }

    private init(_ label: String, _ definition: String, isEveryone: Bool, _ test: @escaping @Sendable (PersonComparison) -> Bool) {
        self.label = label
        self.definition = definition
        self.test = test
        self.isEveryone = isEveryone
    }

    /// Whether `person` belongs to the group.
    public func contains(_ person: PersonComparison) -> Bool { test(person) }

    /// The members of the group among `people`, in their order.
    public func members(of people: [PersonComparison]) -> [PersonComparison] { isEveryone ? people : people.filter(test) }

    // MARK: - The groups

    public static let everyone = PersonGroup("Everyone", "Every person in the population assessed.", isEveryone: true) { _ in true }
    public static let affected = PersonGroup(
        "People affected",
        "People whom the best allocation of the changed estate holds somewhere other than the best allocation of the estate as it is (or cannot place). The one group defined by the outcome; it is described, never rated.",
        \.isAffected)
    public static let men = PersonGroup("Men", "Men, of any age.") { $0.prisoner.sex == .male }
    public static let women = PersonGroup("Women", "Women, of any age.") { $0.prisoner.sex == .female }
    public static let youngAdults = PersonGroup("Young adults (18 to 20)", "People aged 18, 19 or 20.") { $0.prisoner.age <= 20 }
    public static let under30 = PersonGroup("Aged 18 to 29", "People aged 18 to 29, the ages at which most partnerships and families are formed.") { $0.prisoner.age < 30 }
    public static let aged50OrOver = PersonGroup("Aged 50 or over", "People aged 50 or over.") { $0.prisoner.age >= 50 }
    public static let foreignNationals = PersonGroup("Foreign nationals", "People recorded as foreign nationals.") { $0.prisoner.cohorts.contains(.foreignNational) }
    public static let familiesInWales = PersonGroup("Families in Wales", "People whose home local authority is in Wales.") { $0.homeRegion == "Wales" }
    public static let onRemand = PersonGroup("On remand", "People not yet convicted or not yet sentenced (legal status remand).") { $0.prisoner.legalStatus == .remand }
    public static let convicted = PersonGroup("Convicted and sentenced", "People serving a sentence (legal status sentenced), including recalls.") { $0.prisoner.legalStatus == .sentenced }
    public static let shortSentence = PersonGroup("Short sentence (under a year)", "Sentenced to under a year (not indeterminate), and more than 12 weeks from release.") { $0.stage == .shortSentence }
    public static let training = PersonGroup("Training stage", "Sentenced to a year or more and more than a year from release (or an indeterminate sentence before its release).") { $0.stage == .training }
    public static let twelveWeeksToAYear = PersonGroup("12 weeks to a year before release", "Sentenced to a year or more, with between 12 weeks and a year to their earliest release date.") { $0.stage == .preRelease }
    public static let lastTwelveWeeks = PersonGroup("Last 12 weeks before release", "Sentenced, with 12 weeks or less to their earliest release date.") { $0.stage == .resettlement }
    public static let withinAYearOfRelease = PersonGroup(
        "Within a year of release",
        "Sentenced to a year or more with a year or less to their earliest release date, including the last 12 weeks (the two stages '12 weeks to a year before release' and 'Last 12 weeks before release').") {
        $0.stage == .preRelease || $0.stage == .resettlement
    }
    public static let sexualOffence = PersonGroup("Convicted of a sexual offence", "People convicted of a sexual offence.") { $0.prisoner.cohorts.contains(.sexualOffence) }
    public static let indeterminate = PersonGroup("Indeterminate sentence", "People serving a life or IPP sentence.") { $0.prisoner.cohorts.contains(.indeterminate) }
    public static let recalled = PersonGroup("Recalled", "People recalled to prison from licence.") { $0.prisoner.cohorts.contains(.recall) }
    public static let needsProgramme = PersonGroup("Needs a programme", "People whose sentence plan calls for an offending-behaviour programme.") { !$0.prisoner.needs.isEmpty }

    /// The sentence stages, in the order a sentence runs; disjoint, and together everyone.
    public static let stages: [PersonGroup] = [onRemand, shortSentence, training, twelveWeeksToAYear, lastTwelveWeeks]

    /// The group of a sentence stage.
    public static func stage(_ stage: Stage) -> PersonGroup {
        switch stage {
        case .remand: return onRemand
        case .shortSentence: return shortSentence
        case .training: return training
        case .preRelease: return twelveWeeksToAYear
        case .resettlement: return lastTwelveWeeks
        }
    }

    /// The age bands of the breakdown by age; disjoint, and together everyone.
    public static let ageBands: [PersonGroup] = [
        PersonGroup("18 to 20", "Aged 18, 19 or 20 (the young adults).") { $0.prisoner.age <= 20 },
        PersonGroup("21 to 24", "Aged 21 to 24.") { (21...24).contains($0.prisoner.age) },
        PersonGroup("25 to 29", "Aged 25 to 29.") { (25...29).contains($0.prisoner.age) },
        PersonGroup("30 to 39", "Aged 30 to 39.") { (30...39).contains($0.prisoner.age) },
        PersonGroup("40 to 49", "Aged 40 to 49.") { (40...49).contains($0.prisoner.age) },
        PersonGroup("50 to 59", "Aged 50 to 59.") { (50...59).contains($0.prisoner.age) },
        PersonGroup("60 and over", "Aged 60 or over.") { $0.prisoner.age >= 60 },
    ]

    /// The security categories; disjoint, and together everyone.
    public static let categories: [PersonGroup] = [
        PersonGroup("Category A", "Men in security category A.") { $0.prisoner.category == .a },
        PersonGroup("Category B", "Men in security category B.") { $0.prisoner.category == .b },
        PersonGroup("Category C", "Men in security category C.") { $0.prisoner.category == .c },
        PersonGroup("Category D", "Men in security category D (open conditions).") { $0.prisoner.category == .d },
        PersonGroup("Women, closed", "Women in closed conditions.") { $0.prisoner.category == .closed },
        PersonGroup("Women, open", "Women in open conditions.") { $0.prisoner.category == .open },
    ]

    /// The cohorts of the breakdown; they overlap.
    public static let cohorts: [PersonGroup] = [
        sexualOffence, foreignNationals, aged50OrOver, indeterminate, recalled, needsProgramme, withinAYearOfRelease,
    ]

    /// The groups whose distance from home the proximity section follows.
    public static let proximity: [PersonGroup] = [
        everyone, affected, men, women, familiesInWales, aged50OrOver, youngAdults, foreignNationals, withinAYearOfRelease, onRemand,
    ]

    /// The home region of a family (regions of England, and Wales).
    public static func homeRegion(_ region: String) -> PersonGroup {
        if region == "Wales" { return familiesInWales }
        return PersonGroup(region, "People whose home local authority is in \(region).") { $0.homeRegion == region }
    }

    /// Every fixed group, for the definitions list (each label once).
    public static let all: [PersonGroup] = {
        var seen = Set<String>(), list: [PersonGroup] = []
        for g in [everyone, affected, men, women] + ageBands + [youngAdults, under30, aged50OrOver] + categories
            + [onRemand, convicted] + stages + [withinAYearOfRelease] + cohorts + [familiesInWales] where !seen.contains(g.label) {
            seen.insert(g.label)
            list.append(g)
        }
        return list
    }()
}
