import Foundation
import HomewardCore
import Hummingbird

/// The JSON API under /api.
struct APIRoutes: Sendable {
    let workspace: Workspace

    /// `POST /api/runs`'s body.
    struct Submission: Decodable {
        var kind: String
        /// The scenario's YAML text (or `scenarios` for a comparison).
        var scenario: String?
        var scenarios: [String]?
        var change: String?
        var limit: Int?
        var weeks: Int?
        var seed: UInt64?
    }

    func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        text(value.text(), type: "application/json", status: status)
    }

    func problem(_ message: String, status: HTTPResponse.Status) -> Response {
        json(.object([("error", .string(message))]), status: status)
    }

    func estate(_ request: Request) throws -> Response {
        let q = request.uri.queryParameters
        return json(try workspace.estateJSON(EstateFilter(region: q.get("region"), function: q.get("function"), sex: q.get("sex"))))
    }

    /// Checks and queues a run: 202 and its id, or 4xx with the command line's message and nothing stored.
    func submit(_ request: Request, context: BasicRequestContext) async throws -> Response {
        // JSON only: a form on another site cannot send it, so the API needs no CSRF token.
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return problem("send the run as JSON (Content-Type: application/json)", status: .unsupportedMediaType)
        }
        let body: String
        do {
            body = try await bodyText(request, limit: workspace.settings.maxBodyBytes)
        } catch {
            return problem("the request is larger than the limit of \(workspace.settings.maxBodyBytes) bytes", status: .contentTooLarge)
        }
        let submission: Submission
        do {
            submission = try JSONDecoder().decode(Submission.self, from: Data(body.utf8))
        } catch {
            return problem("the body is not a run: give {\"kind\": ..., \"scenario\": YAML text}", status: .badRequest)
        }
        guard let kind = RunKind(rawValue: submission.kind) else {
            return problem("kind must be one of \(RunKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(submission.kind)'",
                           status: .badRequest)
        }
        let texts = submission.scenarios ?? submission.scenario.map { [$0] } ?? []
        let scenarios = texts.enumerated().map { k, yaml in
            workspace.scenarioText(yaml, name: texts.count == 1 ? "workspace.yaml" : "workspace-\(k + 1).yaml")
        }
        let options = RunOptions(change: submission.change, limit: submission.limit, weeks: submission.weeks, seed: submission.seed)
        do {
            let id = try workspace.submit(try workspace.prepare(kind, scenarios: scenarios, options: options))
            var response = json(.object([("id", .int(Int(id))), ("status", .string("queued")), ("url", .string("/api/runs/\(id)"))]),
                                status: .accepted)
            response.headers[.location] = "/api/runs/\(id)"
            return response
        } catch let refused as RunRefused {
            return problem(refused.description, status: refused.status == 422 ? .unprocessableContent : .badRequest)
        }
    }

    func show(id: Int64) throws -> Response {
        guard let record = try workspace.store.run(id) else { return problem("no such run", status: .notFound) }
        return json(try runJSON(record))
    }

    func list() throws -> Response {
        json(.object([("runs", .array(try workspace.store.runs().map(runJSON)))]))
    }

    func runJSON(_ record: RunRecord) throws -> JSON {
        let id = record.id!
        let state = try RunView.progress(id, workspace: workspace)
        let figures = (try? JSONDecoder().decode([[String]].self, from: Data(record.figures.utf8))) ?? []
        let inputs = (try? JSONDecoder().decode([StoredInput].self, from: Data(record.inputs.utf8))) ?? []
        let stale = workspace.staleInputs(record)
        let files: [JSON] = try workspace.store.files(of: id).map { file in
            let url = "/runs/\(id)/files/\(file.name)"
            let fields: [(String, JSON)] = [("name", .string(file.name)), ("bytes", .int(file.bytes)),
                                            ("sha256", .string(file.sha256)), ("url", .string(url))]
            return JSON.object(fields)
        }
        let inputList: [JSON] = inputs.map { input in
            let fields: [(String, JSON)] = [("role", .string(input.role)), ("path", .string(input.path)), ("sha256", .string(input.sha256))]
            return JSON.object(fields)
        }
        let figureFields: [(String, JSON)] = figures.filter { $0.count == 2 }.map { ($0[0], JSON.string($0[1])) }
        let progress: [(String, JSON)] = [("done", .int(state.done)), ("total", .int(state.total))]
        var fields: [(String, JSON)] = [("id", .int(Int(id))), ("kind", .string(record.kind)), ("scenario", .string(record.scenarioName))]
        fields.append(("status", .string(state.status)))
        fields.append(("progress", .object(progress)))
        fields.append(("created", .string(record.created)))
        fields.append(("started", record.started.map(JSON.string) ?? .null))
        fields.append(("finished", record.finished.map(JSON.string) ?? .null))
        fields.append(("seconds", JSON.num(record.seconds, 3)))
        fields.append(("warm", .bool(record.warm)))
        fields.append(("objective", record.objective.map { JSON.int(Int($0)) } ?? .null))
        fields.append(("error", record.error.map(JSON.string) ?? .null))
        fields.append(("figures", .object(figureFields)))
        fields.append(("files", .array(files)))
        fields.append(("inputs", .array(inputList)))
        fields.append(("inputs_changed", .array(stale.map(JSON.string))))
        return .object(fields)
    }
}
