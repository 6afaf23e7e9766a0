import ArgumentParser
import Foundation
import HomewardCore

/// `homeward estate validate|show`.
struct EstateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estate",
        abstract: "Check or show an estate file.",
        subcommands: [Validate.self, Show.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check an estate file (and its geography) and report every problem.")

        @Argument(help: "The estate CSV.")
        var estate: String = "Estate/establishments.csv"

        @Option(help: "The geography CSV (default: uk-regions.csv beside the estate).")
        var geography: String?

        func run() throws {
            try reportingFailures {
                let text = try Files.read(estate)
                let loaded = try EstateLoader.load(text, file: estate)
                let geographyPath = geography ?? InputPath.sibling(of: estate, "uk-regions.csv")
                let regions = Set(try GeographyLoader.load(try Files.read(geographyPath), file: geographyPath).authorities.map(\.region))
                var errors: [InputError] = []
                for e in loaded.establishments where !regions.contains(e.region) {
                    errors.append(InputError(file: estate, field: "region", reason: .unknown(e.region, expected: regions.sorted()),
                                             hint: "\(e.code): regions must match \(geographyPath)"))
                }
                if !errors.isEmpty { throw InputErrors(errors) }
                let inScope = loaded.establishments.filter(\.isInScope)
                print("\(estate): valid. \(loaded.count) establishments, \(inScope.count) in scope (children's estate excluded), operational capacity \(Format.grouped(inScope.map(\.operationalCapacity).reduce(0, +))), CNA \(Format.grouped(inScope.map(\.cna).reduce(0, +))); sha256 \(Fingerprint.sha256(text))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the estate as a table, with totals by region and function.")

        @Argument(help: "The estate CSV.")
        var estate: String = "Estate/establishments.csv"

        func run() throws {
            try reportingFailures {
                let loaded = try EstateLoader.load(try Files.read(estate), file: estate)
                print(EstateTable.text(loaded))
            }
        }
    }
}

/// A plain-text table of an estate.
enum EstateTable {
    static func text(_ estate: Estate) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? String(s.prefix(n - 1)) + " " : s + String(repeating: " ", count: n - s.count) }
        func right(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = pad("code", 6) + pad("name", 34) + pad("sex", 7) + pad("ages", 9) + pad("categories", 14) + pad("function", 26)
        out += right("op.cap", 7) + right("CNA", 7) + "  " + pad("region", 26) + "specialist / programmes\n"
        for e in estate.establishments {
            out += pad(e.code.rawValue, 6) + pad(e.name, 34) + pad(e.sex.rawValue, 7) + pad(e.ageGroup.rawValue, 9)
            out += pad(e.categories.text, 14) + pad(e.functions.text, 26)
            out += right(String(e.operationalCapacity), 7) + right(String(e.cna), 7) + "  " + pad(e.region, 26)
            var notes: [String] = []
            if !e.isInScope { notes.append("out of scope (children)") }
            if let cohort = e.cohortOnly { notes.append("only \(cohort.phrase)") }
            if !e.interventions.isEmpty { notes.append(e.interventions.map(\.text).joined(separator: ", ")) }
            out += notes.joined(separator: "; ") + "\n"
        }
        let inScope = estate.establishments.filter(\.isInScope)
        out += "\nIn scope: \(inScope.count) establishments; operational capacity \(Format.grouped(inScope.map(\.operationalCapacity).reduce(0, +))); CNA \(Format.grouped(inScope.map(\.cna).reduce(0, +)))\n"
        var byRegion: [String: (Int, Int)] = [:]
        for e in inScope { byRegion[e.region, default: (0, 0)].0 += 1; byRegion[e.region, default: (0, 0)].1 += e.operationalCapacity }
        out += "\nBy region:\n"
        for (region, totals) in byRegion.sorted(by: { $0.key < $1.key }) {
            out += "  " + pad(region, 28) + right(String(totals.0), 4) + " establishments" + right(Format.grouped(totals.1), 9) + " places\n"
        }
        let women = inScope.filter { $0.sex == .female }
        out += "\nWomen's estate: \(women.count) establishments, \(Format.grouped(women.map(\.operationalCapacity).reduce(0, +))) places; in Wales: \(women.filter { $0.region == "Wales" }.count)\n"
        return out
    }
}
