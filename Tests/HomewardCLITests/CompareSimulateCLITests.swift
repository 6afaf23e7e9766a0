import Foundation
import Testing

@Suite("homeward compare, sweep and simulate", .serialized)
struct CompareSimulateCLITests {
    @Test func comparingAConfigurationWithItselfShowsNoDifference() throws {
        let out = try CLI.temporaryDirectory("compare")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run(["compare", "Scenarios/quick.yaml", "Scenarios/quick.yaml", "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try CLI.read(out.appendingPathComponent("comparison.csv")).split(separator: "\n").map(String.init)
        #expect(lines.count > 40)
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.count == 3 && fields[1] == fields[2], "\(line)")
        }
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("comparison.json"))) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.contains { $0["key"] as? String == "objective" })
        for file in ["comparison.html", "comparison.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path))
        }
    }

    @Test func aClosureShowsInTheComparison() throws {
        let folder = try CLI.temporaryDirectory("compare-close")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = CLI.root.path
        let closed = folder.appendingPathComponent("closed.yaml")
        try CLI.write("""
            name: Without Bedford
            question: What if Bedford closed?
            estate: \(root)/Estate/establishments.csv
            population:
              synth: {size: 3000, seed: 7}
            policy: \(root)/Scenarios/policy.yaml
            changes:
              - close: {establishment: BFI}
            """, to: closed)
        let out = folder.appendingPathComponent("out")
        try #require(CLI.run(["compare", "Scenarios/quick.yaml", closed.path, "--out", out.path]).status == 0)
        let lines = try CLI.read(out.appendingPathComponent("comparison.csv")).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let row = { (key: String) in lines.first { $0.first.map(String.init) == key }! }
        #expect(Int(row("establishments")[1])! == Int(row("establishments")[2])! + 1)
        #expect(Double(row("objective")[2])! >= Double(row("objective")[1])!, "closing a prison cannot make the optimum better")
    }

    @Test func simulationConservesPeopleEveryWeekAndIsDeterministic() throws {
        let out = try CLI.temporaryDirectory("simulate")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = out.appendingPathComponent("a"), b = out.appendingPathComponent("b")
        for dir in [a, b] {
            let result = try CLI.run(["simulate", "Scenarios/quick.yaml", "--weeks", "4", "--moves-limit", "30", "--seed", "5",
                                      "--omit-timing", "--out", dir.path])
            try #require(result.status == 0, "\(result.stderr)")
        }
        for file in ["weekly.csv", "weekly.json", "simulation.html"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file) differs")
        }
        let rows = try weeklyRows(in: a)
        #expect(rows.count == 4)
        var previousEnd: Int?
        for row in rows {
            let start = Int(row["population_start"]!)!, end = Int(row["population_end"]!)!
            let arrivals = Int(row["arrivals"]!)!, releases = Int(row["releases"]!)!, exits = Int(row["remand_exits"]!)!
            #expect(end - start == arrivals - releases - exits, "week \(row["week"]!)")
            #expect(arrivals == Int(row["remand_arrivals"]!)! + Int(row["sentenced_arrivals"]!)! + Int(row["recall_arrivals"]!)!)
            if let previousEnd { #expect(start == previousEnd) }
            previousEnd = end
            #expect(arrivals > 0 && releases > 0)
            let moves = Int(row["moves"]!)!, mustMove = Int(row["must_move"]!)!
            // A week over the limit must have pressed the move cost to its ceiling, half the unplaced cost (policy.yaml: 100,000).
            #expect(moves <= max(30, mustMove) || Double(row["move_cost_used"]!)! == 50_000, "limit neither met nor pressed")
            #expect(mustMove <= moves, "people who cannot stay are transfers (or unplaced)")
            #expect(Int(row["unplaced_women"]!)! <= Int(row["unplaced"]!)!)
        }
        #expect(Int(rows[0]["population_start"]!)! == 3000)
        // A chart of people not placed only when someone was; otherwise the page says everyone was placed.
        let allPlaced = rows.allSatisfy { $0["unplaced"] == "0" }
        let html = try CLI.read(a.appendingPathComponent("simulation.html"))
        #expect(html.contains("Everyone was placed in every week") == allPlaced)
        #expect(html.contains("People not placed") == !allPlaced)
    }

    /// A dated closure: the weeks before its date are those of a run in which it has not happened (same seed), and
    /// the establishment is empty by the end of its run-down.
    @Test func aDatedClosureChangesNothingBeforeItsDateAndEmptiesOverItsRunDown() throws {
        let folder = try CLI.temporaryDirectory("simulate-dated")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = CLI.root.path
        func run(closingOn date: String, _ name: String) throws -> [[String: String]] {
            let scenario = folder.appendingPathComponent("\(name).yaml")
            try CLI.write("""
                name: Dated closure
                question: What happens week by week when HMP Bedford closes?
                estate: \(root)/Estate/establishments.csv
                population:
                  synth: {size: 3000, seed: 7}
                policy: \(root)/Scenarios/policy.yaml
                changes:
                  - close: {establishment: BFI}
                    date: \(date)
                """, to: scenario)
            let out = folder.appendingPathComponent(name)
            let result = try CLI.run(["simulate", scenario.path, "--weeks", "7", "--seed", "3", "--start-date", "2027-09-17",
                                      "--run-down", "3", "--omit-timing", "--out", out.path])
            try #require(result.status == 0, "\(result.stderr)")
            return try weeklyRows(in: out)
        }
        // 1 October 2027 is two weeks after the start: in effect from week 3, empty by week 5 (3 + 3 - 1).
        let dated = try run(closingOn: "2027-10-01", "dated")
        let never = try run(closingOn: "2099-01-01", "never")
        try #require(dated.count == 7 && never.count == 7)
        #expect(dated.map { $0["date"]! } == ["2027-09-17", "2027-09-24", "2027-10-01", "2027-10-08", "2027-10-15", "2027-10-22", "2027-10-29"])
        for week in 0..<2 {
            #expect(dated[week] == never[week], "week \(week + 1) differs before the closure's date")
        }
        let held = dated.map { Int($0["held_BFI"]!)! }
        #expect(held[1] > 0, "the test needs people held at Bedford before its closure")
        #expect(held[2] <= held[1] && held[3] <= held[2], "a prison running down takes no one new: \(held)")
        #expect(held[4...].allSatisfy { $0 == 0 }, "Bedford is empty by the end of its run-down: \(held)")
        #expect(never.map { Int($0["held_BFI"]!)! }.allSatisfy { $0 > 0 }, "without the closure Bedford stays open")
    }

    /// With the women's estate cut to two small prisons, the series and the page say who has no place.
    @Test func aSimulationSaysWhoCouldNotBePlaced() throws {
        let folder = try CLI.temporaryDirectory("simulate-unplaced")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = CLI.root.path
        let scenario = folder.appendingPathComponent("women.yaml")
        let closures = ["BZI", "DHI", "DWI", "EWI", "FHI", "NHI", "PFI", "STI"].map { "  - close: {establishment: \($0)}" }
        try CLI.write("""
            name: Few places for women
            question: What if most women's prisons closed and two shrank?
            estate: \(root)/Estate/establishments.csv
            population:
              synth: {size: 3000, seed: 7}
            policy: \(root)/Scenarios/policy.yaml
            changes:
            \(closures.joined(separator: "\n"))
              - capacity: {establishment: LNI, operational_capacity: 40}
              - capacity: {establishment: SDI, operational_capacity: 30}
            """, to: scenario)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["simulate", scenario.path, "--weeks", "2", "--omit-timing", "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        let rows = try weeklyRows(in: out)
        #expect(rows.count == 2)
        for row in rows {
            let unplaced = Int(row["unplaced"]!)!
            #expect(unplaced > 0, "the women's places are too few for the sample's women")
            #expect(Int(row["unplaced_women"]!)! == unplaced, "only women lack a place: the men's estate is untouched")
        }
        let page = try CLI.read(out.appendingPathComponent("simulation.md"))
        #expect(page.contains("some people could not be placed") && page.contains(": all women."), "\(page.prefix(1200))")
        #expect(try CLI.read(out.appendingPathComponent("simulation.html")).contains("People not placed"), "the chart of people not placed")
    }

    /// Without a limit of its own, a simulation moves at most the published weekly volume (about 1,500 a week at
    /// 88,000 people) scaled to its population: 51 a week for the 3,000 of quick.yaml. --no-moves-limit lifts it.
    @Test func theWeeklyTransferLimitDefaultsToThePublishedVolume() throws {
        let out = try CLI.temporaryDirectory("simulate-default-limit")
        let limited = try CLI.run(["simulate", "Scenarios/quick.yaml", "--weeks", "2", "--seed", "5", "--omit-timing",
                                   "--out", out.appendingPathComponent("a").path])
        try #require(limited.status == 0, "\(limited.stderr)")
        // The limit is met by a price on transfers, which the simulation raises only so far (issue #23 asks for
        // the exact method), so the check here is that the limit is in force, not that it is met.
        let limitedRows = try weeklyRows(in: out.appendingPathComponent("a"))
        for row in limitedRows { #expect(row["moves_limit"] == "51") }
        let free = try CLI.run(["simulate", "Scenarios/quick.yaml", "--weeks", "1", "--seed", "5", "--omit-timing", "--no-moves-limit",
                                "--out", out.appendingPathComponent("b").path])
        try #require(free.status == 0, "\(free.stderr)")
        let first = try weeklyRows(in: out.appendingPathComponent("b"))[0]
        #expect(first["moves_limit"] == "" || first["moves_limit"] == nil || first["moves_limit"] == "none", "\(first)")
        #expect(Int(first["moves"]!)! > Int(limitedRows[0]["moves"]!)!, "unlimited, the first week moves more")
        let both = try CLI.run(["simulate", "Scenarios/quick.yaml", "--moves-limit", "5", "--no-moves-limit",
                                "--out", out.appendingPathComponent("c").path])
        #expect(both.status != 0 && both.stderr.contains("not both"))
    }

    @Test func everyWeeklyStartReachesTheSameFirstWeekAndBadStartsAreRefused() throws {
        let out = try CLI.temporaryDirectory("simulate-starts")
        defer { try? FileManager.default.removeItem(at: out) }
        var firstWeeks: [String] = []
        for start in ["basis", "placements", "cold"] {
            let dir = out.appendingPathComponent(start)
            let result = try CLI.run(["simulate", "Scenarios/quick.yaml", "--weeks", "3", "--seed", "9", "--start", start,
                                      "--omit-timing", "--out", dir.path])
            try #require(result.status == 0, "\(result.stderr)")
            let lines = try CLI.read(dir.appendingPathComponent("weekly.csv")).split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            let header = lines[0].split(separator: ",").map(String.init)
            let objective = try #require(header.firstIndex(of: "objective"))
            firstWeeks.append(String(lines[1].split(separator: ",", omittingEmptySubsequences: false)[objective]))
        }
        // Week 1 has no last week to start from: every start solves the same problem to the same optimum
        // (the plans may be different optimal plans).
        #expect(Set(firstWeeks).count == 1, "\(firstWeeks)")
        let bad = try CLI.run(["simulate", "Scenarios/quick.yaml", "--start", "warm", "--out", out.appendingPathComponent("x").path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--start must be basis, placements or cold"))
    }

    /// `--compare-cold` solves each of a week's networks again from a cold start, stopping the run if any cold
    /// optimum differs from the warm-started one; it measures, and changes nothing in the series.
    @Test func comparingWithColdSolvesChangesNothingButTheTimings() throws {
        let out = try CLI.temporaryDirectory("simulate-cold")
        defer { try? FileManager.default.removeItem(at: out) }
        func series(_ extra: [String], _ name: String) throws -> (stdout: String, rows: [[String: String]]) {
            let dir = out.appendingPathComponent(name)
            let result = try CLI.run(["simulate", "Scenarios/quick.yaml", "--weeks", "4", "--moves-limit", "30", "--seed", "5",
                                      "--out", dir.path] + extra)
            try #require(result.status == 0, "\(result.stderr)")
            return (result.stdout, try weeklyRows(in: dir))
        }
        let plain = try series([], "plain"), compared = try series(["--compare-cold"], "compared")
        // Solves and pivots are compared too: the cold solves must not change the warm ones.
        let timing: Set = ["solve_seconds", "model_seconds", "week_seconds", "turnover_seconds", "cold_solve_seconds"]
        #expect(plain.rows.count == 4)
        #expect(plain.rows.map { $0.filter { !timing.contains($0.key) } } == compared.rows.map { $0.filter { !timing.contains($0.key) } })
        #expect(plain.rows.allSatisfy { $0["cold_solve_seconds"] == "" })
        #expect(compared.rows.allSatisfy { Double($0["cold_solve_seconds"] ?? "").map { $0 > 0 } ?? false })
        #expect(compared.stdout.contains("weeks 2-4 warm"), "\(compared.stdout)")
        #expect(compared.stdout.contains("of 3 weeks"), "\(compared.stdout)")
    }

    @Test func aSweepWritesRankedCompleteResults() throws {
        let out = try CLI.temporaryDirectory("sweep")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CLI.run(["sweep", "Scenarios/quick.yaml", "--change", "capacity+20", "--limit", "12", "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try CLI.read(out.appendingPathComponent("sweep.csv")).split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines.dropFirst().enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset + 1),") })
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("sweep.json"))) as? [String: Any])
        #expect(json["complete"] as? Bool == true)
        let bad = try CLI.run(["sweep", "Scenarios/quick.yaml", "--change", "capacity+0", "--out", out.appendingPathComponent("x").path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--change must be close, rerole or capacity+N"))
    }

    /// The rows of `dir/weekly.csv`, each keyed by the header's column names.
    private func weeklyRows(in dir: URL) throws -> [[String: String]] {
        let lines = try CLI.read(dir.appendingPathComponent("weekly.csv")).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
