import ArgumentParser
import Foundation
import HomewardCore

/// `homeward population synth`.
struct PopulationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "population",
        abstract: "Work with populations.",
        subcommands: [Synth.self]
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
}
