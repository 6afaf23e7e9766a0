import HomewardDomain
import HomewardInput
import HomewardModel

/// An independent check of a plan against every hard rule and capacity.
///
/// Written apart from the formulation on purpose: it shares no code with
/// `Rules`, `Formulation` or `Plan`, and re-states each rule from the policy
/// documents, so that a bug in the model cannot hide itself. It reads only the
/// inputs and the plan's `prisoner_id` and `to` columns (and checks `from`,
/// `moved` and the distances for consistency).
public struct PlanChecker: Sendable {
    public let estate: Estate
    public let geography: Geography
    public let population: Population
    public let policy: Policy
    /// Whether to recompute modelled distances (off when a distance matrix was used).
    public let checksDistances: Bool

    public init(estate: Estate, geography: Geography, population: Population, policy: Policy, checksDistances: Bool = true) {
        self.estate = estate
        self.geography = geography
        self.population = population
        self.policy = policy
        self.checksDistances = checksDistances
    }

    /// One broken rule or inconsistency.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public var line: Int?
        public var rule: String
        public var detail: String
        public var description: String { (line.map { "plan.csv:\($0): " } ?? "") + "\(rule): \(detail)" }
    }

    /// Checks `planCSV` (the text of plan.csv).
    /// - Returns: every violation found (empty if the plan keeps every rule).
    /// - Throws: ``InputErrors`` if the file cannot be read as a plan.
    public func check(planCSV: String, file: String = "plan.csv") throws(InputErrors) -> [Violation] {
        let table = try CSVTable(parsing: planCSV, file: file, required: ["prisoner_id", "from", "to", "moved", "distance_km_to"])
        var violations: [Violation] = []
        var byID: [String: Prisoner] = [:]
        for p in population.prisoners { byID[p.id.rawValue] = p }
        var seen: [String: Int] = [:]
        var occupancy: [String: Int] = [:]
        var moves = 0
        var arrivals: [String: Int] = [:], departures: [String: Int] = [:], forcedDepartures: [String: Int] = [:]
        var placedAt: [String: String] = [:]
        let idColumn = table.index(of: "prisoner_id")!, fromColumn = table.index(of: "from")!
        let toColumn = table.index(of: "to")!, movedColumn = table.index(of: "moved")!
        let kmColumn = table.index(of: "distance_km_to")!
        for row in table.rows {
            let id = row.fields[idColumn]
            guard let person = byID[id] else {
                violations.append(Violation(line: row.line, rule: "population", detail: "a person not in the population"))
                continue
            }
            if let previous = seen[id] {
                violations.append(Violation(line: row.line, rule: "population", detail: "the same person is also on line \(previous)"))
                continue
            }
            seen[id] = row.line
            let from = row.fields[fromColumn], to = row.fields[toColumn]
            if from != (person.current?.rawValue ?? "") {
                violations.append(Violation(line: row.line, rule: "consistency", detail: "'from' is not the person's current establishment"))
            }
            let moved = !from.isEmpty && !to.isEmpty && from != to
            if row.fields[movedColumn] != (moved ? "true" : "false") {
                violations.append(Violation(line: row.line, rule: "consistency", detail: "'moved' does not match from and to"))
            }
            if moved { moves += 1 }
            if moved { arrivals[to, default: 0] += 1 }
            if !from.isEmpty && from != to {
                departures[from, default: 0] += 1
                if !couldStay(person, at: from) { forcedDepartures[from, default: 0] += 1 }
            }
            if moved, let broken = transferTooNearRelease(person, from: from) {
                violations.append(Violation(line: row.line, rule: "transfer near release", detail: broken))
            }
            violations += weekViolations(person, from: from, to: to, line: row.line)
            guard !to.isEmpty else { continue }
            placedAt[id] = to
            guard let e = estate.establishment(PrisonCode(to)) else {
                violations.append(Violation(line: row.line, rule: "estate", detail: "\(to) is not an establishment"))
                continue
            }
            occupancy[to, default: 0] += 1
            for broken in brokenRules(person, at: e, staying: from == to) {
                violations.append(Violation(line: row.line, rule: broken, detail: "placed at \(to)"))
            }
            if let broken = distanceViolation(person, at: e, written: row.fields[kmColumn], line: row.line) { violations.append(broken) }
        }
        for person in population.prisoners where seen[person.id.rawValue] == nil {
            violations.append(Violation(line: nil, rule: "population", detail: "a person is missing from the plan"))
        }
        for e in estate.establishments {
            let held = occupancy[e.code.rawValue] ?? 0
            let limit = e.isInScope && !e.isClosed ? usablePlaces(e) : 0
            if held > limit {
                violations.append(Violation(line: nil, rule: "capacity", detail: "\(e.code) holds \(held), more than its \(limit) usable places"))
            }
        }
        violations += typedPlaceViolations(placedAt: placedAt)
        violations += nonAssociationViolations(placedAt: placedAt)
        if let codeColumn = table.index(of: "reason_code"), let reasonColumn = table.index(of: "reason") {
            violations += keptApartReasonViolations(table, placedAt: placedAt, byID: byID,
                                                    columns: (idColumn, fromColumn, toColumn, codeColumn, reasonColumn))
        }
        if let limit = policy.movesLimit, moves > limit {
            violations.append(Violation(line: nil, rule: "moves limit", detail: "\(moves) transfers, more than the limit of \(limit)"))
        }
        violations += capViolations(arrivals: arrivals, departures: departures, forced: forcedDepartures)
        return violations
    }

    /// plan.csv's `distance_km_to` against the model's distance, when distances are checked.
    func distanceViolation(_ person: Prisoner, at e: Establishment, written: String, line: Int) -> Violation? {
        guard checksDistances, let km = Double(written), let home = geography.authority(person.home) else { return nil }
        let expected = greatCircleKm(home.latitude, home.longitude, e.latitude, e.longitude) * policy.circuityFactor
        guard abs(km - expected) > 0.051 else { return nil }
        return Violation(line: line, rule: "distance", detail: "distance_km_to \(written) but the model gives \(expected)")
    }

    /// The arrivals and departures caps, restated: transfers into an
    /// establishment (not new receptions) at most its arrivals cap; people who
    /// leave an establishment (transferred or unplaced) at most its departures
    /// cap, or, where more could not lawfully stay there, at most those.
    func capViolations(arrivals: [String: Int], departures: [String: Int], forced: [String: Int]) -> [Violation] {
        var violations: [Violation] = []
        for e in estate.establishments {
            let code = e.code.rawValue
            if let cap = policy.arrivalsLimit?.limit(at: e.code), let n = arrivals[code], n > cap {
                violations.append(Violation(line: nil, rule: "arrivals limit", detail: "\(n) transfers into \(code), more than its cap of \(cap)"))
            }
            if let cap = policy.departuresLimit?.limit(at: e.code), let n = departures[code], n > max(cap, forced[code] ?? 0) {
                violations.append(Violation(line: nil, rule: "departures limit",
                                            detail: "\(n) people left \(code), more than its cap of \(cap) (\(forced[code] ?? 0) could not lawfully stay)"))
            }
        }
        return violations
    }

    /// Whether `person` could lawfully stay at `code`: it is in the estate, open, with usable places, and no rule is against it.
    func couldStay(_ person: Prisoner, at code: String) -> Bool {
        guard let e = estate.establishment(PrisonCode(code)), e.isInScope, !e.isClosed, usablePlaces(e) > 0 else { return false }
        return brokenRules(person, at: e, staying: true).isEmpty
    }

    /// Places at `e` after the operating margin, rounded to the nearest place (restated from the policy).
    func usablePlaces(_ e: Establishment) -> Int {
        Int((Double(e.operationalCapacity) * (1 - policy.operatingMarginPercent / 100)).rounded(.toNearestOrAwayFromZero))
    }

    /// The general minimum of days left for a transfer: broken by a move of a sentenced person with a known
    /// release date fewer days away, when the establishment they left could have kept them (in the estate,
    /// open, with usable places, and no rule against them there).
    func transferTooNearRelease(_ person: Prisoner, from: String) -> String? {
        guard tooNearReleaseToMove(person, from: from), let days = person.knownDaysToRelease else { return nil }
        return "moved with \(days) days left to serve, under the \(policy.minDaysForTransfer)-day minimum, though \(from) could keep them"
    }

    /// Whether `person` has fewer days left than the general minimum for a transfer and `from` could keep them.
    func tooNearReleaseToMove(_ person: Prisoner, from: String) -> Bool {
        let minimum = policy.minDaysForTransfer
        guard minimum > 0, person.legalStatus != .remand, let days = person.knownDaysToRelease, days < minimum,
              let source = estate.establishment(PrisonCode(from)), source.isInScope, !source.isClosed,
              usablePlaces(source) > 0 else { return false }
        return brokenRules(person, at: source, staying: true).isEmpty
    }

    /// This week's holds, locks and movers list, restated from the extract's
    /// terms: a person held now with a hold stays where they are (a hold
    /// outranks a lock); a locked person goes to the lock's prison; someone
    /// held now who is not on the movers list (when there is one) stays. Going
    /// unplaced breaks none of these (the plan says why); going elsewhere does.
    func weekViolations(_ person: Prisoner, from: String, to: String, line: Int) -> [Violation] {
        let week = population.week
        guard !week.isEmpty, !to.isEmpty else { return [] }
        if !from.isEmpty, let hold = week.holds.first(where: { $0.person == person.id }) {
            return to == from ? [] : [Violation(line: line, rule: "hold", detail: "held (\(hold.kind.rawValue)) at \(from) but placed at \(to)")]
        }
        if let lock = week.locks.first(where: { $0.person == person.id }) {
            return to == lock.prison.rawValue ? []
                : [Violation(line: line, rule: "lock", detail: "locked to \(lock.prison) but placed at \(to)")]
        }
        if !from.isEmpty, let movers = week.movers, !movers.contains(person.id), to != from {
            return [Violation(line: line, rule: "movers list", detail: "not on the movers list but moved from \(from) to \(to)")]
        }
        return []
    }

    /// plan.csv's reasons that speak of a non-association, restated: a
    /// person who is moved, free to be placed (no hold, lock or movers list
    /// decides it), from an establishment that could keep them under the
    /// rules and that holds a person they must not be held with, is moved
    /// for that reason (`non_association`, "moved to keep apart ..."); and
    /// every `non_association` reason is about someone with such a partner
    /// placed somewhere other than where they are placed, at the
    /// establishment they left if it says they were moved to keep apart.
    func keptApartReasonViolations(_ table: CSVTable, placedAt: [String: String], byID: [String: Prisoner],
                                   columns: (id: Int, from: Int, to: Int, code: Int, reason: Int)) -> [Violation] {
        let rules = policy.nonAssociations
        var partners: [String: [String]] = [:]
        for pair in population.week.nonAssociations where pair.isOpen && pair.a != pair.b {
            guard rules.apartRestrictions.contains(pair.restriction) || rules.apartReasons.contains(pair.reason) else { continue }
            partners[pair.a.rawValue, default: []].append(pair.b.rawValue)
            partners[pair.b.rawValue, default: []].append(pair.a.rawValue)
        }
        var violations: [Violation] = []
        for row in table.rows {
            let id = row.fields[columns.id], from = row.fields[columns.from], to = row.fields[columns.to]
            guard let person = byID[id] else { continue }
            let elsewhere = (partners[id] ?? []).compactMap { placedAt[$0] }.filter { $0 != to }
            let claimsMovedAway = row.fields[columns.reason] == "moved to keep apart from a person they must not be held with"
            if row.fields[columns.code] == "non_association" {
                if elsewhere.isEmpty || (claimsMovedAway && (from == to || !elsewhere.contains(from))) {
                    violations.append(Violation(line: row.line, rule: "reason",
                                                detail: "the reason speaks of a non-association that did not decide this placement"))
                }
                continue
            }
            guard !from.isEmpty, !to.isEmpty, from != to, elsewhere.contains(from), requiredPlace(person) == nil,
                  let source = estate.establishment(PrisonCode(from)), source.isInScope, !source.isClosed,
                  brokenRules(person, at: source, staying: true).isEmpty else { continue }
            violations.append(Violation(line: row.line, rule: "reason",
                                        detail: "moved from \(from), which holds a person they must not be held with, but the reason does not say so"))
        }
        return violations
    }

    /// The establishment where this week requires `person` to be, if any,
    /// restated from the extract's and the policy's terms: where they are held
    /// now, if they have a hold, or are not on the movers list (when there is
    /// one), or are too near release to be transferred and could be kept
    /// there; else the lock's prison, if they are locked.
    func requiredPlace(_ person: Prisoner) -> String? {
        let week = population.week
        if let from = person.current?.rawValue {
            if week.holds.contains(where: { $0.person == person.id }) { return from }
            if week.locks.contains(where: { $0.person == person.id }) {
                // A lock is kept before the movers list; a hold before a lock.
            } else if let movers = week.movers, !movers.contains(person.id) {
                return from
            } else if tooNearReleaseToMove(person, from: from) {
                return from
            }
        }
        return week.locks.first(where: { $0.person == person.id })?.prison.rawValue
    }

    /// Places by type: at each establishment whose places of a type are
    /// known, no more people who need that type than there are such places.
    func typedPlaceViolations(placedAt: [String: String]) -> [Violation] {
        let needs = population.week.placeNeeds
        guard !needs.isEmpty else { return [] }
        var count: [String: [UInt8: Int]] = [:]
        for (person, need) in needs {
            guard let to = placedAt[person.rawValue] else { continue }
            for bit in 0..<8 where need.rawValue & (1 << bit) != 0 { count[to, default: [:]][1 << bit, default: 0] += 1 }
        }
        var violations: [Violation] = []
        for e in estate.establishments {
            for (name, need) in PlaceNeeds.names {
                guard let places = e.typedPlaces[need], let held = count[e.code.rawValue]?[need.rawValue], held > places else { continue }
                violations.append(Violation(line: nil, rule: "places by type",
                                            detail: "\(e.code) holds \(held) people who need \(name), more than its \(places) such places"))
            }
        }
        return violations.sorted { $0.detail < $1.detail }
    }

    /// Open non-associations that the policy keeps in different establishments
    /// (a WING restriction, or a reason it names), restated from the policy's
    /// terms: no such pair may be placed in one establishment, unless the
    /// week requires both to be there (``requiredPlace(_:)``): then the pair
    /// is the establishment's to keep apart on its wings.
    func nonAssociationViolations(placedAt: [String: String]) -> [Violation] {
        let rules = policy.nonAssociations
        var violations: [Violation] = []
        var byID: [PersonID: Prisoner] = [:]
        for p in population.prisoners { byID[p.id] = p }
        for pair in population.week.nonAssociations where pair.isOpen {
            guard rules.apartRestrictions.contains(pair.restriction) || rules.apartReasons.contains(pair.reason) else { continue }
            guard let at = placedAt[pair.a.rawValue], at == placedAt[pair.b.rawValue] else { continue }
            if let a = byID[pair.a], let b = byID[pair.b], requiredPlace(a) == at, requiredPlace(b) == at { continue }
            violations.append(Violation(line: nil, rule: "non-association",
                                        detail: "a pair kept apart (\(pair.restriction.rawValue), \(pair.reason.rawValue)) are both placed at \(at)"))
        }
        return violations
    }

    /// The rules that placing `person` at `e` breaks, stated from the policy documents.
    func brokenRules(_ person: Prisoner, at e: Establishment, staying: Bool) -> [String] {
        var broken: [String] = []
        if e.ageGroup == .juvenile || e.functions.contains(.children) { broken.append("children's estate") }
        if e.isClosed { broken.append("closed establishment") }
        if (e.sex == .male && person.sex == .female) || (e.sex == .female && person.sex == .male) { broken.append("sex") }
        let young = person.age <= 20
        if (e.ageGroup == .adult && young) || (e.ageGroup == .youngAdult && !young) { broken.append("age group") }
        // Security: an establishment holds categories up to its highest designated one;
        // open establishments only open categories; closed conditions for open categories if allowed.
        let held = e.categories
        switch person.category {
        case .a, .b, .c, .d:
            let order: [(Category, SecurityProvision)] = [(.d, .d), (.c, .c), (.b, .b), (.a, .a)]
            let designated = order.filter { held.contains($0.1) }.map(\.0)
            let onlyOpen = designated == [.d]
            let rank: [Category: Int] = [.d: 1, .c: 2, .b: 3, .a: 4]
            let highest = designated.map { rank[$0]! }.max() ?? 0
            if designated.isEmpty { broken.append("security category") }
            else if onlyOpen && person.category != .d { broken.append("open conditions") }
            else if !onlyOpen && rank[person.category]! > highest { broken.append("security category") }
            else if !onlyOpen && person.category == .d && !policy.openCategoryInClosedConditions { broken.append("open category in closed conditions") }
        case .closed:
            if !held.contains(.womenClosed) { broken.append("security category") }
        case .open:
            if !held.contains(.womenOpen) && !(held.contains(.womenClosed) && policy.openCategoryInClosedConditions) {
                broken.append("security category")
            }
        }
        if person.legalStatus == .remand && !e.functions.contains(.reception) { broken.append("remand outside a reception prison") }
        if !staying, e.functions.contains(.resettlement), let days = person.knownDaysToRelease, days < policy.minDaysInResettlementPrison {
            broken.append("moved into a resettlement prison with under \(policy.minDaysInResettlementPrison) days left")
        }
        switch e.cohortOnly {
        case .sexualOffence?:
            if !person.cohorts.contains(.sexualOffence) { broken.append("specialist site for sexual offences") }
        case .foreignNational?:
            if !person.cohorts.contains(.foreignNational) { broken.append("foreign-national-only site") }
            else if !staying, let window = policy.foreignNationalHubMonths {
                let months = person.knownDaysToRelease.map { Double($0) / (365.25 / 12) }
                if person.legalStatus != .sentenced || months == nil
                    || months! < Double(window.lowerBound) || months! > Double(window.upperBound) {
                    broken.append("foreign-national hub window")
                }
            }
        case nil: break
        }
        return broken
    }

    func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        // Haversine, stated again here rather than shared with the distance table.
        let r = 6371.0088, p = Double.pi / 180
        let a = pow(sin((lat2 - lat1) * p / 2), 2) + cos(lat1 * p) * cos(lat2 * p) * pow(sin((lon2 - lon1) * p / 2), 2)
        return 2 * r * asin(min(1, a.squareRoot()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
