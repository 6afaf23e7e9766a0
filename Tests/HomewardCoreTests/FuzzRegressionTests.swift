import Foundation
import HomewardCore
import Testing

/// Inputs the fuzzer (Fuzz/, `make fuzz`) found that crashed Homeward or broke a promise,
/// kept as regression tests; and the fuzz corpus replayed through the loaders.
@Suite("Fuzz findings")
struct FuzzRegressionTests {
    static let estateHeader = "code,name,operator,sex,age_group,categories,function,operational_capacity,cna,latitude,longitude,postcode,region,source,cohort_only,interventions"

    /// Finding 1 (libFuzzer, generated target): an establishment code in full-width digits (`５`)
    /// passed `isUppercase || isNumber`, so the estate loaded, but the LP's column names then
    /// held a non-ASCII character and `allocate --solver glpk` failed with "invalid model".
    @Test(arguments: ["５", "Ａ１", "١٢", "ÉCO", "G 1", "abc", "TOOLONGCODE"])
    func establishmentCodesAreAsciiCapitalsAndDigits(code: String) {
        let text = "\(Self.estateHeader)\n\(code),Site 1,public,male,adult,B,reception,4,4,54.99,-1.22,AB1 2CD,North East,FUZZ,,\n"
        do {
            _ = try EstateLoader.load(text, file: "estate.csv")
            Issue.record("accepted the code \(code)")
        } catch {
            #expect(error.errors.map(\.description) == [
                "estate.csv:2: code: '\(code)' is not an agency code of up to 8 capital letters or digits (hint: ASCII A-Z and 0-9 only, e.g. BFI)",
            ])
        }
    }

    @Test func aNewBuildsCodeIsAsciiToo() {
        let text = """
            name: X
            question: Q
            estate: e.csv
            population: {file: p.csv}
            changes:
              - open: {code: "ＮＥＷ", name: New, location: {lad: W06000015}, sex: male, age_group: adult, categories: C, function: training, operational_capacity: 10, cna: 10}

            """
        #expect(throws: InputErrors.self) { try ScenarioLoader.load(text, file: "s.yaml") }
    }

    /// Finding 2 (by hand, then in the dictionary): an interventions field that is only ":"
    /// split into no pieces, and `pieces[0]` trapped: `homeward estate validate` crashed.
    /// "horizon:" silently meant "no limit on places"; a huge number of places overflowed nothing
    /// yet but is refused like any other capacity above 20,000.
    @Test func interventionFieldsThatAreOnlyPunctuationAreRefused() {
        let rows = [
            ("horizon;:", "estate.csv:2: interventions: '' is not a programme name in lower case letters, digits and '_' (hint: write name or name:places, separated by ';', e.g. horizon:40;building_choices)"),
            (":5", "estate.csv:2: interventions: '' is not a programme name in lower case letters, digits and '_' (hint: write name or name:places, separated by ';', e.g. horizon:40;building_choices)"),
            ("horizon:", "estate.csv:2: interventions: '' is not a number of places (0 to 20000) (hint: write name:places, e.g. horizon:40)"),
            ("horizon:99999999999999999999", "estate.csv:2: interventions: '99999999999999999999' is not a number of places (0 to 20000) (hint: write name:places, e.g. horizon:40)"),
            ("horizon:1:2", "estate.csv:2: interventions: '1:2' is not a number of places (0 to 20000) (hint: write name:places, e.g. horizon:40)"),
        ]
        for (field, message) in rows {
            let text = "\(Self.estateHeader)\nAAA,Site 1,public,male,adult,B,reception,4,4,54.99,-1.22,AB1 2CD,North East,FUZZ,,\(field)\n"
            do {
                _ = try EstateLoader.load(text, file: "estate.csv")
                Issue.record("accepted interventions '\(field)'")
            } catch {
                #expect(error.errors.map(\.description) == [message], "\(field)")
            }
        }
        let scenario = """
            name: X
            question: Q
            estate: e.csv
            population: {file: p.csv}
            changes:
              - rerole: {establishment: AAA, interventions: ":"}

            """
        #expect(throws: InputErrors.self) { try ScenarioLoader.load(scenario, file: "s.yaml") }
    }

    /// Finding 3 (libFuzzer, calibration target, after about 36,000 inputs; then by hand): calibrations that
    /// `CalibrationLoader` accepted but on which `PopulationSynthesizer` trapped (`homeward population synth`
    /// crashed with "Range requires lowerBound <= upperBound" or "Index out of range"), or with which it wrote
    /// people with more days to release than their sentence, whom `PopulationLoader` then refuses.
    static let badCalibrations: [(label: String, from: String, to: String)] = [
        ("an age band with min above max", "{min: 25, max: 29,", "{min: 95, max: 29,"),
        ("a zero-day fixed-term recall", "fixed_term_days:\n    value: 56", "fixed_term_days:\n    value: 0"),
        ("a custodial fraction above 1", "under_four_years:\n    value: 0.", "under_four_years:\n    value: 3."),
        ("a share above 1", "female_share:\n    value: 0.", "female_share:\n    value: 4"),
    ]

    @Test func calibrationsTheSynthesiserCannotUseAreRefused() throws {
        let text = try Repository.text("Estate/population-calibration.yaml")
        for bad in Self.badCalibrations {
            try #require(text.contains(bad.from), "the shipped calibration changed: update '\(bad.label)'")
            let changed = text.replacingOccurrences(of: bad.from, with: bad.to)
            #expect(throws: InputErrors.self, "\(bad.label)") { try CalibrationLoader.load(changed, file: "c.yaml") }
        }
        // An empty list of women's determinate bands (drawBand indexed an empty array).
        let start = try #require(text.range(of: "  female:\n    - {min_days: 14,"))
        let end = try #require(text.range(of: "  sexual_offence:", range: start.upperBound..<text.endIndex))
        let emptyBands = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "  female: []\n")
        #expect(throws: InputErrors.self, "an empty band list") { try CalibrationLoader.load(emptyBands, file: "c.yaml") }
    }

    /// Every file of the fuzz corpus (Fuzz/corpus: the first byte names the loader) is loaded or
    /// refused with located problems, never a crash.
    @Test func theFuzzCorpusLoadsOrIsRefusedCleanly() throws {
        let folder = Repository.root + "/Fuzz/corpus"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.count >= 20)
        let geography = try GeographyLoader.load(
            "lad_code,lad_name,region_code,region_name,country,population_mid2023,latitude,longitude\nE08000003,Manchester,E12000002,North West,England,579917,53.4701,-2.23359\n",
            file: "g.csv")
        let estate = try EstateLoader.load("\(Self.estateHeader)\nBBB,HMP Beta,public,male,mixed,B,reception,5,4,53.48,-2.25,M1 1AA,North West,FUZZ,,horizon\n",
                                           file: "e.csv")
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            guard let first = data.first else { continue }
            let text = String(decoding: data.dropFirst(), as: UTF8.self)
            let file = name
            do {
                switch UnicodeScalar(first) {
                case "C": _ = try CSVTable(parsing: text, file: file)
                case "E": _ = try EstateLoader.load(text, file: file)
                case "P": _ = try PopulationLoader.load(text, file: file, geography: geography, estate: estate)
                case "G": _ = try GeographyLoader.load(text, file: file)
                case "Z": _ = try PostcodeDistrictLoader.load(text, file: file)
                case "O": _ = try OutlineLoader.load(text, file: file)
                case "D": _ = try DistanceMatrixLoader.load(text, file: file, geography: geography, estate: estate)
                case "Y": _ = try PolicyLoader.load(text, file: file)
                case "S": _ = try ScenarioLoader.load(text, file: file)
                case "K": _ = try CalibrationLoader.load(text, file: file)
                case "X": _ = try CSVTable(parsing: text, file: file)
                default: continue // model and generator inputs need the harness (make fuzz)
                }
            } catch {
                #expect(!error.errors.isEmpty, "\(name)")
                #expect(error.errors.allSatisfy { $0.file == file }, "\(name)")
            }
        }
    }
}
