import HomewardDomain
import Yams

/// Reads a policy YAML file (all keys optional; unknown keys are errors).
public enum PolicyLoader {
    static let topKeys = ["weights", "stages", "rules", "moves_limit", "distance", "reception_reserve", "time_left", "non_associations",
                          "arrivals_limit", "departures_limit"]
    static let limitKeys = ["default", "prisons"]
    static let nonAssociationKeys = ["apart_restrictions", "apart_reasons", "sharing_cost"]
    static let weightKeys = [
        "family_distance_per_km", "out_of_home_region", "move", "function_mismatch", "over_security_per_step",
        "unmet_intervention", "crowding_above_cna", "reception_reserve_per_person", "open_category_held_closed", "unplaced",
    ]
    static let reserveKeys = ["weeks", "weekly_first_receptions", "at_population"]
    static let timeLeftKeys = ["reference_weeks", "horizon_weeks", "remand_weeks"]
    static let stageKeys = ["short_sentence_max_days", "pre_release_days", "resettlement_days"]
    static let ruleKeys = [
        "min_days_in_resettlement_prison", "min_days_for_transfer", "foreign_national_hub_months",
        "open_category_in_closed_conditions", "operating_margin_percent",
    ]
    static let distanceKeys = ["circuity_factor"]

    /// Parses a policy document, starting from `base` and overriding what it names.
    /// - Throws: ``InputErrors`` with line, column and key for every problem.
    public static func load(_ text: String, file: String, base: Policy = .standard) throws(InputErrors) -> Policy {
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text, emptyHint: "for the built-in defaults write {} or leave 'policy:' out of the scenario")
        else { throw InputErrors(reader.errors.errors) }
        let policy = read(root, path: "", base: base, reader: &reader)
        try reader.errors.throwIfAny()
        return policy
    }

    /// The policy `root` gives, starting from `base`; its problems go to `reader`.
    /// - Parameter path: where `root` sits in its file (`policy` inside a scenario, "" for a policy file).
    static func read(_ root: Node, path: String, base: Policy, reader: inout YAMLReader) -> Policy {
        var policy = base
        let sections = [("weights", weightKeys), ("stages", stageKeys), ("rules", ruleKeys), ("distance", distanceKeys),
                        ("reception_reserve", reserveKeys), ("time_left", timeLeftKeys), ("non_associations", nonAssociationKeys)]
        guard let top = reader.mapping(root, path, allowed: topKeys, elsewhere: sections) else { return policy }
        for (name, node) in top {
            let key = path.isEmpty ? name : "\(path).\(name)"
            switch name {
            case "weights": readWeights(node, key, into: &policy, &reader)
            case "stages": readStages(node, key, into: &policy, &reader)
            case "rules": readRules(node, key, into: &policy, &reader)
            case "moves_limit":
                if reader.isNull(node) {
                    policy.movesLimit = nil
                } else if let v = reader.int(node, key, in: 0...10_000_000) {
                    policy.movesLimit = v
                }
            case "arrivals_limit":
                policy.arrivalsLimit = readLimits(node, key, &reader)
            case "departures_limit":
                policy.departuresLimit = readLimits(node, key, &reader)
            case "distance":
                guard let pairs = reader.mapping(node, key, allowed: distanceKeys) else { continue }
                for (_, value) in pairs {
                    if let v = reader.double(value, "\(key).circuity_factor", in: 1...3) { policy.circuityFactor = v }
                }
            case "reception_reserve": readReserve(node, key, into: &policy, &reader)
            case "time_left": readTimeLeft(node, key, into: &policy, &reader)
            case "non_associations": readNonAssociations(node, key, into: &policy, &reader)
            default:
                break
            }
        }
        return policy
    }

    /// The `weights` section.
    static func readWeights(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, path, allowed: weightKeys) else { return }
        let weightRange = 0.0...1_000_000.0
        for (w, value) in pairs {
            let p = "\(path).\(w)"
            switch w {
            case "family_distance_per_km": readFamilyDistance(value, p, into: &policy, &reader)
            case "out_of_home_region": if let v = reader.double(value, p, in: weightRange) { policy.outOfHomeRegion = v }
            case "move": if let v = reader.double(value, p, in: weightRange) { policy.move = v }
            case "function_mismatch": if let v = reader.double(value, p, in: weightRange) { policy.functionMismatch = v }
            case "over_security_per_step": if let v = reader.double(value, p, in: weightRange) { policy.overSecurityPerStep = v }
            case "unmet_intervention": if let v = reader.double(value, p, in: weightRange) { policy.unmetIntervention = v }
            case "crowding_above_cna": if let v = reader.double(value, p, in: weightRange) { policy.crowdingAboveCNA = v }
            case "reception_reserve_per_person": if let v = reader.double(value, p, in: weightRange) { policy.receptionReserve = v }
            case "open_category_held_closed":
                readStageWeights(value, p, into: &policy.openCategoryInClosed, &reader)
            case "unplaced": if let v = reader.double(value, p, in: 1...100_000_000) { policy.unplaced = v }
            default: break
            }
        }
    }

    /// `weights.family_distance_per_km`: one weight per sentence stage.
    static func readFamilyDistance(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        readStageWeights(node, path, into: &policy.distanceWeight, &reader)
    }

    /// One number per sentence stage (any stage may be left out).
    static func readStageWeights(_ node: Node, _ path: String, into weights: inout StageWeights, _ reader: inout YAMLReader) {
        let stages = Stage.allCases.map(\.rawValue)
        guard let items = reader.mapping(node, path, allowed: stages) else { return }
        for (stageName, stageValue) in items {
            guard let number = reader.double(stageValue, "\(path).\(stageName)", in: 0...10_000) else { continue }
            switch Stage(rawValue: stageName)! {
            case .remand: weights.remand = number
            case .shortSentence: weights.shortSentence = number
            case .training: weights.training = number
            case .preRelease: weights.preRelease = number
            case .resettlement: weights.resettlement = number
            }
        }
    }

    /// The `reception_reserve` section: weeks of first receptions kept free at reception prisons.
    static func readReserve(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, path, allowed: reserveKeys) else { return }
        for (k, value) in pairs {
            let p = "\(path).\(k)"
            switch k {
            case "weeks": if let v = reader.double(value, p, in: 0...52) { policy.receptionReserveWeeks = v }
            case "weekly_first_receptions": if let v = reader.double(value, p, in: 0...100_000) { policy.weeklyFirstReceptions = v }
            case "at_population": if let v = reader.double(value, p, in: 1...10_000_000) { policy.receptionReservePopulation = v }
            default: break
            }
        }
    }

    /// The `time_left` section, or null for distance as a cost per placement.
    static func readTimeLeft(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        if reader.isNull(node) {
            policy.timeLeft = nil
            return
        }
        guard let pairs = reader.mapping(node, path, allowed: timeLeftKeys) else { return }
        var timeLeft = policy.timeLeft ?? Policy.standard.timeLeft!
        for (k, value) in pairs {
            guard let v = reader.double(value, "\(path).\(k)", in: 1...5200) else { continue }
            switch k {
            case "reference_weeks": timeLeft.referenceWeeks = v
            case "horizon_weeks": timeLeft.horizonWeeks = v
            case "remand_weeks": timeLeft.remandWeeks = v
            default: break
            }
        }
        policy.timeLeft = timeLeft
    }

    /// The `stages` section.
    static func readStages(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, path, allowed: stageKeys) else { return }
        for (s, value) in pairs {
            guard let v = reader.int(value, "\(path).\(s)", in: 0...36_500) else { continue }
            switch s {
            case "short_sentence_max_days": policy.shortSentenceMaxDays = v
            case "pre_release_days": policy.preReleaseDays = v
            case "resettlement_days": policy.resettlementDays = v
            default: break
            }
        }
    }

    /// The `rules` section.
    static func readRules(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, path, allowed: ruleKeys) else { return }
        for (r, value) in pairs {
            let p = "\(path).\(r)"
            switch r {
            case "min_days_in_resettlement_prison":
                if let v = reader.int(value, p, in: 0...3650) { policy.minDaysInResettlementPrison = v }
            case "min_days_for_transfer":
                if let v = reader.int(value, p, in: 0...3650) { policy.minDaysForTransfer = v }
            case "foreign_national_hub_months":
                readHubMonths(value, p, into: &policy, &reader)
            case "open_category_in_closed_conditions":
                if let v = reader.bool(value, p) { policy.openCategoryInClosedConditions = v }
            case "operating_margin_percent":
                if let v = reader.double(value, p, in: 0...50) { policy.operatingMarginPercent = v }
            default: break
            }
        }
    }

    /// `rules.foreign_national_hub_months`: `[from, to]`, or null for no hub window.
    static func readHubMonths(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        if reader.isNull(node) {
            policy.foreignNationalHubMonths = nil
            return
        }
        guard let items = reader.sequence(node, path) else { return }
        guard items.count == 2 else {
            reader.add(node, path, .wrongType(expected: "a list of two numbers [from, to], or null"))
            return
        }
        if let low = reader.int(items[0], path, in: 0...1200), let high = reader.int(items[1], path, in: 0...1200) {
            if low <= high {
                policy.foreignNationalHubMonths = low...high
            } else {
                reader.add(node, path, .inconsistent("the first number must not exceed the second"))
            }
        }
    }

    /// The `non_associations` section: which pairs must be in different
    /// establishments (by restriction or by reason, in the Non-associations
    /// API's words) and the points for any other open pair sharing one.
    static func readNonAssociations(_ node: Node, _ path: String, into policy: inout Policy, _ reader: inout YAMLReader) {
        guard let pairs = reader.mapping(node, path, allowed: nonAssociationKeys) else { return }
        for (k, value) in pairs {
            let p = "\(path).\(k)"
            switch k {
            case "apart_restrictions":
                if let v = readCodes(value, p, NonAssociationRestriction.self, &reader) { policy.nonAssociations.apartRestrictions = v }
            case "apart_reasons":
                if let v = readCodes(value, p, NonAssociationReason.self, &reader) { policy.nonAssociations.apartReasons = v }
            case "sharing_cost":
                if let v = reader.double(value, p, in: 0...1_000_000) { policy.nonAssociations.sharingCost = v }
            default: break
            }
        }
    }

    /// `arrivals_limit` or `departures_limit`: null (no limits), a whole number
    /// (the limit at every establishment), or `{default: N, prisons: {CODE: N}}`
    /// (either key may be left out; `default: null` limits only the prisons named).
    static func readLimits(_ node: Node, _ path: String, _ reader: inout YAMLReader) -> EstablishmentLimits? {
        let range = 0...1_000_000
        if reader.isNull(node) { return nil }
        if case .scalar = node { return reader.int(node, path, in: range).map { EstablishmentLimits(defaultLimit: $0) } }
        guard let pairs = reader.mapping(node, path, allowed: limitKeys) else { return nil }
        var limits = EstablishmentLimits(defaultLimit: nil)
        for (k, value) in pairs {
            let p = "\(path).\(k)"
            switch k {
            case "default":
                if !reader.isNull(value) { limits.defaultLimit = reader.int(value, p, in: range) }
            case "prisons":
                guard case let .mapping(prisons) = value else {
                    reader.add(value, p, .wrongType(expected: "a mapping of prison codes to whole numbers"))
                    continue
                }
                for (codeNode, limitNode) in prisons {
                    guard let code = reader.string(codeNode, p) else { continue }
                    if let v = reader.int(limitNode, "\(p).\(code)", in: range) { limits.prisons[PrisonCode(code)] = v }
                }
            default: break
            }
        }
        return limits
    }

    /// The YAML of a limit per establishment (``readLimits(_:_:_:)``).
    static func writeLimits(_ limits: EstablishmentLimits?) -> String {
        guard let limits else { return "null" }
        if limits.prisons.isEmpty, let v = limits.defaultLimit { return "\(v)" }
        let prisons = limits.prisons.sorted { $0.key < $1.key }.map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ")
        return "{default: \(limits.defaultLimit.map(String.init) ?? "null"), prisons: {\(prisons)}}"
    }

    /// A list of codes of `type` (e.g. `[WING, LANDING]`); an unknown one is an error naming those allowed.
    static func readCodes<Code: RawRepresentable & CaseIterable & Hashable>(
        _ node: Node, _ path: String, _ type: Code.Type, _ reader: inout YAMLReader
    ) -> Set<Code>? where Code.RawValue == String {
        guard let items = reader.sequence(node, path) else { return nil }
        var codes = Set<Code>()
        var ok = true
        for item in items {
            guard let text = reader.string(item, path) else { ok = false; continue }
            if let code = Code(rawValue: text) {
                codes.insert(code)
            } else {
                reader.add(item, path, .unknown(text, expected: Code.allCases.map(\.rawValue)))
                ok = false
            }
        }
        return ok ? codes : nil
    }

    /// The policy as YAML, with every key, for `Scenarios/policy.yaml` and reports.
    public static func write(_ policy: Policy) -> String {
        func n(_ value: Double) -> String { Format.trimmed(value) }
        let w = policy.distanceWeight
        let hub = policy.foreignNationalHubMonths.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "null"
        let pairs = policy.nonAssociations
        let restrictions = NonAssociationRestriction.allCases.filter { pairs.apartRestrictions.contains($0) }.map(\.rawValue)
        let reasons = NonAssociationReason.allCases.filter { pairs.apartReasons.contains($0) }.map(\.rawValue)
        let o = policy.openCategoryInClosed
        let timeLeft = policy.timeLeft.map {
            "\n  reference_weeks: \(n($0.referenceWeeks))\n  horizon_weeks: \(n($0.horizonWeeks))\n  remand_weeks: \(n($0.remandWeeks))"
        } ?? " null"
        // The caps per establishment are written only when set, so that a policy without them reads as before.
        var caps = ""
        if policy.arrivalsLimit != nil { caps += "\narrivals_limit: \(writeLimits(policy.arrivalsLimit))" }
        if policy.departuresLimit != nil { caps += "\ndepartures_limit: \(writeLimits(policy.departuresLimit))" }
        return """
            weights:
              family_distance_per_km:
                remand: \(n(w.remand))
                short_sentence: \(n(w.shortSentence))
                training: \(n(w.training))
                pre_release: \(n(w.preRelease))
                resettlement: \(n(w.resettlement))
              out_of_home_region: \(n(policy.outOfHomeRegion))
              move: \(n(policy.move))
              function_mismatch: \(n(policy.functionMismatch))
              over_security_per_step: \(n(policy.overSecurityPerStep))
              unmet_intervention: \(n(policy.unmetIntervention))
              crowding_above_cna: \(n(policy.crowdingAboveCNA))
              reception_reserve_per_person: \(n(policy.receptionReserve))
              open_category_held_closed:
                remand: \(n(o.remand))
                short_sentence: \(n(o.shortSentence))
                training: \(n(o.training))
                pre_release: \(n(o.preRelease))
                resettlement: \(n(o.resettlement))
              unplaced: \(n(policy.unplaced))
            stages:
              short_sentence_max_days: \(policy.shortSentenceMaxDays)
              pre_release_days: \(policy.preReleaseDays)
              resettlement_days: \(policy.resettlementDays)
            rules:
              min_days_in_resettlement_prison: \(policy.minDaysInResettlementPrison)
              min_days_for_transfer: \(policy.minDaysForTransfer)
              foreign_national_hub_months: \(hub)
              open_category_in_closed_conditions: \(policy.openCategoryInClosedConditions)
              operating_margin_percent: \(n(policy.operatingMarginPercent))
            moves_limit: \(policy.movesLimit.map(String.init) ?? "null")\(caps)
            distance:
              circuity_factor: \(n(policy.circuityFactor))
            reception_reserve:
              weeks: \(n(policy.receptionReserveWeeks))
              weekly_first_receptions: \(n(policy.weeklyFirstReceptions))
              at_population: \(n(policy.receptionReservePopulation))
            time_left:\(timeLeft)
            non_associations:
              apart_restrictions: [\(restrictions.joined(separator: ", "))]
              apart_reasons: [\(reasons.joined(separator: ", "))]
              sharing_cost: \(n(pairs.sharingCost))

            """
    }
}
