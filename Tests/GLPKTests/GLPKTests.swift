import GLPK
import LinearProgramming
import SeededRandom
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// max 3x + 2y  s.t.  x + y <= 4,  x + 3y <= 9,  x <= 3,  x, y >= 0.
/// Optimum x = 3, y = 1, objective 11; duals 2 (row 1), 0 (row 2), 1 (row 3).
private func textbookMaximum() -> LinearProgram {
    LinearProgram(
        name: "textbook",
        sense: .maximise,
        rows: [
            .init(name: "r1", bounds: .atMost(4)),
            .init(name: "r2", bounds: .atMost(9)),
            .init(name: "r3", bounds: .atMost(3)),
        ],
        columns: [
            .init(name: "x", cost: 3, bounds: .nonNegative),
            .init(name: "y", cost: 2, bounds: .nonNegative),
        ],
        entries: [
            .init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: 1),
            .init(row: 1, column: 0, value: 1), .init(row: 1, column: 1, value: 3),
            .init(row: 2, column: 0, value: 1),
        ])
}

@Suite("GLPK wrapper")
struct GLPKWrapperTests {
    @Test(arguments: [SolveOptions.cold, .coldFromSlackBasis, SolveOptions(method: .primal, presolve: false)])
    func smallLPReachesItsKnownOptimumWithDuals(options: SolveOptions) throws {
        let outcome = try GLPK.solve(textbookMaximum(), options: options)
        #expect(outcome.termination == .optimal)
        let solution = try #require(outcome.solution)
        #expect(abs(solution.objective - 11) < 1e-9)
        #expect(abs(solution.columnValues[0] - 3) < 1e-9)
        #expect(abs(solution.columnValues[1] - 1) < 1e-9)
        #expect(abs(solution.rowDuals[0] - 2) < 1e-9)
        #expect(abs(solution.rowDuals[1]) < 1e-9)
        #expect(abs(solution.rowDuals[2] - 1) < 1e-9)
        // Strong duality: b . y equals c . x.
        #expect(abs(4 * solution.rowDuals[0] + 9 * solution.rowDuals[1] + 3 * solution.rowDuals[2] - 11) < 1e-9)
    }

    @Test(arguments: [true, false])
    func infeasibleModelIsAnOutcomeNotAnError(presolve: Bool) throws {
        let program = LinearProgram(
            name: "infeasible",
            rows: [.init(name: "low", bounds: .atLeast(5)), .init(name: "high", bounds: .atMost(3))],
            columns: [.init(name: "x", cost: 1, bounds: .nonNegative), .init(name: "y", cost: 1, bounds: .nonNegative)],
            entries: [
                .init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: 1),
                .init(row: 1, column: 0, value: 1), .init(row: 1, column: 1, value: 1),
            ])
        let outcome = try GLPK.solve(program, options: SolveOptions(method: .dual, presolve: presolve))
        #expect(outcome.termination == .infeasible)
        #expect(outcome.solution == nil)
        #expect(outcome.repeatedWithoutPresolve == presolve)
    }

    @Test(arguments: [true, false])
    func unboundedModelIsReported(presolve: Bool) throws {
        // min -x - y  s.t.  x - y <= 1: both can grow without limit.
        let program = LinearProgram(
            name: "unbounded",
            rows: [.init(name: "r", bounds: .atMost(1))],
            columns: [.init(name: "x", cost: -1, bounds: .nonNegative), .init(name: "y", cost: -1, bounds: .nonNegative)],
            entries: [.init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: -1)])
        let outcome = try GLPK.solve(program, options: SolveOptions(method: .primal, presolve: presolve))
        #expect(outcome.termination == .unbounded)
    }

    @Test func iterationLimitIsAFailureWithAReason() throws {
        let program = randomTransportation(seed: 3, sources: 30, sinks: 12)
        let outcome = try GLPK.solve(program, options: SolveOptions(method: .dual, presolve: false, iterationLimit: 2))
        #expect(outcome.termination == .failed(.iterationLimit))
        #expect(outcome.solution == nil)
    }

    @Test(arguments: 0..<12)
    func dualsCertifyOptimalityOnRandomTransportationProblems(seed: Int) throws {
        let program = randomTransportation(seed: UInt64(seed), sources: 6 + seed, sinks: 4 + seed % 5)
        let outcome = try GLPK.solve(program, options: .coldFromSlackBasis)
        #expect(outcome.termination == .optimal)
        let solution = try #require(outcome.solution)
        expectCertifiedOptimal(program, solution)
    }

    @Test(arguments: 0..<8)
    func warmResolveAfterCostChangeEqualsColdSolve(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(100 + seed))
        var program = randomTransportation(seed: UInt64(seed), sources: 20, sinks: 8)
        var problem = try Problem(program)
        let first = try problem.solve(.coldFromSlackBasis)
        #expect(first.termination == .optimal)
        for _ in 0..<10 {
            let column = random.below(program.columns.count)
            let cost = Double(random.integer(in: 0...200))
            program.columns[column].cost = cost
            try problem.setCost(column: column, to: cost)
        }
        let warm = try problem.solve(.warm(.primal))
        let cold = try GLPK.solve(program, options: .cold)
        #expect(warm.termination == .optimal)
        #expect(cold.termination == .optimal)
        let warmObjective = try #require(warm.solution?.objective)
        let coldObjective = try #require(cold.solution?.objective)
        #expect(abs(warmObjective - coldObjective) <= 1e-9 * max(1, abs(coldObjective)))
        #expect(warm.iterations <= cold.iterations + first.iterations)
    }

    @Test(arguments: 0..<8)
    func warmResolveAfterBoundChangeEqualsColdSolve(seed: Int) throws {
        var program = randomTransportation(seed: UInt64(50 + seed), sources: 20, sinks: 8)
        var problem = try Problem(program)
        #expect(try problem.solve(.coldFromSlackBasis).termination == .optimal)
        // Cut the capacity (row upper bound) of the first three sinks.
        let firstSinkRow = 20
        for row in firstSinkRow..<(firstSinkRow + 3) {
            let bounds = Bounds.atMost((program.rows[row].bounds.upper ?? 0) * 0.8)
            program.rows[row].bounds = bounds
            try problem.setRowBounds(row: row, to: bounds)
        }
        let warm = try problem.solve(.warm(.dual))
        let cold = try GLPK.solve(program, options: .cold)
        #expect(warm.termination == cold.termination)
        if let w = warm.solution?.objective, let c = cold.solution?.objective {
            #expect(abs(w - c) <= 1e-9 * max(1, abs(c)))
        }
    }

    @Test func editsWithInvalidArgumentsAreRefusedBeforeGLPK() throws {
        var problem = try Problem(textbookMaximum())
        #expect(throws: GLPKError.invalidArgument("column 2 does not exist")) { try problem.setCost(column: 2, to: 1) }
        #expect(throws: GLPKError.invalidArgument("column -1 does not exist")) { try problem.setCost(column: -1, to: 1) }
        #expect(throws: GLPKError.invalidArgument("cost nan is not finite")) { try problem.setCost(column: 0, to: .nan) }
        #expect(throws: GLPKError.invalidArgument("row 3 does not exist")) {
            try problem.setRowBounds(row: 3, to: .atMost(1))
        }
        #expect(throws: GLPKError.invalidArgument("lower bound 2.0 is above upper bound 1.0")) {
            try problem.setColumnBounds(column: 0, to: .between(2, 1))
        }
        #expect(throws: GLPKError.invalidArgument("upper bound inf is not finite")) {
            try problem.setColumnBounds(column: 0, to: .atMost(.infinity))
        }
        // The problem is still usable afterwards.
        #expect(try problem.solve().termination == .optimal)
    }

    @Test func aFaultInsideGLPKIsCaughtAndTheProcessSurvives() throws {
        let doomed = try Problem(textbookMaximum())
        #expect(doomed.provokeLibraryFaultForTesting() == .libraryFault)
        // The thread's environment was freed: the old problem is refused, not touched.
        #expect(throws: GLPKError.problemLost) { try doomed.solve() }
        // A new problem on the same thread works.
        let outcome = try GLPK.solve(textbookMaximum())
        #expect(outcome.termination == .optimal)
    }

    @Test func glpkPrintsNothingOnStandardOutput() throws {
        let captured = try captureStandardOutput {
            let program = randomTransportation(seed: 9, sources: 15, sinks: 6)
            _ = try GLPK.solve(program, options: SolveOptions(method: .dual, presolve: true, messages: .all))
            let doomed = try Problem(textbookMaximum())
            _ = doomed.provokeLibraryFaultForTesting() // GLPK prints an error message here
        }
        // Other tests may print progress to stdout meanwhile, so look for GLPK's own words.
        for marker in ["GLPK Simplex Optimizer", "OPTIMAL LP SOLUTION FOUND", "Error detected in file", "out of range"] {
            #expect(!captured.contains(marker), "GLPK wrote to stdout: \(captured.prefix(300))")
        }
    }
}

// MARK: - Invalid models

struct InvalidModelCase: CustomTestStringConvertible, Sendable {
    var label: String
    var program: LinearProgram
    var expected: ModelProblem
    var testDescription: String { label }
}

private func base() -> LinearProgram { textbookMaximum() }

let invalidModels: [InvalidModelCase] = {
    var cases: [InvalidModelCase] = []
    var p = base(); p.rows = []; p.entries = []
    cases.append(.init(label: "no rows", program: p, expected: .noRows))
    p = base(); p.columns = []; p.entries = []
    cases.append(.init(label: "no columns", program: p, expected: .noColumns))
    p = base(); p.entries.append(.init(row: 3, column: 0, value: 1))
    cases.append(.init(label: "row out of range", program: p, expected: .entryOutOfRange(entry: 5, row: 3, column: 0)))
    p = base(); p.entries.append(.init(row: 0, column: -1, value: 1))
    cases.append(.init(label: "negative column", program: p, expected: .entryOutOfRange(entry: 5, row: 0, column: -1)))
    p = base(); p.entries.append(.init(row: 1, column: 1, value: 2))
    cases.append(.init(label: "duplicate entry", program: p, expected: .duplicateEntry(row: 1, column: 1)))
    p = base(); p.entries[0].value = .nan
    cases.append(.init(label: "NaN entry", program: p, expected: .nonFiniteEntry(entry: 0)))
    p = base(); p.columns[1].cost = .infinity
    cases.append(.init(label: "infinite cost", program: p, expected: .nonFiniteCost(column: 1)))
    p = base(); p.rows[2].bounds = .atMost(.infinity)
    cases.append(.init(label: "infinite bound", program: p, expected: .nonFiniteBound(what: "row", index: 2)))
    p = base(); p.columns[0].bounds = .between(5, 1)
    cases.append(.init(label: "crossed bounds", program: p, expected: .crossedBounds(what: "column", index: 0, lower: 5, upper: 1)))
    p = base(); p.rows[0].name = "r1\r"
    cases.append(.init(label: "CR in a name", program: p, expected: .badName(what: "row", index: 0, reason: "contains a control character")))
    p = base(); p.columns[0].name = String(repeating: "x", count: 256)
    cases.append(.init(label: "long name", program: p, expected: .badName(what: "column", index: 0, reason: "is longer than 255 bytes")))
    p = base(); p.columns[0].name = ""
    cases.append(.init(label: "empty name", program: p, expected: .badName(what: "column", index: 0, reason: "is empty")))
    p = base(); p.columns[1].name = "x"
    cases.append(.init(label: "duplicate name", program: p, expected: .duplicateName(what: "column", name: "x")))
    p = base(); p.rows[1].name = "1st"
    cases.append(.init(label: "leading digit", program: p, expected: .badName(what: "row", index: 1, reason: "starts with a digit or a dot")))
    p = base(); p.columns[1].name = "e12"
    cases.append(.init(label: "exponent-like", program: p, expected: .badName(what: "column", index: 1, reason: "could be read as a number")))
    return cases
}()

@Test(arguments: invalidModels)
func invalidModelIsRefusedBeforeGLPKSeesIt(_ testCase: InvalidModelCase) {
    do {
        _ = try Problem(testCase.program)
        Issue.record("accepted an invalid model")
    } catch let .invalidModel(model) {
        #expect(model.problems.contains(testCase.expected), "\(model.problems)")
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

// MARK: - Helpers

/// A random balanced transportation LP: supply rows (=), capacity rows (<=), cost >= 0.
func randomTransportation(seed: UInt64, sources: Int, sinks: Int) -> LinearProgram {
    var random = SeededRandom(seed: seed)
    var rows: [LinearProgram.Row] = []
    var supply = 0
    for s in 0..<sources {
        let amount = random.integer(in: 1...9)
        supply += amount
        rows.append(.init(name: "s\(s)", bounds: .fixed(Double(amount))))
    }
    for t in 0..<sinks {
        rows.append(.init(name: "k\(t)", bounds: .atMost(Double(supply / sinks + random.integer(in: 0...6)))))
    }
    var columns: [LinearProgram.Column] = []
    var entries: [LinearProgram.Entry] = []
    for s in 0..<sources {
        for t in 0..<sinks where random.chance(0.7) {
            entries.append(.init(row: s, column: columns.count, value: 1))
            entries.append(.init(row: sources + t, column: columns.count, value: 1))
            columns.append(.init(name: "x\(s)_\(t)", cost: Double(random.integer(in: 1...100)), bounds: .nonNegative))
        }
        entries.append(.init(row: s, column: columns.count, value: 1))
        columns.append(.init(name: "u\(s)", cost: 1000, bounds: .nonNegative))
    }
    return LinearProgram(name: "transport", rows: rows, columns: columns, entries: entries)
}

/// Checks primal feasibility, dual feasibility, complementary slackness and
/// a zero duality gap for a minimisation with finite row bounds and x >= 0.
func expectCertifiedOptimal(_ program: LinearProgram, _ solution: Solution, tolerance: Double = 1e-7) {
    let activity = program.activities(of: solution.columnValues)
    for (i, row) in program.rows.enumerated() {
        #expect(row.bounds.contains(activity[i], tolerance: tolerance), "row \(i) violated")
    }
    for (j, column) in program.columns.enumerated() {
        #expect(column.bounds.contains(solution.columnValues[j], tolerance: tolerance), "column \(j) out of bounds")
    }
    // Reduced costs d = c - A^T y.
    var reduced = program.columns.map(\.cost)
    for entry in program.entries {
        reduced[entry.column] -= entry.value * solution.rowDuals[entry.row]
    }
    var dualObjective = 0.0
    for (i, row) in program.rows.enumerated() {
        let y = solution.rowDuals[i]
        // For a minimisation: y >= 0 on >= rows, y <= 0 on <= rows, free on = rows.
        if row.bounds.lower == nil { #expect(y <= tolerance) }
        if row.bounds.upper == nil { #expect(y >= -tolerance) }
        let rhs = y >= 0 ? (row.bounds.lower ?? 0) : (row.bounds.upper ?? 0)
        dualObjective += y * rhs
    }
    for (j, column) in program.columns.enumerated() {
        #expect(abs(reduced[j] - solution.reducedCosts[j]) < 1e-6, "reduced cost of column \(j)")
        if reduced[j] < -tolerance {
            // Only possible at an upper bound.
            let upper = column.bounds.upper
            #expect(upper != nil && abs(solution.columnValues[j] - upper!) < tolerance)
            dualObjective += reduced[j] * (upper ?? 0)
        } else if reduced[j] > tolerance {
            #expect(abs(solution.columnValues[j] - (column.bounds.lower ?? 0)) < tolerance)
            dualObjective += reduced[j] * (column.bounds.lower ?? 0)
        }
    }
    #expect(abs(dualObjective - solution.objective) <= 1e-7 * max(1, abs(solution.objective)), "duality gap")
    #expect(abs(program.objective(of: solution.columnValues) - solution.objective) <= 1e-7 * max(1, abs(solution.objective)))
}

/// Runs `body` with file descriptor 1 redirected to a pipe; returns what was written.
func captureStandardOutput(_ body: () throws -> Void) throws -> String {
    fflush(nil)
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return "" }
    let saved = dup(1)
    dup2(fds[1], 1)
    close(fds[1])
    var failure: Error?
    do { try body() } catch { failure = error }
    fflush(nil)
    dup2(saved, 1)
    close(saved)
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    let flags = fcntl(fds[0], F_GETFL)
    _ = fcntl(fds[0], F_SETFL, flags | O_NONBLOCK)
    while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        bytes.append(contentsOf: buffer[0..<n])
    }
    close(fds[0])
    if let failure { throw failure }
    return String(decoding: bytes, as: UTF8.self)
}
