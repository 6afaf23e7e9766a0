import Foundation
import HomewardCore
import Testing

/// Bad input gets a clear error naming the file, the line and the field; every problem is reported.
@Suite("Loaders")
struct LoaderTests {
    static let estateHeader = "code,name,operator,sex,age_group,categories,function,operational_capacity,cna,latitude,longitude,postcode,region,source"
    static let goodRow = "AAA,HMP Alpha,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST"

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var text: String
        var messages: [String]
        var testDescription: String { label }
    }

    static let estateCases: [Case] = [
        Case(label: "negative capacity", text: "\(estateHeader)\nAAA,HMP Alpha,public,male,adult,C,training,-5,480,53.48,-2.24,M1 1AA,North West,TEST\n",
             messages: ["estate.csv:2: operational_capacity: -5 is out of range; allowed: 0 to 20000"]),
        Case(label: "unknown category", text: "\(estateHeader)\nAAA,HMP Alpha,public,male,adult,E,training,500,480,53.48,-2.24,M1 1AA,North West,TEST\n",
             messages: ["estate.csv:2: categories: unknown value 'E'; expected one of: A, B, C, D, women-closed, women-open, children-closed (hint: separate several values with ';')"]),
        Case(label: "coordinates outside Great Britain", text: "\(estateHeader)\nAAA,HMP Alpha,public,male,adult,C,training,500,480,48.1,-2.24,M1 1AA,North West,TEST\n",
             messages: ["estate.csv:2: latitude: 48.1 is out of range; allowed: 49.8 to 61.0 (hint: coordinates must be WGS84 degrees inside Great Britain (latitude, longitude: e.g. 51.5, -0.12))"]),
        Case(label: "wrong number of fields", text: "\(estateHeader)\nAAA,HMP Alpha,public,male\n",
             messages: ["estate.csv:2: has 4 fields; the header has 14 (hint: a comma inside a value must be quoted)"]),
        Case(label: "missing column", text: "code,name\nAAA,Alpha\n",
             messages: ["estate.csv:1: columns operator, sex, age_group, categories, function, operational_capacity, cna, latitude, longitude, postcode, region, source are missing (hint: the header must name every column: code,name,operator,sex,age_group,categories,function,operational_capacity,cna,latitude,longitude,postcode,region,source)"]),
        Case(label: "unterminated quote", text: "\(estateHeader)\nAAA,\"HMP Alpha,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST\n",
             messages: ["estate.csv:2: 'a quoted field' is not closed before the end of the file (hint: add the closing double quote)"]),
        Case(label: "duplicate code", text: "\(estateHeader)\n\(goodRow)\n\(goodRow)\n",
             messages: ["estate.csv:3: code: 'AAA' appears more than once (hint: also on line 2)"]),
        Case(label: "men's prison with women's category", text: "\(estateHeader)\nAAA,HMP Alpha,public,male,adult,women-closed,training,500,480,53.48,-2.24,M1 1AA,North West,TEST\n",
             messages: ["estate.csv:2: categories: a men's establishment lists categories women-closed (hint: use A, B, C or D)"]),
        Case(label: "empty file", text: "", messages: ["estate.csv: is empty (hint: the file needs a header row)"]),
        Case(label: "misspelt resettlement region",
             text: "\(estateHeader),resettlement_region\n\(goodRow),North West\nBBB,HMP Beta,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,Wales,TEST,North-West\n",
             messages: ["estate.csv:3: resettlement_region: unknown value 'North-West'; expected one of: North West, Wales (hint: use a region named in the region column, or leave it empty for a national resource)"]),
    ]

    @Test(arguments: estateCases)
    func badEstateFilesAreRefusedWithTheLineAndField(_ testCase: Case) {
        do {
            _ = try EstateLoader.load(testCase.text, file: "estate.csv")
            Issue.record("accepted a bad estate")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    @Test func csvFieldsAreQuotedWhenTheyHoldASeparatorQuoteOrLineBreak() {
        #expect(csvField("plain words; no comma") == "plain words; no comma")
        #expect(csvField("a,b") == "\"a,b\"")
        #expect(csvField("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(csvField("line\nbreak") == "\"line\nbreak\"")
        // "\r\n" is a single Character in Swift, equal to neither "\r" nor "\n": it must still be quoted.
        #expect(csvField("windows\r\nline") == "\"windows\r\nline\"")
        #expect(csvField("lone\rreturn") == "\"lone\rreturn\"")
    }

    @Test func everyBadRowIsReportedNotJustTheFirst() {
        let text = """
            \(Self.estateHeader)
            AAA,HMP Alpha,public,male,adult,C,training,-5,480,53.48,-2.24,M1 1AA,North West,TEST
            BBB,HMP Beta,public,robot,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST
            CCC,HMP Gamma,public,male,adult,C,training,500,abc,53.48,-2.24,M1 1AA,North West,TEST

            """
        do {
            _ = try EstateLoader.load(text, file: "estate.csv")
            Issue.record("accepted a bad estate")
        } catch {
            #expect(error.errors.map(\.line) == [2, 3, 4])
            #expect(error.errors.map(\.field) == ["operational_capacity", "sex", "cna"])
        }
    }

    @Test func theShippedEstateLoadsWithTheDocumentedTotals() throws {
        let estate = try EstateLoader.load(try Repository.text("Estate/establishments.csv"), file: "establishments.csv")
        #expect(estate.count == 126)
        let inScope = estate.establishments.filter(\.isInScope)
        #expect(inScope.count == 121)
        #expect(estate.establishments.map(\.operationalCapacity).reduce(0, +) == 90_535)
        #expect(estate.establishments.map(\.cna).reduce(0, +) == 85_708)
        #expect(inScope.allSatisfy { !$0.categories.isEmpty && !$0.functions.isEmpty })
        #expect(estate.establishments.filter { $0.sex == .female && $0.isInScope }.count == 12)
        #expect(!estate.establishments.contains { $0.sex == .female && $0.region == "Wales" })
    }

    /// Section 1c of Estate/SOURCES.md: functions from the July 2023 register, and the
    /// expected resettlement region where the register names one.
    @Test func theShippedEstateCarriesThe2023FunctionsAndResettlementRegions() throws {
        let estate = try EstateLoader.load(try Repository.text("Estate/establishments.csv"), file: "establishments.csv")
        func at(_ code: String) -> Establishment { estate.establishments.first { $0.code == PrisonCode(code) }! }
        #expect(estate.establishments.filter { $0.resettlementRegion != nil }.count == 75)
        let regions = Set(estate.establishments.map(\.region))
        #expect(estate.establishments.allSatisfy { $0.resettlementRegion.map(regions.contains) ?? true })
        // "Local" in 2016, "Trainer & Resettlement" in 2023.
        #expect(at("HOI").functions == [.training, .resettlement])
        #expect(at("HOI").resettlementRegion == "London")
        // A women's local that holds every stage, up to life sentences.
        #expect(at("LNI").functions == [.reception, .training, .resettlement])
        // National resources have no expected region; open prisons stay open.
        #expect(at("FKI").resettlementRegion == nil)
        #expect(at("HVI").functions == [.open])
        // The children's sites are unchanged.
        #expect(estate.establishments.filter { $0.functions.contains(.children) }.map(\.code.rawValue)
                == ["CKI", "FYI", "PYI", "WNI", "WYI"])
    }

    @Test func anEstateWrittenAndReadBackKeepsItsResettlementRegions() throws {
        let estate = try EstateLoader.load(try Repository.text("Estate/establishments.csv"), file: "establishments.csv")
        let again = try EstateLoader.load(EstateLoader.write(estate), file: "written.csv")
        #expect(again.establishments.map(\.resettlementRegion) == estate.establishments.map(\.resettlementRegion))
        #expect(again == estate)
    }

    static let geography = Fixture.geography
    static let estate = Estate(establishments: [Fixture.establishment("AAA", categories: [.c], functions: [.training], near: 0,
                                                                      interventions: [InterventionOffer(name: "horizon")])])
    static let populationHeader = "id,sex,age,home_lad,legal_status,category,sentence_days,days_to_release,current,cohorts,needs"

    static let populationCases: [Case] = [
        Case(label: "unknown LA code", text: "\(populationHeader)\nX1,male,30,E99999999,sentenced,C,700,300,AAA,,\n",
             messages: ["people.csv:2: home_lad: unknown value 'E99999999'; expected one of: a local authority district code in the geography file (hint: codes look like E08000025 or W06000015 (May 2024 boundaries))"]),
        Case(label: "unknown establishment", text: "\(populationHeader)\nX1,male,30,E08000003,sentenced,C,700,300,ZZZ,,\n",
             messages: ["people.csv:2: current: unknown value 'ZZZ'; expected one of: AAA (hint: leave empty for a new reception awaiting a place)"]),
        Case(label: "women's category for a man", text: "\(populationHeader)\nX1,male,30,E08000003,sentenced,open,700,300,AAA,,\n",
             messages: ["people.csv:2: category: category open is not used for men (hint: men: A, B, C or D; women: closed or open)"]),
        Case(label: "a child", text: "\(populationHeader)\nX1,male,16,E08000003,sentenced,C,700,300,AAA,,\n",
             messages: ["people.csv:2: age: 16 is out of range; allowed: 18 to 110",
                        "people.csv:2: age: children (under 18) are outside Homeward's scope (hint: allocate children through the Youth Custody Service)"]),
        Case(label: "unknown need", text: "\(populationHeader)\nX1,male,30,E08000003,sentenced,C,700,300,AAA,,kaizen\n",
             messages: ["people.csv:2: needs: unknown value 'kaizen'; expected one of: horizon (hint: needs must be programmes offered somewhere in the estate)"]),
        Case(label: "remand with a release date", text: "\(populationHeader)\nX1,male,30,E08000003,remand,B,,300,AAA,,\n",
             messages: ["people.csv:2: legal_status: a person on remand has a sentence or release date (hint: leave sentence_days and days_to_release empty for remand, or set legal_status to sentenced)"]),
        Case(label: "duplicate id", text: "\(populationHeader)\nX1,male,30,E08000003,sentenced,C,700,300,AAA,,\nX1,male,31,E08000003,sentenced,C,700,300,AAA,,\n",
             messages: ["people.csv:3: id: the same id is used on line 2 (hint: every person needs a unique id)"]),
        Case(label: "negative days", text: "\(populationHeader)\nX1,male,30,E08000003,sentenced,C,700,-3,AAA,,\n",
             messages: ["people.csv:2: days_to_release: -3 is out of range; allowed: 0 to 36600"]),
    ]

    @Test(arguments: populationCases)
    func badPopulationFilesAreRefusedWithTheLineAndField(_ testCase: Case) {
        do {
            _ = try PopulationLoader.load(testCase.text, file: "people.csv", geography: Self.geography, estate: Self.estate)
            Issue.record("accepted a bad population")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    @Test func populationErrorsNeverNameThePerson() {
        let text = "\(Self.populationHeader)\nSECRET-ID-123,male,30,E99999999,sentenced,C,700,300,ZZZ,,\nSECRET-ID-123,robot,30,E08000003,sentenced,C,700,300,AAA,,\n"
        do {
            _ = try PopulationLoader.load(text, file: "people.csv", geography: Self.geography, estate: Self.estate)
            Issue.record("accepted a bad population")
        } catch {
            #expect(error.errors.count == 4)
            #expect(!error.description.contains("SECRET-ID-123"))
        }
    }

    @Test func populationWrittenAndReadBackIsUnchanged() throws {
        let people = [
            Fixture.prisoner("A1", current: "AAA", cohorts: [.sexualOffence, .older], needs: ["horizon"]),
            Fixture.prisoner("A2", sex: .female, status: .remand, category: .closed),
        ]
        let population = Population(prisoners: people)
        let text = PopulationLoader.write(population)
        let estate = Estate(establishments: Self.estate.establishments + [Fixture.establishment("WMN", sex: .female, categories: [.womenClosed], near: 1)])
        #expect(try PopulationLoader.load(text, file: "p.csv", geography: Self.geography, estate: estate) == population)
    }
}

/// Files of the repository, for tests that check the shipped data.
enum Repository {
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }
}

/// Bad inputs tried by hand (see the reliability notes): each message names the file, line,
/// column or field, and says what to do.
@Suite("Loaders: hand-made bad inputs")
struct HandMadeBadInputTests {
    static func messages(_ load: () throws -> Void) -> [String] {
        do {
            try load()
            return []
        } catch let error as InputErrors {
            return error.errors.map(\.description)
        } catch {
            return ["not an InputErrors: \(error)"]
        }
    }

    @Test func aRepeatedYAMLKeyIsLocated() {
        #expect(Self.messages { _ = try PolicyLoader.load("weights:\n  move: 100\n  move: 200\n", file: "policy.yaml") } == [
            "policy.yaml:2:3: 'move' appears more than once (hint: a key may appear only once in a mapping (first here); delete or merge the repeat)",
        ])
    }

    @Test func aControlCharacterIsLocatedWithoutEchoingTheFile() {
        #expect(Self.messages { _ = try ScenarioLoader.load("name: Bad\u{1}input\nquestion: Q\n", file: "s.yaml") } == [
            "s.yaml:1:10: control characters are not allowed (U+0001) (hint: YAML files must be UTF-8 text without control characters other than tab and line breaks)",
        ])
    }

    @Test func tabIndentationAndUnclosedQuotesGetAHint() {
        #expect(Self.messages { _ = try PolicyLoader.load("weights:\n\tmove: 100\n", file: "policy.yaml") } == [
            "policy.yaml:2:1: 'found character that cannot start any token' is not valid YAML (hint: indent with spaces: YAML does not allow tabs for indentation)",
        ])
        #expect(Self.messages { _ = try ScenarioLoader.load("name: \"Bad input\nquestion: Q\n", file: "s.yaml") } == [
            "s.yaml:3:1: 'found unexpected end of stream' is not valid YAML (hint: the quoted text that starts on line 1, column 7 is not closed)",
        ])
    }

    @Test func aListOrNothingWhereAMappingBelongs() {
        #expect(Self.messages { _ = try ScenarioLoader.load("- name: x\n- question: y\n", file: "s.yaml") } == [
            "s.yaml:1:1: has the wrong type; expected a mapping of keys to values (hint: the top level must be 'key: value' lines, not a list or a single value)",
        ])
        #expect(Self.messages { _ = try ScenarioLoader.load("# nothing yet\n", file: "s.yaml") } == [
            "s.yaml: is empty (hint: a scenario needs at least name, question, estate and population)",
        ])
        #expect(Self.messages { _ = try PolicyLoader.load("", file: "policy.yaml") } == [
            "policy.yaml: is empty (hint: for the built-in defaults write {} or leave 'policy:' out of the scenario)",
        ])
    }

    @Test func aMistypedOrMisplacedPolicyKeySaysWhereItBelongs() {
        #expect(Self.messages { _ = try PolicyLoader.load("weights:\n  move_cost: 100\n", file: "policy.yaml") } == [
            "policy.yaml:2:3: weights.move_cost: unknown key 'move_cost'; allowed keys: family_distance_per_km, out_of_home_region, move, function_mismatch, over_security_per_step, unmet_intervention, crowding_above_cna, reception_reserve_per_person, open_category_held_closed, unplaced (hint: did you mean 'move'?)",
        ])
        #expect(Self.messages { _ = try PolicyLoader.load("move: 100\nresettlement_days: 84\n", file: "policy.yaml") } == [
            "policy.yaml:1:1: move: unknown key 'move'; allowed keys: weights, stages, rules, moves_limit, distance, reception_reserve, time_left, non_associations, arrivals_limit, departures_limit (hint: 'move' belongs under 'weights:', e.g. weights: {move: …})",
            "policy.yaml:2:1: resettlement_days: unknown key 'resettlement_days'; allowed keys: weights, stages, rules, moves_limit, distance, reception_reserve, time_left, non_associations, arrivals_limit, departures_limit (hint: 'resettlement_days' belongs under 'stages:', e.g. stages: {resettlement_days: …})",
        ])
    }

    @Test func aNewBuildOutsideGreatBritainGetsTheCoordinateHint() {
        let text = "name: X\nquestion: Q\nestate: e.csv\npopulation: {file: p.csv}\nchanges:\n  - open: {code: NEW, name: New, location: {latitude: 40.4, longitude: -3.7}, sex: male, age_group: adult, categories: C, function: training, operational_capacity: 100, cna: 100}\n"
        #expect(Self.messages { _ = try ScenarioLoader.load(text, file: "s.yaml") } == [
            "s.yaml:6:55: changes[1].open.location.latitude: 40.4 is out of range; allowed: 49.8 to 61 (hint: coordinates must be WGS84 degrees inside Great Britain (latitude, longitude: e.g. 51.5, -0.12))",
        ])
    }

    @Test func aQuotedWordInACSVFieldIsReportedOnce() {
        let text = "\(LoaderTests.estateHeader)\nAAA,HMP \"Alt\"course,public,male,adult,C,training,500,480,53.48,-2.24,M1 1AA,North West,TEST\n"
        #expect(Self.messages { _ = try EstateLoader.load(text, file: "estate.csv") } == [
            "estate.csv:2: 'a stray double quote' is not inside a quoted field (hint: quote the whole field and double any quote inside it)",
        ])
    }

    @Test func anOutOfMemorySizedPopulationIsRefusedUpFrontWithAnEstimate() {
        let text = "name: X\nquestion: Q\nestate: e.csv\npopulation:\n  synth: {size: 2000000000, seed: 1}\n"
        let messages = Self.messages { _ = try ScenarioLoader.load(text, file: "s.yaml") }
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix("s.yaml:5:17: population.synth.size: 2000000000 is out of range; allowed: 1 to ") == true)
        #expect(messages.first?.contains("(hint: 2,000,000,000 people would need about 3,815 GiB of memory to allocate; this machine has ") == true)
        #expect(messages.first?.hasSuffix("; Homeward takes at most 2,000,000 people)") == true)
        let float = Self.messages { _ = try ScenarioLoader.load(text.replacingOccurrences(of: "2000000000", with: "2e9"), file: "s.yaml") }
        #expect(float.first?.contains("2e9 is out of range") == true)
        #expect(float.first?.contains("would need about 3,815 GiB") == true)
    }

    @Test func memoryEstimatesSaturateAndNameTheMachine() {
        let sixteen: UInt64 = 16 << 30
        #expect(MemoryEstimate.refusal(people: 88_000, for: .allocation, memory: sixteen) == nil)
        #expect(MemoryEstimate.refusal(people: 1_000_000_000, for: .synthesis, memory: sixteen)
            == "1,000,000,000 people would need about 477 GiB of memory to synthesise; this machine has 16 GiB; Homeward takes at most 2,000,000 people")
        #expect(MemoryEstimate.refusal(people: 2_000_000, for: .allocation, memory: 4 << 30)
            == "2,000,000 people would need about 4 GiB of memory to allocate; this machine has 4 GiB")
        #expect(MemoryEstimate.bytes(people: Int.max, for: .allocation) == .max)
        #expect(MemoryEstimate.refusal(people: Int.max, for: .allocation, memory: sixteen)?.contains("more than 16 EiB") == true)
        // (768 MiB usable − 192 MiB fixed) / 2,048 bytes a person.
        #expect(MemoryEstimate.maxPeople(for: .allocation, memory: 1 << 30) == 294_912)
        #expect(MemoryEstimate.maxPeople(for: .synthesis, memory: 1 << 30) == 1_441_792)
        // Above the measured peaks in MemoryEstimate's documentation (MiB): an estimate below them would let
        // a run that does not fit start and be killed half way.
        for (people, work, measured) in [(88_000, MemoryEstimate.Work.allocation, 324), (400_000, .allocation, 819),
                                         (3_000, .allocation, 54), (500_000, .synthesis, 243)] {
            #expect(MemoryEstimate.bytes(people: people, for: work) > UInt64(measured) << 20, "\(people) \(work)")
        }
        #expect(MemoryEstimate.maxPeople(for: .allocation, memory: sixteen) == 2_000_000)
        #expect(Format.grouped(Int.min) == "-9,223,372,036,854,775,808")
    }
}
