import HomewardDomain

/// One line of a map outline: a closed coast polygon or an open border line.
public struct OutlineRing: Sendable, Equatable {
    public var part: String
    public var points: [Coordinate]

    public init(part: String, points: [Coordinate]) {
        self.part = part
        self.points = points
    }

    /// A point in WGS84 degrees.
    public struct Coordinate: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// Whether the ring is a closed coast polygon (as opposed to a border line).
    public var isCoast: Bool { part == "coast" }
}

/// Reads `great-britain-outline.csv`: `ring,part,latitude,longitude`.
public enum OutlineLoader {
    public static let columns = ["ring", "part", "latitude", "longitude"]

    /// Parses the outline.
    /// - Throws: ``InputErrors`` listing every problem.
    public static func load(_ text: String, file: String) throws(InputErrors) -> [OutlineRing] {
        let table = try CSVTable(parsing: text, file: file, required: columns)
        var errors = ErrorCollector(file: file)
        var rings: [OutlineRing] = []
        var current: String?
        for row in table.rows {
            var reader = FieldReader(table: table, row: row, file: file)
            defer { errors.merge(reader.errors) }
            let ring = reader.required("ring")
            let part = reader.required("part")
            let latitude = reader.decimal("latitude", in: GreatBritain.latitude, hint: GreatBritain.hint)
            let longitude = reader.decimal("longitude", in: GreatBritain.longitude, hint: GreatBritain.hint)
            guard let ring, let part, let latitude, let longitude else { continue }
            if ring != current {
                rings.append(OutlineRing(part: part, points: []))
                current = ring
            }
            rings[rings.count - 1].points.append(.init(latitude: latitude, longitude: longitude))
        }
        try errors.throwIfAny()
        return rings
    }
}
