import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

/// `homeward sweep merge DIR… --out OUT`: the shards of one sweep joined into the files a single run writes.
struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of a sweep (run with --shard K/N) into the files one run writes.",
        discussion: """
            Reads DIR/shard.json from every folder given and writes OUT/sweep.csv, sweep.json, sweep.md and \
            sweep.html, byte for byte those of the same sweep run whole. Refuses, writing nothing, shards from \
            other inputs (any input's SHA-256 differs), another sweep definition (--change, --among, --limit, \
            --cold-start, --omit-timing), another N, a shard given twice, and missing shards (naming them). With \
            timings, the merged threads are the most any shard used and the seconds are the shards' times added up.
            """
    )

    @Argument(help: "The shards' output folders (every shard from 1/N to N/N, once each).")
    var folders: [String]

    @Option(name: .long, help: "Output folder.")
    var out: String

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give the folders of the shards to merge") }
    }

    func run() throws {
        try reportingFailures {
            var given: [SweepMerge.Given] = []
            var unreadable: [InputError] = []
            for folder in folders {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(SweepShardFile.fileName).path
                do {
                    given.append(SweepMerge.Given(folder: folder, text: try String(contentsOfFile: path, encoding: .utf8)))
                } catch {
                    let file = SweepMerge.Given(folder: folder, text: "").file
                    unreadable.append(InputError(file: file, reason: .unreadable("is \(folder) the --out of `homeward sweep … --shard K/N`?")))
                }
            }
            // Refuse an existing output folder before merging; on any refusal the staging folder goes and nothing is written.
            let output = try OutputDirectory(out, force: force)
            let report: SweepReport
            do throws(InputErrors) { report = try SweepMerge.merge(given) } catch { throw InputErrors(unreadable + error.errors) }
            guard unreadable.isEmpty else { throw InputErrors(unreadable) }
            let files = Pipeline.sweepFiles(report)
            try files.write(to: output)
            try output.commit()
            for line in files.lines { print(line) }
            print("merged \(folders.count) shards: \(report.rows.count) of \(report.total) scenarios; wrote \(out)/sweep.csv, .json, .md and .html")
        }
    }
}
