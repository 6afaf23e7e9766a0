import HomewardDomain

/// A problem in an input file, located precisely enough to fix by hand.
///
/// Never carries a person's identifier: messages may be logged or shown on a
/// shared screen. Rows are named by line number instead.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it, e.g. `Estate/establishments.csv`.
    public var file: String
    /// 1-based line; the CSV header is line 1. Nil when the problem is the whole file.
    public var line: Int?
    /// 1-based column for YAML; nil for CSV, where `field` names the column.
    public var column: Int?
    /// The column or key, e.g. `operational_capacity` or `weights.move`.
    public var field: String?
    public var reason: Reason
    /// What to do about it.
    public var hint: String?

    /// Why an input was refused.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        case unreadable(String)
        case missing
        case empty
        case unknown(String, expected: [String])
        case malformed(String, expected: String)
        case outOfRange(String, allowed: String)
        case duplicate(String)
        case inconsistent(String)
        case unknownKey(String, allowed: [String])
        case wrongType(expected: String)
        case other(String)

        public var description: String {
            switch self {
            case let .unreadable(reason): return "cannot be read (\(reason))"
            case .missing: return "is missing"
            case .empty: return "is empty"
            case let .unknown(value, expected):
                let list = expected.count > 12 ? expected.prefix(12).joined(separator: ", ") + ", …" : expected.joined(separator: ", ")
                return "unknown value '\(value)'; expected one of: \(list)"
            case let .malformed(value, expected): return "'\(value)' is not \(expected)"
            case let .outOfRange(value, allowed): return "\(value) is out of range; allowed: \(allowed)"
            case let .duplicate(value): return "'\(value)' appears more than once"
            case let .inconsistent(text): return text
            case let .unknownKey(key, allowed): return "unknown key '\(key)'; allowed keys: \(allowed.joined(separator: ", "))"
            case let .wrongType(expected): return "has the wrong type; expected \(expected)"
            case let .other(text): return text
            }
        }
    }

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, reason: Reason, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.reason = reason
        self.hint = hint
    }

    /// `file:line:column: field: reason (hint)`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ":"
        if let field { text += " \(field):" }
        text += " \(reason)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

/// Every problem found in one or more inputs. Loaders collect all of them
/// rather than stopping at the first.
public struct InputErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [InputError]

    public init(_ errors: [InputError]) {
        self.errors = errors
    }

    public var description: String {
        let shown = errors.prefix(50).map(\.description)
        let more = errors.count > 50 ? ["… and \(errors.count - 50) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}

/// Collects input errors while a loader reads a file.
struct ErrorCollector {
    let file: String
    private(set) var errors: [InputError] = []

    init(file: String) {
        self.file = file
    }

    mutating func add(line: Int? = nil, column: Int? = nil, field: String? = nil, _ reason: InputError.Reason, hint: String? = nil) {
        errors.append(InputError(file: file, line: line, column: column, field: field, reason: reason, hint: hint))
    }

    mutating func add(_ error: InputError) {
        errors.append(error)
    }

    mutating func merge(_ other: ErrorCollector) {
        errors.append(contentsOf: other.errors)
    }

    /// Throws everything collected, if anything was.
    func throwIfAny() throws(InputErrors) {
        if !errors.isEmpty { throw InputErrors(errors) }
    }
}
