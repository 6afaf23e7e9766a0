/// Everything about a person that the model's rules and costs can see,
/// apart from where they are held now. People with equal profiles are
/// interchangeable everywhere but at their current establishment, so they
/// share one hub node in the network.
public struct Profile: Hashable, Sendable, Comparable {
    public var sex: Sex
    public var youngAdult: Bool
    /// Index of the home authority in the geography.
    public var home: Int
    public var category: Category
    public var stage: Stage
    /// Only the cohorts that rules or costs use (sexual offence, foreign national).
    public var cohorts: Cohorts
    /// Days to release within the foreign-national hub window.
    public var inForeignNationalWindow: Bool
    /// Enough days left to move into a resettlement prison.
    public var mayEnterResettlement: Bool
    /// Programmes needed, most important first.
    public var needs: [String]
    /// Where a person too near release to be transferred is held
    /// (``Policy/minDaysForTransfer``): such people get profiles of their own
    /// per establishment, so that the network can keep them there. nil for
    /// everyone else.
    public var pinned: PrisonCode?
    /// Weeks expected at a placement (the time left, banded: ``TimeLeft``); 0 when time left is not costed.
    public var weeksHere: Double
    /// An indeterminate sentence past its tariff: progression through open conditions is what the Parole Board expects.
    public var postTariff: Bool
    /// What this week's decisions leave open (issue #23): free to move, held
    /// where they are, or placed by a decision already made.
    public var fixed: Fixed = .free
    /// The kinds of place the person needs (vulnerable-prisoner unit, single
    /// cell, accessible cell), each limited where an establishment's typed
    /// places are known.
    public var placeNeeds: PlaceNeeds = []
    /// Set (to the person's own id) for someone in a non-association the
    /// policy counts: they need a profile, and so network columns, of their own.
    public var individual: PersonID?

    /// How far this week's decisions fix where a person may be.
    public enum Fixed: Hashable, Sendable, Comparable {
        /// Free to move (or, for a new reception, to be placed anywhere lawful).
        case free
        /// Stays where they are: held, or not on the week's movers list.
        case stays
        /// Placed at this prison by a decision already made.
        case locked(PrisonCode)
    }

    /// The cohorts that change eligibility or cost.
    public static let modelledCohorts: Cohorts = [.sexualOffence, .foreignNational]

    /// The profile of `prisoner` under `policy`, with what the week fixes
    /// about them (``WeekIndex/fixed(_:)`` and ``WeekIndex/needs(_:)``).
    public init(_ prisoner: Prisoner, home: Int, policy: Policy, fixed: Fixed = .free, placeNeeds: PlaceNeeds = [],
                individual: Bool = false) {
        self.fixed = fixed
        self.individual = individual ? prisoner.id : nil
        self.placeNeeds = placeNeeds
        sex = prisoner.sex
        youngAdult = prisoner.isYoungAdult
        self.home = home
        category = prisoner.category
        stage = policy.stage(of: prisoner)
        cohorts = prisoner.cohorts.intersection(Profile.modelledCohorts)
        // The window matters only to foreign nationals (the hubs hold nobody else).
        if !prisoner.cohorts.contains(.foreignNational) || prisoner.legalStatus != .sentenced {
            inForeignNationalWindow = false
        } else if let window = policy.foreignNationalHubMonths {
            // Without a known release date (an indeterminate sentence) the time left is not in any window.
            let low = Double(window.lowerBound) * Profile.daysPerMonth
            let high = Double(window.upperBound) * Profile.daysPerMonth
            inForeignNationalWindow = prisoner.knownDaysToRelease.map { Double($0) >= low && Double($0) <= high } ?? false
        } else {
            inForeignNationalWindow = true
        }
        if let days = prisoner.knownDaysToRelease {
            mayEnterResettlement = days >= policy.minDaysInResettlementPrison
        } else {
            mayEnterResettlement = true
        }
        needs = prisoner.needs
        pinned = policy.mayTransfer(prisoner) ? nil : prisoner.current
        if let timeLeft = policy.timeLeft {
            weeksHere = timeLeft.band(policy.weeksLeft(of: prisoner, stage: stage, timeLeft: timeLeft))
        } else {
            weeksHere = 0
        }
        postTariff = prisoner.cohorts.contains(.indeterminate) && (prisoner.daysToTariff ?? 1) <= 0
    }

    public init(sex: Sex, youngAdult: Bool, home: Int, category: Category, stage: Stage, cohorts: Cohorts,
                inForeignNationalWindow: Bool, mayEnterResettlement: Bool, needs: [String], pinned: PrisonCode? = nil,
                weeksHere: Double = 0, postTariff: Bool = false) {
        self.pinned = pinned
        self.weeksHere = weeksHere
        self.postTariff = postTariff
        self.sex = sex
        self.youngAdult = youngAdult
        self.home = home
        self.category = category
        self.stage = stage
        self.cohorts = cohorts
        self.inForeignNationalWindow = inForeignNationalWindow
        self.mayEnterResettlement = mayEnterResettlement
        self.needs = needs
    }

    /// Average days per month (365.25 / 12).
    public static let daysPerMonth = 30.4375

    public static func < (lhs: Profile, rhs: Profile) -> Bool {
        if lhs.home != rhs.home { return lhs.home < rhs.home }
        if lhs.sex != rhs.sex { return lhs.sex.rawValue < rhs.sex.rawValue }
        if lhs.youngAdult != rhs.youngAdult { return !lhs.youngAdult }
        if lhs.category != rhs.category { return lhs.category.rawValue < rhs.category.rawValue }
        if lhs.stage != rhs.stage { return lhs.stage < rhs.stage }
        if lhs.cohorts != rhs.cohorts { return lhs.cohorts.rawValue < rhs.cohorts.rawValue }
        if lhs.inForeignNationalWindow != rhs.inForeignNationalWindow { return !lhs.inForeignNationalWindow }
        if lhs.mayEnterResettlement != rhs.mayEnterResettlement { return !lhs.mayEnterResettlement }
        if lhs.pinned != rhs.pinned { return (lhs.pinned?.rawValue ?? "") < (rhs.pinned?.rawValue ?? "") }
        if lhs.weeksHere != rhs.weeksHere { return lhs.weeksHere < rhs.weeksHere }
        if lhs.postTariff != rhs.postTariff { return !lhs.postTariff }
        if lhs.needs != rhs.needs { return lhs.needs.lexicographicallyPrecedes(rhs.needs) }
        if lhs.fixed != rhs.fixed { return lhs.fixed < rhs.fixed }
        if lhs.placeNeeds != rhs.placeNeeds { return lhs.placeNeeds.rawValue < rhs.placeNeeds.rawValue }
        guard let right = rhs.individual else { return false }
        guard let left = lhs.individual else { return true }
        return left < right
    }
}
