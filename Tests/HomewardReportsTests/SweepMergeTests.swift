import Foundation
import HomewardCore
import HomewardReports
import Testing

/// Merging a sweep's shards gives the single run's report, byte for byte, and refuses shards that do not belong
/// together, naming the shard and the field.
@Suite("Sweep shards merge into the single run's report")
struct SweepMergeTests {
    static let geography = Geography(authorities: [
        LocalAuthority(code: LADCode("E08000003"), name: "Manchester", regionCode: "E12000002", region: "North West",
                       country: "England", population: 550_000, latitude: 53.48, longitude: -2.24),
        LocalAuthority(code: LADCode("W06000015"), name: "Cardiff", regionCode: "W92000004", region: "Wales",
                       country: "Wales", population: 370_000, latitude: 51.48, longitude: -3.18),
        LocalAuthority(code: LADCode("E09000033"), name: "Westminster", regionCode: "E12000007", region: "London",
                       country: "England", population: 205_000, latitude: 51.50, longitude: -0.14),
    ])

    /// Five prisons of 8 places near three home areas and 30 people: ten pairs of closures, some of which
    /// leave people without a place.
    static func sweep(_ change: Sweep.Change = .closePairs, among: Set<PrisonCode>? = nil) throws -> Sweep {
        let establishments = (0..<5).map { p in
            let a = geography.authorities[p % 3]
            return Establishment(code: PrisonCode("P\(p)"), name: "HMP P\(p)", sex: .male, ageGroup: .mixed, categories: [.b, .c],
                                 functions: [.reception, .training], operationalCapacity: 8, cna: 7,
                                 latitude: a.latitude + 0.02 * Double(p), longitude: a.longitude, region: a.region)
        }
        let people = (0..<30).map { i in
            Prisoner(id: PersonID(String(format: "X%02d", i)), sex: .male, age: 30, home: geography.authorities[i % 3].code,
                     legalStatus: .sentenced, category: i % 4 == 0 ? .b : .c, sentenceDays: 1000, daysToRelease: 100 + 10 * i,
                     current: PrisonCode("P\(i % 5)"), cohorts: [], needs: [])
        }
        let estate = Estate(establishments: establishments)
        return try Sweep(change: change, estate: estate, geography: geography, population: Population(prisoners: people),
                         policy: .standard,
                         distances: DistanceTable(geography: geography, estate: estate, circuityFactor: Policy.standard.circuityFactor),
                         among: among)
    }

    static let inputs = [InputFile(role: "estate", path: "estate.csv", sha256: String(repeating: "a", count: 64)),
                         InputFile(role: "scenario", path: "s.yaml", sha256: String(repeating: "b", count: 64))]
    static let definition = SweepShardFile.Definition(change: "close-pairs", among: nil, limit: nil, coldStart: false, timing: false)

    /// Every shard of `count`, as `shard.json` text in a folder named after it.
    static func shards(_ sweep: Sweep, count: Int, definition: SweepShardFile.Definition = definition) throws -> [SweepMerge.Given] {
        try (1...count).map { k in
            let shard = try Sweep.Shard(number: k, count: count)
            let sliced = sweep.sharded(shard)
            let (outcomes, error) = sliced.runAll(threads: 1)
            #expect(error == nil)
            let file = SweepShardFile(shard: shard, definition: definition, inputs: inputs, sweep: sliced, outcomes: outcomes,
                                      scenarioName: "Test", synthetic: true, threads: 1, seconds: definition.timing ? 1.5 : nil)
            return SweepMerge.Given(folder: "out/shard-\(k)", text: file.text())
        }
    }

    static func files(_ r: SweepReport) -> [String] {
        let timing = r.seconds != nil
        let document = r.document()
        return [r.csv(timing: timing), r.json(timing: timing).text(), document.markdown(), document.html()]
    }

    @Test(arguments: [1, 2, 3, 4, 10, 13])
    func theMergeOfNShardsIsTheSingleRun(count: Int) throws {
        let sweep = try Self.sweep()
        try #require(sweep.cases.count == 10)
        let (outcomes, error) = sweep.runAll(threads: 2)
        #expect(error == nil)
        let whole = SweepReport(sweep: sweep, outcomes: outcomes, scenarioName: "Test", synthetic: true, threads: 2, seconds: nil)
        // The files differ when anything in them does: the ranking depends on the outcomes.
        #expect(whole.rows.contains { $0.changeUnplaced > 0 })
        let merged = try SweepMerge.merge(try Self.shards(sweep, count: count).reversed())
        #expect(Self.files(merged) == Self.files(whole))
    }

    @Test func timingsAreTheShardsAddedUp() throws {
        let timed = SweepShardFile.Definition(change: "close-pairs", among: nil, limit: nil, coldStart: false, timing: true)
        let merged = try SweepMerge.merge(try Self.shards(try Self.sweep(), count: 3, definition: timed))
        #expect(merged.seconds == 4.5)
        #expect(merged.json().text().contains("\"seconds\": 4.500"))
    }

    /// A sweep limited to some establishments says which, in its subtitle and its JSON.
    @Test func aSweepAmongNamedEstablishmentsSaysWhich() throws {
        let sweep = try Self.sweep(among: [PrisonCode("P4"), PrisonCode("P0"), PrisonCode("P2")])
        #expect(sweep.cases.map(\.code) == ["P0+P2", "P0+P4", "P2+P4"])
        let (outcomes, _) = sweep.runAll(threads: 1)
        let report = SweepReport(sweep: sweep, outcomes: outcomes, scenarioName: "Test", synthetic: true, threads: 1, seconds: nil)
        #expect(report.document().markdown().contains("Test: each pair of establishments among P0, P2 and P4 in turn, with the same 30 people"))
        #expect(report.json(timing: false).text().contains("\"among\": [\"P0\", \"P2\", \"P4\"]"))
        let single = try Self.sweep(.close, among: [PrisonCode("P1")])
        let one = SweepReport(sweep: single, outcomes: single.runAll(threads: 1).outcomes, scenarioName: "Test", synthetic: true,
                              threads: 1, seconds: nil)
        #expect(one.document().markdown().contains("Test: each of P1 in turn"))
        #expect(one.rows.map(\.code) == ["P1"])
    }

    /// A shard's file reads back as it was written, numbers and all.
    @Test func aShardFileReadsBackExactly() throws {
        let given = try Self.shards(try Self.sweep(), count: 2)[1]
        let file = try SweepShardFile.read(given.text, file: given.file)
        #expect(file.text() == given.text)
        #expect(file.ran == [1, 3, 5, 7, 9])
        #expect(file.definitionHash == Self.definition.sha256)
    }

    /// A figure that is not finite (a mean over nobody placed) is written and read back, not a crash.
    @Test func aShardWithAFigureOverNobodyReadsBack() throws {
        let given = try Self.shards(try Self.sweep(), count: 2)[0]
        var file = try SweepShardFile.read(given.text, file: given.file)
        file.outcomes[0].meanMiles = .nan
        file.outcomes[0].within50 = .infinity
        let text = file.text()
        #expect(text.contains("\"nan\""))
        let back = try SweepShardFile.read(text, file: given.file)
        #expect(back.outcomes[0].meanMiles.isNaN)
        #expect(back.outcomes[0].within50 == .infinity)
        #expect(back.text() == text)
    }

    enum Fault: String, CaseIterable {
        case missing, missingTwo, duplicate, otherCount, otherInput, otherDefinition, alteredDefinition, wrongSlice, notJSON, notAShard
    }

    /// The expected messages name the shard's file, the field and the fault.
    @Test(arguments: Fault.allCases)
    func shardsThatDoNotBelongTogetherAreRefused(fault: Fault) throws {
        let sweep = try Self.sweep()
        var given = try Self.shards(sweep, count: 3)
        func edit(_ k: Int, _ change: (inout SweepShardFile) -> Void) throws {
            var file = try SweepShardFile.read(given[k].text, file: given[k].file)
            change(&file)
            given[k].text = file.text()
        }
        let expected: String
        switch fault {
        case .missing:
            given.remove(at: 1)
            expected = "out/shard-1/shard.json: shards: this is shard 1 of 3, but shard 2 of 3 was not given; give the folder of every shard from 1/3 to 3/3 once"
        case .missingTwo:
            given = [given[1]]
            expected = "out/shard-2/shard.json: shards: this is shard 2 of 3, but shards 1 and 3 of 3 were not given; give the folder of every shard from 1/3 to 3/3 once"
        case .duplicate:
            given.append(SweepMerge.Given(folder: "copy", text: given[0].text))
            expected = "copy/shard.json: shard: 'shard 1 of 3, also given as out/shard-1/shard.json' appears more than once"
        case .otherCount:
            given.append(try Self.shards(sweep, count: 4)[3])
            expected = "out/shard-4/shard.json: shards: this is shard 4 of 4, but out/shard-1/shard.json is shard 1 of 3; every shard must come from the same --shard K/N"
        case .otherInput:
            try edit(2) { $0.inputs[0] = .init(role: "estate", path: "other.csv", sha256: String(repeating: "c", count: 64)) }
            expected = "out/shard-3/shard.json: inputs.estate: other.csv has SHA-256 cccccccccccc…, but out/shard-1/shard.json read estate.csv with SHA-256 aaaaaaaaaaaa…; shards must be run on the same inputs"
        case .otherDefinition:
            try edit(1) { $0.definition.coldStart = true; $0.definitionHash = $0.definition.sha256 }
            expected = "out/shard-2/shard.json: definition: this shard ran --change close-pairs --cold-start --omit-timing, but out/shard-1/shard.json ran --change close-pairs --omit-timing"
        case .alteredDefinition:
            try edit(1) { $0.definition.limit = 4 }
            expected = "out/shard-2/shard.json: definition_hash: \(Self.definition.sha256) is not the SHA-256 of the definition beside it (\(limitedHash())); the file was altered"
        case .wrongSlice:
            try edit(0) { $0.outcomes.removeLast() }
            expected = "out/shard-1/shard.json: outcomes: shard 1 of 3 should hold the outcomes of 4 scenarios (scenarios 1, 4, 7 and 10), but it ran scenarios 1, 4, 7 and 10 and holds scenarios 1, 4 and 7"
        case .notJSON:
            given[2].text = "shard: 3"
            expected = "out/shard-3/shard.json: 'its text' is not JSON (hint: is it the shard.json of `homeward sweep --shard K/N`?)"
        case .notAShard:
            given[2].text = "{\"format\": 1}"
            expected = "out/shard-3/shard.json: shard: is missing (hint: is it the shard.json of `homeward sweep --shard K/N`?)"
        }
        do throws(InputErrors) {
            _ = try SweepMerge.merge(given)
            Issue.record("\(fault) was merged")
        } catch {
            #expect(error.errors.map(\.description).contains(expected), "\(error.description)")
        }
    }

    private func limitedHash() -> String {
        SweepShardFile.Definition(change: "close-pairs", among: nil, limit: 4, coldStart: false, timing: false).sha256
    }
}
