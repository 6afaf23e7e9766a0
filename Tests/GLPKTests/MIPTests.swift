import Foundation
import GLPK
import LinearProgramming
import SeededRandom
import Testing

/// Random 0-1 knapsacks with a side row, solved by GLPK's branch-and-cut and by enumeration.
@Suite("GLPK branch-and-cut")
struct MIPTests {
    /// A knapsack as a minimisation (negated values), so that free MPS, which has no sense, reads it the same.
    /// - Returns: the program and its optimum (minus the best value).
    static func knapsack(seed: UInt64) -> (LinearProgram, Double) {
        var random = SeededRandom(seed: seed)
        let n = random.integer(in: 3...10)
        let values = (0..<n).map { _ in Double(random.integer(in: 1...30)) }
        let weights = (0..<n).map { _ in Double(random.integer(in: 1...20)) }
        let capacity = Double(random.integer(in: 5...60))
        // Each of the first two items excludes the other (a pair row, as a non-association's).
        let program = LinearProgram(
            name: "knapsack", sense: .minimise,
            rows: [.init(name: "weight", bounds: .atMost(capacity)), .init(name: "pair", bounds: .atMost(1))],
            columns: (0..<n).map { .init(name: "x\($0)", cost: -values[$0], bounds: .between(0, 1), isInteger: true) },
            entries: (0..<n).map { .init(row: 0, column: $0, value: weights[$0]) }
                + [.init(row: 1, column: 0, value: 1), .init(row: 1, column: 1, value: 1)])
        var best = 0.0
        for mask in 0..<(1 << n) where mask & 3 != 3 {
            let items = (0..<n).filter { mask & (1 << $0) != 0 }
            if items.reduce(0, { $0 + weights[$1] }) <= capacity { best = max(best, items.reduce(0) { $0 + values[$1] }) }
        }
        return (program, -best)
    }

    @Test(arguments: 0..<40)
    func branchAndCutFindsTheEnumeratedOptimumWithAndWithoutAWarmStart(seed: Int) throws {
        let (program, best) = Self.knapsack(seed: UInt64(seed))
        let problem = try Problem(program)
        let cold = try problem.solveInteger()
        #expect(cold.termination == .optimal)
        #expect(cold.objective == best)
        #expect(cold.gap == 0 && cold.nodes >= 0)
        let values = try #require(cold.columnValues)
        #expect(values.allSatisfy { $0 == 0 || $0 == 1 })
        // Warm-started from the empty knapsack (feasible, worse): the same optimum.
        let again = try Problem(program)
        let warm = try again.solveInteger(warmStart: [Double](repeating: 0, count: program.columns.count))
        #expect(warm.termination == .optimal && warm.objective == best)
    }

    @Test(arguments: [LPWriter.Format.lp, .mps])
    func anExportedMIPReadsBackIntoGLPKWithTheSameOptimum(format: LPWriter.Format) throws {
        for seed in 0..<10 {
            let (program, best) = Self.knapsack(seed: UInt64(100 + seed))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-mip-\(seed).\(format)").path
            try LPWriter.write(program, format: format).write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let outcome = try Problem(reading: path, format: format).solveInteger()
            #expect(outcome.termination == .optimal)
            #expect(outcome.objective == best, "\(format) seed \(seed)")
            #expect(outcome.columnValues?.allSatisfy { $0 == 0 || $0 == 1 } == true, "\(format): integer columns must stay integer")
        }
    }

    @Test func aWarmStartOfTheWrongLengthIsRefusedBeforeGLPKSeesIt() throws {
        let (program, _) = Self.knapsack(seed: 1)
        let problem = try Problem(program)
        #expect(throws: GLPKError.self) { try problem.solveInteger(warmStart: [1]) }
        #expect(throws: GLPKError.self) { try problem.solveInteger(warmStart: [Double](repeating: .nan, count: program.columns.count)) }
    }

    @Test func anInfeasibleMIPIsAnOutcome() throws {
        let program = LinearProgram(
            name: "odd", rows: [.init(name: "half", bounds: .fixed(1))],
            columns: [.init(name: "x", cost: 1, bounds: .between(0, 5), isInteger: true)],
            entries: [.init(row: 0, column: 0, value: 2)])
        let outcome = try Problem(program).solveInteger()
        #expect(outcome.termination == .infeasible)
        #expect(outcome.columnValues == nil)
    }
}

extension MIPTests {
    /// A transportation problem of 160 sources and 160 sinks (25,600 integer columns): its root LP takes the
    /// primal simplex thousands of iterations, far more than a 1 ms limit allows. The limit covers that LP too:
    /// the search stops there, as a time limit with no plan, instead of running the LP to its end first.
    @Test func theTimeLimitCoversTheRootLP() throws {
        var random = SeededRandom(seed: 24)
        let n = 160
        var rows: [LinearProgram.Row] = [], columns: [LinearProgram.Column] = [], entries: [LinearProgram.Entry] = []
        for i in 0..<n { rows.append(.init(name: "s\(i)", bounds: .fixed(1))) }
        for j in 0..<n { rows.append(.init(name: "d\(j)", bounds: .fixed(1))) }
        for i in 0..<n {
            for j in 0..<n {
                let column = columns.count
                columns.append(.init(name: "x\(i)_\(j)", cost: Double(random.integer(in: 1...1000)), bounds: .between(0, 1),
                                     isInteger: true))
                entries.append(.init(row: i, column: column, value: 1))
                entries.append(.init(row: n + j, column: column, value: 1))
            }
        }
        let program = LinearProgram(name: "transport", sense: .minimise, rows: rows, columns: columns, entries: entries)
        let first = try Problem(program)
        let second = try Problem(program)
        let began = Date()
        let limited = try first.solveInteger(timeLimitSeconds: 0.001)
        let limitedSeconds = Date().timeIntervalSince(began)
        #expect(limited.termination == .timeLimit)
        #expect(limited.columnValues == nil)
        // Without the limit the same problem is solved; almost all of that time is the root LP, which the limited
        // search must have cut short (before the limit covered it, both took the same time).
        let began2 = Date()
        let full = try second.solveInteger()
        let fullSeconds = Date().timeIntervalSince(began2)
        #expect(full.termination == .optimal)
        #expect(limitedSeconds * 4 < fullSeconds, "limited \(limitedSeconds) s, full \(fullSeconds) s")
    }
}
