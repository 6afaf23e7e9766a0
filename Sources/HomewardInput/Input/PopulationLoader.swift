import HomewardDomain

/// Reads and writes the population CSV:
/// `id,sex,age,home_lad,legal_status,category,sentence_days,days_to_release,current,cohorts,needs`.
public enum PopulationLoader {
    /// The longest sentence or time to release a file may give, in days (a century).
    public static let maxDays = 100 * 366

    public static let columns = [
        "id", "sex", "age", "home_lad", "legal_status", "category", "sentence_days", "days_to_release", "current",
        "cohorts", "needs",
    ]

    /// Parses and validates a population file against the geography and estate it will be allocated in.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: its name, for messages.
    ///   - geography: home areas must be known local authority districts.
    ///   - estate: current establishments must exist and be in scope; needs must be programmes offered somewhere.
    /// - Throws: ``InputErrors`` listing every problem by line and field (never by prisoner id).
    public static func load(_ text: String, file: String, geography: Geography, estate: Estate) throws(InputErrors) -> Population {
        let table = try CSVTable(parsing: text, file: file, required: columns)
        var errors = ErrorCollector(file: file)
        var prisoners: [Prisoner] = []
        prisoners.reserveCapacity(table.rows.count)
        var seen: [String: Int] = [:]
        seen.reserveCapacity(table.rows.count)
        let knownNeeds = Set(estate.interventionNames)
        let cohortNames = Cohorts.names.map(\.0)
        let maxDays = PopulationLoader.maxDays

        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let id = reader.required("id") else { continue }
            if let previous = seen[id] {
                reader.errors.add(line: row.line, field: "id", .inconsistent("the same id is used on line \(previous)"),
                                  hint: "every person needs a unique id")
            } else {
                seen[id] = row.line
            }
            let sex = reader.choice("sex", Sex.self)
            let age = reader.integer("age", in: 18...110)
            if age == nil, let value = Int(reader.text("age")), value < 18 {
                reader.errors.add(line: row.line, field: "age", .inconsistent("children (under 18) are outside Homeward's scope"),
                                  hint: "allocate children through the Youth Custody Service")
            }
            var home: LADCode?
            if let code = reader.required("home_lad") {
                if geography.index(of: LADCode(code)) != nil {
                    home = LADCode(code)
                } else {
                    reader.errors.add(line: row.line, field: "home_lad",
                                      .unknown(code, expected: ["a local authority district code in the geography file"]),
                                      hint: "codes look like E08000025 or W06000015 (May 2024 boundaries)")
                }
            }
            let status = reader.choice("legal_status", LegalStatus.self)
            var category: Category?
            if let text = reader.required("category") {
                if let parsed = Category(rawValue: text) {
                    if let sex, !Category.allowed(for: sex).contains(parsed) {
                        reader.errors.add(line: row.line, field: "category",
                                          .inconsistent("category \(text) is not used for \(sex == .male ? "men" : "women")"),
                                          hint: "men: A, B, C or D; women: closed or open")
                    } else {
                        category = parsed
                    }
                } else {
                    reader.errors.add(line: row.line, field: "category", .unknown(text, expected: Category.allCases.map(\.rawValue)))
                }
            }
            let sentence = reader.integer("sentence_days", in: 1...maxDays, optional: true)
            let toRelease = reader.integer("days_to_release", in: 0...maxDays, optional: true)
            if status == .sentenced {
                if reader.text("sentence_days").isEmpty {
                    reader.errors.add(line: row.line, field: "sentence_days", .missing, hint: "sentenced people need a sentence length in days")
                }
                if reader.text("days_to_release").isEmpty {
                    reader.errors.add(line: row.line, field: "days_to_release", .missing, hint: "sentenced people need days to release")
                }
            }
            if status == .remand {
                if !reader.text("sentence_days").isEmpty || !reader.text("days_to_release").isEmpty {
                    reader.errors.add(line: row.line, field: "legal_status",
                                      .inconsistent("a person on remand has a sentence or release date"),
                                      hint: "leave sentence_days and days_to_release empty for remand, or set legal_status to sentenced")
                }
            }
            var current: PrisonCode?
            let currentText = reader.text("current")
            if !currentText.isEmpty {
                if let establishment = estate.establishment(PrisonCode(currentText)) {
                    if establishment.isInScope {
                        current = establishment.code
                    } else {
                        reader.errors.add(line: row.line, field: "current",
                                          .inconsistent("\(currentText) is a children's establishment, outside Homeward's scope"))
                    }
                } else {
                    reader.errors.add(line: row.line, field: "current",
                                      .unknown(currentText, expected: estate.establishments.map(\.code.rawValue)),
                                      hint: "leave empty for a new reception awaiting a place")
                }
            }
            var cohorts: Cohorts = []
            for part in reader.text("cohorts").splitList() {
                if let flag = Cohorts.names.first(where: { $0.0 == part })?.1 {
                    cohorts.insert(flag)
                } else {
                    reader.errors.add(line: row.line, field: "cohorts", .unknown(part, expected: cohortNames),
                                      hint: "separate several cohorts with ';'")
                }
            }
            var needs: [String] = []
            for part in reader.text("needs").splitList() {
                if !knownNeeds.contains(part) {
                    reader.errors.add(line: row.line, field: "needs", .unknown(part, expected: Array(knownNeeds).sorted()),
                                      hint: "needs must be programmes offered somewhere in the estate")
                } else if needs.contains(part) {
                    reader.errors.add(line: row.line, field: "needs", .duplicate(part))
                } else {
                    needs.append(part)
                }
            }
            if let sentence, let toRelease, toRelease > sentence, !cohorts.contains(.indeterminate), !cohorts.contains(.recall) {
                reader.errors.add(line: row.line, field: "days_to_release",
                                  .inconsistent("\(toRelease) days to release is more than the sentence of \(sentence) days"))
            }
            guard let sex, let age, let home, let status, let category else { continue }
            if status == .sentenced && (sentence == nil || toRelease == nil) { continue }
            prisoners.append(Prisoner(
                id: PersonID(id), sex: sex, age: age, home: home, legalStatus: status, category: category,
                sentenceDays: sentence, daysToRelease: toRelease, current: current, cohorts: cohorts, needs: needs))
        }
        if table.rows.isEmpty { errors.add(.empty, hint: "the population needs at least one person") }
        try errors.throwIfAny()
        return Population(prisoners: prisoners)
    }

    /// The population as CSV text, sorted by id.
    public static func write(_ population: Population) -> String {
        var out = TextBuffer(capacity: population.count * 80)
        out.append(columns.joined(separator: ",") + "\n")
        let comma = UInt8(ascii: ",")
        for p in population.prisoners {
            out.append(csvField(p.id.rawValue))
            out.append(comma)
            out.append(p.sex.rawValue)
            out.append(comma)
            out.append(p.age)
            out.append(comma)
            out.append(p.home.rawValue)
            out.append(comma)
            out.append(p.legalStatus.rawValue)
            out.append(comma)
            out.append(p.category.rawValue)
            out.append(comma)
            if let days = p.sentenceDays { out.append(days) }
            out.append(comma)
            if let days = p.daysToRelease { out.append(days) }
            out.append(comma)
            if let current = p.current { out.append(current.rawValue) }
            out.append(comma)
            if !p.cohorts.isEmpty { out.append(p.cohorts.text) }
            out.append(comma)
            if !p.needs.isEmpty { out.append(p.needs.joined(separator: ";")) }
            out.append(UInt8(ascii: "\n"))
        }
        return out.text
    }
}
