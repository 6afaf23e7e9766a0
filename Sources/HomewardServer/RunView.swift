import Foundation
import HomewardCommands
import HomewardCore

/// The builder's forms read into changes and weights, with GOV.UK-style messages naming each wrong field.
enum BuilderForm {
    typealias Errors = [(field: String, message: String)]

    struct Refused: Error {
        var errors: Errors
    }

    static func change(_ f: [String: String]) -> Result<ScenarioDraft.Change, Refused> {
        var errors: Errors = []
        let date = f["date"] ?? ""
        if date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
            errors.append(("date", "Enter the date as year-month-day, for example 2027-10-01"))
        }
        let code = f["establishment"] ?? ""
        func number(_ key: String, _ what: String) -> Int {
            guard let n = Int(f[key] ?? ""), n >= 0 else {
                errors.append((key, "Enter the \(what) as a whole number of places"))
                return 0
            }
            return n
        }
        let change: ScenarioDraft.Change
        switch f["change"] ?? "" {
        case "close": change = .close(code: code, date: date)
        case "rerole": change = .rerole(code: code, function: f["function"] ?? "training", date: date)
        case "capacity":
            change = .capacity(code: code, operational: number("capacity", "operational capacity"), cna: number("cna", "CNA"), date: date)
        case "open":
            let newCode = f["code"] ?? ""
            if newCode.range(of: "^[A-Z]{3}$", options: .regularExpression) == nil {
                errors.append(("code", "Enter the new establishment's code as three capital letters"))
            }
            let name = (f["newname"] ?? "").trimmingCharacters(in: .whitespaces)
            if name.isEmpty { errors.append(("newname", "Enter the new establishment's name")) }
            let district = (f["district"] ?? "").uppercased()
            if district.range(of: "^[A-Z]{1,2}[0-9][0-9A-Z]?$", options: .regularExpression) == nil {
                errors.append(("district", "Enter a postcode district, such as CF31"))
            }
            change = .open(code: newCode, name: name, district: district, sex: f["sex"] == "female" ? "female" : "male",
                           categories: f["categories"] ?? "C", function: f["function"] ?? "training",
                           operational: number("capacity", "operational capacity"), cna: number("cna", "CNA"), date: date)
        default:
            errors.append(("change", "Choose the kind of change"))
            change = .close(code: code, date: date)
        }
        return errors.isEmpty ? .success(change) : .failure(Refused(errors: errors))
    }

    static func weights(_ f: [String: String]) -> Result<[(key: String, value: Double)], Refused> {
        var errors: Errors = []
        var weights: [(key: String, value: Double)] = []
        for weight in ScenarioDraft.weights {
            let text = (f["w-\(weight.key)"] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let value = Double(text), value.isFinite, value >= 0 else {
                errors.append(("w-\(weight.key)", "Enter \(weight.label.lowercased()) as a number of points, 0 or more"))
                continue
            }
            weights.append((weight.key, value))
        }
        return errors.isEmpty ? .success(weights) : .failure(Refused(errors: errors))
    }
}

/// A run's page: its record, live progress, figures, files and inputs.
struct RunView {
    let context: [String: Any]
    let active: Bool

    init(_ record: RunRecord, workspace: Workspace) throws {
        let id = record.id!
        let state = try RunView.progress(id, workspace: workspace)
        active = ["queued", "running"].contains(state.status)
        let files = try workspace.store.files(of: id)
        let figures = (try? JSONDecoder().decode([[String]].self, from: Data(record.figures.utf8))) ?? []
        let inputs = (try? JSONDecoder().decode([StoredInput].self, from: Data(record.inputs.utf8))) ?? []
        let stale = workspace.staleInputs(record)
        let report = files.map(\.name).first { $0.hasSuffix(".html") }
        var values: [String: Any] = [
            "id": id, "kind": record.kind, "name": record.scenarioName, "status": state.status, "started": record.started ?? "not yet",
            "warm": record.warm, "active": active, "done": state.done, "total": state.total,
            "figures": figures.filter { $0.count == 2 }.map { ["key": $0[0], "value": $0[1]] },
            "files": files.map { ["id": id, "name": $0.name, "bytes": Format.grouped($0.bytes), "short": String($0.sha256.prefix(12))] },
            "inputs": inputs.map { ["role": $0.role, "path": $0.path, "sha256": $0.sha256] },
        ]
        // Mustache shows a section for any value present, so absent values are left out, never nil.
        if let seconds = record.seconds { values["seconds"] = Format.fixed(seconds, 2) }
        if let objective = record.objective { values["objective"] = Format.grouped(Int(objective)) }
        if let error = record.error { values["error"] = error }
        if let report { values["report"] = report }
        if !stale.isEmpty {
            values["stale"] = "these inputs no longer match the files on disk, so running the scenario again may give other results: \(stale.joined(separator: ", "))"
        }
        context = values
    }

    /// Status and progress: live while the server holds the run, else as recorded.
    static func progress(_ id: Int64, workspace: Workspace) throws -> (status: String, done: Int, total: Int) {
        if let live = workspace.queue.live(id) {
            let p = live.progress
            let status = live.status
            return (status, status == "finished" ? p.total : p.done, p.total)
        }
        guard let record = try workspace.store.run(id) else { return ("unknown", 0, 1) }
        return (record.status, record.status == "finished" ? 1 : 0, 1)
    }
}

extension Workspace {
    /// The inputs of a stored run whose files on disk no longer have the recorded SHA-256 (or are gone).
    /// Generated inputs (the synthetic population) and scenarios held only in memory are not files to check.
    package func staleInputs(_ record: RunRecord) -> [String] {
        let inputs = (try? JSONDecoder().decode([StoredInput].self, from: Data(record.inputs.utf8))) ?? []
        var stale: [String] = []
        for input in inputs where !input.path.hasPrefix("synthetic") && !input.path.hasPrefix("built-in") {
            guard let text = try? DiskFiles().read(input.path) else {
                if input.role != "scenario" { stale.append("\(input.path) (missing)") }
                continue
            }
            if Fingerprint.sha256(text) != input.sha256 { stale.append(input.path) }
        }
        return stale
    }

    /// Queues a stored run again with the same scenario text and options.
    /// - Returns: the new run's id.
    package func rerun(_ id: Int64) throws -> Int64 {
        guard let record = try store.run(id), let kind = RunKind(rawValue: record.kind) else {
            throw RunRefused(description: "no such run", status: 404)
        }
        let scenarios = try JSONDecoder().decode([ScenarioText].self, from: Data(record.scenarios.utf8))
        let options = try JSONDecoder().decode(RunOptions.self, from: Data(record.options.utf8))
        return try submit(try prepare(kind, scenarios: scenarios, options: options))
    }
}
