import HomewardDomain

/// Reads typed fields from one CSV row, recording a located error for each bad value.
struct FieldReader {
    let table: CSVTable
    let row: CSVTable.Row
    var errors: ErrorCollector

    /// A reader for one row; its errors are merged into the file's collector afterwards.
    init(table: CSVTable, row: CSVTable.Row, file: String) {
        self.table = table
        self.row = row
        self.errors = ErrorCollector(file: file)
    }

    /// The trimmed text of `column`, or "" if the column is absent.
    func text(_ column: String) -> String {
        guard let index = table.index(of: column), index < row.fields.count else { return "" }
        return row.fields[index].trimmingWhitespace()
    }

    /// A non-empty text value.
    mutating func required(_ column: String, hint: String? = nil) -> String? {
        let value = text(column)
        if value.isEmpty {
            errors.add(line: row.line, field: column, .missing, hint: hint)
            return nil
        }
        return value
    }

    /// One of `values` (by raw value).
    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let value = required(column) else { return nil }
        if let parsed = T(rawValue: value) { return parsed }
        errors.add(line: row.line, field: column, .unknown(value, expected: T.allCases.map(\.rawValue)))
        return nil
    }

    /// An integer in `range`; nil (with an error) if missing or bad; nil without an error if empty and optional.
    mutating func integer(_ column: String, in range: ClosedRange<Int>, optional: Bool = false) -> Int? {
        let value = text(column)
        if value.isEmpty {
            if !optional { errors.add(line: row.line, field: column, .missing) }
            return nil
        }
        guard let number = Int(value) else {
            errors.add(line: row.line, field: column, .malformed(value, expected: "a whole number"))
            return nil
        }
        guard range.contains(number) else {
            errors.add(line: row.line, field: column, .outOfRange(value, allowed: "\(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    /// A finite decimal number in `range`.
    mutating func decimal(_ column: String, in range: ClosedRange<Double>, hint: String? = nil) -> Double? {
        guard let value = required(column) else { return nil }
        guard let number = Double(value), number.isFinite else {
            errors.add(line: row.line, field: column, .malformed(value, expected: "a decimal number"))
            return nil
        }
        guard range.contains(number) else {
            errors.add(line: row.line, field: column, .outOfRange(value, allowed: "\(range.lowerBound) to \(range.upperBound)"), hint: hint)
            return nil
        }
        return number
    }
}

/// Great Britain, generously: coordinates outside this box are a data error.
enum GreatBritain {
    static let latitude: ClosedRange<Double> = 49.8...61.0
    static let longitude: ClosedRange<Double> = -8.7...2.0
    static let hint = "coordinates must be WGS84 degrees inside Great Britain (latitude, longitude: e.g. 51.5, -0.12)"
}
