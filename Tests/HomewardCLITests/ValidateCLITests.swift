import Foundation
import Testing

/// `homeward population validate`, run as a user would.
@Suite("CLI: population validate")
struct ValidateCLITests {
    @Test func validateWritesTheSameThreeFilesEachTimeAndSaysWhichFiguresAreHeldOut() throws {
        let out = try CLI.temporaryDirectory("validate")
        defer { try? FileManager.default.removeItem(at: out) }
        let a = out.appendingPathComponent("a"), b = out.appendingPathComponent("b")
        let first = try CLI.run(["population", "validate", "Scenarios/quick.yaml", "--out", a.path])
        try #require(first.status == 0, "\(first.stderr)")
        try #require(CLI.run(["population", "validate", "Scenarios/quick.yaml", "--out", b.path]).status == 0)
        for name in ["validation.html", "validation.csv", "validation.json"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)))
        }
        #expect(first.stdout.contains("held out: Adult Category D men held in closed conditions"))
        #expect(first.stdout.contains("fitted: Welsh men held in England"))
        #expect(first.stdout.contains("the population is synthetic"))
    }

    @Test func aBadPublishedFileIsRefusedWithItsLineAndFieldAndNothingIsWritten() throws {
        let out = try CLI.temporaryDirectory("validate-bad")
        defer { try? FileManager.default.removeItem(at: out) }
        let published = out.appendingPathComponent("published.csv")
        try CLI.write("codes,bulletin_name,population,source\nACI,Altcourse,1134,T\nZZZ,Nowhere,-4,T\n", to: published)
        let target = out.appendingPathComponent("report")
        let result = try CLI.run(["population", "validate", "Scenarios/quick.yaml", "--published", published.path,
                                  "--out", target.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("published.csv:3: codes: unknown value 'ZZZ'"))
        #expect(result.stderr.contains("published.csv:3: population: -4 is out of range"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }
}
