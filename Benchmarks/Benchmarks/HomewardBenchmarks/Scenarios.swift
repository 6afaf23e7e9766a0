import Foundation
import HomewardCommands
import HomewardCore

/// Shipped scenarios for the benchmarks' setup, loaded through the one
/// instance path the commands use (``InstanceLoader`` reading from disk), so
/// that the measured region holds only the work under test.
enum ShippedScenario {
    /// The repository root: four levels above this file
    /// (Benchmarks/Benchmarks/HomewardBenchmarks/Scenarios.swift), or `HOMEWARD_ROOT`.
    static let repositoryRoot: String = {
        if let root = ProcessInfo.processInfo.environment["HOMEWARD_ROOT"], !root.isEmpty { return root }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let loader = InstanceLoader(source: DiskFiles())

    /// `Scenarios/<name>`, with everything it names, its changes applied.
    static func load(_ name: String, options: InstanceLoader.Options = .init()) throws -> ProblemInstance {
        try loader.load(scenario: repositoryRoot + "/Scenarios/" + name, options: options)
    }
}
