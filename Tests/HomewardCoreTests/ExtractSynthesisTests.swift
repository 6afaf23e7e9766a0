import Foundation
import HomewardCore
import Testing

/// `homeward extract synth` writes what the loader reads back (same people, same constraints), and
/// `homeward extract pseudonymise` turns prison numbers into HMAC pids and drops identifier columns.
@Suite("Extract synthesis and pseudonymisation")
struct ExtractSynthesisTests {
    static let estateFiles = [
        "establishments.csv", "uk-regions.csv", "population-calibration.yaml", "postcode-districts.csv",
        ExtractCodes.alertFile, ExtractCodes.categoryFile, ExtractCodes.statusFile, "extract-calibration.yaml",
    ]

    /// The shipped Estate files, in memory under `/m/Estate/`.
    static func shippedEstate() throws -> [String: String] {
        var files: [String: String] = [:]
        for name in estateFiles { files["/m/Estate/" + name] = try Repository.text("Estate/" + name) }
        return files
    }

    static func synthesise(size: Int, seed: UInt64, files: [String: String]) throws -> (Population, ExtractFolder) {
        let estate = try EstateLoader.load(files["/m/Estate/establishments.csv"]!, file: "establishments.csv")
        let geography = try GeographyLoader.load(files["/m/Estate/uk-regions.csv"]!, file: "uk-regions.csv")
        let calibration = try CalibrationLoader.load(files["/m/Estate/population-calibration.yaml"]!, file: "calibration")
        let postcodes = try PostcodeDistrictLoader.load(files["/m/Estate/postcode-districts.csv"]!, file: "postcodes")
        let prevalence = try ExtractPrevalence.load(files["/m/Estate/extract-calibration.yaml"]!, file: "extract-calibration.yaml")
        let (population, _) = PopulationSynthesizer(estate: estate, geography: geography, calibration: calibration)
            .generate(size: size, seed: seed)
        let folder = ExtractSynthesizer(estate: estate, geography: geography, postcodes: postcodes, prevalence: prevalence)
            .extract(population, seed: seed)
        return (population, folder)
    }

    static let scenario = """
        name: Extract round trip
        question: Does the synthetic extract load back?
        estate: ../Estate/establishments.csv
        population: {extract: sample}

        """

    @Test func theSyntheticExtractRoundTripsThroughTheLoader() throws {
        var files = try Self.shippedEstate()
        let (original, folder) = try Self.synthesise(size: 1_500, seed: 7, files: files)
        for (name, text) in folder.files() { files["/m/Scenarios/sample/" + name] = text }
        files["/m/Scenarios/roundtrip.yaml"] = Self.scenario
        let instance = try InstanceLoader(source: MemoryFiles(files)).load(scenario: "/m/Scenarios/roundtrip.yaml")
        let loaded = instance.population
        #expect(instance.synthetic, "the manifest says synthetic: true, so reports say the population is synthetic")
        #expect(loaded.count == original.count)

        let byPid = Dictionary(uniqueKeysWithValues: loaded.prisoners.map { ($0.id.rawValue, $0) })
        for person in original.prisoners {
            let back = try #require(byPid[ExtractSynthesizer.pid(person.id, seed: 7)])
            #expect(back.sex == person.sex && back.category == person.category && back.legalStatus == person.legalStatus)
            #expect(ExtractFormat.ageBand(of: back.age) == ExtractFormat.ageBand(of: person.age))
            #expect(back.current == person.current && back.home == person.home)
            #expect(back.daysToRelease == person.daysToRelease)
            #expect(back.cohorts == person.cohorts, "cohorts of \(person.id)")
        }

        let week = loaded.week
        #expect(week.nonAssociations.map { [$0.a.rawValue, $0.b.rawValue, $0.restriction.rawValue, $0.reason.rawValue, $0.isOpen ? "true" : "false"] }
            == folder.nonAssociations)
        #expect(week.locks.map { [$0.person.rawValue, $0.prison.rawValue, $0.reason] } == folder.locks)
        #expect(week.holds.filter { $0.origin == "holds.csv" }.map { [$0.person.rawValue, $0.kind.rawValue, $0.until ?? ""] } == folder.holds)
        #expect(!week.nonAssociations.isEmpty && !week.locks.isEmpty && !week.placeNeeds.isEmpty)
        #expect(week.holds.contains { $0.origin.hasPrefix("alert ") } && week.holds.contains { $0.kind == .court })
        let highCSRA = folder.persons.filter { $0.last == "HIGH" }.map { PersonID($0[0]) }
        #expect(highCSRA.allSatisfy { week.placeNeeds[$0]?.contains(.singleCell) == true })
    }

    @Test func theSameSeedGivesTheSameFolderAndAnotherSeedAnother() throws {
        let files = try Self.shippedEstate()
        let a = try Self.synthesise(size: 400, seed: 3, files: files).1
        let b = try Self.synthesise(size: 400, seed: 3, files: files).1
        let c = try Self.synthesise(size: 400, seed: 4, files: files).1
        #expect(a == b)
        #expect(a != c)
        #expect(a.persons.allSatisfy { !ExtractFormat.looksLikePrisonNumber($0[0]) && $0[0].count == 16 })
    }

    @Test func hmacMatchesTheRFC4231Vector() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        let mac = Pseudonymiser(key: Array("Jefe".utf8)).hmacHex("what do ya want for nothing?")
        #expect(mac == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Pseudonymiser(key: Array("Jefe".utf8)).pid("  what do ya want for nothing?") != String(mac.prefix(16)),
                "prison numbers are upper-cased before hashing")
        #expect(Pseudonymiser(key: Array("Jefe".utf8)).pid("A1234BC") == String(Pseudonymiser(key: Array("Jefe".utf8)).hmacHex("A1234BC").prefix(16)))
    }

    @Test func pseudonymisingDropsIdentifiersAndTheResultLoads() throws {
        let numbers = ["a1b2c3d4e5f60718": "A1234BC", "b2c3d4e5f6071829": "B2345CD", "c3d4e5f607182930": "C3456DE",
                       "d4e5f60718293041": "D4567EF"]
        var raw: [String: String] = [:]
        for (name, text) in ExtractLoaderTests.good {
            var changed = text
            for (pid, number) in numbers { changed = changed.replacingOccurrences(of: pid, with: number) }
            raw[name] = changed
        }
        raw["manifest.yaml"] = "snapshot_date: 2026-12-07\nsource: NOMIS weekly\n"
        raw["persons.csv"] = raw["persons.csv"]!
            .replacingOccurrences(of: "pid,current_prison", with: "prisoner_number,first_name,date_of_birth,current_prison")
            .replacingOccurrences(of: "BC,", with: "BC,John,1990-01-01,").replacingOccurrences(of: "CD,", with: "CD,Ann,1990-01-01,")
            .replacingOccurrences(of: "DE,", with: "DE,Bob,1970-01-01,").replacingOccurrences(of: "EF,", with: "EF,Sue,1999-01-01,")
        raw["non_associations.csv"] = raw["non_associations.csv"]!.replacingOccurrences(of: "pid_a,pid_b", with: "firstPrisonerNumber,secondPrisonerNumber")
        let pseudonymiser = Pseudonymiser(key: Array("a key kept inside HMPPS, 32 bytes".utf8))
        let output = try pseudonymiser.pseudonymise(raw, directory: "in")
        let text = output.map(\.text).joined(separator: "\n")
        for number in numbers.values { #expect(!text.contains(number)) }
        for word in ["John", "1990-01-01", "first_name", "date_of_birth", "prisoner_number"] { #expect(!text.contains(word)) }
        #expect(text.contains(pseudonymiser.pid("A1234BC")))
        #expect(output.first { $0.name == "manifest.yaml" }?.text.contains("pseudonymised: true") == true)

        var loaded: [String: String] = [:]
        for (name, text) in output { loaded["x/" + name] = text }
        let population = try ExtractLoader.load(directory: "x", source: MemoryFiles(loaded), context: try ExtractLoaderTests.context()).population
        #expect(population.count == 4)
        #expect(population.week.nonAssociations.first?.a == PersonID(pseudonymiser.pid("A1234BC")))
        #expect(population.week.locks.count == 1)
    }

    @Test func pseudonymisingNeedsThePrisonNumberColumn() {
        var raw = ExtractLoaderTests.good
        raw["holds.csv"] = "hold,until\nCOURT,2026-12-10\n"
        #expect(throws: InputErrors.self) { try Pseudonymiser(key: Array("0123456789abcdef".utf8)).pseudonymise(raw, directory: "in") }
    }
}
