import HomewardDomain

/// A table of codes, in order, for looking values up once per row.
struct CodeTable<T> {
    let codes: [String]
    let index: [String: T]

    init(_ pairs: [(String, T)]) {
        codes = pairs.map(\.0)
        var index: [String: T] = [:]
        for (code, value) in pairs { index[code] = value }
        self.index = index
    }
}

/// Reads the extract's tables, in order, into people and the week's constraints, collecting every problem.
///
/// Messages never repeat a pid: rows are named by file and line instead.
struct WeekReader {
    let context: ExtractContext
    let snapshot: Int
    private(set) var errors: [InputError] = []
    private var prisoners: [Prisoner] = []
    private var indexByPid: [String: Int] = [:]
    private var fileHolds: [Hold] = []
    private var alertHolds: [Hold] = []
    private var courtHolds: [Hold] = []
    private var locks: [Lock] = []
    private var movers: Set<PersonID>?
    private var needs: [PersonID: PlaceNeeds] = [:]
    private var nonAssociations: [NonAssociation] = []
    private let districts: [String: LADCode?]
    private let districtNames: [String]
    private let prisonCodes: [String]
    private let sexes = CodeTable(ExtractFormat.sexCodes.map { ($0.code, $0.sex) })
    private let ageBands = CodeTable(ExtractFormat.ageBands.map { ($0.band, $0.age) })
    private let csraValues = CodeTable(ExtractFormat.csraValues.map { ($0, $0) })
    private let statuses: CodeTable<ExtractCodes.StatusMapping>
    private let categories: CodeTable<ExtractCodes.CategoryMapping>
    private let alertEffects: CodeTable<ExtractCodes.AlertEffect>
    private let restrictions = CodeTable(NonAssociationRestriction.allCases.map { ($0.rawValue, $0) })
    private let reasons = CodeTable(NonAssociationReason.allCases.map { ($0.rawValue, $0) })
    private let booleans = CodeTable([("true", true), ("false", false)])
    private let holdKinds = CodeTable(HoldKind.allCases.map { ($0.rawValue, $0) })

    init(context: ExtractContext, snapshot: Int) {
        self.context = context
        self.snapshot = snapshot
        var districts: [String: LADCode?] = [:]
        for d in context.postcodes { districts[d.district] = d.lad }
        self.districts = districts
        districtNames = context.postcodes.map(\.district).sorted()
        prisonCodes = context.estate.establishments.map(\.code.rawValue)
        statuses = CodeTable(context.codes.statuses.map { ($0.code, $0.mapping) })
        categories = CodeTable(context.codes.categories.map { ($0.code, $0.mapping) })
        alertEffects = CodeTable(context.codes.alerts.map { ($0.code, $0.effect) })
    }

    /// The people, sorted, with the week's constraints.
    func population() -> Population {
        let week = WeekConstraints(holds: fileHolds + alertHolds + courtHolds, locks: locks, movers: movers,
                                   placeNeeds: needs, nonAssociations: nonAssociations)
        return Population(prisoners: prisoners, week: week)
    }

    /// Runs `body` on every row of `table`, merging each row's errors.
    private mutating func eachRow(_ table: (table: CSVTable, file: String), _ body: (inout WeekReader, inout FieldReader) -> Void) {
        for row in table.table.rows {
            var reader = FieldReader(table: table.table, row: row, file: table.file)
            body(&self, &reader)
            errors += reader.errors.errors
        }
    }

    // MARK: - persons.csv

    mutating func readPersons(_ table: (table: CSVTable, file: String)) {
        indexByPid.reserveCapacity(table.table.rows.count)
        prisoners.reserveCapacity(table.table.rows.count)
        eachRow(table) { week, reader in
            if let prisoner = week.person(&reader) {
                week.indexByPid[prisoner.id.rawValue] = week.prisoners.count
                week.prisoners.append(prisoner)
            }
        }
        if table.table.rows.isEmpty {
            errors.append(InputError(file: table.file, reason: .empty, hint: "the extract needs at least one person"))
        }
    }

    /// The person on the reader's row, or nil (with the reader holding the errors).
    private mutating func person(_ reader: inout FieldReader) -> Prisoner? {
        guard let pid = pseudonymousPid(&reader, "pid") else { return nil }
        if seenPids.contains(pid) {
            reader.errors.add(line: reader.row.line, field: "pid", .other("the same pid is on an earlier line"),
                              hint: "every person appears once in persons.csv")
            return nil
        }
        seenPids.insert(pid)
        let current = prison(&reader, "current_prison", optional: true)
        let sex = code(&reader, "sex", sexes)
        let age = code(&reader, "age_band", ageBands)
        let status = code(&reader, "legal_status", statuses)
        let category = self.category(&reader, sex: sex)
        let days = releaseDays(&reader, status: status)
        let home = self.home(&reader, current: current)
        let id = PersonID(pid)
        readCourt(&reader, id)
        if code(&reader, "csra", csraValues, optional: true) == "HIGH" {
            needs[id, default: []].insert(.singleCell)
        }
        guard let sex, let age, let status, let category, let home, let days else { return nil }
        var cohorts = status.cohort
        if age >= 50 { cohorts.insert(.older) }
        return Prisoner(id: id, sex: sex, age: age, home: home, legalStatus: status.status, category: category,
                        sentenceDays: nil, daysToRelease: days.toRelease, current: current, cohorts: cohorts,
                        daysToTariff: days.toTariff)
    }

    private var seenPids: Set<String> = []

    /// A pid that is present and does not look like a prison number. The value is never echoed.
    private func pseudonymousPid(_ reader: inout FieldReader, _ column: String) -> String? {
        guard let pid = reader.required(column) else { return nil }
        if ExtractFormat.looksLikePrisonNumber(pid) {
            reader.errors.add(line: reader.row.line, field: column,
                              .other("looks like a prison number (a letter, four digits, two letters), not a pseudonymous pid"),
                              hint: "run homeward extract pseudonymise on the folder; nothing has been written")
            return nil
        }
        return pid
    }

    /// A pid of a person in persons.csv.
    private func knownPid(_ reader: inout FieldReader, _ column: String) -> PersonID? {
        guard let pid = pseudonymousPid(&reader, column) else { return nil }
        guard indexByPid[pid] != nil else {
            let known = seenPids.contains(pid)
            reader.errors.add(line: reader.row.line, field: column,
                              .other(known ? "names a person whose row in persons.csv was refused" : "names a pid that is not in persons.csv"),
                              hint: known ? "fix that person's row first" : "every pid must be a person in persons.csv")
            return nil
        }
        return PersonID(pid)
    }

    /// One of `table`'s codes; an unknown code is refused with the nearest known one.
    private func code<T>(_ reader: inout FieldReader, _ column: String, _ table: CodeTable<T>, optional: Bool = false) -> T? {
        let text = reader.text(column)
        if text.isEmpty {
            if !optional { reader.errors.add(line: reader.row.line, field: column, .missing) }
            return nil
        }
        if let match = table.index[text] { return match }
        reader.errors.add(line: reader.row.line, field: column, .unknown(text, expected: table.codes),
                          hint: EditDistance.hint(text, in: table.codes))
        return nil
    }

    /// An ISO date, or nil if empty (or malformed, with an error).
    private func date(_ reader: inout FieldReader, _ column: String) -> Int? {
        let text = reader.text(column)
        if text.isEmpty { return nil }
        guard let day = ISODate.day(text) else {
            reader.errors.add(line: reader.row.line, field: column, .malformed(text, expected: "an ISO date (yyyy-mm-dd)"))
            return nil
        }
        return day
    }

    /// An establishment in the estate and in scope.
    private func prison(_ reader: inout FieldReader, _ column: String, optional: Bool) -> PrisonCode? {
        let text = reader.text(column)
        if text.isEmpty {
            if !optional { reader.errors.add(line: reader.row.line, field: column, .missing) }
            return nil
        }
        guard let establishment = context.estate.establishment(PrisonCode(text)) else {
            reader.errors.add(line: reader.row.line, field: column, .unknown(text, expected: prisonCodes),
                              hint: EditDistance.hint(text, in: prisonCodes) ?? "prison codes as in the estate file")
            return nil
        }
        guard establishment.isInScope else {
            reader.errors.add(line: reader.row.line, field: column,
                              .inconsistent("\(text) is a children's establishment, outside Homeward's scope"))
            return nil
        }
        return establishment.code
    }

    /// The model's category for the NOMIS code and the person's sex.
    private func category(_ reader: inout FieldReader, sex: Sex?) -> Category? {
        guard let mapping = code(&reader, "category", categories), let sex else { return nil }
        guard let category = mapping.category(for: sex) else {
            reader.errors.add(line: reader.row.line, field: "category",
                              .inconsistent("category \(reader.text("category")) is not used for \(sex == .male ? "men" : "women")"),
                              hint: "see Estate/\(ExtractCodes.categoryFile)")
            return nil
        }
        return category
    }

    /// Days to release and to tariff from the dates, by legal status (docs/EXTRACT.md):
    /// sentenced and recalled people need `release_date`; indeterminate sentences need `tariff_date`
    /// and are released at the earliest at the later of the tariff and the parole eligibility date;
    /// remand and (foreign-national) immigration detainees have none.
    private func releaseDays(_ reader: inout FieldReader,
                             status: ExtractCodes.StatusMapping?) -> (toRelease: Int?, toTariff: Int?)? {
        let release = date(&reader, "release_date")
        let tariff = date(&reader, "tariff_date")
        let parole = date(&reader, "parole_eligibility_date")
        guard let status else { return nil }
        if status.status == .remand { return (nil, nil) }
        if status.cohort.contains(.indeterminate) {
            guard let tariff else {
                reader.errors.add(line: reader.row.line, field: "tariff_date", .missing,
                                  hint: "an indeterminate sentence needs its tariff date")
                return nil
            }
            let toTariff = tariff - snapshot
            let toRelease = max(0, max(toTariff, (parole ?? tariff) - snapshot))
            return inRange(&reader, "tariff_date", toRelease).map { ($0, toTariff) }
        }
        guard let release else {
            if status.cohort.contains(.foreignNational) { return (nil, nil) }
            reader.errors.add(line: reader.row.line, field: "release_date", .missing, hint: "a sentenced person needs a release date")
            return nil
        }
        return inRange(&reader, "release_date", release - snapshot).map { ($0, nil) }
    }

    private func inRange(_ reader: inout FieldReader, _ column: String, _ days: Int) -> Int? {
        guard days >= 0 else {
            reader.errors.add(line: reader.row.line, field: column, .inconsistent("is before the manifest's snapshot_date"))
            return nil
        }
        guard days <= PopulationLoader.maxDays else {
            reader.errors.add(line: reader.row.line, field: column, .outOfRange(reader.text(column), allowed: "within a century of snapshot_date"))
            return nil
        }
        return days
    }

    /// The local authority distance is measured from: the first family district if any, else the home
    /// district; for no fixed address (NFA), the area of the current prison.
    private func home(_ reader: inout FieldReader, current: PrisonCode?) -> LADCode? {
        let family = reader.text("family_districts").splitList().map { $0.uppercased() }
        if family.count > 3 {
            reader.errors.add(line: reader.row.line, field: "family_districts", .outOfRange("\(family.count) districts", allowed: "up to 3"),
                              hint: "separate districts with ';'")
        }
        let familyAreas = family.map { district(&reader, "family_districts", $0) }
        guard let home = reader.required("home_district", hint: "an outward postcode such as S10, or NFA") else { return nil }
        let homeArea: LADCode?
        if home.uppercased() == ExtractFormat.noFixedAddress {
            homeArea = current.flatMap { code in
                context.estate.establishment(code).flatMap { districts[ExtractFormat.outwardCode($0.postcode)] ?? nil }
            }
            if homeArea == nil && family.isEmpty {
                reader.errors.add(line: reader.row.line, field: "home_district",
                                  .inconsistent("NFA needs a current prison with a known postcode district, or family_districts"))
            }
        } else {
            homeArea = district(&reader, "home_district", home.uppercased())
        }
        if let first = familyAreas.first { return first }
        return homeArea
    }

    private func district(_ reader: inout FieldReader, _ column: String, _ text: String) -> LADCode? {
        guard let entry = districts[text] else {
            reader.errors.add(line: reader.row.line, field: column, .unknown(text, expected: ["an outward postcode in the postcode districts file"]),
                              hint: EditDistance.hint(text, in: districtNames) ?? "the outward part of a postcode, e.g. S10 for S10 1BP")
            return nil
        }
        guard let lad = entry else {
            reader.errors.add(line: reader.row.line, field: column, .inconsistent("postcode district \(text) has no local authority"))
            return nil
        }
        return lad
    }

    /// A court date within the week holds the person where they are.
    private mutating func readCourt(_ reader: inout FieldReader, _ id: PersonID) {
        guard let day = date(&reader, "next_court_date") else { return }
        if day >= snapshot && day - snapshot <= ExtractFormat.courtHoldDays {
            courtHolds.append(Hold(person: id, kind: .court, until: ISODate.text(day), origin: "persons.csv next_court_date"))
        }
    }

    // MARK: - The other tables

    mutating func readAlerts(_ table: (table: CSVTable, file: String)) {
        eachRow(table) { week, reader in
            let person = week.knownPid(&reader, "pid")
            let effect = week.code(&reader, "code", week.alertEffects)
            let from = week.date(&reader, "active_from"), to = week.date(&reader, "active_to")
            guard let person, let effect, (from ?? Int.min) <= week.snapshot, (to ?? Int.max) >= week.snapshot else { return }
            switch effect {
            case .ignored: break
            case let .need(need): week.needs[person, default: []].insert(need)
            case let .hold(kind):
                week.alertHolds.append(Hold(person: person, kind: kind, until: to.map(ISODate.text), origin: "alert \(reader.text("code"))"))
            case let .cohort(flag): week.prisoners[week.indexByPid[person.rawValue]!].cohorts.insert(flag)
            }
        }
    }

    mutating func readNonAssociations(_ table: (table: CSVTable, file: String)) {
        eachRow(table) { week, reader in
            let a = week.knownPid(&reader, "pid_a"), b = week.knownPid(&reader, "pid_b")
            let restriction = week.code(&reader, "restriction_type", week.restrictions)
            let reason = week.code(&reader, "reason", week.reasons)
            let open = week.code(&reader, "open", week.booleans)
            guard let a, let b, let restriction, let reason, let open else { return }
            if a == b {
                reader.errors.add(line: reader.row.line, field: "pid_b", .inconsistent("is the same person as pid_a"))
                return
            }
            week.nonAssociations.append(NonAssociation(a: a, b: b, restriction: restriction, reason: reason, isOpen: open))
        }
    }

    mutating func readHolds(_ table: (table: CSVTable, file: String)) {
        eachRow(table) { week, reader in
            let person = week.knownPid(&reader, "pid")
            let kind = week.code(&reader, "hold", week.holdKinds)
            let until = week.date(&reader, "until")
            guard let person, let kind else { return }
            week.fileHolds.append(Hold(person: person, kind: kind, until: until.map(ISODate.text), origin: "holds.csv"))
        }
    }

    mutating func readLocks(_ table: (table: CSVTable, file: String)) {
        var lineByPerson: [PersonID: Int] = [:]
        eachRow(table) { week, reader in
            let person = week.knownPid(&reader, "pid")
            let prison = week.prison(&reader, "prison", optional: false)
            guard let person, let prison else { return }
            if let previous = lineByPerson[person] {
                reader.errors.add(line: reader.row.line, field: "pid", .inconsistent("this person is already locked on line \(previous)"))
                return
            }
            lineByPerson[person] = reader.row.line
            let prisoner = week.prisoners[week.indexByPid[person.rawValue]!]
            let establishment = week.context.estate.establishment(prison)!
            let profile = Profile(prisoner, home: week.context.geography.index(of: prisoner.home) ?? 0, policy: week.context.policy)
            let broken = Rules.exclusions(profile, at: establishment, usableCapacity: establishment.operationalCapacity,
                                          isCurrent: prisoner.current == prison, policy: week.context.policy)
            if !broken.isEmpty {
                reader.errors.add(line: reader.row.line, field: "prison",
                                  .inconsistent("a lock into \(prison) breaks a hard rule: \(broken.map(\.description).joined(separator: "; "))"),
                                  hint: "a lock must be a lawful placement; check the person's category, sex, age and status")
                return
            }
            week.locks.append(Lock(person: person, prison: prison, reason: reader.text("reason")))
        }
    }

    mutating func readMovers(_ table: (table: CSVTable, file: String)) {
        var movers: Set<PersonID> = []
        eachRow(table) { week, reader in
            guard let person = week.knownPid(&reader, "pid") else { return }
            if !movers.insert(person).inserted { reader.errors.add(line: reader.row.line, field: "pid", .other("the same pid is on an earlier line")) }
        }
        self.movers = movers
    }
}
