/// A JSON value whose text is fully determined by its content: object keys
/// keep the order they were given in (chosen for readers, never hash order),
/// and numbers are written with a fixed number of decimals.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// A number written with exactly `decimals` digits after the point.
    case number(Double, decimals: Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        lhs.text() == rhs.text()
    }

    /// A number with 4 decimals.
    public static func num(_ value: Double, _ decimals: Int = 4) -> JSON { .number(value, decimals: decimals) }
    /// An integer.
    public static func int(_ value: Int) -> JSON { .int(Int64(value)) }
    /// A string, or null.
    public static func str(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
    /// A number, or null.
    public static func num(_ value: Double?, _ decimals: Int = 4) -> JSON { value.map { .number($0, decimals: decimals) } ?? .null }

    /// Pretty-printed text with two-space indentation and a final newline.
    public func text() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The value at `key`, if this is an object.
    public subscript(key: String) -> JSON? {
        if case let .object(pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// This object without `keys` (used to set timing fields aside when comparing runs).
    public func removing(_ keys: Set<String>) -> JSON {
        if case let .object(pairs) = self { return .object(pairs.filter { !keys.contains($0.0) }) }
        return self
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .int(value): out += String(value)
        case let .number(value, decimals): out += value.isFinite ? Format.fixed(value, decimals) : "null"
        case let .string(value): JSON.escape(value, into: &out)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar), items.count <= 12 {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSON.escape(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 2)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private static func escape(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
