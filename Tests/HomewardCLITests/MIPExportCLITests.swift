import Foundation
import HomewardCommands
import HomewardCore
import Testing

/// `homeward export --mip` and the scenario key that adds stress non-associations
/// (`population.synth.non_associations`), as the MIP benchmark uses them.
@Suite("MIP export (command line)")
struct MIPExportCLITests {
    static let scenario = "Tests/HomewardCLITests/Fixtures/tiny-pairs.yaml"

    /// glpsol's optimum of a model file, in the file's units (centipoints).
    static func glpsol(_ model: URL, format: String) throws -> (status: String, objective: Double) {
        let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(glpsol, "glpsol is needed (apt-get install glpk-utils; .ci/run installs it)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let solution = model.deletingPathExtension().appendingPathExtension("\(format).txt")
        process.arguments = [format == "lp" ? "--lp" : "--freemps", model.path, "--tmlim", "120", "-o", solution.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let report = try CLI.read(solution)
        let status = try #require(report.split(separator: "\n").first { $0.hasPrefix("Status:") })
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try #require(line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) })
        return (String(status), value)
    }

    @Test func theScenarioKeyAddsTheStressGeneratorsPairsToTheSyntheticPopulation() throws {
        let instance = try InstanceLoader(source: DiskFiles()).load(scenario: CLI.root.appendingPathComponent(Self.scenario).path)
        #expect(instance.scenario.stressNonAssociations == Scenario.StressPairs(count: 40, seed: 23))
        #expect(instance.population.week.nonAssociations.count == 40)
        #expect(instance.population.week.nonAssociations == StressNonAssociations.pairs(instance.population, count: 40, seed: 23))
        #expect(instance.populationFingerprint()?.path == "synthetic: size 300, seed 3, 40 stress non-associations (seed 23)")
    }

    @Test(arguments: ["lp", "mps"])
    func theExportedMIPSolvesInGlpsolToTheCoupledSolversObjective(format: String) throws {
        let out = try CLI.temporaryDirectory("export-mip")
        defer { try? FileManager.default.removeItem(at: out) }
        let model = out.appendingPathComponent("model.\(format)")
        let plan = out.appendingPathComponent("plan")
        let export = try CLI.run(["export", Self.scenario, "--mip", "--format", format, "--out", model.path])
        try #require(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("Mixed-integer program:"))
        try #require(CLI.run(["allocate", Self.scenario, "--out", plan.path]).status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("summary.json"))) as! [String: Any]
        let pairs = try #require(summary["non_associations"] as? [String: Any])
        #expect(pairs["proven_optimal"] as? Bool == true)
        let objective = try #require(pairs["objective"] as? Double)
        let apart = try #require(pairs["apart_pairs"] as? Int)
        #expect(apart > 0 && (pairs["conflicts_in_relaxation"] as? Int ?? 0) > 0, "the sample should need separating")
        let timing = try #require((summary["timing"] as? [String: Any])?["solve_non_associations"] as? [String: Double])
        #expect(Set(timing.keys) == ["relaxation_seconds", "laying_seconds", "upper_bound_seconds", "lagrangian_seconds", "fixing_seconds", "mip_seconds"])
        #expect(timing.values.allSatisfy { $0 >= 0 } && timing["relaxation_seconds"]! > 0)
        let (status, value) = try Self.glpsol(model, format: format)
        #expect(status.contains("INTEGER OPTIMAL"), "\(status)")
        #expect(abs(value / 100 - objective) < 0.005, "glpsol \(value / 100) against the coupled solver's \(objective)")
    }

    @Test func aMIPInDIMACSFormIsRefused() throws {
        let result = try CLI.run(["export", Self.scenario, "--mip", "--format", "dimacs", "--out", "/tmp/never-written.dimacs"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--mip needs --format lp or mps"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.dimacs"))
    }
}
