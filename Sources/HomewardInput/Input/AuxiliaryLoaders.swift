import HomewardDomain

/// Reads a distance matrix: `lad_code,establishment,distance_km`, measured
/// road distances that replace the modelled ones pair by pair.
public enum DistanceMatrixLoader {
    public static let columns = ["lad_code", "establishment", "distance_km"]

    /// Parses a matrix against a geography and an estate.
    /// - Returns: km by authority index, then establishment index.
    /// - Throws: ``InputErrors`` listing every problem.
    public static func load(_ text: String, file: String, geography: Geography, estate: Estate) throws(InputErrors) -> [Int: [Int: Double]] {
        let table = try CSVTable(parsing: text, file: file, required: columns)
        var errors = ErrorCollector(file: file)
        var result: [Int: [Int: Double]] = [:]
        var seen: [String: Int] = [:]
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            let lad = reader.required("lad_code")
            let code = reader.required("establishment")
            let km = reader.decimal("distance_km", in: 0...2000)
            var authority: Int?
            var establishment: Int?
            if let lad {
                authority = geography.index(of: LADCode(lad))
                if authority == nil {
                    reader.errors.add(line: row.line, field: "lad_code", .unknown(lad, expected: ["a local authority district code in the geography file"]),
                                      hint: "codes look like E08000025 or W06000015 (May 2024 boundaries)")
                }
            }
            if let code {
                establishment = estate.index(of: PrisonCode(code))
                if establishment == nil {
                    reader.errors.add(line: row.line, field: "establishment", .unknown(code, expected: estate.establishments.map(\.code.rawValue)),
                                      hint: "use the establishment codes of the estate file")
                }
            }
            if let lad, let code {
                let key = "\(lad)|\(code)"
                if let previous = seen[key] {
                    reader.errors.add(line: row.line, field: "distance_km", .duplicate("\(lad) to \(code)"), hint: "also on line \(previous)")
                } else {
                    seen[key] = row.line
                }
            }
            if let authority, let establishment, let km { result[authority, default: [:]][establishment] = km }
        }
        try errors.throwIfAny()
        return result
    }
}

/// Reads postcode-district centroids: `district,latitude,longitude,lad_code,source`.
public enum PostcodeDistrictLoader {
    public static let columns = ["district", "latitude", "longitude", "lad_code", "source"]

    /// Parses the file.
    /// - Throws: ``InputErrors`` listing every problem.
    public static func load(_ text: String, file: String) throws(InputErrors) -> [PostcodeDistrict] {
        let table = try CSVTable(parsing: text, file: file, required: columns)
        var errors = ErrorCollector(file: file)
        var result: [PostcodeDistrict] = []
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            let district = reader.required("district")
            let latitude = reader.decimal("latitude", in: GreatBritain.latitude, hint: GreatBritain.hint)
            let longitude = reader.decimal("longitude", in: GreatBritain.longitude, hint: GreatBritain.hint)
            let lad = reader.text("lad_code")
            guard let district, let latitude, let longitude else { continue }
            result.append(PostcodeDistrict(district: district.uppercased(), latitude: latitude, longitude: longitude,
                                           lad: lad.isEmpty ? nil : LADCode(lad)))
        }
        try errors.throwIfAny()
        return result
    }
}
