/// Writes a ``LinearProgram`` as text that glpsol, HiGHS and CPLEX read.
///
/// Output is deterministic: rows and columns in model order, matrix entries
/// sorted, numbers in the shortest form that reads back to the same `Double`.
public enum LPWriter {
    /// The two supported file formats.
    public enum Format: String, Sendable, CaseIterable {
        /// CPLEX LP format (`glpsol --lp`, `highs`).
        case lp
        /// Free MPS format (`glpsol --freemps`, `highs`).
        case mps
    }

    /// Why a model cannot be written.
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        case invalid(InvalidModel)
        case unsupportedRow(name: String, reason: String)

        public var description: String {
            switch self {
            case let .invalid(model): return model.description
            case let .unsupportedRow(name, reason): return "row \(name) cannot be written: \(reason)"
            }
        }
    }

    /// Writes `program` in `format`.
    /// - Parameters:
    ///   - program: the model; it is validated first.
    ///   - format: CPLEX LP or free MPS.
    ///   - comment: lines written as comments at the top (e.g. what the model is).
    /// - Returns: the file's text.
    /// - Throws: ``WriteError`` if the model is invalid, or has a free or
    ///   ranged row in LP format (which CPLEX LP cannot express without a new column).
    public static func write(_ program: LinearProgram, format: Format, comment: [String] = []) throws(WriteError) -> String {
        do {
            try program.validate()
        } catch {
            throw .invalid(error)
        }
        switch format {
        case .lp: return try writeLP(program, comment: comment)
        case .mps: return writeMPS(program, comment: comment)
        }
    }

    // MARK: - Numbers

    /// The shortest text that reads back as `value`; integers without a decimal point.
    public static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    // MARK: - CPLEX LP

    private static func writeLP(_ program: LinearProgram, comment: [String]) throws(WriteError) -> String {
        var out = ""
        out.reserveCapacity(program.entries.count * 24 + program.columns.count * 24)
        out += "\\ \(program.name)\n"
        for line in comment { out += "\\ \(line)\n" }
        out += "\n"
        out += program.sense == .minimise ? "Minimize\n" : "Maximize\n"
        var line = " obj:"
        var any = false
        for column in program.columns where column.cost != 0 {
            appendTerm(&line, &out, coefficient: column.cost, name: column.name)
            any = true
        }
        if !any, let first = program.columns.first {
            appendTerm(&line, &out, coefficient: 0, name: first.name)
        }
        out += line + "\n\nSubject To\n"

        let byRow = entriesByRow(program)
        for (i, row) in program.rows.enumerated() {
            let relation: String
            let rhs: Double
            switch (row.bounds.lower, row.bounds.upper) {
            case let (l?, u?) where l == u: relation = "="; rhs = l
            case let (nil, u?): relation = "<="; rhs = u
            case let (l?, nil): relation = ">="; rhs = l
            case (nil, nil):
                throw .unsupportedRow(name: row.name, reason: "a free row has no CPLEX LP form; use MPS")
            case (.some, .some):
                throw .unsupportedRow(name: row.name, reason: "a ranged row has no CPLEX LP form; use MPS")
            }
            line = " \(row.name):"
            let terms = byRow[i]
            if terms.isEmpty {
                appendTerm(&line, &out, coefficient: 0, name: program.columns[0].name)
            }
            for (column, value) in terms {
                appendTerm(&line, &out, coefficient: value, name: program.columns[column].name)
            }
            out += line + " \(relation) \(number(rhs))\n"
        }

        out += "\nBounds\n"
        for column in program.columns {
            switch (column.bounds.lower, column.bounds.upper) {
            case (0?, nil): continue // the default
            case (nil, nil): out += " \(column.name) free\n"
            case let (l?, u?) where l == u: out += " \(column.name) = \(number(l))\n"
            case let (l?, u?): out += " \(number(l)) <= \(column.name) <= \(number(u))\n"
            case let (l?, nil): out += " \(column.name) >= \(number(l))\n"
            case let (nil, u?): out += " -inf <= \(column.name) <= \(number(u))\n"
            }
        }
        // Integer columns (a MIP): CPLEX LP's General section; bounds as above.
        let integers = program.columns.filter(\.isInteger)
        if !integers.isEmpty {
            out += "\nGeneral\n"
            for column in integers { out += " \(column.name)\n" }
        }
        out += "\nEnd\n"
        return out
    }

    private static func appendTerm(_ line: inout String, _ out: inout String, coefficient: Double, name: String) {
        let sign = coefficient < 0 ? "-" : "+"
        let magnitude = abs(coefficient)
        let term = magnitude == 1 ? " \(sign) \(name)" : " \(sign) \(number(magnitude)) \(name)"
        if line.utf8.count + term.utf8.count > 100 {
            out += line + "\n"
            line = "  "
        }
        line += term
    }

    private static func entriesByRow(_ program: LinearProgram) -> [[(Int, Double)]] {
        var byRow = [[(Int, Double)]](repeating: [], count: program.rows.count)
        for entry in program.entries {
            byRow[entry.row].append((entry.column, entry.value))
        }
        for i in byRow.indices { byRow[i].sort { $0.0 < $1.0 } }
        return byRow
    }

    // MARK: - Free MPS

    /// The COLUMNS section of free MPS: each column's objective and row entries, integer columns between markers.
    private static func mpsColumns(_ program: LinearProgram) -> String {
        var out = "COLUMNS\n"
        var byColumn = [[(Int, Double)]](repeating: [], count: program.columns.count)
        for entry in program.entries {
            byColumn[entry.column].append((entry.row, entry.value))
        }
        var inIntegerBlock = false
        for (j, column) in program.columns.enumerated() {
            // Integer columns sit between MARKER lines (INTORG ... INTEND), as free MPS has it.
            if column.isInteger != inIntegerBlock {
                out += inIntegerBlock ? " MARKER 'MARKER' 'INTEND'\n" : " MARKER 'MARKER' 'INTORG'\n"
                inIntegerBlock = column.isInteger
            }
            if column.cost != 0 {
                out += " \(column.name) obj \(number(column.cost))\n"
            }
            let terms = byColumn[j].sorted { $0.0 < $1.0 }
            for (row, value) in terms {
                out += " \(column.name) \(program.rows[row].name) \(number(value))\n"
            }
            if column.cost == 0 && terms.isEmpty {
                out += " \(column.name) obj 0\n"
            }
        }
        if inIntegerBlock { out += " MARKER 'MARKER' 'INTEND'\n" }
        return out
    }

    private static func writeMPS(_ program: LinearProgram, comment: [String]) -> String {
        var out = ""
        out.reserveCapacity(program.entries.count * 28 + program.columns.count * 32)
        for line in comment { out += "* \(line)\n" }
        out += "NAME \(program.name.isEmpty ? "homeward" : program.name.replacingSpaces())\n"
        if program.sense == .maximise { out += "OBJSENSE\n    MAX\n" }
        out += "ROWS\n N obj\n"
        for row in program.rows {
            let kind: String
            switch (row.bounds.lower, row.bounds.upper) {
            case let (l?, u?) where l == u: kind = "E"
            case (nil, .some): kind = "L"
            case (.some, nil): kind = "G"
            case (nil, nil): kind = "N"
            case (.some, .some): kind = "L" // ranged: L row with a RANGES entry
            }
            out += " \(kind) \(row.name)\n"
        }
        out += mpsColumns(program)
        out += "RHS\n"
        for row in program.rows {
            let rhs: Double?
            switch (row.bounds.lower, row.bounds.upper) {
            case let (l?, u?) where l == u: rhs = l
            case let (nil, u?): rhs = u
            case let (l?, nil): rhs = l
            case (nil, nil): rhs = nil
            case let (_, u?): rhs = u
            }
            if let rhs, rhs != 0 { out += " RHS \(row.name) \(number(rhs))\n" }
        }
        let ranged = program.rows.filter {
            if let l = $0.bounds.lower, let u = $0.bounds.upper { return l != u }
            return false
        }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for row in ranged {
                out += " RNG \(row.name) \(number(row.bounds.upper! - row.bounds.lower!))\n"
            }
        }
        out += "BOUNDS\n"
        for column in program.columns {
            switch (column.bounds.lower, column.bounds.upper) {
            case (0?, nil): continue
            case (nil, nil): out += " FR BND \(column.name)\n"
            case let (l?, u?) where l == u: out += " FX BND \(column.name) \(number(l))\n"
            case let (l?, u?):
                if l != 0 { out += " LO BND \(column.name) \(number(l))\n" }
                out += " UP BND \(column.name) \(number(u))\n"
            case let (l?, nil): out += " LO BND \(column.name) \(number(l))\n"
            case let (nil, u?):
                out += " MI BND \(column.name)\n"
                out += " UP BND \(column.name) \(number(u))\n"
            }
        }
        out += "ENDATA\n"
        return out
    }
}

extension String {
    fileprivate func replacingSpaces() -> String {
        String(map { $0 == " " ? "_" : $0 })
    }
}
