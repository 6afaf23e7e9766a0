import Foundation
import HomewardCore

/// The scenario builder's edits to a scenario's YAML text: each adds lines and keeps the rest as written,
/// so the text the user sees is the text that runs.
package enum ScenarioDraft {
    /// A change the builder's form describes.
    package enum Change: Sendable, Equatable {
        case close(code: String, date: String)
        case rerole(code: String, function: String, date: String)
        case capacity(code: String, operational: Int, cna: Int, date: String)
        case open(code: String, name: String, district: String, sex: String, categories: String, function: String,
                  operational: Int, cna: Int, date: String)

        /// The change as an item of a scenario's `changes:` list.
        var yaml: String {
            switch self {
            case let .close(code, date):
                return "  - close: {establishment: \(code)}\n    date: \(date)\n"
            case let .rerole(code, function, date):
                return "  - rerole: {establishment: \(code), function: \(quoted(function))}\n    date: \(date)\n"
            case let .capacity(code, operational, cna, date):
                return "  - capacity: {establishment: \(code), operational_capacity: \(operational), cna: \(cna)}\n    date: \(date)\n"
            case let .open(code, name, district, sex, categories, function, operational, cna, date):
                return """
                  - open:
                      code: \(code)
                      name: \(quoted(name))
                      location: {postcode_district: \(district)}
                      sex: \(sex)
                      age_group: mixed
                      categories: \(quoted(categories))
                      function: \(quoted(function))
                      operational_capacity: \(operational)
                      cna: \(cna)
                    date: \(date)

                """
            }
        }
    }

    /// `yaml` with `change` added at the end of its `changes:` list (the list is made if there is none).
    package static func adding(_ change: Change, to yaml: String) -> String {
        var lines = yaml.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("changes:") }) else {
            return lines.joined(separator: "\n") + "\nchanges:\n" + change.yaml
        }
        // The list ends at the next top-level key.
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("-") || lines[end].hasPrefix("#") {
            end += 1
        }
        if lines[start].trimmingCharacters(in: .whitespaces) != "changes:" { lines[start] = "changes:" }  // "changes: []"
        let added = change.yaml.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        lines.insert(contentsOf: added, at: end)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The policy weights the builder offers, with their keys in a scenario's `policy: weights:` and their defaults.
    package static let weights: [(key: String, label: String, standard: Double)] = [
        ("out_of_home_region", "Held outside the home region", Policy.standard.outOfHomeRegion),
        ("move", "Each transfer", Policy.standard.move),
        ("function_mismatch", "Function unsuited to the sentence stage", Policy.standard.functionMismatch),
        ("over_security_per_step", "Each step of security above category", Policy.standard.overSecurityPerStep),
        ("unmet_intervention", "Each programme not offered", Policy.standard.unmetIntervention),
        ("crowding_above_cna", "Each person above CNA (crowding)", Policy.standard.crowdingAboveCNA),
    ]

    /// `yaml` with its `policy:` line replaced by the standard policy with `weights` changed (nothing changes if
    /// `weights` is empty).
    package static func withWeights(_ weights: [(key: String, value: Double)], in yaml: String) -> String {
        guard !weights.isEmpty else { return yaml }
        var block = "policy:\n  weights:\n"
        for (key, value) in weights { block += "    \(key): \(Format.fixed(value, value.rounded() == value ? 0 : 2))\n" }
        var lines = yaml.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.hasPrefix("policy:") }) {
            var end = index + 1
            while end < lines.count, lines[end].hasPrefix(" ") { end += 1 }
            lines.replaceSubrange(index..<end, with: block.split(separator: "\n").map(String.init))
            return lines.joined(separator: "\n")
        }
        return yaml + (yaml.hasSuffix("\n") ? "" : "\n") + block
    }

    /// The scenario's `name:`, for the history (the first `name:` line's value).
    package static func name(of yaml: String) -> String {
        for line in yaml.components(separatedBy: "\n") where line.hasPrefix("name:") {
            return line.dropFirst(5).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return "Untitled scenario"
    }
}

/// A YAML double-quoted string.
private func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
