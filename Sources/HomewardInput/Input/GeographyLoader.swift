import HomewardDomain

/// Reads `uk-regions.csv`: local authority districts with centroid and population.
public enum GeographyLoader {
    public static let requiredColumns = [
        "lad_code", "lad_name", "region_code", "region_name", "country", "population_mid2023", "latitude", "longitude",
    ]

    /// Parses and validates a geography file.
    /// - Throws: ``InputErrors`` listing every problem.
    public static func load(_ text: String, file: String) throws(InputErrors) -> Geography {
        let table = try CSVTable(parsing: text, file: file, required: requiredColumns)
        var errors = ErrorCollector(file: file)
        var authorities: [LocalAuthority] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            guard let code = reader.required("lad_code") else { continue }
            if let previous = seen[code] {
                reader.errors.add(line: row.line, field: "lad_code", .duplicate(code), hint: "also on line \(previous)")
            } else {
                seen[code] = row.line
            }
            let name = reader.required("lad_name")
            let regionCode = reader.required("region_code")
            let region = reader.required("region_name")
            let country = reader.required("country")
            let population = reader.integer("population_mid2023", in: 1...20_000_000)
            let latitude = reader.decimal("latitude", in: GreatBritain.latitude, hint: GreatBritain.hint)
            let longitude = reader.decimal("longitude", in: GreatBritain.longitude, hint: GreatBritain.hint)
            guard let name, let regionCode, let region, let country, let population, let latitude, let longitude else { continue }
            authorities.append(LocalAuthority(
                code: LADCode(code), name: name, regionCode: regionCode, region: region, country: country,
                population: population, latitude: latitude, longitude: longitude))
        }
        if table.rows.isEmpty { errors.add(.empty) }
        try errors.throwIfAny()
        return Geography(authorities: authorities)
    }
}
