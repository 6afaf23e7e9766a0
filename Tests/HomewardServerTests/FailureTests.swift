import Foundation
import HomewardCore
@testable import HomewardServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web workspace: a failing run")
struct ServerFailureTests {
    /// A run that fails after it was accepted (here the map outline is damaged while it waits) is recorded as failed
    /// with the command line's message, writes no files, and the server goes on answering.
    @Test func aFailingRunSaysWhyAndTheServerStaysUp() async throws {
        let data = NSTemporaryDirectory() + "homeward-server-failure-" + UUID().uuidString
        let root = data + "-root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["Scenarios", "Estate"] {
            try FileManager.default.copyItem(atPath: repositoryRoot + "/" + folder, toPath: root + "/" + folder)
        }
        let workspace = try Workspace(settings: ServerSettings(root: root, data: data, maxConcurrentRuns: 1))
        let yaml = try quickScenario(closeBedford)
        let prepared = try workspace.prepare(.assess, scenarios: [workspace.scenarioText(yaml)], options: RunOptions())
        let outline = root + "/Estate/great-britain-outline.csv"
        try "ring,part,latitude,longitude\n1,1,north,west\n".write(toFile: outline, atomically: true, encoding: .utf8)
        let id = try workspace.submit(prepared)
        try await HomewardWeb.application(workspace).test(.router) { client in
            let run = try await waitForEnd(client, id: Int(id))
            #expect(run["status"] as? String == "failed")
            let error = run["error"] as? String ?? ""
            #expect(error.hasPrefix(outline + ":2:"), "\(error)")
            #expect((run["files"] as? [Any])?.isEmpty == true)
            let page = String(buffer: try await client.execute(uri: "/runs/\(id)", method: .get).body)
            #expect(page.contains("The run failed") && page.contains("great-britain-outline.csv:2:"))
            #expect(try await client.execute(uri: "/estate", method: .get).status == .ok)
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.folder(of: id)))
    }
}
