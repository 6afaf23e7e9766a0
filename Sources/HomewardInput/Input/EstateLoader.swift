import HomewardDomain

/// Reads `establishments.csv`.
public enum EstateLoader {
    public static let requiredColumns = [
        "code", "name", "operator", "sex", "age_group", "categories", "function", "operational_capacity", "cna",
        "latitude", "longitude", "postcode", "region", "source",
    ]
    /// Columns Homeward adds to the shared file; optional when reading.
    public static let optionalColumns = ["cohort_only", "interventions", "resettlement_region", "vp_places", "accessible_cells", "single_cells"]
    /// The typed-place columns (issue #23): places on a vulnerable-prisoner unit, accessible cells and single
    /// cells, each empty where unknown (the model then does not limit that type there).
    static let typedPlaceColumns: [(column: String, need: PlaceNeeds)] = [
        ("vp_places", .vulnerablePrisonerUnit), ("accessible_cells", .accessibleCell), ("single_cells", .singleCell),
    ]

    /// Parses and validates an estate file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: its name, for messages.
    /// - Returns: the estate, sorted by code.
    /// - Throws: ``InputErrors`` listing every problem, each with line and field.
    public static func load(_ text: String, file: String) throws(InputErrors) -> Estate {
        let table = try CSVTable(parsing: text, file: file, required: requiredColumns)
        var errors = ErrorCollector(file: file)
        var establishments: [Establishment] = []
        var firstLine: [String: Int] = [:]
        var resettlementLines: [(line: Int, region: String)] = []
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let code = reader.required("code") else { continue }
            if !isAgencyCode(code) {
                reader.errors.add(line: row.line, field: "code", .malformed(code, expected: "an agency code of up to 8 capital letters or digits"),
                                  hint: "ASCII A-Z and 0-9 only, e.g. BFI")
            }
            if let previous = firstLine[code] {
                reader.errors.add(line: row.line, field: "code", .duplicate(code), hint: "also on line \(previous)")
            } else {
                firstLine[code] = row.line
            }
            let name = reader.required("name") ?? code
            let sex = reader.choice("sex", EstablishmentSex.self)
            let ageGroup = reader.choice("age_group", EstablishmentAgeGroup.self)
            let inScope = ageGroup != .juvenile
            let categories = parseFlags(reader.text("categories"), names: SecurityProvision.names, column: "categories",
                                        required: inScope, reader: &reader) ?? []
            let functions = parseFlags(reader.text("function"), names: Functions.names, column: "function",
                                       required: inScope, reader: &reader) ?? []
            let capacity = reader.integer("operational_capacity", in: 0...20_000, optional: !inScope)
            let cna = reader.integer("cna", in: 0...20_000, optional: !inScope)
            let latitude = reader.decimal("latitude", in: GreatBritain.latitude, hint: GreatBritain.hint)
            let longitude = reader.decimal("longitude", in: GreatBritain.longitude, hint: GreatBritain.hint)
            let region = reader.required("region")
            var cohortOnly: Cohort?
            let cohortText = reader.text("cohort_only")
            if !cohortText.isEmpty && cohortText != "none" {
                cohortOnly = Cohort(rawValue: cohortText)
                if cohortOnly == nil {
                    reader.errors.add(line: row.line, field: "cohort_only",
                                      .unknown(cohortText, expected: ["none"] + Cohort.allCases.map(\.rawValue)))
                }
            }
            let interventions = parseInterventions(reader.text("interventions"), reader: &reader)
            let resettlementRegion = reader.text("resettlement_region")
            if !resettlementRegion.isEmpty { resettlementLines.append((row.line, resettlementRegion)) }

            if let sex, inScope {
                let womens: SecurityProvision = [.womenClosed, .womenOpen]
                let mens: SecurityProvision = [.a, .b, .c, .d]
                if sex == .female && !categories.isSubset(of: womens) {
                    reader.errors.add(line: row.line, field: "categories",
                                      .inconsistent("a women's establishment lists men's categories (\(categories.text))"),
                                      hint: "use women-closed or women-open")
                }
                if sex == .male && !categories.isSubset(of: mens) {
                    reader.errors.add(line: row.line, field: "categories",
                                      .inconsistent("a men's establishment lists categories \(categories.text)"),
                                      hint: "use A, B, C or D")
                }
            }
            let typed = parseTypedPlaces(&reader, capacity: capacity)
            guard let sex, let ageGroup, let latitude, let longitude, let region else { continue }
            if inScope && (capacity == nil || cna == nil) { continue }
            var establishment = Establishment(
                code: PrisonCode(code), name: name, operatorKind: reader.text("operator"), sex: sex, ageGroup: ageGroup,
                categories: categories, functions: functions, operationalCapacity: capacity ?? 0, cna: cna ?? 0,
                latitude: latitude, longitude: longitude, postcode: reader.text("postcode"), region: region,
                cohortOnly: cohortOnly, interventions: interventions, source: reader.text("source"))
            establishment.resettlementRegion = resettlementRegion.isEmpty ? nil : resettlementRegion
            establishment.typedPlaces = typed
            establishments.append(establishment)
        }
        checkResettlementRegions(resettlementLines, regions: Set(establishments.map(\.region)), errors: &errors)
        if table.rows.isEmpty {
            errors.add(.empty, hint: "the estate needs at least one establishment")
        }
        try errors.throwIfAny()
        return Estate(establishments: establishments)
    }

    /// A resettlement region must be a region some establishment is in (the
    /// estate's `region` names: the ONS regions and Wales), so a misspelt name
    /// is caught here rather than matching nobody's home.
    static func checkResettlementRegions(
        _ lines: [(line: Int, region: String)], regions: Set<String>, errors: inout ErrorCollector
    ) {
        for (line, region) in lines where !regions.contains(region) {
            errors.add(line: line, field: "resettlement_region", .unknown(region, expected: regions.sorted()),
                       hint: "use a region named in the region column, or leave it empty for a national resource")
        }
    }

    /// The typed places, each a whole number no larger than the operational capacity, or empty (unknown).
    static func parseTypedPlaces(_ reader: inout FieldReader, capacity: Int?) -> TypedPlaces {
        var typed = TypedPlaces()
        for (column, need) in typedPlaceColumns {
            guard let places = reader.integer(column, in: 0...20_000, optional: true) else { continue }
            if let capacity, places > capacity {
                reader.errors.add(line: reader.row.line, field: column,
                                  .inconsistent("\(places) places is more than the operational capacity of \(capacity)"),
                                  hint: "typed places are part of the operational capacity; leave empty where unknown")
                continue
            }
            switch need {
            case .vulnerablePrisonerUnit: typed.vulnerablePrisonerUnit = places
            case .accessibleCell: typed.accessibleCell = places
            default: typed.singleCell = places
            }
        }
        return typed
    }

    static func parseFlags<T: OptionSet>(
        _ text: String, names: [(String, T)], column: String, required: Bool, reader: inout FieldReader
    ) -> T? where T.Element == T {
        let parts = text.splitList()
        if parts.isEmpty {
            if required { reader.errors.add(line: reader.row.line, field: column, .missing) }
            return nil
        }
        var flags: T = []
        for part in parts {
            if let flag = names.first(where: { $0.0 == part })?.1 {
                flags.insert(flag)
            } else {
                reader.errors.add(line: reader.row.line, field: column, .unknown(part, expected: names.map(\.0)),
                                  hint: "separate several values with ';'")
            }
        }
        return flags
    }

    static func parseInterventions(_ text: String, reader: inout FieldReader) -> [InterventionOffer] {
        var offers: [InterventionOffer] = []
        for part in text.splitList() {
            // Empty pieces kept: ":" or "horizon:" must be refused, not crash or lose the colon.
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                .map { String($0).trimmingWhitespace() }
            let name = pieces[0]
            guard isInterventionName(name) else {
                reader.errors.add(line: reader.row.line, field: "interventions",
                                  .malformed(name, expected: "a programme name in lower case letters, digits and '_'"),
                                  hint: "write name or name:places, separated by ';', e.g. horizon:40;building_choices")
                continue
            }
            var places: Int?
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), (0...maxPlaces).contains(value) else {
                    reader.errors.add(line: reader.row.line, field: "interventions",
                                      .malformed(pieces[1], expected: "a number of places (0 to \(maxPlaces))"),
                                      hint: "write name:places, e.g. horizon:40")
                    continue
                }
                places = value
            }
            if offers.contains(where: { $0.name == name }) {
                reader.errors.add(line: reader.row.line, field: "interventions", .duplicate(name))
                continue
            }
            offers.append(InterventionOffer(name: name, places: places))
        }
        return offers.sorted { $0.name < $1.name }
    }

    /// The most places a programme can have (as many as an establishment's capacity can be).
    static let maxPlaces = 20_000

    /// Up to 8 ASCII capital letters or digits. (Other scripts' capitals and digits, e.g. `Ａ` or `١`,
    /// would pass `isUppercase`/`isNumber` but cannot name a column of the LP that GLPK solves.)
    static func isAgencyCode(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= 8 && code.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        }
    }

    static func isInterventionName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
        }
    }

    /// The estate as CSV text, in the same columns (used after scenario changes).
    public static func write(_ estate: Estate) -> String {
        var out = (requiredColumns + optionalColumns).joined(separator: ",") + "\n"
        for e in estate.establishments {
            let fields: [String] = [
                e.code.rawValue, e.name, e.operatorKind, e.sex.rawValue, e.ageGroup.rawValue, e.categories.text,
                e.functions.text, e.isInScope || e.operationalCapacity > 0 ? String(e.operationalCapacity) : "",
                e.isInScope || e.cna > 0 ? String(e.cna) : "", Format.fixed(e.latitude, 5), Format.fixed(e.longitude, 5),
                e.postcode, e.region, e.source, e.cohortOnly?.rawValue ?? "",
                e.interventions.map(\.text).joined(separator: ";"), e.resettlementRegion ?? "",
            ] + typedPlaceColumns.map { e.typedPlaces[$0.need].map(String.init) ?? "" }
            out += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }
}
