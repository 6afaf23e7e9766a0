import Foundation
import HomewardCore
import HomewardReports
import Testing

@Suite("homeward allocate, check and export", .serialized)
struct AllocateCLITests {
    @Test func quickScenarioAllocatesAndPassesTheIndependentCheck() throws {
        let out = try CLI.temporaryDirectory("quick")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = out.appendingPathComponent("plan")
        let result = try CLI.run(["allocate", "Scenarios/quick.yaml", "--out", plan.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Status: optimal"))
        #expect(result.stdout.contains("synthetic"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["status", "objective", "prisoners", "placed", "unplaced", "moves", "distance", "home_region_share",
                    "solve_seconds", "solver", "groups", "variables", "constraints", "inputs", "establishments"] {
            #expect(summary[key] != nil, "summary.json lacks \(key)")
        }
        #expect(summary["status"] as? String == "optimal")
        let inputs = summary["inputs"] as! [String: [String: String]]
        for role in ["estate", "population", "policy"] {
            #expect(inputs[role]?["sha256"]?.count == 64, "no SHA-256 for \(role)")
        }
        let rows = try CLI.read(plan.appendingPathComponent("plan.csv")).split(separator: "\n")
        #expect(rows.first?.hasPrefix("prisoner_id,from,to,moved,distance_km_from,distance_km_to") == true)
        #expect(rows.count == 3001)
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func theIndependentCheckerCatchesATamperedPlan() throws {
        let out = try CLI.temporaryDirectory("tamper")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = out.appendingPathComponent("plan")
        try #require(CLI.run(["allocate", "Scenarios/quick.yaml", "--out", plan.path]).status == 0)
        let file = plan.appendingPathComponent("plan.csv")
        var lines = try CLI.read(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Send a man to a women's prison, and drop another person entirely.
        let index = lines.firstIndex { $0.contains(",false,") && !$0.contains(",NHI,") && !$0.contains(",STI,") }!
        var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let womensPrisons = ["AGI", "BZI", "DHI", "DWI", "ESI", "EWI", "FHI", "LNI", "NHI", "PFI", "SDI", "STI"]
        if womensPrisons.contains(fields[2]) { fields[2] = "WWI" } else { fields[2] = "STI" }
        lines[index] = fields.joined(separator: ",")
        lines.remove(at: index + 1)
        try CLI.write(lines.joined(separator: "\n"), to: file)
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 2)
        #expect(check.stderr.contains("a person is missing from the plan"))
        #expect(check.stderr.contains("plan.csv:\(index + 1): "))
    }

    @Test func twoRunsGiveIdenticalFiles() throws {
        let out = try CLI.temporaryDirectory("determinism")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = out.appendingPathComponent("a"), b = out.appendingPathComponent("b")
        try #require(CLI.run(["allocate", "Scenarios/quick.yaml", "--out", a.path, "--omit-timing"]).status == 0)
        try #require(CLI.run(["allocate", "Scenarios/quick.yaml", "--out", b.path, "--omit-timing"]).status == 0)
        #expect(try Data(contentsOf: a.appendingPathComponent("plan.csv")) == Data(contentsOf: b.appendingPathComponent("plan.csv")))
        #expect(try Data(contentsOf: a.appendingPathComponent("summary.json")) == Data(contentsOf: b.appendingPathComponent("summary.json")))
        // With timings, only the timing fields differ.
        let c = out.appendingPathComponent("c")
        try #require(CLI.run(["allocate", "Scenarios/quick.yaml", "--out", c.path]).status == 0)
        let withTiming = try JSONSerialization.jsonObject(with: Data(contentsOf: c.appendingPathComponent("summary.json"))) as! [String: Any]
        let without = try JSONSerialization.jsonObject(with: Data(contentsOf: a.appendingPathComponent("summary.json"))) as! [String: Any]
        #expect(Set(withTiming.keys).subtracting(without.keys) == AllocationSummary.timingKeys)
    }

    @Test func anExistingOutputIsNotOverwrittenWithoutForce() throws {
        let out = try CLI.temporaryDirectory("force")
        defer { try? FileManager.default.removeItem(at: out) }
        try CLI.write("keep me", to: out.appendingPathComponent("notes.txt"))
        let refused = try CLI.run(["allocate", "Scenarios/quick.yaml", "--out", out.path])
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("--force"))
        #expect(try CLI.read(out.appendingPathComponent("notes.txt")) == "keep me")
        let forced = try CLI.run(["allocate", "Scenarios/quick.yaml", "--out", out.path, "--force"])
        #expect(forced.status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.csv").path))
    }

    @Test func onePersonsPlacementIsExplained() throws {
        let result = try CLI.run(["allocate", "Scenarios/quick.yaml", "--prisoner", "P000042"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Person P000042"))
        #expect(result.stdout.contains("cheapest first"))
        #expect(result.stdout.contains("Excluded by the rules:"))
        #expect(result.stdout.contains("→ "))
        let unknown = try CLI.run(["allocate", "Scenarios/quick.yaml", "--prisoner", "NOBODY"])
        #expect(unknown.status == 64)
    }

    @Test(arguments: ["lp", "mps"])
    func theExportedModelSolvesInGlpsolToTheSameObjective(format: String) throws {
        let glpsol = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(glpsol, "glpsol is needed (apt-get install glpk-utils; .ci/run installs it)")
        let out = try CLI.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(at: out) }
        let model = out.appendingPathComponent("model.\(format)")
        let plan = out.appendingPathComponent("plan")
        let scenario = "Tests/HomewardCLITests/Fixtures/tiny.yaml"
        try #require(CLI.run(["export", scenario, "--format", format, "--out", model.path]).status == 0)
        try #require(CLI.run(["allocate", scenario, "--out", plan.path]).status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: plan.appendingPathComponent("summary.json"))) as! [String: Any]
        let objective = try #require(summary["objective"] as? Double)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let solution = out.appendingPathComponent("solution.txt")
        process.arguments = [format == "lp" ? "--lp" : "--freemps", model.path, "-o", solution.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let report = try CLI.read(solution)
        #expect(report.contains("OPTIMAL"))
        let line = try #require(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try #require(line.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(abs(value / 100 - objective) < 0.005, "glpsol \(value / 100) against allocate \(objective)")
    }
}
