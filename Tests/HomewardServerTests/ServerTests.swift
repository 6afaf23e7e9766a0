import Foundation
import HomewardCommands
import HomewardCore
@testable import HomewardServer
import Hummingbird
import HummingbirdTesting
import Testing

/// The repository root (three folders above this file), where Scenarios/ and Estate/ are.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A workspace over the repository with a fresh temporary data folder.
func makeWorkspace(token: String? = nil, data: String? = nil, maxBodyBytes: Int = 1 << 20) throws -> Workspace {
    let folder = data ?? NSTemporaryDirectory() + "homeward-server-tests-" + UUID().uuidString
    return try Workspace(settings: ServerSettings(root: repositoryRoot, data: folder, token: token, maxBodyBytes: maxBodyBytes,
                                                  maxConcurrentRuns: 2))
}

func application(_ workspace: Workspace) throws -> some ApplicationProtocol {
    try HomewardWeb.application(workspace)
}

/// The quick scenario's text, with `extra` appended.
func quickScenario(_ extra: String = "") throws -> String {
    try String(contentsOfFile: repositoryRoot + "/Scenarios/quick.yaml", encoding: .utf8) + extra
}

let closeBedford = "changes:\n  - close: {establishment: BFI}\n    date: 2027-10-01\n"

func jsonBody(_ object: [String: Any]) throws -> ByteBuffer {
    ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
}

func decode(_ response: TestResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
}

/// Posts a run to the API and waits for it to end.
/// - Returns: the run's JSON once it has ended.
func runToEnd(_ client: some TestClientProtocol, _ body: [String: Any]) async throws -> [String: Any] {
    let submitted = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                             body: try jsonBody(body))
    #expect(submitted.status == .accepted, "\(String(buffer: submitted.body))")
    let id = try decode(submitted)["id"] as? Int ?? -1
    return try await waitForEnd(client, id: id)
}

func waitForEnd(_ client: some TestClientProtocol, id: Int) async throws -> [String: Any] {
    for _ in 0..<1200 {
        let run = try decode(try await client.execute(uri: "/api/runs/\(id)", method: .get))
        if let status = run["status"] as? String, !["queued", "running"].contains(status) { return run }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("run \(id) did not end")
    return [:]
}

@Suite("Web workspace: pages and API")
struct ServerRouteTests {
    @Test func estatePageAndAPIFilterByRegion() async throws {
        let app = try application(try makeWorkspace())
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/estate?region=Wales", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<a href=\"#main-content\" class=\"skip-link\">"))
            #expect(html.contains("<svg"))
            let all = try decode(try await client.execute(uri: "/api/estate", method: .get))["establishments"] as? [[String: Any]] ?? []
            let wales = try decode(try await client.execute(uri: "/api/estate?region=Wales", method: .get))["establishments"] as? [[String: Any]] ?? []
            #expect(!wales.isEmpty && wales.count < all.count)
            #expect(wales.allSatisfy { $0["region"] as? String == "Wales" })
            // Every Welsh establishment in the API is a row of the filtered page, and no English one is.
            for e in wales { #expect(html.contains("<td>\(e["code"] as! String)</td>")) }
            let english = all.first { $0["region"] as? String != "Wales" }!["code"] as! String
            #expect(!html.contains("<td>\(english)</td>"))
        }
    }

    @Test func pagesAnswerWithTheirHeadings() async throws {
        let app = try application(try makeWorkspace())
        try await app.test(.router) { client in
            for (uri, heading) in [("/builder", "Scenario builder"), ("/compare", "Compare scenarios"), ("/history", "Run history")] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>\(heading)</h1>"))
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("homeward-csrf=") })
            }
            #expect(try await client.execute(uri: "/runs/99", method: .get).status == .notFound)
        }
    }

    @Test func aTokenIsRequiredWhenTheServerHasOne() async throws {
        let app = try application(try makeWorkspace(token: "sesame"))
        try await app.test(.router) { client in
            let none = try await client.execute(uri: "/estate", method: .get)
            let wrong = try await client.execute(uri: "/api/estate", method: .get, headers: [.authorization: "Bearer wrong"])
            let bearer = try await client.execute(uri: "/api/estate", method: .get, headers: [.authorization: "Bearer sesame"])
            let cookie = try await client.execute(uri: "/estate", method: .get, headers: [.cookie: "homeward-token=sesame"])
            #expect(none.status == .unauthorized)
            #expect(wrong.status == .unauthorized)
            #expect(bearer.status == .ok)
            #expect(cookie.status == .ok)
        }
    }

    @Test func formPostsWithoutTheSessionsTokenAreRefused() async throws {
        let app = try application(try makeWorkspace())
        let yaml = try quickScenario().addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        try await app.test(.router) { client in
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let noToken = try await client.execute(uri: "/builder", method: .post, headers: form,
                                                   body: ByteBuffer(string: "action=add&change=close&establishment=BFI&date=2027-10-01&yaml=\(yaml)"))
            #expect(noToken.status == .forbidden)
            var wrong = form
            wrong[.cookie] = "homeward-csrf=" + String(repeating: "a", count: 64)
            let mismatched = try await client.execute(uri: "/builder", method: .post, headers: wrong,
                                                      body: ByteBuffer(string: "csrf=\(String(repeating: "b", count: 64))&action=add&yaml=\(yaml)"))
            #expect(mismatched.status == .forbidden)
            let genuine = try await client.execute(uri: "/builder", method: .post, headers: wrong,
                                                   body: ByteBuffer(string: "csrf=\(String(repeating: "a", count: 64))&action=add&change=close&establishment=BFI&date=2027-10-01&yaml=\(yaml)"))
            #expect(genuine.status == .ok)
            #expect(String(buffer: genuine.body).contains("close: {establishment: BFI}"))
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        let app = try application(try makeWorkspace(maxBodyBytes: 1000))
        try await app.test(.router) { client in
            let big = ["kind": "allocate", "scenario": String(repeating: "#", count: 5000)]
            let response = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                                    body: try jsonBody(big))
            #expect(response.status == .contentTooLarge)
            #expect((try decode(try await client.execute(uri: "/api/runs", method: .get))["runs"] as? [Any])?.isEmpty == true)
        }
    }

    /// The API's message for bad input is the command line's (file:line: field: reason), and nothing is stored.
    @Test func badInputGetsTheCommandLinesMessageAndNothingIsStored() async throws {
        let workspace = try makeWorkspace()
        let app = try application(workspace)
        let yaml = try quickScenario("changes:\n  - close: {establishment: ZZZ}\n    date: 2027-10-01\n")
        // What the command line says for the same text read from the same path.
        let path = repositoryRoot + "/Scenarios/workspace.yaml"
        let expected: String
        do {
            _ = try InstanceLoader(source: MemoryOverDisk(path: path, text: yaml)).load(scenario: path)
            expected = ""
        } catch {
            expected = error.description
        }
        #expect(expected.contains("workspace.yaml:10"))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                                    body: try jsonBody(["kind": "assess", "scenario": yaml]))
            #expect(response.status == .unprocessableContent)
            #expect(try decode(response)["error"] as? String == expected)
            let unknownKind = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                                       body: try jsonBody(["kind": "explode", "scenario": yaml]))
            #expect(unknownKind.status == .badRequest)
            let noChanges = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                                     body: try jsonBody(["kind": "assess", "scenario": try quickScenario()]))
            #expect(noChanges.status == .unprocessableContent)
            #expect(try decode(noChanges)["error"] as? String == "\(repositoryRoot)/Scenarios/quick.yaml: the scenario has no changes to assess (add a 'changes:' list)")
        }
        #expect(try workspace.store.runs().isEmpty)
    }
}

/// A scenario held in memory at `path`, the rest from disk: what the command line would read if the text were saved there.
struct MemoryOverDisk: InputSource {
    let path: String
    let text: String
    func read(_ p: String) throws(InputErrors) -> String { p == path ? text : try DiskFiles().read(p) }
    func exists(_ p: String) -> Bool { p == path || FileManager.default.fileExists(atPath: p) }
}
