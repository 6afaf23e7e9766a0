import HomewardDomain

/// The published population of one row of the monthly prison population
/// bulletin: one establishment, or two that the bulletin counts together.
public struct PublishedPopulation: Sendable, Equatable {
    /// The establishments the bulletin row covers.
    public var codes: [PrisonCode]
    /// The bulletin's name for the row.
    public var name: String
    /// People held on the bulletin's date.
    public var population: Int
    /// The source tag (see Estate/SOURCES.md).
    public var source: String

    public init(codes: [PrisonCode], name: String, population: Int, source: String) {
        self.codes = codes
        self.name = name
        self.population = population
        self.source = source
    }
}

/// Reads `population-2026-07.csv`: the published population of each
/// establishment, kept apart from the estate so that nothing that draws the
/// synthetic population can read it (it is held out for validation).
public enum PublishedPopulationLoader {
    public static let requiredColumns = ["codes", "bulletin_name", "population", "source"]

    /// Parses and validates a published-population file.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: its name, for messages.
    ///   - estate: the estate whose codes the rows must name.
    /// - Returns: the rows, in file order.
    /// - Throws: ``InputErrors`` listing every problem, each with line and field.
    public static func load(_ text: String, file: String, estate: Estate) throws(InputErrors) -> [PublishedPopulation] {
        let table = try CSVTable(parsing: text, file: file, required: requiredColumns)
        var errors = ErrorCollector(file: file)
        var rows: [PublishedPopulation] = []
        var seen: [PrisonCode: Int] = [:]
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            let codes = reader.text("codes").splitList().map(PrisonCode.init)
            if codes.isEmpty { reader.errors.add(line: row.line, field: "codes", .missing) }
            for code in codes {
                if estate.index(of: code) == nil {
                    reader.errors.add(line: row.line, field: "codes",
                                      .unknown(code.rawValue, expected: ["an establishment code in the estate file"]))
                } else if let previous = seen[code] {
                    reader.errors.add(line: row.line, field: "codes", .duplicate(code.rawValue), hint: "also on line \(previous)")
                } else {
                    seen[code] = row.line
                }
            }
            let name = reader.required("bulletin_name")
            let population = reader.integer("population", in: 0...20_000)
            guard let name, let population, !codes.isEmpty else { continue }
            rows.append(PublishedPopulation(codes: codes, name: name, population: population, source: reader.text("source")))
        }
        try errors.throwIfAny()
        return rows
    }
}
