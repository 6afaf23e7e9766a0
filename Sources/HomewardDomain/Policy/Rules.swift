/// A hard rule that keeps a person out of an establishment. In the network
/// such a pair simply has no arc.
public enum Exclusion: Sendable, Hashable, CustomStringConvertible {
    /// A children's establishment (outside Homeward's scope).
    case outOfScope
    /// Closed by the scenario.
    case closed
    /// No operational capacity (after any operating margin).
    case noCapacity
    /// The establishment does not hold the person's sex.
    case sex
    /// The establishment does not hold the person's age group.
    case ageGroup
    /// The establishment does not hold the person's security category.
    case security
    /// An open establishment holds only people in open categories.
    case openConditionsOnly
    /// People in open categories may not be held in closed conditions (policy switch).
    case closedConditions
    /// People on remand are held only in reception (local) establishments.
    case remandNeedsReception
    /// Too few days left to move into a resettlement prison.
    case resettlementTooLate(minimumDays: Int)
    /// Too few days left to serve for any transfer (the general 28-day rule).
    case tooNearReleaseToMove(minimumDays: Int)
    /// A specialist-only establishment for another cohort.
    case specialistSite(Cohort)
    /// Outside the time-left window of the foreign-national hubs.
    case foreignNationalWindow

    public var description: String {
        switch self {
        case .outOfScope: return "a children's establishment (outside Homeward's scope)"
        case .closed: return "closed in this scenario"
        case .noCapacity: return "has no operational capacity"
        case .sex: return "does not hold this sex"
        case .ageGroup: return "does not hold this age group"
        case .security: return "not designated for this security category"
        case .openConditionsOnly: return "open conditions: holds only people categorised for open conditions"
        case .closedConditions: return "closed conditions, and the policy keeps people in open categories out of them"
        case .remandNeedsReception: return "people on remand are held only in reception (local) prisons"
        case let .resettlementTooLate(days): return "a resettlement prison, and fewer than \(days) days are left to serve"
        case let .tooNearReleaseToMove(days): return "a transfer, and fewer than \(days) days are left to serve (people this near release stay where they are unless they cannot)"
        case let .specialistSite(cohort): return "holds only \(cohort.phrase)"
        case .foreignNationalWindow: return "a foreign-national hub, and the time left is outside its window"
        }
    }

    /// A short machine-readable code.
    public var code: String {
        switch self {
        case .outOfScope: return "out_of_scope"
        case .closed: return "closed"
        case .noCapacity: return "no_capacity"
        case .sex: return "sex"
        case .ageGroup: return "age_group"
        case .security: return "security_category"
        case .openConditionsOnly: return "open_conditions_only"
        case .closedConditions: return "closed_conditions"
        case .remandNeedsReception: return "remand_needs_reception"
        case .resettlementTooLate: return "resettlement_minimum_days"
        case .tooNearReleaseToMove: return "transfer_minimum_days"
        case let .specialistSite(cohort): return "specialist_site_\(cohort.rawValue)"
        case .foreignNationalWindow: return "foreign_national_window"
        }
    }
}

/// What the hard rules read of a person, and nothing more: the fields of a
/// ``Profile`` that ``Rules`` takes. People whose profiles have the same key are kept out of the same
/// establishments, so callers that check many people (the model builder, the
/// population synthesiser) check once per key.
///
/// The rules are written against this type rather than against `Profile`,
/// so a rule cannot read a field that the key leaves out: a new rule that
/// needs one more attribute adds it here, and every cache keyed by it
/// follows. (A profile's home and needs are left out: they change costs, never
/// where a person may be held.)
public struct EligibilityKey: Hashable, Sendable {
    public var sex: Sex
    public var youngAdult: Bool
    public var category: Category
    /// The rules ask only whether this is remand.
    public var stage: Stage
    /// The modelled cohorts (specialist sites and foreign-national hubs).
    public var cohorts: Cohorts
    public var inForeignNationalWindow: Bool
    public var mayEnterResettlement: Bool
    /// False for a person too near release to be transferred (``Policy/minDaysForTransfer``).
    public var mayTransfer: Bool

    /// The key of `profile`.
    public init(_ profile: Profile) {
        sex = profile.sex
        youngAdult = profile.youngAdult
        category = profile.category
        stage = profile.stage
        cohorts = profile.cohorts
        inForeignNationalWindow = profile.inForeignNationalWindow
        mayEnterResettlement = profile.mayEnterResettlement
        mayTransfer = profile.pinned == nil
    }
}

extension Profile {
    /// What the hard rules read of this profile.
    public var eligibilityKey: EligibilityKey { EligibilityKey(self) }
}

/// The hard rules of allocation (DESIGN.md §3), in one place.
public enum Rules {
    /// Every rule that keeps `profile` out of `establishment`.
    /// - Parameters:
    ///   - profile: the person's modelled attributes.
    ///   - establishment: the candidate.
    ///   - usableCapacity: places after the operating margin.
    ///   - isCurrent: whether the person is held there now (time-window rules
    ///     apply to moves in, not to people already there).
    ///   - policy: switches.
    /// - Returns: the exclusions, empty if the person may be held there.
    public static func exclusions(
        _ profile: Profile, at establishment: Establishment, usableCapacity: Int, isCurrent: Bool, policy: Policy
    ) -> [Exclusion] {
        exclusions(EligibilityKey(profile), at: establishment, usableCapacity: usableCapacity, isCurrent: isCurrent,
                   policy: policy)
    }

    /// Every rule that keeps people with eligibility key `key` out of `establishment`.
    /// - Parameters:
    ///   - key: what the rules read of the person.
    ///   - establishment: the candidate.
    ///   - usableCapacity: places after the operating margin.
    ///   - isCurrent: whether the person is held there now (time-window rules
    ///     apply to moves in, not to people already there).
    ///   - policy: switches.
    /// - Returns: the exclusions, empty if the person may be held there.
    public static func exclusions(
        _ key: EligibilityKey, at establishment: Establishment, usableCapacity: Int, isCurrent: Bool, policy: Policy
    ) -> [Exclusion] {
        var result: [Exclusion] = []
        if !establishment.isInScope { return [.outOfScope] }
        if establishment.isClosed { result.append(.closed) }
        if usableCapacity <= 0 { result.append(.noCapacity) }
        switch (establishment.sex, key.sex) {
        case (.male, .female), (.female, .male): result.append(.sex)
        default: break
        }
        switch establishment.ageGroup {
        case .adult where key.youngAdult: result.append(.ageGroup)
        case .youngAdult where !key.youngAdult: result.append(.ageGroup)
        case .juvenile: result.append(.ageGroup)
        default: break
        }
        if let security = securityExclusion(key.category, establishment.categories, policy: policy) {
            result.append(security)
        }
        if key.stage == .remand && !establishment.functions.contains(.reception) {
            result.append(.remandNeedsReception)
        }
        if !isCurrent && !key.mayTransfer {
            result.append(.tooNearReleaseToMove(minimumDays: policy.minDaysForTransfer))
        }
        if !isCurrent && !key.mayEnterResettlement && establishment.functions.contains(.resettlement) {
            result.append(.resettlementTooLate(minimumDays: policy.minDaysInResettlementPrison))
        }
        if let cohort = establishment.cohortOnly {
            if !key.cohorts.contains(cohort.flag) {
                result.append(.specialistSite(cohort))
            } else if cohort == .foreignNational && !isCurrent && !key.inForeignNationalWindow {
                result.append(.foreignNationalWindow)
            }
        }
        return result
    }

    /// The security rule: men are held at or below an establishment's highest
    /// designated category, open establishments hold only open categories, and
    /// people in open categories may be held in closed conditions if the policy allows.
    static func securityExclusion(_ category: Category, _ held: SecurityProvision, policy: Policy) -> Exclusion? {
        switch category {
        case .a, .b, .c, .d:
            let top = held.highestMensLevel
            if top == 0 { return .security }
            let open = held.contains(.d) && held.highestMensLevel == 1
            if open { return category == .d ? nil : .openConditionsOnly }
            if category.level > top { return .security }
            if category == .d && !policy.openCategoryInClosedConditions { return .closedConditions }
            return nil
        case .closed:
            if held.contains(.womenClosed) { return nil }
            return held.contains(.womenOpen) ? .openConditionsOnly : .security
        case .open:
            if held.contains(.womenOpen) { return nil }
            if held.contains(.womenClosed) { return policy.openCategoryInClosedConditions ? nil : .closedConditions }
            return .security
        }
    }

    /// Steps of security above the person's category: from the category up to
    /// the nearest category the establishment is designated for (0 if it is
    /// designated for the person's own category). A Cat C man in a Cat B local
    /// is one step; in an establishment listing B and C, none.
    static func overSecuritySteps(_ category: Category, _ held: SecurityProvision) -> Int {
        switch category {
        case .a, .b, .c, .d:
            let levels: [(Int, SecurityProvision)] = [(1, .d), (2, .c), (3, .b), (4, .a)]
            for (level, flag) in levels where level >= category.level && held.contains(flag) {
                return level - category.level
            }
            return 0
        case .closed:
            return 0
        case .open:
            return held.contains(.womenOpen) ? 0 : 1
        }
    }
}
