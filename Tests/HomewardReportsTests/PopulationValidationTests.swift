import Foundation
import HomewardCore
@testable import HomewardReports
import Testing

/// `homeward population validate`: every figure is recomputed here from the people, without the
/// report's code, and the held-out figures are shown never to reach the synthesiser.
@Suite("Population validation")
struct PopulationValidationTests {
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }

    struct Inputs {
        var estate: Estate
        var geography: Geography
        var population: Population
        var published: [PublishedPopulation]
        var validation: PopulationValidation
    }

    static func inputs(size: Int = 6_000, seed: UInt64 = 5) throws -> Inputs {
        let estate = try EstateLoader.load(try text("Estate/establishments.csv"), file: "establishments.csv")
        let geography = try GeographyLoader.load(try text("Estate/uk-regions.csv"), file: "uk-regions.csv")
        let calibration = try CalibrationLoader.load(try text("Estate/population-calibration.yaml"), file: "calibration.yaml")
        let published = try PublishedPopulationLoader.load(try text("Estate/population-2026-07.csv"), file: "population-2026-07.csv",
                                                           estate: estate)
        let (population, _) = PopulationSynthesizer(estate: estate, geography: geography, calibration: calibration)
            .generate(size: size, seed: seed)
        let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: Policy.standard.circuityFactor)
        let validation = PopulationValidation(population: population, estate: estate, geography: geography,
                                              distances: distances, published: published, synthetic: true)
        return Inputs(estate: estate, geography: geography, population: population, published: published, validation: validation)
    }

    static func figure(_ v: PopulationValidation, _ id: String) -> PopulationValidation.Figure {
        v.figures.first { $0.id == id }!
    }

    @Test func thePublishedFileCoversTheWholeEstateOnceAndAddsUpToTheBulletinTotal() throws {
        let inputs = try Self.inputs(size: 10)
        #expect(inputs.published.count == 121)
        #expect(inputs.published.map(\.population).reduce(0, +) == 86_267)
        let codes = inputs.published.flatMap(\.codes)
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes) == Set(inputs.estate.establishments.map(\.code)))
    }

    @Test func everyEstablishmentCountAndTheErrorEqualARecount() throws {
        let inputs = try Self.inputs()
        let v = inputs.validation
        var counts: [PrisonCode: Int] = [:]
        for p in inputs.population.prisoners { if let c = p.current { counts[c, default: 0] += 1 } }
        let placed = inputs.population.prisoners.filter { $0.current != nil }.count
        let factor = 86_267.0 / Double(placed)
        var errors: [Double] = []
        for (row, published) in zip(v.establishments, inputs.published) {
            let count = published.codes.map { counts[$0] ?? 0 }.reduce(0, +)
            #expect(row.synthetic == count)
            #expect(row.published == published.population)
            #expect(abs(row.scaled - Double(count) * factor) < 1e-9)
            let isWomensOpen = published.codes == [PrisonCode("AGI")] || published.codes == [PrisonCode("ESI")]
            #expect(row.fitted == isWomensOpen)
            if !isWomensOpen { errors.append(abs(Double(count) * factor - Double(published.population))) }
        }
        #expect(errors.count == 119)
        #expect(abs(v.meanAbsoluteError - errors.reduce(0, +) / Double(errors.count)) < 1e-9)
        #expect(Self.figure(v, "establishment_population_mae").synthetic == v.meanAbsoluteError)

        // The capacity-only baseline, recomputed from the estate file's capacities.
        let capacities = zip(v.establishments, inputs.published).map { _, published in
            published.codes.map { code in inputs.estate.establishments.first { $0.code == code }!.operationalCapacity }.reduce(0, +)
        }
        let capacityFactor = 86_267.0 / Double(capacities.reduce(0, +))
        let baseline = zip(inputs.published, capacities).filter { !$0.0.codes.contains(PrisonCode("AGI")) && !$0.0.codes.contains(PrisonCode("ESI")) }
            .map { abs(Double($0.1) * capacityFactor - Double($0.0.population)) }
        #expect(abs(v.capacityBaselineError - baseline.reduce(0, +) / Double(baseline.count)) < 1e-9)
    }

    @Test func distanceWalesCategoryDAndReceptionFiguresEqualARecount() throws {
        let inputs = try Self.inputs()
        let v = inputs.validation
        let estate = inputs.estate, geography = inputs.geography
        let placed = inputs.population.prisoners.compactMap { p in
            p.current.map { code in (p, estate.establishments.first { $0.code == code }!) }
        }
        func miles(_ p: Prisoner, _ e: Establishment) -> Double {
            let home = geography.authority(p.home)!
            return DistanceTable.greatCircleKm(home.latitude, home.longitude, e.latitude, e.longitude) / 1.609344
        }
        let women = placed.filter { $0.0.sex == .female }
        let womenMiles = women.map { miles($0.0, $0.1) }.reduce(0, +) / Double(women.count)
        #expect(abs(Self.figure(v, "straight_line_miles_women").synthetic - womenMiles) < 1e-6)
        let men = placed.filter { $0.0.sex == .male }
        let menMiles = men.map { miles($0.0, $0.1) }.reduce(0, +) / Double(men.count)
        #expect(abs(Self.figure(v, "straight_line_miles_men").synthetic - menMiles) < 1e-6)

        func welsh(_ p: Prisoner) -> Bool { geography.authority(p.home)!.country == "Wales" }
        let welshMen = men.filter { welsh($0.0) }
        let welshMenInEngland = welshMen.filter { $0.1.region != "Wales" }
        #expect(Self.figure(v, "welsh_men_held_in_england").synthetic == Double(welshMenInEngland.count) / Double(welshMen.count))
        let inWales = placed.filter { $0.1.region == "Wales" }
        #expect(Self.figure(v, "english_in_welsh_prisons").synthetic
                == Double(inWales.filter { !welsh($0.0) }.count) / Double(inWales.count))

        let adultD = men.filter { $0.0.category == .d && $0.0.age >= 21 }
        let closed = adultD.filter { !$0.1.categories.contains(.d) || !$0.1.categories.isDisjoint(with: [.a, .b, .c]) }
        #expect(Self.figure(v, "category_d_in_closed_conditions").synthetic == Double(closed.count) / Double(adultD.count))

        let sentencedMen = inputs.population.prisoners.filter { $0.sex == .male && $0.legalStatus == .sentenced }
        #expect(Self.figure(v, "category_d_share_of_sentenced_men").synthetic
                == Double(sentencedMen.filter { $0.category == .d }.count) / Double(sentencedMen.count))

        let atReception = placed.filter { $0.1.functions.contains(.reception) }
        #expect(Self.figure(v, "sentenced_share_in_reception_prisons").synthetic
                == Double(atReception.filter { $0.0.legalStatus == .sentenced }.count) / Double(atReception.count))
    }

    /// A held-out figure is never used by the synthesiser: the calibration file, which is all the
    /// synthesiser reads besides the estate and geography, names none of their sources or values.
    @Test func theCalibrationNeverMentionsAHeldOutFigure() throws {
        let calibration = try Self.text("Estate/population-calibration.yaml")
        for tag in PopulationValidation.heldOutTags + ["population-2026-07", "1,433", "1433", "23.25", "quarter", "WGC"] {
            #expect(!calibration.contains(tag), "the calibration mentions \(tag)")
        }
        let v = try Self.inputs(size: 10).validation
        for f in v.figures where f.status == .heldOut {
            let tags = PopulationValidation.heldOutTags.filter { f.source.contains($0) }
            #expect(tags.count == 1, "held-out figure \(f.id) names no held-out source tag")
        }
        // The one use of the July 2026 populations (S19) is the women's open share, and the
        // report marks exactly those two establishments as fitted.
        let s19 = calibration.split(separator: "\n").filter { $0.contains("S19") }
        #expect(s19.count == 1)
        #expect(s19.first?.contains("women in the two open prisons") == true)
        #expect(v.establishments.filter(\.fitted).flatMap(\.codes).map(\.rawValue).sorted() == ["AGI", "ESI"])
    }

    @Test func theOutputsAreTheSameBytesEachTimeAndSayThePopulationIsSynthetic() throws {
        let a = try Self.inputs(size: 2_000, seed: 9).validation
        let b = try Self.inputs(size: 2_000, seed: 9).validation
        #expect(a.document().html() == b.document().html())
        #expect(a.csv() == b.csv())
        #expect(a.json().text() == b.json().text())
        #expect(a.document().html().contains("synthetic"))
        #expect(a.csv().split(separator: "\n").count == 1 + a.figures.count + 121)
        #expect(a.scatter().hasPrefix("<svg"))
    }
}
