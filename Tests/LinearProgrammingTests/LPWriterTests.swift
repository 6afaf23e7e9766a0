import Foundation
import GLPK
import LinearProgramming
import SeededRandom
import Testing

@Suite("LP and MPS export")
struct LPWriterTests {
    @Test func lpFormatOfASmallModelIsExact() throws {
        let program = LinearProgram(
            name: "tiny",
            rows: [.init(name: "supply", bounds: .fixed(5)), .init(name: "cap", bounds: .atMost(3))],
            columns: [
                .init(name: "x", cost: 2, bounds: .nonNegative),
                .init(name: "y", cost: 1.5, bounds: .between(0, 4)),
                .init(name: "z", cost: -1, bounds: .free),
            ],
            entries: [
                .init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: 1),
                .init(row: 1, column: 1, value: 1), .init(row: 1, column: 2, value: -2),
            ])
        let text = try LPWriter.write(program, format: .lp, comment: ["a comment"])
        #expect(text == """
            \\ tiny
            \\ a comment

            Minimize
             obj: + 2 x + 1.5 y - z

            Subject To
             supply: + x + y = 5
             cap: + y - 2 z <= 3

            Bounds
             0 <= y <= 4
             z free

            End

            """)
    }

    @Test func mpsFormatOfASmallModelIsExact() throws {
        let program = LinearProgram(
            name: "tiny",
            rows: [.init(name: "supply", bounds: .fixed(5)), .init(name: "range", bounds: .between(1, 3))],
            columns: [.init(name: "x", cost: 2, bounds: .nonNegative), .init(name: "y", cost: 0, bounds: .between(0, 4))],
            entries: [.init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: 1), .init(row: 1, column: 1, value: 1)])
        let text = try LPWriter.write(program, format: .mps)
        #expect(text == """
            NAME tiny
            ROWS
             N obj
             E supply
             L range
            COLUMNS
             x obj 2
             x supply 1
             y supply 1
             y range 1
            RHS
             RHS supply 5
             RHS range 3
            RANGES
             RNG range 2
            BOUNDS
             UP BND y 4
            ENDATA

            """)
    }

    @Test func rangedRowsCannotBeWrittenAsCPLEXLP() {
        let program = LinearProgram(
            name: "r", rows: [.init(name: "range", bounds: .between(1, 3))],
            columns: [.init(name: "x", cost: 1, bounds: .nonNegative)],
            entries: [.init(row: 0, column: 0, value: 1)])
        #expect(throws: LPWriter.WriteError.unsupportedRow(name: "range", reason: "a ranged row has no CPLEX LP form; use MPS")) {
            try LPWriter.write(program, format: .lp)
        }
    }

    @Test(arguments: LPWriter.Format.allCases)
    func writtenModelsReadBackIntoGLPKWithTheSameOptimum(format: LPWriter.Format) throws {
        // One directory per format: the cases run in parallel, and each removes its own when done.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("homeward-lpwriter-\(getpid())-\(format.rawValue)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed in 0..<10 {
            let program = randomLP(seed: UInt64(seed))
            let direct = try GLPK.solve(program, options: .cold)
            let url = directory.appendingPathComponent("m\(seed).\(format.rawValue)")
            try LPWriter.write(program, format: format).write(to: url, atomically: true, encoding: .utf8)
            let reread = try Problem(reading: url.path, format: format)
            #expect(reread.rowCount == program.rows.count)
            #expect(reread.columnCount == program.columns.count)
            let again = try reread.solve(.cold)
            #expect(again.termination == direct.termination)
            if let a = direct.solution?.objective, let b = again.solution?.objective {
                #expect(abs(a - b) <= 1e-9 * max(1, abs(a)))
            }
        }
    }

    @Test func numbersAreWrittenInTheirShortestExactForm() {
        #expect(LPWriter.number(3) == "3")
        #expect(LPWriter.number(-0.0) == "0")
        #expect(LPWriter.number(1.5) == "1.5")
        #expect(LPWriter.number(0.1) == "0.1")
        #expect(LPWriter.number(123456789012) == "123456789012")
        #expect(Double(LPWriter.number(1.0 / 3.0)) == 1.0 / 3.0)
    }
}

/// A random feasible LP with equality, <=, >= rows and assorted column bounds.
func randomLP(seed: UInt64) -> LinearProgram {
    var random = SeededRandom(seed: seed)
    let n = random.integer(in: 3...12)
    let m = random.integer(in: 2...8)
    var columns: [LinearProgram.Column] = []
    var point: [Double] = []
    for j in 0..<n {
        let upper = Double(random.integer(in: 1...20))
        columns.append(.init(name: "c\(j)", cost: Double(random.integer(in: -5...30)) / 2, bounds: .between(0, upper)))
        point.append(Double(random.integer(in: 0...Int(upper))))
    }
    var rows: [LinearProgram.Row] = []
    var entries: [LinearProgram.Entry] = []
    for i in 0..<m {
        var activity = 0.0
        for j in 0..<n where random.chance(0.5) {
            let value = Double(random.integer(in: -3...4))
            if value == 0 { continue }
            entries.append(.init(row: i, column: j, value: value))
            activity += value * point[j]
        }
        let bounds: Bounds
        switch random.below(3) {
        case 0: bounds = .fixed(activity)
        case 1: bounds = .atMost(activity + Double(random.integer(in: 0...5)))
        default: bounds = .atLeast(activity - Double(random.integer(in: 0...5)))
        }
        rows.append(.init(name: "r\(i)", bounds: bounds))
    }
    return LinearProgram(name: "random\(seed)", rows: rows, columns: columns, entries: entries)
}
