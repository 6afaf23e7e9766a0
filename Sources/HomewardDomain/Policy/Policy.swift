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
    /// At most this many transfers; a side constraint that needs the general LP (GLPK).
    public var movesLimit: Int?
    /// Ratio of road distance to great-circle distance (see Estate/SOURCES.md).
    public var circuityFactor: Double
    /// Which non-associations keep people in different establishments, and the cost of sharing otherwise.
    public var nonAssociations: NonAssociationPolicy = .standard

    public init(
        distanceWeight: StageWeights, outOfHomeRegion: Double, move: Double, functionMismatch: Double,
        overSecurityPerStep: Double, unmetIntervention: Double, crowdingAboveCNA: Double, unplaced: Double,
        shortSentenceMaxDays: Int, preReleaseDays: Int, resettlementDays: Int, minDaysInResettlementPrison: Int,
        foreignNationalHubMonths: ClosedRange<Int>?, openCategoryInClosedConditions: Bool,
        operatingMarginPercent: Double, movesLimit: Int?, circuityFactor: Double
    ) {
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
        operatingMarginPercent: 0,
        movesLimit: nil,
        circuityFactor: 1.3
    )

    /// True if the model needs the general LP (a side constraint breaks the network).
    public var hasSideConstraints: Bool { movesLimit != nil }

    /// The stage of `prisoner` under this policy.
    public func stage(of prisoner: Prisoner) -> Stage {
        if prisoner.legalStatus == .remand { return .remand }
        if let days = prisoner.daysToRelease, days <= resettlementDays { return .resettlement }
        if let sentence = prisoner.sentenceDays, sentence < shortSentenceMaxDays,
           !prisoner.cohorts.contains(.indeterminate) {
            return .shortSentence
        }
        if let days = prisoner.daysToRelease, days <= preReleaseDays { return .preRelease }
        return .training
    }
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
