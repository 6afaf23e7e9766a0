/// A linear program as a plain value: minimise or maximise `cost · x`
/// subject to row bounds on `A x` and column bounds on `x`.
///
/// Rows and columns are numbered from 0 here; the GLPK wrapper converts to
/// GLPK's 1-based numbering. The value is solver-independent: the GLPK wrapper
/// loads it with one `glp_load_matrix` call, and ``LPWriter`` writes it in
/// CPLEX LP or free MPS format for glpsol, HiGHS or any other solver.
public struct LinearProgram: Sendable, Equatable {
    /// Whether the objective is minimised or maximised.
    public enum Sense: Sendable, Equatable {
        case minimise
        case maximise
    }

    /// One row: `bounds.lower <= (A x)[row] <= bounds.upper`.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var bounds: Bounds

        public init(name: String, bounds: Bounds) {
            self.name = name
            self.bounds = bounds
        }
    }

    /// One column (variable), with its objective coefficient and bounds.
    public struct Column: Sendable, Equatable {
        public var name: String
        public var cost: Double
        public var bounds: Bounds
        /// Whether the column must take an integer value (a MIP column).
        public var isInteger: Bool

        public init(name: String, cost: Double, bounds: Bounds, isInteger: Bool = false) {
            self.name = name
            self.cost = cost
            self.bounds = bounds
            self.isInteger = isInteger
        }
    }

    /// One nonzero of the constraint matrix.
    public struct Entry: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var value: Double

        public init(row: Int, column: Int, value: Double) {
            self.row = row
            self.column = column
            self.value = value
        }
    }

    public var name: String
    public var sense: Sense
    public var rows: [Row]
    public var columns: [Column]
    public var entries: [Entry]

    /// Creates a linear program.
    /// - Parameters:
    ///   - name: a short name, written into exported files.
    ///   - sense: minimise or maximise.
    ///   - rows: the rows, in order.
    ///   - columns: the columns, in order.
    ///   - entries: the nonzeros of the constraint matrix, in any order.
    public init(name: String, sense: Sense = .minimise, rows: [Row], columns: [Column], entries: [Entry]) {
        self.name = name
        self.sense = sense
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    /// The objective value of `x` (no feasibility check).
    /// True if some column must take an integer value.
    public var isMixedInteger: Bool { columns.contains(where: \.isInteger) }

    public func objective(of x: [Double]) -> Double {
        precondition(x.count == columns.count, "one value per column")
        var total = 0.0
        for (j, column) in columns.enumerated() {
            total += column.cost * x[j]
        }
        return total
    }

    /// Row activities `A x`.
    public func activities(of x: [Double]) -> [Double] {
        precondition(x.count == columns.count, "one value per column")
        var result = [Double](repeating: 0, count: rows.count)
        for entry in entries {
            result[entry.row] += entry.value * x[entry.column]
        }
        return result
    }
}

/// A lower and an upper bound, either of which may be absent (infinite).
public struct Bounds: Sendable, Equatable, CustomStringConvertible {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// No bound on either side.
    public static let free = Bounds(lower: nil, upper: nil)
    /// `x >= 0`.
    public static let nonNegative = Bounds(lower: 0, upper: nil)

    /// `x == value`.
    public static func fixed(_ value: Double) -> Bounds { Bounds(lower: value, upper: value) }
    /// `x <= value`.
    public static func atMost(_ value: Double) -> Bounds { Bounds(lower: nil, upper: value) }
    /// `x >= value`.
    public static func atLeast(_ value: Double) -> Bounds { Bounds(lower: value, upper: nil) }
    /// `lower <= x <= upper`.
    public static func between(_ lower: Double, _ upper: Double) -> Bounds { Bounds(lower: lower, upper: upper) }

    public var isFixed: Bool { lower != nil && lower == upper }

    /// Whether `value` lies within the bounds, allowing `tolerance`.
    public func contains(_ value: Double, tolerance: Double = 1e-9) -> Bool {
        if let lower, value < lower - tolerance { return false }
        if let upper, value > upper + tolerance { return false }
        return true
    }

    public var description: String {
        switch (lower, upper) {
        case (nil, nil): return "free"
        case let (l?, u?) where l == u: return "= \(l)"
        case let (l?, nil): return ">= \(l)"
        case let (nil, u?): return "<= \(u)"
        case let (l?, u?): return "[\(l), \(u)]"
        }
    }
}
