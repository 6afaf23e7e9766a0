import Foundation
import HomewardCommands
import HomewardCore
import HomewardReports
@testable import HomewardServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web workspace: runs, history and downloads")
struct ServerRunTests {
    /// A run's files can be downloaded by their names only: `..` and its encoded forms never leave the run's folder.
    @Test func downloadsCannotEscapeTheRunsFolder() async throws {
        let workspace = try makeWorkspace()
        let app = try application(workspace)
        try await app.test(.router) { client in
            let run = try await runToEnd(client, ["kind": "allocate", "scenario": try quickScenario()])
            #expect(run["status"] as? String == "finished", "\(run)")
            let id = run["id"] as! Int
            let names = (run["files"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["plan.csv", "summary.json"])
            let summary = try await client.execute(uri: "/runs/\(id)/files/summary.json", method: .get)
            #expect(summary.status == .ok)
            #expect(String(buffer: summary.body).contains("\"scenario\""))
            for escape in ["../../homeward.sqlite", "..%2F..%2Fhomeward.sqlite", "%2e%2e%2f%2e%2e%2fhomeward.sqlite",
                           "..%252F..%252Fhomeward.sqlite", "%2E%2E/%2E%2E/homeward.sqlite", "....//homeward.sqlite",
                           "..", "%2e%2e", "/etc/passwd", "%2Fetc%2Fpasswd", "summary.json%00.csv"] {
                let response = try await client.execute(uri: "/runs/\(id)/files/\(escape)", method: .get)
                #expect(response.status == .notFound, "\(escape) gave \(response.status)")
                #expect(!String(buffer: response.body).contains("SQLite"))
            }
        }
    }

    /// Re-running a stored run gives the same bytes; the server's allocation is the command's (`--omit-timing`).
    @Test func rerunningAStoredRunReproducesItsBytes() async throws {
        let workspace = try makeWorkspace()
        let app = try application(workspace)
        try await app.test(.router) { client in
            let first = try await runToEnd(client, ["kind": "assess", "scenario": try quickScenario(closeBedford)])
            #expect(first["status"] as? String == "finished", "\(first)")
            let again = try workspace.rerun(Int64(first["id"] as! Int))
            let second = try await waitForEnd(client, id: Int(again))
            func hashes(_ run: [String: Any]) -> [String] {
                (run["files"] as? [[String: Any]] ?? []).map { "\($0["name"]!) \($0["sha256"]!)" }
            }
            #expect(hashes(first).count == 7)
            #expect(hashes(first) == hashes(second))
            #expect(first["figures"] as? [String: String] == second["figures"] as? [String: String])
            let page = String(buffer: try await client.execute(uri: "/runs/\(again)", method: .get).body)
            #expect(page.contains("<td data-key=\"affected\">\((first["figures"] as? [String: String])?["affected"] ?? "?")</td>"))
            #expect(page.contains("<iframe class=\"report\" src=\"/runs/\(again)/files/assessment.html\""))
            #expect(!page.contains("The run failed") && !page.contains("Inputs changed"))
        }
    }

    /// The warm what-if (the estate as it is kept, the changed estate solved from its basis) writes exactly what
    /// the command's cold path writes, for a closure, a capacity change, a re-role, a new establishment (which
    /// renumbers the estate) and two changes together.
    @Test(arguments: [
        closeBedford,
        "changes:\n  - capacity: {establishment: LNI, operational_capacity: 40}\n",
        "changes:\n  - rerole: {establishment: FEI, function: training}\n",
        "changes:\n  - open:\n      code: SWW\n      name: South Wales Women's\n      location: {postcode_district: CF31}\n      sex: female\n      age_group: mixed\n      categories: women-closed;women-open\n      function: reception;resettlement\n      operational_capacity: 240\n      cna: 220\n",
        "changes:\n  - close: {establishment: WDI}\n  - capacity: {establishment: BMI, operational_capacity: 2000, cna: 1500}\n",
    ])
    func theWarmAssessmentEqualsTheColdOne(changes: String) async throws {
        let workspace = try makeWorkspace()
        let yaml = try quickScenario(changes)
        let scenario = workspace.scenarioText(yaml)
        // Cold, as `homeward assess` does it.
        let (instance, _) = try workspace.load(scenario)
        let cold = try EstateComparison(instance)
        let outline = try workspace.loader([scenario]).outline(of: instance)
        let (coldFiles, _) = Pipeline.assess(instance, comparison: cold, outline: outline, inputs: instance.provenance(), suppressBelow: nil)
        // Twice: the first allocates the estate as it is and keeps it, the second re-uses it.
        for round in 0..<2 {
            let prepared = try workspace.prepare(.assess, scenarios: [scenario], options: RunOptions())
            #expect(prepared.base != nil)
            let (warmFiles, _, warm) = try workspace.produce(prepared, control: RunControl())
            #expect(warm == (round == 1))
            #expect(warmFiles.files.map(\.name) == coldFiles.files.map(\.name))
            for (a, b) in zip(warmFiles.files, coldFiles.files) { #expect(a.text == b.text, "\(a.name) differs") }
        }
        // Started from the kept basis, or cold, the changed estate's plan is the same, and its optimum is proven by its duals.
        let base = try EstateComparison.Base(instance)
        #expect(base.warmStart?.isBasis == true)
        for fromBasis in [true, false] {
            let kept = try EstateComparison(base: base, after: (instance.estate, instance.distances), geography: instance.geography,
                                            population: instance.population, policy: instance.policy, fromBasis: fromBasis)
            #expect(kept.after.solution.objective == cold.after.solution.objective)
            #expect(kept.after.solution.flows == cold.after.solution.flows)
            #expect(kept.after.plan == cold.after.plan)
            #expect(kept.after.solution.dualObjective == kept.after.solution.objective)
        }
    }

    /// Runs and their files are kept in DATA/homeward.sqlite: a new server on the same folder lists them, and
    /// flags a run whose input file has changed since.
    @Test func theHistoryOutlivesTheServerAndFlagsChangedInputs() async throws {
        let data = NSTemporaryDirectory() + "homeward-server-history-" + UUID().uuidString
        // A copy of the scenarios and the estate, so that one input can be changed.
        let root = data + "-root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["Scenarios", "Estate"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + folder, toPath: root + "/" + folder)
        }
        let settings = ServerSettings(root: root, data: data, maxConcurrentRuns: 1)
        let first = try Workspace(settings: settings)
        try await HomewardWeb.application(first).test(.router) { client in
            let run = try await runToEnd(client, ["kind": "allocate", "scenario": try quickScenario()])
            #expect(run["status"] as? String == "finished")
            #expect((run["inputs_changed"] as? [String])?.isEmpty == true)
        }
        // The policy file changes on disk.
        let policy = root + "/Scenarios/policy.yaml"
        try (try String(contentsOfFile: policy, encoding: .utf8) + "\n# edited\n").write(toFile: policy, atomically: true, encoding: .utf8)
        let second = try Workspace(settings: settings)
        try await HomewardWeb.application(second).test(.router) { client in
            let runs = try decode(try await client.execute(uri: "/api/runs", method: .get))["runs"] as? [[String: Any]] ?? []
            #expect(runs.count == 1)
            #expect(runs.first?["status"] as? String == "finished")
            #expect(runs.first?["inputs_changed"] as? [String] == [policy])
            let history = String(buffer: try await client.execute(uri: "/history", method: .get).body)
            #expect(history.contains("changed since"))
        }
    }

    /// A cancelled sweep stops, writes nothing, and the server goes on answering.
    @Test func aCancelledSweepStopsAndTheServerStaysUp() async throws {
        let workspace = try makeWorkspace()
        let app = try application(workspace)
        try await app.test(.router) { client in
            let submitted = try await client.execute(uri: "/api/runs", method: .post, headers: [.contentType: "application/json"],
                                                     body: try jsonBody(["kind": "sweep", "scenario": try quickScenario(), "change": "close"]))
            #expect(submitted.status == .accepted)
            let id = try decode(submitted)["id"] as! Int
            workspace.queue.live(Int64(id))?.cancel()
            let run = try await waitForEnd(client, id: id)
            #expect(run["status"] as? String == "cancelled")
            #expect((run["files"] as? [Any])?.isEmpty == true)
            #expect(!FileManager.default.fileExists(atPath: workspace.folder(of: Int64(id))))
            #expect(try await client.execute(uri: "/estate", method: .get).status == .ok)
        }
    }
}

@Suite("Scenario builder's edits")
struct ScenarioDraftTests {
    @Test func addingAClosureToAScenarioWithoutChangesMakesTheList() throws {
        let yaml = ScenarioDraft.adding(.close(code: "BFI", date: "2027-10-01"), to: try quickScenario())
        let scenario = try ScenarioLoader.load(yaml, file: "draft.yaml")
        #expect(scenario.changes.map(\.code) == [PrisonCode("BFI")])
    }

    @Test func changesAreAddedAtTheEndOfTheListBeforeTheNextKey() throws {
        let base = try String(contentsOfFile: repositoryRoot + "/Scenarios/rerole-fosse-way.yaml", encoding: .utf8)
        var yaml = ScenarioDraft.adding(.close(code: "BFI", date: "2027-10-01"), to: base)
        yaml = ScenarioDraft.adding(.capacity(code: "LEI", operational: 400, cna: 350, date: "2028-01-01"), to: yaml)
        yaml = ScenarioDraft.adding(.open(code: "NEW", name: "New \"prison\"", district: "CF31", sex: "female",
                                          categories: "women-closed", function: "reception", operational: 100, cna: 90,
                                          date: "2029-04-01"), to: yaml)
        let scenario = try ScenarioLoader.load(yaml, file: "draft.yaml")
        #expect(scenario.changes.map(\.code.rawValue) == ["FEI", "BFI", "LEI", "NEW"])
        #expect(scenario.suppressBelow == 5)
    }

    @Test func weightsReplaceThePolicyLineAndKeepTheOtherDefaults() throws {
        let yaml = ScenarioDraft.withWeights([("move", 90), ("crowding_above_cna", 12.5)], in: try quickScenario())
        let scenario = try ScenarioLoader.load(yaml, file: "draft.yaml")
        guard case let .inline(policy) = scenario.policy else {
            Issue.record("the policy is not inline: \(scenario.policy)")
            return
        }
        #expect(policy.move == 90 && policy.crowdingAboveCNA == 12.5)
        #expect(policy.unplaced == Policy.standard.unplaced && policy.outOfHomeRegion == Policy.standard.outOfHomeRegion)
    }
}
