import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `homeward assess`: the family impact assessment, checked as a governor and a statistician would.
@Suite("homeward assess", .serialized)
struct AssessCLITests {
    /// A scenario on a 6,000-person sample with two dated changes: a closure and a re-role.
    static func scenario(in folder: URL, changes: String, size: Int = 6000, seed: Int = 3) throws -> URL {
        let root = CLI.root.path
        let text = """
            name: Test assessment
            question: What would the changes do to families?
            estate: \(root)/Estate/establishments.csv
            population:
              synth: {size: \(size), seed: \(seed)}
            policy: \(root)/Scenarios/policy.yaml
            changes:
            \(changes)
            """
        let url = folder.appendingPathComponent("scenario.yaml")
        try CLI.write(text, to: url)
        return url
    }

    static let twoChanges = """
          - close: {establishment: BFI}
            date: 2027-10-01
          - rerole: {establishment: FEI, function: training}
            date: 2027-04-01
        """

    /// Runs `assess` once for the suite's tests that only read its output.
    static let shared: Result<URL, Error> = Result {
        let folder = try CLI.temporaryDirectory("assess")
        let scenario = try AssessCLITests.scenario(in: folder, changes: twoChanges)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["assess", scenario.path, "--out", out.path])
        guard result.status == 0 else { throw CLIFailure(message: result.stderr) }
        return out
    }

    struct CLIFailure: Error { var message: String }

    static func csv(_ url: URL) throws -> [[String: String]] {
        let lines = try CLI.read(url).split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            // The files' only quoted field is the last one (a reason), so split the rest on commas.
            var fields: [String] = []
            var rest = Substring(line)
            for _ in 0..<(header.count - 1) {
                let comma = rest.firstIndex(of: ",")!
                fields.append(String(rest[..<comma]))
                rest = rest[rest.index(after: comma)...]
            }
            fields.append(String(rest))
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// A published count: an integer, or the mark of a suppressed one (then the true value must be small).
    static func expectCount(_ published: Any?, equals truth: Int, _ what: String, threshold: Int = 5) {
        if let n = published as? Int {
            #expect(n == truth, "\(what): report says \(n), plans say \(truth)")
        } else if let mark = published as? String, mark == "<\(threshold)" {
            #expect((1..<threshold).contains(truth), "\(what): suppressed as \(mark) but is \(truth)")
        } else if let mark = published as? String, mark == "[c]" {
            #expect(truth >= threshold, "\(what): hidden as [c] but is \(truth), which should show as <\(threshold)")
        } else {
            Issue.record("\(what): unexpected value \(String(describing: published))")
        }
    }

    @Test func bothPlansPassTheIndependentCheck() throws {
        let out = try Self.shared.get()
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("plan-as-is.csv: every person placed once"))
        #expect(check.stdout.contains("plan-as-changed.csv: every person placed once"))
    }

    @Test func figuresEqualARecomputationFromTheMovesAndBothPlans() throws {
        let out = try Self.shared.get()
        let before = try Self.csv(out.appendingPathComponent("plan-as-is.csv"))
        let after = try Self.csv(out.appendingPathComponent("plan-as-changed.csv"))
        let moves = try Self.csv(out.appendingPathComponent("moves.csv"))
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        #expect(before.count == 6000 && after.count == 6000)
        #expect(report["people"] as? Int == 6000)

        // The people affected are exactly those placed differently in the two plans.
        let destinationAfter = Dictionary(uniqueKeysWithValues: after.map { ($0["prisoner_id"]!, $0["to"]!) })
        let affected = before.filter { destinationAfter[$0["prisoner_id"]!] != $0["to"]! }
        #expect(affected.count > 20, "the test needs a change with visible effects")
        #expect(Set(moves.map { $0["prisoner_id"]! }) == Set(affected.map { $0["prisoner_id"]! }))
        Self.expectCount(report["affected"], equals: affected.count, "people affected")
        let changed: Set<String> = ["BFI", "FEI"]
        let atChanged = moves.filter { changed.contains($0["from_as_is"]!) || changed.contains($0["to_as_changed"]!) }
        Self.expectCount(report["affected_at_changed_establishments"], equals: atChanged.count, "affected at changed establishments")
        Self.expectCount(report["unplaced_before"], equals: before.filter { $0["to"]!.isEmpty }.count, "unplaced before")
        Self.expectCount(report["unplaced_after"], equals: after.filter { $0["to"]!.isEmpty }.count, "unplaced after")

        // Distances of the people affected, from moves.csv and from the plans.
        let milesBefore = moves.compactMap { Double($0["miles_before"]!) }
        let milesAfter = moves.compactMap { Double($0["miles_after"]!) }
        let proximity = try #require(report["proximity"] as? [[String: Any]])
        let hit = try #require(proximity.first { $0["group"] as? String == "People affected" })
        let hitBefore = try #require(hit["before"] as? [String: Any]), hitAfter = try #require(hit["after"] as? [String: Any])
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        // moves.csv rounds each distance to 0.1 mile, so means agree within 0.05 (+ the report's own rounding).
        #expect(abs(try #require(hitBefore["mean_miles"] as? Double) - mean(milesBefore)) <= 0.1)
        #expect(abs(try #require(hitAfter["mean_miles"] as? Double) - mean(milesAfter)) <= 0.1)
        let planMilesBefore = affected.compactMap { Double($0["distance_miles_to"]!) }
        #expect(abs(mean(planMilesBefore) - mean(milesBefore)) <= 0.05)
        let within50 = Double(milesAfter.filter { $0 <= 50 }.count) / Double(milesAfter.count)
        #expect(abs(try #require(hitAfter["share_within_50_miles"] as? Double) - within50) <= 0.002)

        // Everyone: the share held within 50 miles from the whole plans.
        let everyone = try #require(proximity.first { $0["group"] as? String == "Everyone" })
        let allAfter = after.compactMap { Double($0["distance_miles_to"]!) }
        let everyoneWithin50 = Double(allAfter.filter { $0 <= 50 }.count) / Double(allAfter.count)
        let everyoneAfter = try #require(everyone["after"] as? [String: Any])
        #expect(abs(try #require(everyoneAfter["share_within_50_miles"] as? Double) - everyoneWithin50) <= 0.002)

        // Bands of distance for the people affected.
        let bands = try #require(report["distance_bands_of_people_affected"] as? [String: Any])
        func band(_ miles: [Double]) -> [Int] {
            var counts = [0, 0, 0, 0]
            for m in miles { counts[m <= 25 ? 0 : m <= 50 ? 1 : m <= 100 ? 2 : 3] += 1 }
            return counts
        }
        for (key, miles) in [("before", milesBefore), ("after", milesAfter)] {
            let published = try #require(bands[key] as? [Any])
            for (k, truth) in band(miles).enumerated() {
                // A distance within 0.05 of a band edge may round across it in moves.csv.
                let edges = [25.0, 50, 100]
                let nearEdge = miles.filter { m in edges.contains { abs($0 - m) <= 0.05 } }.count
                if let n = published[k] as? Int, nearEdge > 0 {
                    #expect(abs(n - truth) <= nearEdge, "band \(k) \(key)")
                } else {
                    Self.expectCount(published[k], equals: truth, "band \(k) \(key)")
                }
            }
        }

        // Who is affected, by sex, from moves.csv.
        let whoIsAffected = try #require(report["who_is_affected"] as? [[String: Any]])
        let bySex = try #require(whoIsAffected.first { $0["title"] as? String == "By sex" }?["rows"] as? [[String: Any]])
        for (label, sex) in [("Men", "male"), ("Women", "female")] {
            let row = try #require(bySex.first { $0["group"] as? String == label })
            Self.expectCount(row["affected"], equals: moves.filter { $0["sex"] == sex }.count, "affected \(label)")
        }

        // People crossing 100 miles.
        let visits = try #require(report["visits"] as? [String: Any])
        let crossing = moves.filter { m in
            guard let b = Double(m["miles_before"]!), let a = Double(m["miles_after"]!) else { return false }
            return b <= 100 && a > 100
        }.count
        if let n = visits["newly_beyond_100_miles"] as? Int {
            #expect(abs(n - crossing) <= 1, "newly beyond 100 miles")
        } else {
            Self.expectCount(visits["newly_beyond_100_miles"], equals: crossing, "newly beyond 100 miles")
        }

        // Both runs are optimal, and the changed estate has one establishment fewer.
        let runs = try #require((report["method"] as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(runs.map { $0["status"] as? String } == ["optimal", "optimal"])
        #expect((runs[0]["establishments"] as? Int).map { $0 - 1 } == runs[1]["establishments"] as? Int)
    }

    @Test func thePublishedFilesHoldNoIdentifierAndNoSmallCount() throws {
        let out = try Self.shared.get()
        let moves = try Self.csv(out.appendingPathComponent("moves.csv"))
        let ids = Set(moves.map { $0["prisoner_id"]! })
        for name in ["assessment.html", "assessment.md", "assessment.json"] {
            let text = try CLI.read(out.appendingPathComponent(name))
            #expect(text.range(of: #"P\d{6}"#, options: .regularExpression) == nil, "\(name) holds a prisoner id")
            #expect(!ids.contains { text.contains($0) }, "\(name) holds a moved person's id")
            #expect(text.range(of: #"\b[EW]0[6-9]\d{6}\b"#, options: .regularExpression) == nil,
                    "\(name) holds a local-authority code, which with other fields could identify a person")
        }
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        let threshold = try #require((report["disclosure"] as? [String: Any])?["threshold"] as? Int)
        #expect(threshold == 5)
        var countsSeen = 0
        Self.visitCounts(report, path: "") { path, value in
            countsSeen += 1
            #expect(!(1..<threshold).contains(value), "\(path) = \(value) is below the threshold")
        }
        #expect(countsSeen > 100, "the walk found only \(countsSeen) counts")
        #expect(try CLI.read(out.appendingPathComponent("assessment.html")).contains("&lt;5") ||
                CLI.read(out.appendingPathComponent("assessment.md")).contains("<5"),
                "a 6,000-person sample must have some small counts to suppress")
    }

    /// Calls `body` for every count of people in the assessment JSON (keys that count people).
    static func visitCounts(_ value: Any, path: String, _ body: (String, Int) -> Void) {
        let countKeys: Set<String> = [
            "people", "affected", "affected_at_changed_establishments", "affected_elsewhere", "unplaced_before",
            "unplaced_after", "before", "after", "convicted_people_affected", "newly_beyond_50_miles",
            "brought_within_50_miles", "newly_beyond_100_miles", "brought_within_100_miles", "near_release_affected",
            "near_release_losing_home_region", "near_release_newly_beyond_50_miles", "people_needing", "met_before",
            "met_after", "map_flows_not_drawn_people",
        ]
        if let object = value as? [String: Any] {
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                let childPath = path + "." + key
                if countKeys.contains(key), let n = child as? Int { body(childPath, n) }
                if countKeys.contains(key), let list = child as? [Any] {
                    for (i, item) in list.enumerated() { if let n = item as? Int { body("\(childPath)[\(i)]", n) } }
                }
                visitCounts(child, path: childPath, body)
            }
        } else if let list = value as? [Any] {
            for (i, child) in list.enumerated() { visitCounts(child, path: "\(path)[\(i)]", body) }
        }
    }

    @Test func theHTMLIsWellFormedAndSelfContained() throws {
        let out = try Self.shared.get()
        let data = try Data(contentsOf: out.appendingPathComponent("assessment.html"))
        let parser = XMLParser(data: data)
        let ok = parser.parse()
        #expect(ok, "assessment.html does not parse: \(String(describing: parser.parserError)) at line \(parser.lineNumber)")
        let html = String(decoding: data, as: UTF8.self)
        let urls = html.matches(of: /https?:\/\/[^"' <)]+/).map { String($0.output) }
        #expect(urls.allSatisfy { $0.hasPrefix("http://www.w3.org/") }, "external URLs: \(urls.filter { !$0.hasPrefix("http://www.w3.org/") })")
        for forbidden in ["<script", "<link", "@import", "src=", "@font-face"] {
            #expect(!html.contains(forbidden), "assessment.html contains \(forbidden)")
        }
        for section in ["1. Summary", "2. Who is affected", "3. Proximity to family", "4. Visits", "5. The Family Test",
                        "6. Sentence stage and interventions", "7. Equality", "8. Mitigations", "9. Method"] {
            #expect(html.contains(section), "no section \(section)")
        }
        #expect(html.contains("<svg"), "no charts")
        #expect(html.contains("@page"), "no print styles")
        #expect(html.contains("synthetic"))
    }

    @Test func twoRunsGiveIdenticalReports() throws {
        let first = try Self.shared.get()
        let folder = try CLI.temporaryDirectory("assess-again")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario(in: folder, changes: Self.twoChanges)
        let out = folder.appendingPathComponent("out")
        try #require(CLI.run(["assess", scenario.path, "--out", out.path]).status == 0)
        // The reports name their inputs' paths, which differ between the two folders; all else must be identical.
        let firstFolder = first.deletingLastPathComponent().path
        for name in ["assessment.html", "assessment.md", "assessment.json", "moves.csv", "plan-as-is.csv", "plan-as-changed.csv"] {
            let a = try CLI.read(first.appendingPathComponent(name)).replacingOccurrences(of: firstFolder, with: "FOLDER")
            let b = try CLI.read(out.appendingPathComponent(name)).replacingOccurrences(of: folder.path, with: "FOLDER")
            #expect(a == b, "\(name) differs between two runs")
        }
    }

    @Test func aReroleThatChangesNothingSaysSoWithZeroMoves() throws {
        // Dartmoor (DAI) holds nobody (operational capacity 0 since its closure for radon), so re-roling it
        // changes no one's placement.
        let folder = try CLI.temporaryDirectory("assess-nothing")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario(in: folder, changes: """
              - rerole: {establishment: DAI, function: resettlement}
            """, size: 2000, seed: 11)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["assess", scenario.path, "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nobody would need to be held anywhere different"))
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        #expect(report["affected"] as? Int == 0)
        #expect(try Self.csv(out.appendingPathComponent("moves.csv")).isEmpty)
        let html = try CLI.read(out.appendingPathComponent("assessment.html"))
        #expect(html.contains("nobody would need to be held anywhere different"))
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func badChangesAreRefusedWithTheFileLineAndFieldAndNoOutput() throws {
        let folder = try CLI.temporaryDirectory("assess-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(changes: String, message: String)] = [
            ("  - close: {establishment: XYZ}", "scenario.yaml:8: changes[1].close.establishment: unknown"),
            ("  - capacity: {establishment: BFI, operational_capacity: -5}", "scenario.yaml:8:58: changes[1].capacity.operational_capacity: -5 is out of range"),
            ("  - rerole: {establishment: BFI, function: holiday}", "scenario.yaml:8:44: changes[1].rerole.function: unknown value 'holiday'"),
            ("  - demolish: {establishment: BFI}", "scenario.yaml:8:5: changes[1].demolish: unknown key 'demolish'"),
        ]
        for (changes, message) in cases {
            let scenario = try Self.scenario(in: folder, changes: changes, size: 500, seed: 1)
            let out = folder.appendingPathComponent("out")
            let result = try CLI.run(["assess", scenario.path, "--out", out.path])
            #expect(result.status == 65, "\(changes): exit \(result.status)")
            #expect(result.stderr.contains(message), "\(changes): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(changes): wrote output")
        }
    }

    /// Every shipped scenario with estate changes, assessed as shipped (88,000 people): the published
    /// files hold no identifier and no count below the threshold, and both plans keep every rule.
    @Test(arguments: ["rerole-fosse-way", "close-bedford", "new-womens-prison-wales"])
    func everyShippedAssessmentIsSafeToPublish(_ name: String) throws {
        let folder = try CLI.temporaryDirectory("shipped-\(name)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["assess", "Scenarios/\(name).yaml", "--out", out.path])
        try #require(result.status == 0, "\(result.stderr)")
        for file in ["assessment.html", "assessment.md", "assessment.json"] {
            let text = try CLI.read(out.appendingPathComponent(file))
            #expect(text.range(of: #"P\d{6}"#, options: .regularExpression) == nil, "\(name)/\(file) holds a prisoner id")
            #expect(text.range(of: #"\b[EW]0[6-9]\d{6}\b"#, options: .regularExpression) == nil, "\(name)/\(file) holds a local-authority code")
        }
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        var seen = 0
        Self.visitCounts(report, path: "") { path, value in
            seen += 1
            #expect(!(1..<5).contains(value), "\(name): \(path) = \(value)")
        }
        #expect(seen > 100)
        let check = try CLI.run(["check", out.path])
        #expect(check.status == 0, "\(name): \(check.stderr)")
    }
}
