import Foundation
import Testing

/// The shipped synthetic extract end to end: allocate writes the movers list, the published assessment names
/// nobody, and a refused extract writes nothing.
@Suite("Extract from the command line")
struct ExtractCLITests {
    static func pids() throws -> [String] {
        let persons = try CLI.read(CLI.root.appendingPathComponent("Scenarios/extract-sample/persons.csv"))
        return persons.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
    }

    @Test func allocateOnTheShippedExtractWritesTheMoversListAndPassesTheCheck() throws {
        let out = try CLI.temporaryDirectory("week-extract")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = out.appendingPathComponent("plan")
        let result = try CLI.run(["allocate", "Scenarios/week-extract.yaml", "--out", plan.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("synthetic"))
        let movers = try CLI.read(plan.appendingPathComponent("movers.csv")).split(separator: "\n")
        let planRows = try CLI.read(plan.appendingPathComponent("plan.csv")).split(separator: "\n").dropFirst()
        let moved = planRows.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[3] == "true" }
        #expect(movers.first == "pid,from,to,reason")
        #expect(movers.count - 1 == moved.count && moved.count > 0)
        let reasons = Set(movers.dropFirst().map { String($0.split(separator: ",")[3]) })
        #expect(reasons.isSubset(of: ["progressive", "isp_to_open", "offending_behaviour_course", "resettlement", "repatriation",
                                      "capacity", "security", "non_association", "other"]))
        #expect(reasons.contains("non_association"))
        // The week is proven optimal and nobody is left unplaced: the pairs both of whose people must stay are the
        // establishment's to keep apart, and the console says how many there are.
        #expect(result.stdout.contains("left to the establishment: both must stay; ") && result.stdout.contains("; proven optimal"))
        #expect(result.stdout.contains("cannot be placed 0;"))
        #expect(result.stdout.contains("Places by type (not limited: places of this type unknown): vulnerable_prisoner_unit at "))
        let routes = try CLI.read(plan.appendingPathComponent("routes.csv")).split(separator: "\n").dropFirst()
        #expect(routes.map { Int($0.split(separator: ",")[2])! }.reduce(0, +) == moved.count)
        let check = try CLI.run(["check", plan.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func thePublishedAssessmentNamesNobody() throws {
        let out = try CLI.temporaryDirectory("extract-assess")
        defer { try? FileManager.default.removeItem(at: out) }
        let scenario = out.appendingPathComponent("close.yaml")
        try """
            name: Close Bedford on the sample extract
            question: Where would the people at Bedford go?
            estate: \(CLI.root.path)/Estate/establishments.csv
            population: {extract: \(CLI.root.path)/Scenarios/extract-sample}
            policy: \(CLI.root.path)/Scenarios/policy.yaml
            changes:
              - close: {establishment: BFI}

            """.write(to: scenario, atomically: true, encoding: .utf8)
        let report = out.appendingPathComponent("report")
        let result = try CLI.run(["assess", scenario.path, "--out", report.path])
        #expect(result.status == 0, "\(result.stderr)")
        // The publishable files; moves.csv and the two plans are written beside them marked "not for publication".
        let files = ["assessment.html", "assessment.md", "assessment.json"]
        let pids = try Self.pids()
        #expect(pids.count == 3_000)
        for name in files {
            let text = String(decoding: try Data(contentsOf: report.appendingPathComponent(name)), as: UTF8.self)
            // Every run of hex digits in the file, against the pids (a pid is 16 hex digits; a fingerprint's 64
            // would hide one only by a one-in-10^17 chance, so runs are compared whole and by 16-digit windows).
            let runs = text.split { !$0.isHexDigit }.map(String.init)
            var windows: Set<String> = []
            for run in runs where run.count >= 16 {
                let characters = Array(run)
                for start in 0...(characters.count - 16) { windows.insert(String(characters[start..<start + 16])) }
            }
            let named = pids.filter { windows.contains($0) }
            #expect(named.isEmpty, "\(name) shows \(named.count) pids")
        }
        #expect(!result.stdout.contains(pids[0]))
    }

    @Test func aRefusedExtractWritesNothing() throws {
        let out = try CLI.temporaryDirectory("extract-refused")
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("extract")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Scenarios/extract-sample"), to: folder)
        let persons = folder.appendingPathComponent("persons.csv")
        let text = try CLI.read(persons).replacingOccurrences(of: "pid,current_prison", with: "pid,prison_number")
        try text.write(to: persons, atomically: true, encoding: .utf8)
        let scenario = out.appendingPathComponent("week.yaml")
        try "name: refused\nquestion: q\nestate: \(CLI.root.path)/Estate/establishments.csv\npopulation: {extract: extract}\n"
            .write(to: scenario, atomically: true, encoding: .utf8)
        let plan = out.appendingPathComponent("plan")
        let result = try CLI.run(["allocate", scenario.path, "--out", plan.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("persons.csv:1: prison_number: carries a direct identifier"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plan.path))
    }

    @Test func synthThenPseudonymiseThenLoad() throws {
        let out = try CLI.temporaryDirectory("extract-synth")
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("synth")
        let synth = try CLI.run(["extract", "synth", "--size", "300", "--seed", "5", "--out", folder.path])
        #expect(synth.status == 0, "\(synth.stderr)")
        // Pretend the pids are prison numbers HMPPS holds: pseudonymise again under a key, and the result still loads.
        let key = out.appendingPathComponent("key")
        try "a secret kept by HMPPS, not in the repository\n".write(to: key, atomically: true, encoding: .utf8)
        let pseudonymised = out.appendingPathComponent("pseudonymised")
        let run = try CLI.run(["extract", "pseudonymise", "--key-file", key.path, folder.path, pseudonymised.path])
        #expect(run.status == 0, "\(run.stderr)")
        let scenario = out.appendingPathComponent("week.yaml")
        try "name: p\nquestion: q\nestate: \(CLI.root.path)/Estate/establishments.csv\npopulation: {extract: pseudonymised}\n"
            .write(to: scenario, atomically: true, encoding: .utf8)
        let plan = out.appendingPathComponent("plan")
        let allocate = try CLI.run(["allocate", scenario.path, "--out", plan.path])
        #expect(allocate.status == 0, "\(allocate.stderr)")
        let before = try CLI.read(folder.appendingPathComponent("persons.csv")).split(separator: "\n").count
        let after = try CLI.read(pseudonymised.appendingPathComponent("persons.csv")).split(separator: "\n").count
        #expect(before == after && before == 301)
    }
}
