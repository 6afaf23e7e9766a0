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
        var people = PersonReader(geography: geography, estate: estate, rows: table.rows.count)
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            if let prisoner = people.prisoner(&reader) { prisoners.append(prisoner) }
            errors.merge(reader.errors)
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

/// Reads one person from each row of a population file, checking every field against the geography and the
/// estate, and each id against the rows before it.
private struct PersonReader {
    let geography: Geography
    let estate: Estate
    let knownNeeds: Set<String>
    let cohortNames = Cohorts.names.map(\.0)
    /// The line of each id read so far.
    var seen: [String: Int] = [:]

    init(geography: Geography, estate: Estate, rows: Int) {
        self.geography = geography
        self.estate = estate
        knownNeeds = Set(estate.interventionNames)
        seen.reserveCapacity(rows)
    }

    /// The person on the reader's row, or nil if a field is missing or bad (the reader then holds the errors).
    mutating func prisoner(_ reader: inout FieldReader) -> Prisoner? {
        guard let id = reader.required("id") else { return nil }
        checkUnique(id, &reader)
        let sex = reader.choice("sex", Sex.self)
        let age = readAge(&reader)
        let home = readHome(&reader)
        let status = reader.choice("legal_status", LegalStatus.self)
        let category = readCategory(&reader, sex: sex)
        let (sentence, toRelease) = readSentenceAndRelease(&reader, status: status)
        let current = readCurrent(&reader)
        let cohorts = readCohorts(&reader)
        let needs = readNeeds(&reader)
        if let sentence, let toRelease, toRelease > sentence, !cohorts.contains(.indeterminate), !cohorts.contains(.recall) {
            reader.errors.add(line: reader.row.line, field: "days_to_release",
                              .inconsistent("\(toRelease) days to release is more than the sentence of \(sentence) days"))
        }
        guard let sex, let age, let home, let status, let category else { return nil }
        if status == .sentenced && (sentence == nil || toRelease == nil) { return nil }
        return Prisoner(
            id: PersonID(id), sex: sex, age: age, home: home, legalStatus: status, category: category,
            sentenceDays: sentence, daysToRelease: toRelease, current: current, cohorts: cohorts, needs: needs)
    }

    /// Records the id's line, or reports the line that used it first.
    mutating func checkUnique(_ id: String, _ reader: inout FieldReader) {
        if let previous = seen[id] {
            reader.errors.add(line: reader.row.line, field: "id", .inconsistent("the same id is used on line \(previous)"),
                              hint: "every person needs a unique id")
        } else {
            seen[id] = reader.row.line
        }
    }

    /// An age of 18 to 110; children are out of scope.
    func readAge(_ reader: inout FieldReader) -> Int? {
        let age = reader.integer("age", in: 18...110)
        if age == nil, let value = Int(reader.text("age")), value < 18 {
            reader.errors.add(line: reader.row.line, field: "age", .inconsistent("children (under 18) are outside Homeward's scope"),
                              hint: "allocate children through the Youth Custody Service")
        }
        return age
    }

    /// A home local authority district in the geography.
    func readHome(_ reader: inout FieldReader) -> LADCode? {
        guard let code = reader.required("home_lad") else { return nil }
        if geography.index(of: LADCode(code)) != nil { return LADCode(code) }
        reader.errors.add(line: reader.row.line, field: "home_lad",
                          .unknown(code, expected: ["a local authority district code in the geography file"]),
                          hint: "codes look like E08000025 or W06000015 (May 2024 boundaries)")
        return nil
    }

    /// A security category used for the person's sex.
    func readCategory(_ reader: inout FieldReader, sex: Sex?) -> Category? {
        guard let text = reader.required("category") else { return nil }
        guard let parsed = Category(rawValue: text) else {
            reader.errors.add(line: reader.row.line, field: "category", .unknown(text, expected: Category.allCases.map(\.rawValue)))
            return nil
        }
        if let sex, !Category.allowed(for: sex).contains(parsed) {
            reader.errors.add(line: reader.row.line, field: "category",
                              .inconsistent("category \(text) is not used for \(sex == .male ? "men" : "women")"),
                              hint: "men: A, B, C or D; women: closed or open")
            return nil
        }
        return parsed
    }

    /// The sentence and days to release: both required when sentenced, neither allowed on remand.
    func readSentenceAndRelease(_ reader: inout FieldReader, status: LegalStatus?) -> (sentence: Int?, toRelease: Int?) {
        let maxDays = PopulationLoader.maxDays
        let sentence = reader.integer("sentence_days", in: 1...maxDays, optional: true)
        let toRelease = reader.integer("days_to_release", in: 0...maxDays, optional: true)
        let line = reader.row.line
        if status == .sentenced {
            if reader.text("sentence_days").isEmpty {
                reader.errors.add(line: line, field: "sentence_days", .missing, hint: "sentenced people need a sentence length in days")
            }
            if reader.text("days_to_release").isEmpty {
                reader.errors.add(line: line, field: "days_to_release", .missing, hint: "sentenced people need days to release")
            }
        }
        if status == .remand {
            if !reader.text("sentence_days").isEmpty || !reader.text("days_to_release").isEmpty {
                reader.errors.add(line: line, field: "legal_status",
                                  .inconsistent("a person on remand has a sentence or release date"),
                                  hint: "leave sentence_days and days_to_release empty for remand, or set legal_status to sentenced")
            }
        }
        return (sentence, toRelease)
    }

    /// The establishment now holding the person, if any: one in the estate and in scope.
    func readCurrent(_ reader: inout FieldReader) -> PrisonCode? {
        let text = reader.text("current")
        if text.isEmpty { return nil }
        guard let establishment = estate.establishment(PrisonCode(text)) else {
            reader.errors.add(line: reader.row.line, field: "current",
                              .unknown(text, expected: estate.establishments.map(\.code.rawValue)),
                              hint: "leave empty for a new reception awaiting a place")
            return nil
        }
        guard establishment.isInScope else {
            reader.errors.add(line: reader.row.line, field: "current",
                              .inconsistent("\(text) is a children's establishment, outside Homeward's scope"))
            return nil
        }
        return establishment.code
    }

    /// The cohorts, separated by `;`.
    func readCohorts(_ reader: inout FieldReader) -> Cohorts {
        var cohorts: Cohorts = []
        for part in reader.text("cohorts").splitList() {
            if let flag = Cohorts.names.first(where: { $0.0 == part })?.1 {
                cohorts.insert(flag)
            } else {
                reader.errors.add(line: reader.row.line, field: "cohorts", .unknown(part, expected: cohortNames),
                                  hint: "separate several cohorts with ';'")
            }
        }
        return cohorts
    }

    /// The programmes needed, separated by `;`: each offered somewhere in the estate, and named once.
    func readNeeds(_ reader: inout FieldReader) -> [String] {
        var needs: [String] = []
        for part in reader.text("needs").splitList() {
            if !knownNeeds.contains(part) {
                reader.errors.add(line: reader.row.line, field: "needs", .unknown(part, expected: Array(knownNeeds).sorted()),
                                  hint: "needs must be programmes offered somewhere in the estate")
            } else if needs.contains(part) {
                reader.errors.add(line: reader.row.line, field: "needs", .duplicate(part))
            } else {
                needs.append(part)
            }
        }
        return needs
    }
}
