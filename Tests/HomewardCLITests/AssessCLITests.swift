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

    /// The baseline of today's placements, recomputed from the population's current placements (plan-as-is.csv's
    /// `from`) and the changed plan (plan-as-changed.csv's `to`).
    @Test func todaysPlacementsEqualARecomputationFromThePopulationAndTheChangedPlan() throws {
        let out = try Self.shared.get()
        let before = try Self.csv(out.appendingPathComponent("plan-as-is.csv"))
        let after = Dictionary(uniqueKeysWithValues: try Self.csv(out.appendingPathComponent("plan-as-changed.csv")).map { ($0["prisoner_id"]!, $0) })
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        let today = try #require(report["today"] as? [String: Any])
        let sites = try #require(today["changed_establishments"] as? [[String: Any]])
        #expect(sites.compactMap { $0["code"] as? String } == ["BFI", "FEI"])
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(xs.count) }
        for site in sites {
            let code = try #require(site["code"] as? String)
            let here = before.filter { $0["from"] == code }
            #expect(here.count > 20, "\(code): the test needs people held there today")
            Self.expectCount(site["held_today"], equals: here.count, "\(code) held today")
            Self.expectCount(site["held_after"], equals: after.values.filter { $0["to"] == code }.count, "\(code) held after")
            // Where they would go: each named establishment's count, and the rest.
            var destinations: [String: Int] = [:]
            for p in here { destinations[after[p["prisoner_id"]!]!["to"]!, default: 0] += 1 }
            let published = try #require(site["destinations"] as? [[String: Any]])
            var named = 0
            for row in published {
                let label = try #require(row["establishment"] as? String)
                if label == "Elsewhere" || label == "Not placed" { continue }
                Self.expectCount(row["people"], equals: destinations[label] ?? 0, "\(code) → \(label)")
                named += destinations[label] ?? 0
            }
            if let rest = published.first(where: { $0["establishment"] as? String == "Elsewhere" }) {
                Self.expectCount(rest["people"], equals: here.count - named - (destinations[""] ?? 0), "\(code) → elsewhere")
            }
            // Where the people held there after the change are held today.
            var origins: [String: Int] = [:]
            for p in before where after[p["prisoner_id"]!]!["to"] == code { origins[p["from"]!, default: 0] += 1 }
            let publishedOrigins = try #require(site["held_there_after_the_change_are_held_today_at"] as? [[String: Any]])
            for row in publishedOrigins {
                let label = try #require(row["establishment"] as? String)
                if label == "Elsewhere" || label == "Not placed" { continue }
                Self.expectCount(row["people"], equals: origins[label] ?? 0, "\(code) ← \(label)")
            }
            // Distance today → after, from the two files (rounded to 0.1 mile there).
            let milesToday = here.compactMap { Double($0["distance_miles_from"]!) }
            let milesAfter = here.compactMap { Double(after[$0["prisoner_id"]!]!["distance_miles_to"]!) }
            #expect(abs(try #require(site["mean_miles_today"] as? Double) - mean(milesToday)) <= 0.1, "\(code) miles today")
            #expect(abs(try #require(site["mean_miles_after"] as? Double) - mean(milesAfter)) <= 0.1, "\(code) miles after")
        }
        // Across the estate: today → changed, today → as it is, as it is → changed.
        let steps = try #require(today["comparisons"] as? [[String: Any]])
        try #require(steps.count == 3)
        let todayToChanged = before.filter { $0["from"]! != after[$0["prisoner_id"]!]!["to"]! }.count
        let todayToAsIs = before.filter { $0["from"]! != $0["to"]! }.count
        let asIsToChanged = before.filter { $0["to"]! != after[$0["prisoner_id"]!]!["to"]! }.count
        Self.expectCount(steps[0]["moved"], equals: todayToChanged, "today → changed")
        Self.expectCount(steps[1]["moved"], equals: todayToAsIs, "today → as it is")
        Self.expectCount(steps[2]["moved"], equals: asIsToChanged, "as it is → changed")
        Self.expectCount(report["affected"], equals: asIsToChanged, "the effect of the change alone is the people affected")
    }

    /// The Family Test answers each question from its own evidence: no two answers rest on the same figure for the
    /// same group, every rated answer says what it rests on and by what rule, and there is no tally.
    @Test func eachFamilyTestQuestionRestsOnItsOwnEvidence() throws {
        let out = try Self.shared.get()
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        let answers = try #require(report["family_test"] as? [[String: Any]])
        #expect(answers.compactMap { $0["question"] as? Int } == [1, 2, 3, 4, 5])
        var used: [String: Int] = [:]
        for answer in answers {
            let number = try #require(answer["question"] as? Int)
            let rating = try #require(answer["rating"] as? String)
            #expect(["positive", "neutral", "negative", "not assessable from these data"].contains(rating))
            let rule = try #require(answer["rule"] as? String)
            #expect(!rule.isEmpty, "question \(number) states no rule")
            let basis = try #require(answer["rests_on"] as? [[String: Any]])
            if rating == "not assessable from these data" {
                #expect((answer["limits"] as? String)?.contains("answered by") == true, "question \(number) does not say what data would answer it")
            } else {
                #expect(!basis.isEmpty, "question \(number) is rated \(rating) but rests on nothing")
            }
            for b in basis {
                let key = "\(b["group"] as? String ?? "?") / \(b["figure"] as? String ?? "?")"
                if let other = used[key] {
                    Issue.record("questions \(other) and \(number) both rest on \(key)")
                }
                used[key] = number
            }
        }
        // Remand is in the evidence with its own visits entitlement.
        let familyLife = try #require(answers.first { $0["question"] as? Int == 3 })
        #expect((familyLife["evidence"] as? String)?.contains("On remand") == true)
        // No tally of ratings in the summary.
        let summary = try #require(report["summary"] as? [String]).joined(separator: " ")
        #expect(summary.range(of: #"\d positive"#, options: .regularExpression) == nil, "the summary adds up ratings: \(summary)")
    }

    /// How the change would happen: a simulation over the change's window, Bedford emptied by the end of its
    /// run-down, and the transfers the change causes adding up.
    @Test func theChangeIsFollowedWeekByWeekOverItsWindow() throws {
        let out = try Self.shared.get()
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        let phasing = try #require(report["how_the_change_would_happen"] as? [String: Any])
        let weeks = try #require(phasing["weeks"] as? [[String: Any]])
        // The re-role (1 April) and the closure (1 October) are six months apart: the window starts four weeks
        // before the closure and ends two weeks after its eight-week run-down.
        #expect(weeks.count == 14)
        #expect(weeks.first?["week_starting"] as? String == "2027-09-03")
        func heldAtBedford(_ week: [String: Any]) -> Any? {
            (week["held"] as? [[String: Any]])?.first { $0["establishment"] as? String == "BFI" }?["people"]
        }
        let before = try #require(heldAtBedford(weeks[0]) as? Int)
        #expect(before > 0, "Bedford holds people before its closure")
        for week in weeks[11...] { #expect(heldAtBedford(week) as? Int == 0, "Bedford is empty after its run-down") }
        let caused = weeks.compactMap { $0["transfers_caused"] as? Int }
        if caused.count == weeks.count {
            #expect(phasing["transfers_caused_in_all"] as? Int == caused.reduce(0, +))
        }
        let html = try CLI.read(out.appendingPathComponent("assessment.html"))
        #expect(html.contains("How the change would happen"))
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
            #expect(!text.contains(out.deletingLastPathComponent().path), "\(name) holds the scenario's absolute folder")
            #expect(!text.contains(CLI.root.path), "\(name) holds the repository's absolute path")
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

    /// One label, one group: wherever the report shows a group's label with a count of its people (or of those
    /// affected), the count is the same, and a count hidden in one table is not shown in another.
    @Test func eachGroupLabelCarriesOneCountInEverySection() throws {
        let out = try Self.shared.get()
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        var values: [String: [String: [String]]] = [:]  // label -> measure -> published values
        Self.visitGroupCounts(report) { label, measure, value in values[label, default: [:]][measure, default: []].append(value) }
        let withinAYear = try #require(values["Within a year of release"]?["people"])
        #expect(withinAYear.count >= 2, "the test needs a label shown in more than one section")
        var compared = 0
        for (label, measures) in values.sorted(by: { $0.key < $1.key }) {
            for (measure, published) in measures.sorted(by: { $0.key < $1.key }) {
                let distinct = Set(published.filter { $0 != "[c]" })
                #expect(distinct.count <= 1, "\(label): \(measure) is published as \(published)")
                #expect(!published.contains("[c]") || distinct.isEmpty,
                        "\(label): \(measure) is hidden in one table but shown in another: \(published)")
                if published.count > 1 { compared += 1 }
            }
        }
        #expect(compared >= 5, "only \(compared) labels appear more than once")
        // Every fixed label used is defined once in the method section.
        let definitions = try #require((report["method"] as? [String: Any])?["group_definitions"] as? [[String: Any]])
        let defined = definitions.compactMap { $0["group"] as? String }
        #expect(Set(defined).count == defined.count, "a label is defined twice")
        for label in ["Everyone", "Within a year of release", "On remand", "Young adults (18 to 20)", "Last 12 weeks before release"] {
            #expect(defined.contains(label), "\(label) has no definition")
        }
    }

    /// Calls `body` with (label, measure, value) for every object in the JSON that names a group and counts its people.
    static func visitGroupCounts(_ value: Any, _ body: (String, String, String) -> Void) {
        if let object = value as? [String: Any] {
            if let label = object["group"] as? String {
                for measure in ["people", "affected"] {
                    if let n = object[measure] as? Int { body(label, measure, String(n)) }
                    if let mark = object[measure] as? String { body(label, measure, mark) }
                }
            }
            for key in object.keys.sorted() { visitGroupCounts(object[key]!, body) }
        } else if let list = value as? [Any] {
            for child in list { visitGroupCounts(child, body) }
        }
    }

    /// Calls `body` for every count of people in the assessment JSON (keys that count people).
    static func visitCounts(_ value: Any, path: String, _ body: (String, Int) -> Void) {
        let countKeys: Set<String> = [
            "people", "affected", "affected_at_changed_establishments", "affected_elsewhere", "unplaced_before",
            "unplaced_after", "before", "after", "convicted_people_affected", "newly_beyond_50_miles",
            "brought_within_50_miles", "newly_beyond_100_miles", "brought_within_100_miles", "near_release_affected",
            "near_release_losing_home_region", "near_release_newly_beyond_50_miles", "people_needing", "met_before",
            "met_after", "map_flows_not_drawn_people", "held_today", "held_after", "moved",
            "transfers", "transfers_without_the_change", "leaving_within_a_year_of_release", "leaving_others", "not_placed",
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
                        "6. Sentence stage and interventions", "7. Equality", "8. Mitigations", "9. Method",
                        "10. The decision and what follows"] {
            #expect(html.contains(section), "no section \(section)")
        }
        #expect(html.contains("<svg"), "no charts")
        #expect(html.contains("@page"), "no print styles")
        #expect(html.contains("synthetic"))
        // The scenario gives none of the decision-maker's parts: every one is marked, none is left silently blank.
        let report = try Self.json(out.appendingPathComponent("assessment.json"))
        let decision = try #require(report["decision_record"] as? [String: Any])
        #expect((decision["to_be_completed"] as? [String])?.count == 12)
        #expect(html.components(separatedBy: "<p class=\"note\">To be completed by the decision-maker.</p>").count - 1 == 12)
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

    /// `--draws 1` is the single run, byte for byte; `--draws 3` shows each headline figure as the central value
    /// (the single run's) with its range, and says whether a rating changes between draws.
    @Test func drawsShowTheRangeAndOneDrawIsTheSingleRun() throws {
        let folder = try CLI.temporaryDirectory("assess-draws")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.scenario(in: folder, changes: "  - close: {establishment: BFI}", size: 3000, seed: 5)
        func assess(_ name: String, _ extra: [String]) throws -> URL {
            let out = folder.appendingPathComponent(name)
            let result = try CLI.run(["assess", scenario.path, "--out", out.path] + extra)
            try #require(result.status == 0, "\(result.stderr)")
            return out
        }
        let single = try assess("single", []), one = try assess("one", ["--draws", "1"]), three = try assess("three", ["--draws", "3"])
        for name in ["assessment.html", "assessment.md", "assessment.json", "moves.csv", "plan-as-is.csv", "plan-as-changed.csv"] {
            #expect(try CLI.read(single.appendingPathComponent(name)) == CLI.read(one.appendingPathComponent(name)), "\(name) differs with --draws 1")
        }
        let base = try Self.json(single.appendingPathComponent("assessment.json"))
        #expect(base["draws"] == nil)
        let report = try Self.json(three.appendingPathComponent("assessment.json"))
        let draws = try #require(report["draws"] as? [String: Any])
        #expect(draws["seeds"] as? [Int] == [5, 6, 7])
        let figures = try #require(draws["figures"] as? [[String: Any]])
        let affected = try #require(figures.first { ($0["figure"] as? String)?.hasPrefix("People held somewhere different (") == true })
        #expect((affected["central"] as? String)?.replacingOccurrences(of: ",", with: "") == (base["affected"] as? Int).map(String.init),
                "the central value is the single run's")
        for f in figures {
            let number = { (key: String) in Double(((f[key] as? String) ?? "").filter { $0.isNumber || $0 == "." }) }
            if let c = number("central"), let lo = number("lowest"), let hi = number("highest") {
                #expect(lo <= c && c <= hi, "\(f)")
            }
        }
        let summary = try #require(report["summary"] as? [String]).joined(separator: " ")
        #expect(summary.contains("synthetic populations"))
        // The three-draw page is as safe to publish as the single one.
        Self.visitCounts(report, path: "") { path, value in #expect(!(1..<5).contains(value), "\(path) = \(value)") }
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

    /// Every shipped scenario with estate changes, assessed as shipped (86,267 people): the published
    /// files hold no identifier and no count below the threshold, and both plans keep every rule.
    @Test(arguments: ["rerole-fosse-way", "close-bedford", "new-womens-prison-wales"])
    func everyShippedAssessmentIsSafeToPublish(_ name: String) throws {
        let folder = try CLI.temporaryDirectory("shipped-\(name)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        // One draw and no week-by-week simulation, to keep the suite short: both are checked on the sample above.
        let result = try CLI.run(["assess", "Scenarios/\(name).yaml", "--out", out.path, "--draws", "1", "--phasing-weeks", "0"])
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
