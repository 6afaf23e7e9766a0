import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

/// `homeward population synth` and `homeward population validate`.
struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Work with populations.",
        subcommands: [Synth.self, Validate.self]
    )

    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic population calibrated to published aggregates.",
            discussion: """
                Prisoner-level data are not public. The generator draws people from the figures in \
                Estate/population-calibration.yaml (each with its source) and gives each an "as is" placement that \
                breaks no rule. The same size and seed always give the same file.
                """
        )

        @Option(help: "Number of people.")
        var size: Int = 88_000

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "Where to write the population CSV.")
        var out: String

        @Option(help: "The estate CSV.")
        var estate: String = "Estate/establishments.csv"

        @Option(help: "The geography CSV (default: uk-regions.csv beside the estate).")
        var geography: String?

        @Option(help: "The calibration file (default: population-calibration.yaml beside the estate).")
        var calibration: String?

        @Flag(name: .long, help: "Replace an existing file.")
        var force = false

        func validate() throws {
            guard size >= 1 else { throw ValidationError("--size must be at least 1") }
            // Refuse an out-of-memory-sized request up front, with an estimate, rather than fail half way.
            if let refusal = MemoryEstimate.refusal(people: size, for: .synthesis) {
                throw ValidationError("--size \(Format.grouped(size)): \(refusal) (hint: use --size \(Format.grouped(MemoryEstimate.maxPeople(for: .synthesis))) or less)")
            }
        }

        func run() throws {
            try reportingFailures {
                let estateModel = try EstateLoader.load(try Files.read(estate), file: estate)
                let geographyPath = geography ?? InputPath.sibling(of: estate, "uk-regions.csv")
                let geographyModel = try GeographyLoader.load(try Files.read(geographyPath), file: geographyPath)
                let calibrationPath = calibration ?? InputPath.sibling(of: estate, "population-calibration.yaml")
                let calibrationModel = try CalibrationLoader.load(try Files.read(calibrationPath), file: calibrationPath)
                let synthesizer = PopulationSynthesizer(estate: estateModel, geography: geographyModel, calibration: calibrationModel)
                let (population, report) = synthesizer.generate(size: size, seed: seed)
                try writeFileAtomically(out, PopulationLoader.write(population), force: force)
                print("Wrote \(out): \(Format.grouped(population.count)) synthetic people (seed \(seed)); \(report.withoutPlacement) without a lawful place left (new receptions); mean straight-line distance home to prison \(Format.fixed(report.meanStraightLineMiles, 1)) miles")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a scenario's population and its \"as is\" placement with published figures.",
            discussion: """
                Sets the population's placement against published figures, each marked fitted (the calibration was \
                tuned to it) or held out (never tuned to): each establishment's population against the monthly \
                bulletin (Estate/population-2026-07.csv), distance from home by sex, Welsh men held in England, \
                people from England in Welsh prisons, Category D men in closed conditions and the share sentenced in \
                reception prisons. Writes DIR/validation.html, DIR/validation.csv and DIR/validation.json.
                """
        )

        @Argument(help: "The scenario file.")
        var scenario: String = "Scenarios/national.yaml"

        @Option(name: .long, help: "Output folder.")
        var out: String

        @Option(help: "The published populations (default: population-2026-07.csv beside the scenario's estate).")
        var published: String?

        @Flag(name: .long, help: "Replace an existing output folder.")
        var force = false

        func run() throws {
            try reportingFailures {
                let instance = try instances.load(scenario: scenario)
                let estatePath = instance.filesRead.first { $0.role == "estate" }?.path ?? instance.scenario.estate
                let publishedPath = published ?? InputPath.sibling(of: estatePath, "population-2026-07.csv")
                let rows = try PublishedPopulationLoader.load(try Files.read(publishedPath), file: publishedPath,
                                                              estate: instance.baseEstate)
                let validation = PopulationValidation(
                    population: instance.population, estate: instance.baseEstate, geography: instance.geography,
                    distances: instance.distances(for: instance.baseEstate), published: rows, synthetic: instance.synthetic)
                let document = validation.document()
                let output = try OutputDirectory(out, force: force)
                try output.write("validation.html", document.html())
                try output.write("validation.csv", validation.csv())
                try output.write("validation.json", validation.json().text())
                try output.commit()
                for figure in validation.figures {
                    let published = figure.published.map { PopulationValidation.text($0, figure.unit) } ?? "—"
                    let value = PopulationValidation.text(figure.synthetic, figure.unit)
                    print("\(figure.status.rawValue): \(figure.measure): \(figure.status == .noPublishedFigure ? "" : "synthetic ")\(value), published \(published)")
                }
                if instance.synthetic { print("Note: the population is synthetic; figures about people are illustrative.") }
                print("Wrote \(out)/validation.html, validation.csv and validation.json")
            }
        }
    }
}
