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
    mutating func parse(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                errors.add(.empty)
                return nil
            }
            return node
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                errors.add(line: mark.line, column: mark.column, .malformed(problem, expected: "valid YAML"))
            case let .duplicatedKeysInMapping(duplicates, _):
                errors.add(.duplicate(duplicates.joined(separator: ", ")))
            default:
                errors.add(.unreadable("\(error)"))
            }
            return nil
        } catch {
            errors.add(.unreadable("\(error)"))
            return nil
        }
    }

    mutating func add(_ node: Node, _ path: String, _ reason: InputError.Reason, hint: String? = nil) {
        errors.add(line: node.mark?.line, column: node.mark?.column, field: path, reason, hint: hint)
    }

    /// The pairs of a mapping, checking that every key is a string in `allowed`.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            add(node, path, .wrongType(expected: "a mapping of keys to values"))
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
                add(keyNode, fieldPath, .unknownKey(key, allowed: allowed), hint: closest(key, in: allowed).map { "did you mean '\($0)'?" })
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

    mutating func double(_ node: Node, _ path: String, in range: ClosedRange<Double>) -> Double? {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string), value.isFinite else {
            add(node, path, .wrongType(expected: "a number"))
            return nil
        }
        guard range.contains(value) else {
            add(node, path, .outOfRange(scalar.string, allowed: "\(Format.trimmed(range.lowerBound)) to \(Format.trimmed(range.upperBound))"))
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

    /// The allowed key nearest to `key` (edit distance <= 2), for a hint.
    func closest(_ key: String, in allowed: [String]) -> String? {
        var best: (String, Int)?
        for candidate in allowed {
            let distance = editDistance(Array(key), Array(candidate))
            if distance <= 2 && (best == nil || distance < best!.1) { best = (candidate, distance) }
        }
        return best?.0
    }

    private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Format {
    /// A number without trailing zeros, for messages.
    static func trimmed(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
