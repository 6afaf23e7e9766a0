import Foundation
import HomewardCore

/// A scenario and everything it names, loaded once in a benchmark's setup so
/// that the measured region holds only the work under test.
///
/// `Workspace` (HomewardCommands) is internal, so this is the minimal loading
/// it does, through HomewardCore's public loaders: scenario, estate,
/// geography, policy and the synthetic population (or a population file).
/// Postcode districts and measured distance matrices are not read: none of
/// the shipped scenarios that the benchmarks use names them.
struct LoadedScenario: Sendable {
    let path: String
    let scenario: Scenario
    /// The estate as loaded, before the scenario's changes.
    let estate: Estate
    let geography: Geography
    let policy: Policy
    let population: Population
    let synthetic: Bool

    /// The repository root: four levels above this file
    /// (Benchmarks/Benchmarks/HomewardBenchmarks/Scenarios.swift), or `HOMEWARD_ROOT`.
    static let repositoryRoot: String = {
        if let root = ProcessInfo.processInfo.environment["HOMEWARD_ROOT"], !root.isEmpty { return root }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Loads `Scenarios/<name>` from the repository.
    static func load(_ name: String) throws -> LoadedScenario {
        let path = repositoryRoot + "/Scenarios/" + name
        let scenario = try ScenarioLoader.load(try read(path), file: path)
        let estatePath = resolve(scenario.estate, relativeTo: path)
        let estate = try EstateLoader.load(try read(estatePath), file: estatePath)
        let geographyPath = resolve(scenario.geography ?? sibling(of: scenario.estate, "uk-regions.csv"), relativeTo: path)
        let geography = try GeographyLoader.load(try read(geographyPath), file: geographyPath)

        var policy = Policy.standard
        switch scenario.policy {
        case .standard: break
        case let .inline(inline): policy = inline
        case let .file(relative):
            let policyPath = resolve(relative, relativeTo: path)
            policy = try PolicyLoader.load(try read(policyPath), file: policyPath)
        }

        let population: Population
        let synthetic: Bool
        switch scenario.population {
        case let .file(relative):
            let populationPath = resolve(relative, relativeTo: path)
            population = try PopulationLoader.load(try read(populationPath), file: populationPath, geography: geography, estate: estate)
            synthetic = false
        case let .synthetic(size, seed):
            let calibrationPath = resolve(scenario.calibration ?? sibling(of: scenario.estate, "population-calibration.yaml"),
                                          relativeTo: path)
            let calibration = try CalibrationLoader.load(try read(calibrationPath), file: calibrationPath)
            population = PopulationSynthesizer(estate: estate, geography: geography, calibration: calibration)
                .generate(size: size, seed: seed).0
            synthetic = true
        }
        return LoadedScenario(path: path, scenario: scenario, estate: estate, geography: geography, policy: policy,
                              population: population, synthetic: synthetic)
    }

    /// The estate with the scenario's changes applied.
    func changedEstate() throws -> Estate {
        let context = ChangeContext(file: path, geography: geography, postcodeDistricts: [], population: population, policy: policy)
        return try EstateChanges.apply(scenario.changes, to: estate, context: context)
    }

    /// The distance table for `estate` (estimated road distances; no measured matrix).
    func distances(for estate: Estate) -> DistanceTable {
        DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
    }

    /// The map outline beside the estate, or none.
    func outline() throws -> [OutlineRing] {
        let outlinePath = LoadedScenario.resolve(LoadedScenario.sibling(of: scenario.estate, "great-britain-outline.csv"),
                                                 relativeTo: path)
        guard FileManager.default.fileExists(atPath: outlinePath) else { return [] }
        return try OutlineLoader.load(try LoadedScenario.read(outlinePath), file: outlinePath)
    }

    // MARK: - Paths

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = (base as NSString).deletingLastPathComponent
        return ((directory as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    static func sibling(of path: String, _ name: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? name : (directory as NSString).appendingPathComponent(name)
    }
}
