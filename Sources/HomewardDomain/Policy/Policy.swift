/// A limit per establishment: one number for every establishment, with
/// exceptions by prison code. Nil for an establishment means no limit there.
public struct EstablishmentLimits: Sendable, Equatable {
    /// The limit at establishments not named in ``prisons``; nil = none.
    public var defaultLimit: Int?
    /// Limits by prison code, overriding the default.
    public var prisons: [PrisonCode: Int]

    public init(defaultLimit: Int?, prisons: [PrisonCode: Int] = [:]) {
        self.defaultLimit = defaultLimit
        self.prisons = prisons
    }

    /// The limit at the establishment with `code`, if any.
    public func limit(at code: PrisonCode) -> Int? { prisons[code] ?? defaultLimit }
}

/// The allocation policy: every weight and switch of the model, documented.
///
/// Costs are in *points*. One point is the cost of one kilometre of estimated
/// road distance between a family's home and the prison for a person whose
/// stage has weight 1. All other costs are stated in the same unit, so a
/// weight of 60 for a move means "a transfer is worth 60 km of family travel".
/// The defaults are policy judgements, not data: they encode the priorities of
/// the Farmer Review (2017) and the Government's 2018 response, and are meant
/// to be changed by a scenario.
public struct Policy: Sendable, Equatable {
    /// Points per km of family distance, by sentence stage. Highest near release
    /// and for short sentences: the 2018 update prioritises "closeness to home for
    /// men serving short sentences, and during their resettlement period".
    public var distanceWeight: StageWeights
    /// Points for being held outside the home region, multiplied by the stage's
    /// distance weight (Farmer rec. 17: moves out of the home region need
    /// family ties considered; rec. 17.1: repatriation at the earliest opportunity).
    public var outOfHomeRegion: Double
    /// Points for each transfer between establishments (moves disrupt family
    /// contact, education and programmes, and cost money: about £98 each in
    /// 2009-10). The default, 150, means a transfer must bring a person at weight
    /// 1 at least 150 km closer to be worth making.
    public var move: Double
    /// Points when an establishment's function does not suit the sentence stage
    /// (e.g. a person near release in a training prison).
    public var functionMismatch: Double
    /// Points per step of security above the person's category (a Cat C man in
    /// Cat B conditions is one step).
    public var overSecurityPerStep: Double
    /// Points for each programme the sentence plan needs that is not offered
    /// (or has no free place) where the person is held.
    public var unmetIntervention: Double
    /// Points per person held above certified normal accommodation (crowding):
    /// the second, costlier tranche of each establishment's capacity.
    public var crowdingAboveCNA: Double
    /// Points for a person who cannot be placed. Far above any placement cost,
    /// so that nobody is left unplaced while a lawful place exists.
    public var unplaced: Double

    /// A sentence shorter than this (days) is a short sentence.
    public var shortSentenceMaxDays: Int
    /// Within this many days of release a person is in the pre-release stage.
    public var preReleaseDays: Int
    /// Within this many days of release a person is in the resettlement stage
    /// (gov.uk: resettlement help "in the last 12 weeks").
    public var resettlementDays: Int
    /// Nobody moves into a resettlement prison with fewer days than this left
    /// (2018 update: "a minimum of 28 days there prior to their release").
    public var minDaysInResettlementPrison: Int
    /// Foreign-national-only prisons hold people with this many months left
    /// (PQ, 16 Oct 2023: between 3 and 36 months); nil switches the window off.
    public var foreignNationalHubMonths: ClosedRange<Int>?
    /// Whether people in open categories may be held in closed conditions
    /// (at the over-security cost), as happens while awaiting a transfer.
    public var openCategoryInClosedConditions: Bool
    /// Percentage of operational capacity held back as an operating margin.
    public var operatingMarginPercent: Double
    /// At most this many transfers in the plan: one side row, solved exactly by a
    /// Lagrangian price on the network simplex (``MovesLimitSolver`` in HomewardModel).
    public var movesLimit: Int?
    /// At most this many transfers into each establishment (reception and
    /// induction capacity for people moved in); nil = no caps. New receptions
    /// from court do not count: a week's receptions are not the population
    /// management unit's choice, and the reception reserve keeps room for them.
    public var arrivalsLimit: EstablishmentLimits? = nil
    /// At most this many people held now leave each establishment (transferred
    /// or, where nothing lawful is left, unplaced); nil = no caps.
    public var departuresLimit: EstablishmentLimits? = nil
    /// Ratio of road distance to great-circle distance (see Estate/SOURCES.md).
    public var circuityFactor: Double
    /// Nobody is transferred with fewer days than this left to serve, unless
    /// they cannot stay where they are (2018 update: the 28-day rule; 0 = off).
    public var minDaysForTransfer: Int
    /// Points per person held in a reception prison's reserved places: the
    /// places kept free for next week's arrivals from court.
    public var receptionReserve: Double
    /// Weeks of first receptions that reception prisons keep free (0 = off).
    public var receptionReserveWeeks: Double
    /// First receptions a week at ``receptionReservePopulation`` people
    /// (OMSQ 2025: 18,874 in Jan-Mar, 18,912 in Apr-Jun; about 1,450 a week).
    public var weeklyFirstReceptions: Double
    /// The population at which ``weeklyFirstReceptions`` was published (the
    /// weekly count is scaled by population / this).
    public var receptionReservePopulation: Double
    /// Points for a person categorised for open conditions who is held in
    /// closed conditions (release on temporary licence lost), by stage.
    public var openCategoryInClosed: StageWeights
    /// How the costs of a placement accrue over the weeks left to serve; nil
    /// makes every cost one per placement, whatever the time left.
    public var timeLeft: TimeLeft?
    /// Which non-associations keep people in different establishments, and the cost of sharing otherwise.
    public var nonAssociations: NonAssociationPolicy = .standard

    public init(
        distanceWeight: StageWeights, outOfHomeRegion: Double, move: Double, functionMismatch: Double,
        overSecurityPerStep: Double, unmetIntervention: Double, crowdingAboveCNA: Double, unplaced: Double,
        shortSentenceMaxDays: Int, preReleaseDays: Int, resettlementDays: Int, minDaysInResettlementPrison: Int,
        foreignNationalHubMonths: ClosedRange<Int>?, openCategoryInClosedConditions: Bool,
        operatingMarginPercent: Double, movesLimit: Int?, circuityFactor: Double,
        minDaysForTransfer: Int = 0, receptionReserve: Double = 0, receptionReserveWeeks: Double = 0,
        weeklyFirstReceptions: Double = 1450, receptionReservePopulation: Double = 88000,
        openCategoryInClosed: StageWeights = StageWeights(remand: 0, shortSentence: 0, training: 0, preRelease: 0, resettlement: 0),
        timeLeft: TimeLeft? = nil
    ) {
        self.minDaysForTransfer = minDaysForTransfer
        self.receptionReserve = receptionReserve
        self.receptionReserveWeeks = receptionReserveWeeks
        self.weeklyFirstReceptions = weeklyFirstReceptions
        self.receptionReservePopulation = receptionReservePopulation
        self.openCategoryInClosed = openCategoryInClosed
        self.timeLeft = timeLeft
        self.distanceWeight = distanceWeight
        self.outOfHomeRegion = outOfHomeRegion
        self.move = move
        self.functionMismatch = functionMismatch
        self.overSecurityPerStep = overSecurityPerStep
        self.unmetIntervention = unmetIntervention
        self.crowdingAboveCNA = crowdingAboveCNA
        self.unplaced = unplaced
        self.shortSentenceMaxDays = shortSentenceMaxDays
        self.preReleaseDays = preReleaseDays
        self.resettlementDays = resettlementDays
        self.minDaysInResettlementPrison = minDaysInResettlementPrison
        self.foreignNationalHubMonths = foreignNationalHubMonths
        self.openCategoryInClosedConditions = openCategoryInClosedConditions
        self.operatingMarginPercent = operatingMarginPercent
        self.movesLimit = movesLimit
        self.circuityFactor = circuityFactor
    }

    /// The documented defaults (also written out in `Scenarios/policy.yaml`).
    public static let standard = Policy(
        distanceWeight: StageWeights(remand: 1.0, shortSentence: 1.5, training: 0.5, preRelease: 1.0, resettlement: 2.0),
        outOfHomeRegion: 40,
        move: 150,
        functionMismatch: 80,
        overSecurityPerStep: 40,
        unmetIntervention: 150,
        crowdingAboveCNA: 25,
        unplaced: 100_000,
        shortSentenceMaxDays: 365,
        preReleaseDays: 365,
        resettlementDays: 84,
        minDaysInResettlementPrison: 28,
        foreignNationalHubMonths: 3...36,
        openCategoryInClosedConditions: true,
        operatingMarginPercent: 1.8,
        movesLimit: nil,
        circuityFactor: 1.3,
        minDaysForTransfer: 28,
        receptionReserve: 50,
        receptionReserveWeeks: 1,
        weeklyFirstReceptions: 1450,
        receptionReservePopulation: 88000,
        openCategoryInClosed: StageWeights(remand: 0, shortSentence: 40, training: 40, preRelease: 120, resettlement: 120),
        timeLeft: TimeLeft(referenceWeeks: 26, horizonWeeks: 156, remandWeeks: 19)
    )

    /// The policy before issue #21 (Homeward's defaults until December 2026):
    /// no general 28-day rule, no reception reserve, no cost for open
    /// categories in closed conditions, every cost one per placement whatever
    /// the time left, and no operating margin. Kept so that `compare` can show what the change did.
    public static let previous: Policy = {
        var p = Policy.standard
        p.operatingMarginPercent = 0
        p.minDaysForTransfer = 0
        p.receptionReserve = 0
        p.receptionReserveWeeks = 0
        p.openCategoryInClosed = StageWeights(remand: 0, shortSentence: 0, training: 0, preRelease: 0, resettlement: 0)
        p.timeLeft = nil
        return p
    }()

    /// True if the model needs the general LP (a side constraint breaks the network).
    public var hasSideConstraints: Bool { movesLimit != nil }

    /// The stage of `prisoner` under this policy.
    ///
    /// An indeterminate sentence has no release date: its next parole review
    /// is not one (about a third of reviews direct release), so such a person
    /// is in the training stage before and after the tariff (``Prisoner/knownDaysToRelease``).
    public func stage(of prisoner: Prisoner) -> Stage {
        if prisoner.legalStatus == .remand { return .remand }
        if let days = prisoner.knownDaysToRelease, days <= resettlementDays { return .resettlement }
        if let sentence = prisoner.sentenceDays, sentence < shortSentenceMaxDays,
           !prisoner.cohorts.contains(.indeterminate) {
            return .shortSentence
        }
        if let days = prisoner.knownDaysToRelease, days <= preReleaseDays { return .preRelease }
        return .training
    }

    /// Whether `prisoner` may be transferred under the general minimum of
    /// days left (``minDaysForTransfer``): always, without a known release date.
    public func mayTransfer(_ prisoner: Prisoner) -> Bool {
        guard minDaysForTransfer > 0, prisoner.legalStatus != .remand, let days = prisoner.knownDaysToRelease else { return true }
        return days >= minDaysForTransfer
    }

    /// The weeks `prisoner` is expected to spend at a placement, before
    /// ``TimeLeft/band(_:)`` and the horizon: the time left to serve; for an
    /// indeterminate sentence the time to the tariff, and the horizon after it
    /// (no release date is known); on remand the expected time on remand.
    public func weeksLeft(of prisoner: Prisoner, stage: Stage, timeLeft: TimeLeft) -> Double {
        if stage == .remand { return timeLeft.remandWeeks }
        if prisoner.cohorts.contains(.indeterminate) {
            guard let tariff = prisoner.daysToTariff, tariff > 0 else { return timeLeft.horizonWeeks }
            return Double(tariff) / 7
        }
        guard let days = prisoner.knownDaysToRelease else { return timeLeft.horizonWeeks }
        return Double(days) / 7
    }
}

/// How the costs of a placement accrue over the time a person will spend
/// there (issue #21): every cost that accrues while a person is held
/// somewhere (distance from family, out of home region, function mismatch,
/// over-security, closed conditions for an open category, unmet programmes)
/// is multiplied by (weeks left, up to the horizon) / reference weeks; a
/// transfer, crowding and the reception reserve are one-off and are not. So
/// a stage's weight is its cost per km for a stay of the reference length,
/// and a one-off transfer is weighed against the weeks it will serve: a
/// person with years to serve is moved closer to home for a gain that would
/// not justify moving someone with weeks left. The weeks are rounded to the middle of a band, so that people
/// with nearly the same time left share a profile.
public struct TimeLeft: Sendable, Equatable {
    /// The stay for which a stage's weight applies unscaled.
    public var referenceWeeks: Double
    /// No stay counts for longer than this.
    public var horizonWeeks: Double
    /// The expected weeks on remand (about 18.6 at the national rates: Estate/SOURCES.md, the flows).
    public var remandWeeks: Double

    public init(referenceWeeks: Double, horizonWeeks: Double, remandWeeks: Double) {
        self.referenceWeeks = referenceWeeks
        self.horizonWeeks = horizonWeeks
        self.remandWeeks = remandWeeks
    }

    /// Upper edges of the bands of weeks (the last band is everything longer).
    public static let bandEdges: [Double] = [4, 8, 13, 26, 52, 104, 156]

    /// `weeks` rounded to the middle of its band, capped at the horizon (at least one week).
    public func band(_ weeks: Double) -> Double {
        let w = max(1, weeks)
        if w >= horizonWeeks { return horizonWeeks }
        var low = 0.0
        for edge in TimeLeft.bandEdges {
            if w <= edge { return min(horizonWeeks, (low + edge) / 2) }
            low = edge
        }
        return horizonWeeks
    }

    /// The multiplier of a stay of `weeks` (already banded).
    public func factor(_ weeks: Double) -> Double { min(weeks, horizonWeeks) / referenceWeeks }
}

/// Sentence stages, in the order a sentence runs.
public enum Stage: String, Sendable, CaseIterable, Comparable {
    /// Untried or convicted unsentenced: held near court.
    case remand
    /// A sentence under a year (not near release): held near home.
    case shortSentence = "short_sentence"
    /// The middle of a longer sentence: programmes may justify distance.
    case training
    /// Within a year of release: moving towards home.
    case preRelease = "pre_release"
    /// The last weeks before release: held near home to rebuild family ties,
    /// housing and work.
    case resettlement

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Plain words for reports.
    public var phrase: String {
        switch self {
        case .remand: return "on remand"
        case .shortSentence: return "short sentence"
        case .training: return "training stage"
        case .preRelease: return "within a year of release"
        case .resettlement: return "resettlement (last 12 weeks)"
        }
    }

    /// The establishment functions that suit this stage; anything else costs
    /// `functionMismatch` (MoJ prison functions: reception, training, resettlement).
    public var suitableFunctions: Functions {
        switch self {
        case .remand: return [.reception]
        case .shortSentence: return [.reception, .resettlement]
        case .training: return [.training, .highSecurity, .foreignNational]
        case .preRelease: return [.training, .resettlement, .open, .foreignNational]
        case .resettlement: return [.resettlement, .reception, .open]
        }
    }
}

/// One number per sentence stage.
public struct StageWeights: Sendable, Equatable {
    public var remand: Double
    public var shortSentence: Double
    public var training: Double
    public var preRelease: Double
    public var resettlement: Double

    public init(remand: Double, shortSentence: Double, training: Double, preRelease: Double, resettlement: Double) {
        self.remand = remand
        self.shortSentence = shortSentence
        self.training = training
        self.preRelease = preRelease
        self.resettlement = resettlement
    }

    public subscript(stage: Stage) -> Double {
        switch stage {
        case .remand: return remand
        case .shortSentence: return shortSentence
        case .training: return training
        case .preRelease: return preRelease
        case .resettlement: return resettlement
        }
    }
}
