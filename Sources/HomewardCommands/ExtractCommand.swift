import ArgumentParser
import Foundation
import HomewardCore

/// `homeward extract synth` and `homeward extract pseudonymise`: the HMPPS-shaped extract (docs/EXTRACT.md).
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write a synthetic HMPPS-shaped extract, or pseudonymise a real one.",
        subcommands: [Synth.self, Pseudonymise.self]
    )

    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic extract folder in exactly the shape `population: {extract: DIR}` reads.",
            discussion: """
                The people are the calibrated synthetic population (Estate/population-calibration.yaml); their \
                alerts, holds, locks and non-associations are drawn at the estimated prevalences in \
                Estate/extract-calibration.yaml. Pids are HMAC-SHA256 of the synthetic ids keyed by the seed. The same \
                size and seed always give the same folder. Nobody in it is real.
                """
        )

        @Option(help: "Number of people.")
        var size: Int = 88_000

        @Option(help: "Random seed.")
        var seed: UInt64 = 1

        @Option(name: .long, help: "The folder to write.")
        var out: String

        @Option(help: "The estate CSV (the other inputs are read from beside it).")
        var estate: String = "Estate/establishments.csv"

        @Flag(name: .long, help: "Replace an existing folder.")
        var force = false

        func validate() throws {
            guard size >= 2 else { throw ValidationError("--size must be at least 2") }
            if let refusal = MemoryEstimate.refusal(people: size, for: .synthesis) {
                throw ValidationError("--size \(Format.grouped(size)): \(refusal)")
            }
        }

        func run() throws {
            try reportingFailures {
                func beside(_ name: String) -> String { InputPath.sibling(of: estate, name) }
                let estateModel = try EstateLoader.load(try Files.read(estate), file: estate)
                let geography = try GeographyLoader.load(try Files.read(beside("uk-regions.csv")), file: beside("uk-regions.csv"))
                let calibration = try CalibrationLoader.load(try Files.read(beside("population-calibration.yaml")),
                                                             file: beside("population-calibration.yaml"))
                let postcodes = try PostcodeDistrictLoader.load(try Files.read(beside("postcode-districts.csv")),
                                                                file: beside("postcode-districts.csv"))
                let prevalencePath = beside("extract-calibration.yaml")
                let prevalence = try ExtractPrevalence.load(try Files.read(prevalencePath), file: prevalencePath)
                let (population, _) = PopulationSynthesizer(estate: estateModel, geography: geography, calibration: calibration)
                    .generate(size: size, seed: seed)
                let folder = ExtractSynthesizer(estate: estateModel, geography: geography, postcodes: postcodes,
                                                prevalence: prevalence).extract(population, seed: seed)
                let output = try OutputDirectory(out, force: force)
                for (name, text) in folder.files() { try output.write(name, text) }
                try output.commit()
                print("Wrote \(out): \(Format.grouped(folder.persons.count)) synthetic people, \(Format.grouped(folder.alerts.count)) alerts, \(Format.grouped(folder.nonAssociations.count)) non-associations, \(Format.grouped(folder.holds.count)) holds, \(Format.grouped(folder.locks.count)) locks (seed \(seed), snapshot \(folder.snapshotDate))")
            }
        }
    }

    struct Pseudonymise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn an extract keyed by prison numbers into one keyed by HMAC-SHA256 pids.",
            discussion: """
                For use inside HMPPS. Each prison number (in a pid, pid_a or pid_b column, or a column named like \
                prisoner_number) becomes the first 16 hex digits of HMAC-SHA256 under the key in --key-file (the \
                whole file, less a final line break; at least 16 bytes; keep it secret and keep it the same from \
                week to week so pids join up). Every other column that carries a direct identifier (names, date of \
                birth, PNC, CRO, booking numbers) is dropped. The manifest is rewritten with pseudonymised: true.
                """
        )

        @Option(name: .long, help: "The file holding the secret key.")
        var keyFile: String

        @Argument(help: "The folder keyed by prison numbers.")
        var input: String

        @Argument(help: "The folder to write.")
        var output: String

        @Flag(name: .long, help: "Replace an existing folder.")
        var force = false

        func run() throws {
            try reportingFailures {
                let key = try readKey()
                var files: [String: String] = [:]
                for name in [ExtractFormat.manifest] + ExtractFormat.tables.map(\.file) {
                    let path = input + "/" + name
                    if FileManager.default.fileExists(atPath: path) { files[name] = try Files.read(path) }
                }
                if URL(fileURLWithPath: input).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL {
                    throw CommandFailure.usage("the output folder must differ from the input folder")
                }
                let result = try Pseudonymiser(key: key).pseudonymise(files, directory: input)
                let out = try OutputDirectory(output, force: force)
                for (name, text) in result { try out.write(name, text) }
                try out.commit()
                print("Wrote \(output): \(result.count) files keyed by pseudonymous pids; identifier columns dropped")
            }
        }

        func readKey() throws -> [UInt8] {
            guard var bytes = FileManager.default.contents(atPath: keyFile).map(Array.init) else {
                throw CommandFailure.input(InputErrors([InputError(file: keyFile, reason: .unreadable("no such file"))]))
            }
            if bytes.last == 0x0A { bytes.removeLast() }
            if bytes.last == 0x0D { bytes.removeLast() }
            guard bytes.count >= Pseudonymiser.minimumKeyBytes else {
                throw CommandFailure.input(InputErrors([InputError(
                    file: keyFile, reason: .outOfRange("\(bytes.count) bytes", allowed: "at least \(Pseudonymiser.minimumKeyBytes) bytes"),
                    hint: "use a long random secret, e.g. head -c 32 /dev/urandom | base64")]))
            }
            return bytes
        }
    }
}
