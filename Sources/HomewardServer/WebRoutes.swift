import Foundation
import HomewardCore
import Hummingbird

/// The pages' handlers.
struct WebRoutes: Sendable {
    let workspace: Workspace
    let pages: Pages

    /// An HTML page with the session's CSRF cookie set if it had none.
    func html(_ request: Request, status: HTTPResponse.Status = .ok, _ render: (_ csrf: String) -> String) -> Response {
        let (token, isNew) = Security.csrfToken(request)
        var response = text(render(token), type: "text/html; charset=utf-8", status: status)
        if isNew { response.setCookie(Security.csrfCookieValue(token)) }
        return response
    }

    /// A form post's fields, once its size and its CSRF token are checked.
    func form(_ request: Request) async throws -> [String: String] {
        let fields = FormBody.parse(try await bodyText(request, limit: workspace.settings.maxBodyBytes))
        guard Security.formIsGenuine(request, form: fields) else {
            throw HTTPError(.forbidden, message: "the form's security token is missing or out of date: reload the page and try again")
        }
        return fields
    }

    // MARK: - Estate

    func estate(_ request: Request) throws -> Response {
        let q = request.uri.queryParameters
        let filter = EstateFilter(region: q.get("region"), function: q.get("function"), sex: q.get("sex"))
        let context = try workspace.estateContext(filter)
        return html(request) { _ in pages.page("estate", title: "The estate", nav: "estate", context: context) }
    }

    // MARK: - Builder

    func builder(_ request: Request) throws -> Response {
        let q = request.uri.queryParameters
        var yaml = workspace.shippedScenarios().first { $0.file == "national.yaml" }?.yaml ?? ""
        var from = q.get("from").flatMap { $0.isEmpty ? nil : $0 } ?? "national.yaml"
        if let file = q.get("from"), let shipped = workspace.shippedScenarios().first(where: { $0.file == file }) { yaml = shipped.yaml }
        let savedID = q.get("saved") ?? (from.hasPrefix("saved:") ? String(from.dropFirst(6)) : nil)
        if let saved = savedID.flatMap({ Int64($0) }), let record = try workspace.store.scenario(saved) {
            yaml = record.yaml
            from = "saved:\(saved)"
        }
        return try builderPage(request, yaml: yaml, from: from, errors: [])
    }

    func builderPage(_ request: Request, yaml: String, from: String = "", errors: [(field: String, message: String)],
                     kind: String = "assess", status: HTTPResponse.Status = .ok) throws -> Response {
        let estate = try workspace.estate()
        let saved = try workspace.store.scenarios()
        var starts: [[String: Any]] = workspace.shippedScenarios().map {
            ["value": $0.file, "label": "Shipped: \(ScenarioDraft.name(of: $0.yaml)) (\($0.file))", "selected": $0.file == from]
        }
        starts += saved.map { ["value": "saved:\($0.id!)", "label": "Saved: \($0.name) (#\($0.id!))", "selected": "saved:\($0.id!)" == from] }
        if from.isEmpty { starts.insert(["value": "", "label": "The draft below (edited)", "selected": true], at: 0) }
        let context: [String: Any] = [
            "yaml": yaml, "date": "2027-10-01",
            "establishments": estate.establishments.filter(\.isAvailable).map { ["code": $0.code.rawValue, "name": $0.name] },
            "weights": ScenarioDraft.weights.map { ["key": $0.key, "label": $0.label, "default": Format.fixed($0.standard, 0)] },
            "kinds": RunKind.allCases.filter { $0 != .compare }.map { ["value": $0.rawValue, "label": $0.label, "selected": $0.rawValue == kind] },
            "starts": starts,
            "saved": saved.map { ["id": $0.id!, "name": $0.name, "created": $0.created, "savedBy": $0.savedBy] },
        ]
        return html(request, status: status) { csrf in
            var context = context
            context["csrf"] = csrf
            return pages.page("builder", title: "Scenario builder", nav: "builder", context: context, errors: errors)
        }
    }

    func builderPost(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let fields = try await form(request)
        var yaml = fields["yaml"] ?? ""
        switch fields["action"] ?? "" {
        case "add":
            switch BuilderForm.change(fields) {
            case let .success(change): yaml = ScenarioDraft.adding(change, to: yaml)
            case let .failure(refused): return try builderPage(request, yaml: yaml, errors: refused.errors, status: .unprocessableContent)
            }
            return try builderPage(request, yaml: yaml, errors: [])
        case "weights":
            switch BuilderForm.weights(fields) {
            case let .success(weights): yaml = ScenarioDraft.withWeights(weights, in: yaml)
            case let .failure(refused): return try builderPage(request, yaml: yaml, errors: refused.errors, status: .unprocessableContent)
            }
            return try builderPage(request, yaml: yaml, errors: [])
        case "save":
            let scenario = workspace.scenarioText(yaml)
            do {
                _ = try workspace.load(scenario)
            } catch {
                return try builderPage(request, yaml: yaml, errors: [("yaml", error.description)], status: .unprocessableContent)
            }
            let record = try workspace.store.insert(ScenarioRecord(id: nil, name: ScenarioDraft.name(of: yaml), yaml: yaml,
                                                                   savedBy: fields["savedby"] ?? "", created: Workspace.timestamp()))
            return Response.redirect(to: "/builder?saved=\(record.id!)", type: .found)
        default:
            let kind = RunKind(rawValue: fields["kind"] ?? "") ?? .assess
            let options = RunOptions(change: fields["sweepchange"], limit: fields["limit"].flatMap { Int($0) },
                                     weeks: fields["weeks"].flatMap { Int($0) }, seed: 1)
            do {
                let prepared = try workspace.prepare(kind, scenarios: [workspace.scenarioText(yaml)], options: options)
                return Response.redirect(to: "/runs/\(try workspace.submit(prepared))", type: .found)
            } catch let refused as RunRefused {
                return try builderPage(request, yaml: yaml, errors: [("yaml", refused.description)], kind: kind.rawValue,
                                       status: .unprocessableContent)
            }
        }
    }

    // MARK: - Compare

    func compare(_ request: Request, errors: [(field: String, message: String)] = [],
                 status: HTTPResponse.Status = .ok) throws -> Response {
        var options: [[String: Any]] = workspace.shippedScenarios().map { ["value": $0.file, "label": "\(ScenarioDraft.name(of: $0.yaml)) (\($0.file))"] }
        options += try workspace.store.scenarios().map { ["value": "saved:\($0.id!)", "label": "Saved: \($0.name) (#\($0.id!))"] }
        for k in options.indices { options[k]["index"] = k }
        return html(request, status: status) { csrf in
            pages.page("compare", title: "Compare scenarios", nav: "compare", context: ["options": options, "csrf": csrf], errors: errors)
        }
    }

    func comparePost(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let fields = try await form(request)
        var scenarios: [ScenarioText] = []
        for (key, value) in fields.sorted(by: { $0.key.localizedStandardCompare($1.key) == .orderedAscending }) where key.hasPrefix("s-") {
            if value.hasPrefix("saved:"), let id = Int64(value.dropFirst(6)), let record = try workspace.store.scenario(id) {
                scenarios.append(workspace.scenarioText(record.yaml, name: "saved-\(id).yaml"))
            } else if let shipped = workspace.shippedScenarios().first(where: { $0.file == value }) {
                scenarios.append(ScenarioText(path: shipped.path, yaml: shipped.yaml))
            }
        }
        do {
            let prepared = try workspace.prepare(.compare, scenarios: scenarios, options: RunOptions())
            return Response.redirect(to: "/runs/\(try workspace.submit(prepared))", type: .found)
        } catch let refused as RunRefused {
            return try compare(request, errors: [("s-0", refused.description)], status: .unprocessableContent)
        }
    }

    // MARK: - Runs

    func run(_ request: Request, id: Int64) throws -> Response {
        guard let record = try workspace.store.run(id) else { throw HTTPError(.notFound, message: "no such run") }
        let view = try RunView(record, workspace: workspace)
        return html(request) { csrf in
            var context = view.context
            context["csrf"] = csrf
            return pages.page("run", title: "Run \(id)", nav: "history", context: context, script: view.active)
        }
    }

    /// Server-sent events: the run's progress every quarter of a second until it ends.
    func events(id: Int64) throws -> Response {
        guard try workspace.store.run(id) != nil else { throw HTTPError(.notFound, message: "no such run") }
        let workspace = self.workspace
        let body = ResponseBody { writer in
            while true {
                let state = try RunView.progress(id, workspace: workspace)
                let line = "event: progress\ndata: {\"status\":\"\(state.status)\",\"done\":\(state.done),\"total\":\(state.total)}\n\n"
                try await writer.write(ByteBuffer(string: line))
                if !["queued", "running"].contains(state.status) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    func cancel(_ request: Request, id: Int64) async throws -> Response {
        _ = try await form(request)
        workspace.queue.live(id)?.cancel()
        return Response.redirect(to: "/runs/\(id)", type: .found)
    }

    func rerun(_ request: Request, id: Int64) async throws -> Response {
        _ = try await form(request)
        return Response.redirect(to: "/runs/\(try workspace.rerun(id))", type: .found)
    }

    /// One of the run's files, by the name the history recorded: any other name (a path, `..`, an encoded
    /// slash) is not found, so a download cannot leave the run's folder.
    func download(id: Int64, name: String) throws -> Response {
        guard try workspace.store.files(of: id).contains(where: { $0.name == name }),
              !name.contains("/"), !name.contains(".."),
              let data = FileManager.default.contents(atPath: workspace.folder(of: id) + "/" + name) else {
            throw HTTPError(.notFound, message: "no such file in this run")
        }
        let type: String
        switch (name as NSString).pathExtension {
        case "html": type = "text/html; charset=utf-8"
        case "json": type = "application/json"
        case "csv": type = "text/csv; charset=utf-8"
        default: type = "text/markdown; charset=utf-8"
        }
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "inline; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - History

    func history(_ request: Request) throws -> Response {
        let runs = try workspace.store.runs().map { record -> [String: Any] in
            ["id": record.id!, "kind": record.kind, "name": record.scenarioName, "status": record.status, "created": record.created,
             "seconds": record.seconds.map { Format.fixed($0, 2) } ?? "", "stale": !workspace.staleInputs(record).isEmpty]
        }
        return html(request) { _ in pages.page("history", title: "Run history", nav: "history", context: ["runs": runs]) }
    }
}

extension RunKind {
    var label: String {
        switch self {
        case .allocate: return "Allocate: the optimal allocation"
        case .assess: return "Assess: a family impact assessment of the changes"
        case .compare: return "Compare"
        case .sweep: return "Sweep: one change at every establishment"
        case .simulate: return "Simulate: weeks of arrivals and releases"
        }
    }
}
