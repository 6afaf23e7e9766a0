import HomewardDomain
import Yams

/// Reads typed values from a YAML document, recording a located error for
/// every problem: wrong types, out-of-range numbers and unknown keys (a typo
/// must never fall back silently to a default).
struct YAMLReader {
    let file: String
    var errors: ErrorCollector

    init(file: String) {
        self.file = file
        errors = ErrorCollector(file: file)
    }

    /// Parses `text`; nil (with an error) if it is not YAML.
    /// - Parameter emptyHint: what to say when the file holds no document.
    mutating func parse(_ text: String, emptyHint: String? = nil) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                errors.add(.empty, hint: emptyHint)
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
                errors.add(line: mark.line, column: mark.column, .malformed(problem, expected: "valid YAML"),
                           hint: Self.syntaxHint(text, problem: problem, mark: mark, context: context))
            case let .duplicatedKeysInMapping(duplicates, context):
                // Yams marks the first occurrence; the whole document is refused, so later problems wait for the fix.
                errors.add(line: context.mark.line, column: context.mark.column,
                           .duplicate(duplicates.joined(separator: "', '")),
                           hint: "a key may appear only once in a mapping (first here); delete or merge the repeat")
            case let .reader(problem, offset, value, yaml):
                let (line, column) = Self.position(ofCharacter: offset, in: yaml)
                let hex = String(value, radix: 16, uppercase: true)
                let found = value >= 0 ? " (U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ")" : ""
                errors.add(line: line, column: column, .other(problem + found),
                           hint: "YAML files must be UTF-8 text without control characters other than tab and line breaks")
            default:
                errors.add(.unreadable("\(error)"))
            }
            return nil
        } catch {
            errors.add(.unreadable("\(error)"))
            return nil
        }
    }

    /// A hint for the YAML syntax errors people make by hand.
    static func syntaxHint(_ text: String, problem: String, mark: Mark, context: YamlError.Context?) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1]
            if line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return "indent with spaces: YAML does not allow tabs for indentation"
            }
        }
        if let context, context.text.contains("quoted scalar") {
            return "the quoted text that starts on line \(context.mark.line), column \(context.mark.column) is not closed"
        }
        return nil
    }

    /// 1-based line and column of the `offset`-th character of `text`, as Yams counts them.
    static func position(ofCharacter offset: Int?, in text: String) -> (line: Int?, column: Int?) {
        guard let offset, offset >= 0 else { return (nil, nil) }
        var line = 1, column = 1, index = 0
        for character in text {
            if index == offset { break }
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
            index += 1
        }
        return (line, column)
    }

    mutating func add(_ node: Node, _ path: String, _ reason: InputError.Reason, hint: String? = nil) {
        errors.add(line: node.mark?.line, column: node.mark?.column, field: path.isEmpty ? nil : path, reason, hint: hint)
    }

    /// The pairs of a mapping, checking that every key is a string in `allowed`.
    /// - Parameter elsewhere: keys allowed in nested sections, by section, so that a key
    ///   written at the wrong level gets a hint saying where it belongs.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String],
                          elsewhere: [(section: String, keys: [String])] = []) -> [(key: String, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            add(node, path, .wrongType(expected: "a mapping of keys to values"),
                hint: path.isEmpty ? "the top level must be 'key: value' lines, not a list or a single value" : nil)
            return nil
        }
        var pairs: [(String, Node)] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                add(keyNode, path, .wrongType(expected: "a plain key"))
                continue
            }
            let key = scalar.string
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                var hint = closest(key, in: allowed).map { "did you mean '\($0)'?" }
                if hint == nil, let home = elsewhere.first(where: { $0.keys.contains(key) }) {
                    hint = "'\(key)' belongs under '\(home.section):', e.g. \(home.section): {\(key): …}"
                }
                add(keyNode, fieldPath, .unknownKey(key, allowed: allowed), hint: hint)
                continue
            }
            if !seen.insert(key).inserted {
                add(keyNode, fieldPath, .duplicate(key))
                continue
            }
            pairs.append((key, value))
        }
        return pairs.map { (key: $0.0, value: $0.1) }
    }

    func isNull(_ node: Node) -> Bool {
        if case let .scalar(scalar) = node {
            return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard case let .scalar(scalar) = node, !isNull(node) else {
            add(node, path, .wrongType(expected: "a text value"))
            return nil
        }
        return scalar.string
    }

    mutating func double(_ node: Node, _ path: String, in range: ClosedRange<Double>, hint: String? = nil) -> Double? {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string), value.isFinite else {
            add(node, path, .wrongType(expected: "a number"))
            return nil
        }
        guard range.contains(value) else {
            add(node, path, .outOfRange(scalar.string, allowed: "\(Format.trimmed(range.lowerBound)) to \(Format.trimmed(range.upperBound))"),
                hint: hint)
            return nil
        }
        return value
    }

    mutating func int(_ node: Node, _ path: String, in range: ClosedRange<Int>) -> Int? {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string) else {
            add(node, path, .wrongType(expected: "a whole number"))
            return nil
        }
        guard range.contains(value) else {
            add(node, path, .outOfRange(scalar.string, allowed: "\(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard case let .scalar(scalar) = node else {
            add(node, path, .wrongType(expected: "true or false"))
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            add(node, path, .wrongType(expected: "true or false"))
            return nil
        }
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            add(node, path, .wrongType(expected: "a list"))
            return nil
        }
        return Array(sequence)
    }

    /// The allowed key nearest to `key` (edit distance <= 2, or the same words with one
    /// added or dropped, e.g. `move_cost` for `move`), for a hint.
    func closest(_ key: String, in allowed: [String]) -> String? {
        var best: (String, Int)?
        for candidate in allowed {
            let distance = EditDistance.between(key, candidate)
            if distance <= 2 && (best == nil || distance < best!.1) { best = (candidate, distance) }
        }
        if let best { return best.0 }
        let related = allowed.filter {
            key.hasPrefix($0 + "_") || key.hasSuffix("_" + $0) || $0.hasPrefix(key + "_") || $0.hasSuffix("_" + key)
        }
        return related.count == 1 ? related[0] : nil
    }
}

extension Format {
    /// A number without trailing zeros, for messages.
    static func trimmed(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
