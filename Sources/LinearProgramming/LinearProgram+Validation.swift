/// A reason a linear program cannot be handed to a solver.
///
/// GLPK aborts the whole process on these; we refuse them first.
public enum ModelProblem: Sendable, Equatable, CustomStringConvertible {
    case noRows
    case noColumns
    case tooLarge(what: String, count: Int)
    case entryOutOfRange(entry: Int, row: Int, column: Int)
    case duplicateEntry(row: Int, column: Int)
    case nonFiniteEntry(entry: Int)
    case nonFiniteCost(column: Int)
    case nonFiniteBound(what: String, index: Int)
    case crossedBounds(what: String, index: Int, lower: Double, upper: Double)
    case badName(what: String, index: Int, reason: String)
    case duplicateName(what: String, name: String)

    public var description: String {
        switch self {
        case .noRows: return "the model has no rows"
        case .noColumns: return "the model has no columns"
        case let .tooLarge(what, count): return "too many \(what) (\(count)); GLPK takes at most \(Int32.max - 1)"
        case let .entryOutOfRange(entry, row, column):
            return "matrix entry \(entry) refers to row \(row), column \(column), outside the model"
        case let .duplicateEntry(row, column): return "row \(row), column \(column) appears twice in the matrix"
        case let .nonFiniteEntry(entry): return "matrix entry \(entry) is not a finite number"
        case let .nonFiniteCost(column): return "the cost of column \(column) is not a finite number"
        case let .nonFiniteBound(what, index): return "a bound of \(what) \(index) is not a finite number"
        case let .crossedBounds(what, index, lower, upper):
            return "\(what) \(index) has lower bound \(lower) above upper bound \(upper)"
        case let .badName(what, index, reason): return "the name of \(what) \(index) \(reason)"
        case let .duplicateName(what, name): return "two \(what)s are named \(name)"
        }
    }
}

/// Thrown when a model fails ``LinearProgram/validate()``.
public struct InvalidModel: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ModelProblem]

    public init(problems: [ModelProblem]) {
        self.problems = problems
    }

    public var description: String {
        let shown = problems.prefix(10).map(\.description).joined(separator: "; ")
        let more = problems.count > 10 ? " (and \(problems.count - 10) more)" : ""
        return "invalid model: \(shown)\(more)"
    }
}

extension LinearProgram {
    /// Checks everything GLPK would abort on, and names that exported files need.
    ///
    /// - Rows and columns: at least one of each, at most `Int32.max - 1`.
    /// - Matrix entries inside the model, finite, no duplicate (row, column) pair.
    /// - Finite costs and bounds, lower <= upper.
    /// - Names of 1 to 255 bytes using letters, digits, `_` and `.`, not starting
    ///   with a digit or `.`, unique among rows and among columns.
    /// - Throws: ``InvalidModel`` listing every problem found.
    public func validate() throws(InvalidModel) {
        var problems: [ModelProblem] = []
        if rows.isEmpty { problems.append(.noRows) }
        if columns.isEmpty { problems.append(.noColumns) }
        let limit = Int(Int32.max) - 1
        if rows.count > limit { problems.append(.tooLarge(what: "rows", count: rows.count)) }
        if columns.count > limit { problems.append(.tooLarge(what: "columns", count: columns.count)) }
        if entries.count > limit { problems.append(.tooLarge(what: "matrix entries", count: entries.count)) }

        for (j, column) in columns.enumerated() {
            if !column.cost.isFinite { problems.append(.nonFiniteCost(column: j)) }
            Self.check(column.bounds, what: "column", index: j, into: &problems)
            if let reason = Self.nameProblem(column.name) {
                problems.append(.badName(what: "column", index: j, reason: reason))
            }
        }
        for (i, row) in rows.enumerated() {
            Self.check(row.bounds, what: "row", index: i, into: &problems)
            if let reason = Self.nameProblem(row.name) {
                problems.append(.badName(what: "row", index: i, reason: reason))
            }
        }
        Self.checkUnique(rows.map(\.name), what: "row", into: &problems)
        Self.checkUnique(columns.map(\.name), what: "column", into: &problems)

        // Duplicate detection by sorting (row, column) keys: O(ne log ne), no hashing order.
        var keys: [Int] = []
        keys.reserveCapacity(entries.count)
        let width = max(columns.count, 1)
        for (k, entry) in entries.enumerated() {
            guard entry.row >= 0, entry.row < rows.count, entry.column >= 0, entry.column < columns.count else {
                problems.append(.entryOutOfRange(entry: k, row: entry.row, column: entry.column))
                continue
            }
            if !entry.value.isFinite { problems.append(.nonFiniteEntry(entry: k)) }
            keys.append(entry.row * width + entry.column)
        }
        keys.sort()
        var index = 1
        while index < keys.count {
            if keys[index] == keys[index - 1] {
                problems.append(.duplicateEntry(row: keys[index] / width, column: keys[index] % width))
                while index < keys.count && keys[index] == keys[index - 1] { index += 1 }
            }
            index += 1
        }
        if !problems.isEmpty { throw InvalidModel(problems: problems) }
    }

    private static func check(_ bounds: Bounds, what: String, index: Int, into problems: inout [ModelProblem]) {
        if let lower = bounds.lower, !lower.isFinite { problems.append(.nonFiniteBound(what: what, index: index)) }
        if let upper = bounds.upper, !upper.isFinite { problems.append(.nonFiniteBound(what: what, index: index)) }
        if let lower = bounds.lower, let upper = bounds.upper, lower.isFinite, upper.isFinite, lower > upper {
            problems.append(.crossedBounds(what: what, index: index, lower: lower, upper: upper))
        }
    }

    private static func checkUnique(_ names: [String], what: String, into problems: inout [ModelProblem]) {
        let sorted = names.sorted()
        var index = 1
        while index < sorted.count {
            if sorted[index] == sorted[index - 1] {
                problems.append(.duplicateName(what: what, name: sorted[index]))
                while index < sorted.count && sorted[index] == sorted[index - 1] { index += 1 }
            }
            index += 1
        }
    }

    /// Why `name` cannot be used, or nil if it can.
    static func nameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { return "is empty" }
        if bytes.count > 255 { return "is longer than 255 bytes" }
        let first = bytes[0]
        if (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".") {
            return "starts with a digit or a dot"
        }
        for byte in bytes {
            let ok = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            if !ok {
                return byte < 32 || byte == 127
                    ? "contains a control character"
                    : "contains a character other than letters, digits, '_' and '.'"
            }
        }
        // In CPLEX LP files a name like e12 or E5 may be read as an exponent.
        if first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
           bytes.count > 1, bytes.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return "could be read as a number"
        }
        return nil
    }
}
