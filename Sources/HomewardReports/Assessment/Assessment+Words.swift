import HomewardCore

extension Assessment {
    /// The change in words, and the changed establishment before and after.
    static func describe(_ change: EstateChange, before: Estate, after: Estate, occupancyBefore: [Int], occupancyAfter: [Int]) -> ChangedEstablishment {
        let code = change.code
        let old = before.establishment(code)
        let new = after.establishment(code)
        let e = new ?? old!
        func role(_ x: Establishment?) -> String {
            guard let x else { return "does not exist" }
            if x.isClosed { return "closed" }
            var words = ["\(sexWords(x.sex)), \(ageWords(x.ageGroup))", "\(x.categories.words)", "function: \(x.functions.words)",
                         "\(Format.grouped(x.operationalCapacity)) places (CNA \(Format.grouped(x.cna)))"]
            if let cohort = x.cohortOnly { words.append("only \(cohort.phrase)") }
            return words.joined(separator: "; ")
        }
        let held: (Estate, [Int]) -> Int = { estate, occupancy in estate.index(of: code).map { occupancy[$0] } ?? 0 }
        let name = "\(e.name) [\(code.rawValue)]"
        let text: String
        switch change.kind {
        case let .rerole(_, r):
            var parts: [String] = []
            if let f = r.functions, let o = old { parts.append("function \(o.functions.words) → \(f.words)") }
            if let c = r.categories, let o = old { parts.append("categories \(o.categories.words) → \(c.words)") }
            if let s = r.sex, let o = old { parts.append("\(sexWords(o.sex)) → \(sexWords(s))") }
            if let a = r.ageGroup, let o = old { parts.append("\(ageWords(o.ageGroup)) → \(ageWords(a))") }
            if let c = r.cohortOnly, let o = old {
                parts.append("specialist cohort \(o.cohortOnly?.phrase ?? "none") → \(c?.phrase ?? "none")")
            }
            if r.interventions != nil, let o = old, let n = new {
                parts.append("programmes \(o.interventions.map(\.name).joined(separator: ", ").ifEmpty("none")) → \(n.interventions.map(\.name).joined(separator: ", ").ifEmpty("none"))")
            }
            text = "\(name) would be re-roled: " + parts.joined(separator: "; ") + "."
        case let .capacity(_, capacity, cna):
            var parts: [String] = []
            if let capacity, let o = old { parts.append("operational capacity \(Format.grouped(o.operationalCapacity)) → \(Format.grouped(capacity))") }
            if let cna, let o = old { parts.append("CNA \(Format.grouped(o.cna)) → \(Format.grouped(cna))") }
            text = "\(name) would change capacity: " + parts.joined(separator: "; ") + "."
        case .close:
            text = "\(name) would close, taking \(Format.grouped(old?.operationalCapacity ?? 0)) places out of the estate."
        case let .open(n):
            text = "A new establishment, \(n.name) [\(n.code.rawValue)], would open in \(e.region): \(sexWords(n.sex)), \(ageWords(n.ageGroup)), \(n.categories.words), function: \(n.functions.words), \(Format.grouped(n.operationalCapacity)) places (CNA \(Format.grouped(n.cna)))."
        }
        return ChangedEstablishment(
            code: code.rawValue, name: e.name, region: e.region,
            description: text + (change.date.map { " From \(Assessment.longDate($0))." } ?? "") + (change.note.map { " \($0)" } ?? ""),
            date: change.date, roleBefore: role(old), roleAfter: role(new),
            heldBefore: held(before, occupancyBefore), heldAfter: held(after, occupancyAfter))
    }

    static func sexWords(_ sex: EstablishmentSex) -> String {
        switch sex {
        case .male: return "men"
        case .female: return "women"
        case .mixed: return "men and women"
        }
    }

    static func ageWords(_ age: EstablishmentAgeGroup) -> String {
        switch age {
        case .adult: return "adults (21 and over)"
        case .youngAdult: return "young adults (18 to 20)"
        case .mixed: return "adults and young adults"
        case .juvenile: return "children"
        }
    }

    /// The three headline sentences.
    static func headline(_ a: Assessment, people: [PersonComparison], affected: [PersonComparison]) -> [String] {
        let d = a.disclosure
        let changeWords = a.changes.count == 1 ? "this change" : "these changes"
        var first: String
        switch a.affected {
        case .shown(0):
            first = "Under \(changeWords) nobody would need to be held anywhere different: the best allocation of the estate is the same with and without \(changeWords)."
        case .suppressed, .hidden:
            first = "Under \(changeWords) \(d.phrase) people would be held somewhere different."
        case let .shown(n):
            first = "Under \(changeWords) \(Format.grouped(n)) people would be held somewhere different"
            if case let .shown(direct) = a.affectedAtChanged, case let .shown(ripple) = a.affectedElsewhere {
                first += ": \(Format.grouped(direct)) into or out of the establishments that change, and \(Format.grouped(ripple)) elsewhere as places are freed or filled."
            } else {
                first += "."
            }
        }
        var second: String
        let everyone = a.proximity.first { $0.label == "Everyone" }
        let hit = a.proximity.first { $0.label == "People affected" }
        if let b = hit?.before, let f = hit?.after {
            second = "For the people affected, the average distance from home would go from \(Format.fixed(b.meanMiles, 1)) to \(Format.fixed(f.meanMiles, 1)) miles by road"
            second += ", and the share held within 50 miles from \(Format.percent(b.within50)) to \(Format.percent(f.within50))."
        } else if let b = everyone?.before, let f = everyone?.after {
            second = "Across the estate the average distance from home would go from \(Format.fixed(b.meanMiles, 1)) to \(Format.fixed(f.meanMiles, 1)) miles by road."
        } else {
            second = "Too few people are affected to publish distance figures for them."
        }
        let over100Before = people.filter { ($0.milesBefore ?? 0) > 100 }.count
        let over100After = people.filter { ($0.milesAfter ?? 0) > 100 }.count
        let delta = over100After - over100Before
        if delta == 0 {
            second += " The number held more than 100 miles from home would not change."
        } else if d.allows(people: abs(delta)) {
            second += " \(Format.grouped(abs(delta))) \(delta > 0 ? "more" : "fewer") people would be held more than 100 miles from home."
        } else {
            second += " The number held more than 100 miles from home would change by \(d.phrase)."
        }
        let answers = a.familyTest.map { "\(Assessment.familyTestTopics[$0.number - 1]): \($0.rating.rawValue)" }
        var third = "The Family Test's questions are answered one by one in section 5, each from its own evidence and not added up (" + answers.joined(separator: "; ") + ")."
        if a.familyTest.contains(where: { $0.rating == .negative }) { third += " The mitigations in section 8 apply." }
        return [first, second, third]
    }
}

extension Assessment {
    /// The Family Test's questions in a few words, for the summary.
    static let familyTestTopics = ["family formation", "key transitions", "family life, parenting and caring", "couple separation",
                                   "families most at risk of breakdown"]
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }

}

extension Assessment {
    /// "2027-04-01" as "1 April 2027"; any other text unchanged.
    static func longDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"]
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return iso }
        return "\(d) \(months[m - 1]) \(y)"
    }

    /// A programme's published name for its identifier in the estate file.
    static func programmeName(_ id: String) -> String {
        switch id {
        case "building_choices": return "Building Choices"
        case "building_choices_sexual": return "Building Choices (sexual offending strand)"
        case "horizon": return "Horizon"
        case "becoming_new_me_sexual": return "Becoming New Me+"
        case "kaizen": return "Kaizen"
        default:
            let words = id.split(separator: "_").map(String.init)
            return words.enumerated().map { $0.offset == 0 ? $0.element.capitalisedFirst : $0.element }.joined(separator: " ")
        }
    }
}

extension SecurityProvision {
    /// "Category B and C", "closed and open (women)", in words for a report.
    var words: String {
        var parts: [String] = []
        let mens = [("A", SecurityProvision.a), ("B", .b), ("C", .c), ("D", .d)].filter { contains($0.1) }.map(\.0)
        if !mens.isEmpty { parts.append("Category " + Assessment.list(mens)) }
        let womens = [("closed", SecurityProvision.womenClosed), ("open", .womenOpen)].filter { contains($0.1) }.map(\.0)
        if !womens.isEmpty { parts.append(Assessment.list(womens) + " conditions (women)") }
        if contains(.childrenClosed) { parts.append("children") }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}

extension Functions {
    /// "reception and resettlement", in words for a report.
    var words: String {
        let names = Functions.names.filter { contains($0.1) }.map { $0.0.replacingOccurrences(of: "-", with: " ") }
        return names.isEmpty ? "none" : Assessment.list(names)
    }
}

extension Assessment {
    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
