import Foundation
import Testing

/// The exact text of the reports, against reviewed golden files in `Fixtures/golden/` (see the README there),
/// and the same bytes from two separate `homeward` processes.
///
/// Nothing in the outputs is rewritten before comparing: the scenarios are given by paths relative to the
/// repository root (where `CLI.run` runs), so the method sections name the same paths on every machine; the
/// output folder's path appears only on standard output, which is not compared; the assessment and the comparison
/// hold no timings, and the simulation is run with `--omit-timing`; every population is synthetic with a fixed seed.
@Suite("Golden reports", .serialized)
struct GoldenReportTests {
    /// One command whose outputs are compared.
    struct Run: Sendable, CustomTestStringConvertible {
        /// The golden subfolder.
        var name: String
        /// The arguments, without `--out`.
        var arguments: [String]
        /// The files compared with golden files.
        var files: [String]
        /// The least number of SVG charts its HTML page must hold (so that the cross-process test draws some).
        var charts: Int
        var testDescription: String { name }
    }

    /// A closure and a re-role on 6,000 people: histogram, map and bar chart.
    static let assess = Run(
        name: "assess", arguments: ["assess", "Tests/HomewardCLITests/Fixtures/small-changes.yaml"],
        files: ["assessment.md", "assessment.html", "assessment.json"], charts: 3)
    /// The shipped quick scenario against itself without HMP Bedford: two bar charts.
    static let compare = Run(
        name: "compare", arguments: ["compare", "Scenarios/quick.yaml", "Tests/HomewardCLITests/Fixtures/quick-without-bedford.yaml"],
        files: ["comparison.md", "comparison.html", "comparison.json", "comparison.csv"], charts: 2)
    /// Four weeks of the shipped quick scenario: line charts.
    static let simulate = Run(
        name: "simulate",
        arguments: ["simulate", "Scenarios/quick.yaml", "--weeks", "4", "--moves-limit", "30", "--seed", "5", "--omit-timing"],
        files: ["simulation.md", "simulation.html", "weekly.csv", "weekly.json"], charts: 4)

    /// This process's environment without `SWIFT_DETERMINISTIC_HASHING`, so that every `homeward` process seeds
    /// Swift's `Hasher` afresh: iterating a `Dictionary` or `Set` then gives another order in each process.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_DETERMINISTIC_HASHING"] = nil
        return environment
    }

    /// Runs `run` in a new process, writing into a new temporary folder; returns that folder and the output folder in it.
    static func execute(_ run: Run) throws -> (folder: URL, out: URL) {
        let folder = try CLI.temporaryDirectory("golden-\(run.name)")
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(run.arguments + ["--out", out.path], environment: environment)
        try #require(result.status == 0, "homeward \(run.arguments.joined(separator: " ")) exited with \(result.status): \(result.stderr)")
        return (folder, out)
    }

    @Test(arguments: [assess, compare, simulate])
    func reportsMatchTheirGoldenFiles(_ run: Run) throws {
        let (folder, out) = try Self.execute(run)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in run.files {
            Golden.check(try Data(contentsOf: out.appendingPathComponent(file)), against: "\(run.name)/\(file)")
        }
    }

    /// The same command in two processes writes the same bytes, charts included. Within one process this cannot
    /// fail for hash order: Swift seeds `Hasher` once per process, and a dictionary's storage, freed and allocated
    /// again, usually lands at the same address, which seeds its order too. A check with a throwaway program
    /// (four string keys, built 50 times) found one order per process while the dictionaries were freed between
    /// builds, but a different order in each of four processes.
    ///
    /// That this test can fail was checked by drawing the map's places in the order of
    /// `Dictionary(grouping: places, by: \.kind)` instead of `PlaceKind.allCases` (a change since reverted): six
    /// `assess` processes then wrote four different `assessment.html`, this test and the golden test each failed
    /// in three runs out of three (at the places' markers), and the in-process test in ChartTests passed. With three
    /// kinds of place on the map, two processes agree by chance about one time in six.
    @Test(arguments: [assess, compare, simulate])
    func twoProcessesWriteTheSameBytes(_ run: Run) throws {
        let first = try Self.execute(run), second = try Self.execute(run)
        defer {
            try? FileManager.default.removeItem(at: first.folder)
            try? FileManager.default.removeItem(at: second.folder)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: first.out.path).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: second.out.path).sorted()))
        #expect(Set(run.files).isSubset(of: files), "\(files)")
        var charts = 0
        // Every file: the published ones and, for `assess`, the moves and both plans.
        for file in files {
            let a = try Data(contentsOf: first.out.appendingPathComponent(file))
            let b = try Data(contentsOf: second.out.appendingPathComponent(file))
            if a != b {
                Issue.record("\(run.name)/\(file) differs between two processes: \(Golden.firstDifference(a, b, names: ("first", "second")))")
            }
            if file.hasSuffix(".html") { charts += String(decoding: a, as: UTF8.self).matches(of: #/<svg /#).count }
        }
        #expect(charts >= run.charts, "\(run.name) drew \(charts) charts")
    }
}

/// Golden files: outputs as reviewed, under `Tests/HomewardCLITests/Fixtures/golden/`.
enum Golden {
    static let relativeFolder = "Tests/HomewardCLITests/Fixtures/golden"
    static let folder = CLI.root.appendingPathComponent(relativeFolder)
    /// Set to 1 to write the outputs as the new golden files.
    static let recordVariable = "HOMEWARD_RECORD_GOLDEN"
    static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }
    /// Where an output that does not match its golden file is written, as `NAME.actual`.
    static let actualFolder = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-golden-actual")

    /// Compares `actual` byte for byte with the golden file `name` (e.g. `assess/assessment.md`), or records it.
    static func check(_ actual: Data, against name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let golden = folder.appendingPathComponent(name)
        let shown = relativeFolder + "/" + name
        let previous = try? Data(contentsOf: golden)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: golden)
            } catch {
                Issue.record("cannot record \(golden.path): \(error)", sourceLocation: sourceLocation)
                return
            }
            let what = previous == nil ? "new" : previous == actual ? "unchanged" : "changed"
            Issue.record("""
                \(recordVariable)=1: recorded \(shown) (\(what)). Review the diff (git diff -- \(relativeFolder)), \
                commit it with the change that caused it, and run the tests again without \(recordVariable).
                """, sourceLocation: sourceLocation)
            return
        }
        let actualFile = actualFolder.appendingPathComponent(name + ".actual")
        if previous == actual {
            try? FileManager.default.removeItem(at: actualFile)  // a stale one from an earlier failure
            return
        }
        var written = "the output is written to \(actualFile.path)"
        do {
            try FileManager.default.createDirectory(at: actualFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: actualFile)
        } catch {
            written = "the output could not be written to \(actualFile.path): \(error)"
        }
        guard let previous else {
            Issue.record("""
                no golden file \(shown); \(written). If it is right, record it with \(recordVariable)=1 \
                (see \(relativeFolder)/README.md).
                """, sourceLocation: sourceLocation)
            return
        }
        Issue.record("""
            \(shown) does not match the output: \(firstDifference(previous, actual, names: ("golden", "actual")))
            The whole of \(written) (diff -u \(shown) \(actualFile.path)). If the change is intended, \
            re-record with \(recordVariable)=1 and review the diff (see \(relativeFolder)/README.md).
            """, sourceLocation: sourceLocation)
    }

    /// Where `a` and `b` first differ: the line number, the column, and both lines (an excerpt around the column of
    /// a long line). A chart's ids carry a hash of its whole SVG, so a change anywhere in a chart shows first in the
    /// ids of its opening tags; to locate it, the place where the texts differ with those ids masked follows.
    static func firstDifference(_ a: Data, _ b: Data, names: (String, String)) -> String {
        let linesA = lines(a), linesB = lines(b)
        guard let first = lineDifference(linesA, linesB, names: names) else {
            return "the lines are the same but the bytes differ (not UTF-8?)"
        }
        // Masked with the same length, so that columns stay comparable.
        let mask = { (lines: [String]) in lines.map { $0.replacing(/hwc[0-9a-f]{12}/, with: "hwc<chart's id>") } }
        guard let masked = lineDifference(mask(linesA), mask(linesB), names: names),
              (masked.line, masked.column) != (first.line, first.column) else { return first.text }
        return first.text + "\nWith the charts' ids (hwc followed by a hash of the chart) masked, the first difference is at " + masked.text
    }

    /// The first line where `linesA` and `linesB` differ, and the column (counted from 1) where they part.
    static func lineDifference(_ linesA: [String], _ linesB: [String], names: (String, String)) -> (line: Int, column: Int, text: String)? {
        for k in 0..<max(linesA.count, linesB.count) {
            let lineA = k < linesA.count ? linesA[k] : nil, lineB = k < linesB.count ? linesB[k] : nil
            guard lineA != lineB else { continue }
            let scalarsA = Array((lineA ?? "").unicodeScalars), scalarsB = Array((lineB ?? "").unicodeScalars)
            let column = zip(scalarsA, scalarsB).prefix { $0 == $1 }.count
            func shown(_ line: String?, _ scalars: [Unicode.Scalar]) -> String {
                guard line != nil else { return "<end of file>" }
                if scalars.count <= 240 { return line! }
                let start = max(0, column - 100), end = min(scalars.count, column + 100)
                var view = String(String.UnicodeScalarView(scalars[start..<end]))
                if start > 0 { view = "…" + view }
                if end < scalars.count { view += "…" }
                return view
            }
            let counts = [linesA, linesB].map { $0.last == "" ? $0.count - 1 : $0.count }  // a final newline ends the last line
            return (k + 1, column + 1, "line \(k + 1) (of \(counts[0]) against \(counts[1])), from column \(column + 1):\n"
                + "  \(names.0): \(shown(lineA, scalarsA))\n  \(names.1): \(shown(lineB, scalarsB))")
        }
        return nil
    }

    /// The lines of `data`, split at every newline byte (so a carriage return stays in its line and shows as a difference).
    static func lines(_ data: Data) -> [String] {
        data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
