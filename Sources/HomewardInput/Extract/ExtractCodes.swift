import HomewardDomain

/// The code tables that turn an extract's HMPPS codes into the model's terms, each a documented file in
/// `Estate/` (docs/EXTRACT.md): NOMIS alert codes to placement effects (`alert-placement.csv`), NOMIS
/// security categories to the model's categories (`nomis-categories.csv`), and Prisoner Search's legal
/// statuses to the model's (`nomis-legal-statuses.csv`). A code not in its table is refused, never guessed.
public struct ExtractCodes: Sendable, Equatable {
    /// What an alert means for placement.
    public enum AlertEffect: Sendable, Equatable {
        case ignored
        case need(PlaceNeeds)
        case hold(HoldKind)
        case cohort(Cohorts)
    }

    /// One NOMIS category code: the model's category for men and for women (nil where the code is not used).
    public struct CategoryMapping: Sendable, Equatable {
        public var male: Category?
        public var female: Category?

        public func category(for sex: Sex) -> Category? { sex == .male ? male : female }
    }

    /// One legal status: remand or sentenced, and any cohort it implies.
    public struct StatusMapping: Sendable, Equatable {
        public var status: LegalStatus
        public var cohort: Cohorts
    }

    /// Every known alert code (the 213 NOMIS codes and any added) in file order, with its effect.
    public var alerts: [(code: String, effect: AlertEffect)]
    public var categories: [(code: String, mapping: CategoryMapping)]
    public var statuses: [(code: String, mapping: StatusMapping)]

    private var alertIndex: [String: AlertEffect] = [:]

    public init(alerts: [(code: String, effect: AlertEffect)], categories: [(code: String, mapping: CategoryMapping)],
                statuses: [(code: String, mapping: StatusMapping)]) {
        self.alerts = alerts
        self.categories = categories
        self.statuses = statuses
        for (code, effect) in alerts { alertIndex[code] = effect }
    }

    public static func == (lhs: ExtractCodes, rhs: ExtractCodes) -> Bool {
        lhs.alerts.map(\.code) == rhs.alerts.map(\.code) && lhs.alertIndex == rhs.alertIndex
            && lhs.categories.map(\.code) == rhs.categories.map(\.code) && lhs.categories.map(\.mapping) == rhs.categories.map(\.mapping)
            && lhs.statuses.map(\.code) == rhs.statuses.map(\.code) && lhs.statuses.map(\.mapping) == rhs.statuses.map(\.mapping)
    }

    public func alert(_ code: String) -> AlertEffect? { alertIndex[code] }
    public func category(_ code: String) -> CategoryMapping? { categories.first { $0.code == code }?.mapping }
    public func status(_ code: String) -> StatusMapping? { statuses.first { $0.code == code }?.mapping }

    /// The file names, beside the estate file.
    public static let alertFile = "alert-placement.csv"
    public static let categoryFile = "nomis-categories.csv"
    public static let statusFile = "nomis-legal-statuses.csv"
}

/// Reads the three code tables.
public enum ExtractCodesLoader {
    /// Parses the tables; every problem in every table is reported together.
    /// - Throws: ``InputErrors`` naming file, line and field.
    public static func load(alerts: (text: String, file: String), categories: (text: String, file: String),
                            statuses: (text: String, file: String)) throws(InputErrors) -> ExtractCodes {
        var all: [InputError] = []
        let alertRows = collect(&all) { () throws(InputErrors) in try readAlerts(alerts.text, file: alerts.file) }
        let categoryRows = collect(&all) { () throws(InputErrors) in try readCategories(categories.text, file: categories.file) }
        let statusRows = collect(&all) { () throws(InputErrors) in try readStatuses(statuses.text, file: statuses.file) }
        if !all.isEmpty { throw InputErrors(all) }
        return ExtractCodes(alerts: alertRows ?? [], categories: categoryRows ?? [], statuses: statusRows ?? [])
    }

    private static func collect<T>(_ errors: inout [InputError], _ body: () throws(InputErrors) -> T) -> T? {
        do { return try body() } catch {
            errors += error.errors
            return nil
        }
    }

    /// The effects an alert may have, as the table spells them.
    static let effectNames: [String] = ["ignored"] + PlaceNeeds.names.map(\.0) + HoldKind.allCases.map { "hold:\($0.rawValue)" }
        + ["cohort:sexual_offence", "cohort:foreign_national"]

    static func effect(_ text: String) -> ExtractCodes.AlertEffect? {
        if text == "ignored" { return .ignored }
        if let need = PlaceNeeds.names.first(where: { $0.0 == text })?.1 { return .need(need) }
        if text.hasPrefix("hold:"), let kind = HoldKind(rawValue: String(text.dropFirst(5))) { return .hold(kind) }
        if text.hasPrefix("cohort:"), let flag = Cohorts.names.first(where: { $0.0 == String(text.dropFirst(7)) })?.1,
           Profile.modelledCohorts.contains(flag) {
            return .cohort(flag)
        }
        return nil
    }

    static func readAlerts(_ text: String, file: String) throws(InputErrors) -> [(code: String, effect: ExtractCodes.AlertEffect)] {
        let table = try CSVTable(parsing: text, file: file, required: ["type", "code", "description", "expired_on", "effect", "note"])
        var errors = ErrorCollector(file: file)
        var seen: Set<String> = []
        var result: [(code: String, effect: ExtractCodes.AlertEffect)] = []
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let code = reader.required("code"), let effectText = reader.required("effect") else { continue }
            if !seen.insert(code).inserted { reader.errors.add(line: row.line, field: "code", .duplicate(code)); continue }
            guard let effect = effect(effectText) else {
                reader.errors.add(line: row.line, field: "effect", .unknown(effectText, expected: effectNames),
                                  hint: EditDistance.hint(effectText, in: effectNames))
                continue
            }
            result.append((code, effect))
        }
        if table.rows.isEmpty { errors.add(.empty, hint: "the table needs every NOMIS alert code, each with its effect or 'ignored'") }
        try errors.throwIfAny()
        return result
    }

    static func readCategories(_ text: String, file: String) throws(InputErrors) -> [(code: String, mapping: ExtractCodes.CategoryMapping)] {
        let table = try CSVTable(parsing: text, file: file, required: ["code", "description", "male", "female", "note"])
        var errors = ErrorCollector(file: file)
        var result: [(code: String, mapping: ExtractCodes.CategoryMapping)] = []
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let code = reader.required("code") else { continue }
            var mapping = ExtractCodes.CategoryMapping()
            for sex in Sex.allCases {
                let value = reader.text(sex.rawValue)
                if value.isEmpty { continue }
                let allowed = Category.allowed(for: sex)
                guard let category = Category(rawValue: value), allowed.contains(category) else {
                    reader.errors.add(line: row.line, field: sex.rawValue, .unknown(value, expected: allowed.map(\.rawValue)))
                    continue
                }
                if sex == .male { mapping.male = category } else { mapping.female = category }
            }
            if result.contains(where: { $0.code == code }) { reader.errors.add(line: row.line, field: "code", .duplicate(code)) }
            result.append((code, mapping))
        }
        try errors.throwIfAny()
        return result
    }

    static func readStatuses(_ text: String, file: String) throws(InputErrors) -> [(code: String, mapping: ExtractCodes.StatusMapping)] {
        let table = try CSVTable(parsing: text, file: file, required: ["legal_status", "model_status", "cohort", "note"])
        var errors = ErrorCollector(file: file)
        var result: [(code: String, mapping: ExtractCodes.StatusMapping)] = []
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let code = reader.required("legal_status"), let status = reader.choice("model_status", LegalStatus.self) else { continue }
            var cohort: Cohorts = []
            let cohortText = reader.text("cohort")
            if !cohortText.isEmpty {
                guard let flag = Cohorts.names.first(where: { $0.0 == cohortText })?.1 else {
                    reader.errors.add(line: row.line, field: "cohort", .unknown(cohortText, expected: Cohorts.names.map(\.0)))
                    continue
                }
                cohort = flag
            }
            if result.contains(where: { $0.code == code }) { reader.errors.add(line: row.line, field: "legal_status", .duplicate(code)) }
            result.append((code, ExtractCodes.StatusMapping(status: status, cohort: cohort)))
        }
        try errors.throwIfAny()
        return result
    }
}
