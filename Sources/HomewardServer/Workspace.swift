import Foundation
import HomewardCommands
import HomewardCore

/// How the server was started.
package struct ServerSettings: Sendable {
    /// The project folder: its `Scenarios/` and `Estate/` are what the pages offer.
    package var root: String
    /// Where the history (homeward.sqlite) and the runs' folders go; nil keeps the history in memory and the
    /// runs in a temporary folder (tests).
    package var data: String
    /// The bearer token required of every request (nil: none, on loopback only).
    package var token: String?
    /// The largest request body accepted, in bytes.
    package var maxBodyBytes: Int
    /// Runs at once; the rest wait in a queue.
    package var maxConcurrentRuns: Int
    /// Keep the history in memory rather than in DATA/homeward.sqlite (tests).
    package var inMemoryHistory: Bool

    package init(root: String, data: String, token: String? = nil, maxBodyBytes: Int = 1 << 20,
                 maxConcurrentRuns: Int = ProcessInfo.processInfo.activeProcessorCount, inMemoryHistory: Bool = false) {
        self.root = root
        self.data = data
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.maxConcurrentRuns = max(1, maxConcurrentRuns)
        self.inMemoryHistory = inMemoryHistory
    }
}

/// A scenario as the workspace runs it: its text and the path it is read under (a shipped scenario's own path
/// when the text is that file's, so that the outputs match the command line's byte for byte; otherwise a path
/// in the scenarios folder that exists only in memory, so that the scenario's relative paths still resolve).
package struct ScenarioText: Sendable, Codable, Equatable {
    package var path: String
    package var yaml: String
}

/// The server's state: settings, history, the run queue and the instances kept warm.
package final class Workspace: Sendable {
    package let settings: ServerSettings
    package let store: Store
    package let queue: RunQueue
    package let warm = WarmCache()

    package init(settings: ServerSettings) throws {
        self.settings = settings
        try FileManager.default.createDirectory(atPath: settings.data + "/runs", withIntermediateDirectories: true)
        store = try Store(path: settings.inMemoryHistory ? nil : settings.data + "/homeward.sqlite")
        try store.markInterrupted(at: Workspace.timestamp())
        queue = RunQueue(limit: settings.maxConcurrentRuns)
    }

    /// The scenarios folder, as paths are written (relative when the root is the working folder).
    package var scenariosFolder: String { settings.root == "." ? "Scenarios" : settings.root + "/Scenarios" }

    /// The shipped scenarios (not policy.yaml), by file name.
    package func shippedScenarios() -> [(file: String, path: String, yaml: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenariosFolder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && $0 != "policy.yaml" }.sorted().compactMap { name in
            let path = scenariosFolder + "/" + name
            guard let text = try? DiskFiles().read(path) else { return nil }
            return (name, path, text)
        }
    }

    /// The path `yaml` is read under: a shipped scenario's with the same text, or `Scenarios/<name>` in memory.
    package func scenarioText(_ yaml: String, name: String = "workspace.yaml") -> ScenarioText {
        if let shipped = shippedScenarios().first(where: { $0.yaml == yaml }) { return ScenarioText(path: shipped.path, yaml: yaml) }
        return ScenarioText(path: scenariosFolder + "/" + name, yaml: yaml)
    }

    /// A loader that reads `scenarios` from memory and everything else from disk.
    package func loader(_ scenarios: [ScenarioText]) -> InstanceLoader {
        InstanceLoader(source: OverlayFiles(memory: Dictionary(scenarios.map { ($0.path, $0.yaml) }, uniquingKeysWith: { a, _ in a })))
    }

    /// Loads a scenario, sharing the people of a warm instance with the same inputs (no new synthesis).
    /// - Throws: ``InputErrors``, as the command line reports them.
    package func load(_ scenario: ScenarioText, calibration: Bool = false) throws(InputErrors) -> (ProblemInstance, WarmBase?) {
        try warm.load(scenario, loader: loader([scenario]), calibration: calibration)
    }

    /// The time as the history records it (UTC, to the second).
    package static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Files from memory where given, otherwise from disk.
struct OverlayFiles: InputSource {
    let memory: [String: String]

    func read(_ path: String) throws(InputErrors) -> String {
        if let text = memory[path] { return text }
        return try DiskFiles().read(path)
    }

    func exists(_ path: String) -> Bool { memory[path] != nil || DiskFiles().exists(path) }
}
