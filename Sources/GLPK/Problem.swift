import CGLPK
import GLPKShim
import LinearProgramming

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An owned GLPK problem object (`glp_prob *`), loaded from a ``LinearProgram``.
///
/// Not copyable and not `Sendable`: GLPK keeps each thread's objects in that
/// thread's own environment, so a problem is created, solved and freed on one
/// thread. Keep all work on it synchronous (no `await` in between). Memory is
/// freed deterministically when the value goes out of scope.
///
/// Every argument is checked before GLPK sees it, because GLPK aborts the
/// process on an invalid one; the C shim turns any abort that slips through
/// into ``GLPKError/libraryFault``.
public struct Problem: ~Copyable {
    private let raw: OpaquePointer
    private let generation: UInt
    private let thread: pthread_t

    /// The number of rows.
    public let rowCount: Int
    /// The number of columns.
    public let columnCount: Int

    /// Loads `program` into a new GLPK problem (`glp_add_rows`, `glp_add_cols`,
    /// `glp_set_row_bnds`, `glp_set_col_bnds`, `glp_set_obj_coef`, one `glp_load_matrix`).
    /// - Parameter program: the model; validated first.
    /// - Throws: ``GLPKError/invalidModel(_:)`` if GLPK would refuse it, or
    ///   ``GLPKError/outOfMemory`` / ``GLPKError/libraryFault``.
    public init(_ program: LinearProgram) throws(GLPKError) {
        do {
            try program.validate()
        } catch {
            throw .invalidModel(error)
        }
        GLPKLog.install()
        guard let created = hw_glp_create() else { throw .libraryFault }
        let costs = program.columns.map(\.cost)
        let rowKinds = program.rows.map { Self.kind($0.bounds) }
        let rowLower = program.rows.map { $0.bounds.lower ?? 0 }
        let rowUpper = program.rows.map { $0.bounds.upper ?? 0 }
        let colKinds = program.columns.map { Self.kind($0.bounds) }
        let colLower = program.columns.map { $0.bounds.lower ?? 0 }
        let colUpper = program.columns.map { $0.bounds.upper ?? 0 }
        let entryRows = program.entries.map { Int32($0.row) }
        let entryCols = program.entries.map { Int32($0.column) }
        let entryValues = program.entries.map(\.value)
        let sense: Int32 = program.sense == .minimise ? 1 : 0
        let code = CStringArray(program.rows.map(\.name)).withPointers { rowNames in
            CStringArray(program.columns.map(\.name)).withPointers { colNames in
                hw_glp_load(
                    created, sense,
                    Int32(program.rows.count), rowKinds, rowLower, rowUpper, rowNames,
                    Int32(program.columns.count), colKinds, colLower, colUpper, costs, colNames,
                    Int32(program.entries.count), entryRows, entryCols, entryValues,
                    program.name.isEmpty ? nil : Self.sanitisedName(program.name))
            }
        }
        if code == HW_GLP_FAULT { throw .libraryFault }
        if code != 0 {
            hw_glp_delete(created)
            throw .outOfMemory
        }
        let integers = program.columns.indices.filter { program.columns[$0].isInteger }.map { Int32($0) }
        if !integers.isEmpty && hw_glp_set_integer(created, Int32(integers.count), integers) == HW_GLP_FAULT {
            throw .libraryFault
        }
        raw = created
        generation = UInt(hw_glp_environment_generation())
        thread = pthread_self()
        rowCount = program.rows.count
        columnCount = program.columns.count
    }

    /// Reads a CPLEX LP (`glp_read_lp`) or free MPS (`glp_read_mps`) file.
    /// - Parameters:
    ///   - path: the file.
    ///   - format: which format it is in.
    /// - Throws: ``GLPKError/unreadable(path:)`` if GLPK rejects the file.
    public init(reading path: String, format: LPWriter.Format) throws(GLPKError) {
        GLPKLog.install()
        guard let created = hw_glp_create() else { throw .libraryFault }
        let code = hw_glp_read(created, path, format == .lp ? 0 : 1)
        if code == HW_GLP_FAULT { throw .libraryFault }
        if code != 0 {
            hw_glp_delete(created)
            throw .unreadable(path: path)
        }
        raw = created
        generation = UInt(hw_glp_environment_generation())
        thread = pthread_self()
        rowCount = Int(glp_get_num_rows(created))
        columnCount = Int(glp_get_num_cols(created))
    }

    deinit {
        // Free only if the object still exists: a fault frees the whole environment.
        if pthread_equal(thread, pthread_self()) != 0 && UInt(hw_glp_environment_generation()) == generation {
            hw_glp_delete(raw)
        }
    }

    // MARK: - Edits that keep the basis (for warm re-solves)

    /// Sets the cost of column `column` (0-based) with `glp_set_obj_coef`; the basis is kept.
    /// - Throws: ``GLPKError/invalidArgument(_:)`` for an unknown column or a non-finite cost.
    public mutating func setCost(column: Int, to cost: Double) throws(GLPKError) {
        try checkAlive()
        guard column >= 0 && column < columnCount else { throw .invalidArgument("column \(column) does not exist") }
        guard cost.isFinite else { throw .invalidArgument("cost \(cost) is not finite") }
        if hw_glp_set_cost(raw, Int32(column + 1), cost) == HW_GLP_FAULT { throw .libraryFault }
    }

    /// Sets the bounds of column `column` (0-based) with `glp_set_col_bnds`; the basis is kept.
    /// - Throws: ``GLPKError/invalidArgument(_:)`` for an unknown column or bad bounds.
    public mutating func setColumnBounds(column: Int, to bounds: Bounds) throws(GLPKError) {
        try checkAlive()
        guard column >= 0 && column < columnCount else { throw .invalidArgument("column \(column) does not exist") }
        try Self.check(bounds)
        let code = hw_glp_set_col_bounds(raw, Int32(column + 1), Self.kind(bounds), bounds.lower ?? 0, bounds.upper ?? 0)
        if code == HW_GLP_FAULT { throw .libraryFault }
    }

    /// Sets the bounds of row `row` (0-based) with `glp_set_row_bnds`; the basis is kept.
    /// - Throws: ``GLPKError/invalidArgument(_:)`` for an unknown row or bad bounds.
    public mutating func setRowBounds(row: Int, to bounds: Bounds) throws(GLPKError) {
        try checkAlive()
        guard row >= 0 && row < rowCount else { throw .invalidArgument("row \(row) does not exist") }
        try Self.check(bounds)
        let code = hw_glp_set_row_bounds(raw, Int32(row + 1), Self.kind(bounds), bounds.lower ?? 0, bounds.upper ?? 0)
        if code == HW_GLP_FAULT { throw .libraryFault }
    }

    // MARK: - Solving

    /// Runs the simplex method (`glp_simplex`).
    ///
    /// With presolve on, a report of infeasibility from the presolver
    /// (`GLP_ENOPFS`, `GLP_ENODFS`) is followed by a second solve without
    /// presolve, so that the status is exact (infeasible or unbounded).
    /// - Parameter options: method, presolve, start and limits.
    /// - Returns: the termination, and the solution when optimal.
    /// - Throws: ``GLPKError/problemLost`` or ``GLPKError/libraryFault``.
    public func solve(_ options: SolveOptions = .cold) throws(GLPKError) -> SolveOutcome {
        try checkAlive()
        var iterations = 0
        var code = try run(options)
        iterations += Int(glp_get_it_cnt(raw))
        var repeated = false
        if options.presolve && (code == GLP_ENOPFS || code == GLP_ENODFS) {
            repeated = true
            var exact = options
            exact.presolve = false
            exact.start = .standardBasis
            exact.method = .primal
            let before = Int(glp_get_it_cnt(raw))
            code = try run(exact)
            iterations += max(0, Int(glp_get_it_cnt(raw)) - before)
        }
        let status = glp_get_status(raw)
        let termination: Termination
        if code == 0 {
            switch status {
            case GLP_OPT: termination = .optimal
            case GLP_NOFEAS: termination = .infeasible
            case GLP_UNBND: termination = .unbounded
            default:
                // The dual simplex can stop with the dual infeasible and the primal
                // undefined; the primal simplex from the slack basis settles it.
                if glp_get_dual_stat(raw) == GLP_NOFEAS || glp_get_prim_stat(raw) == GLP_NOFEAS {
                    var exact = options
                    exact.presolve = false
                    exact.start = .standardBasis
                    exact.method = .primal
                    let retry = try run(exact)
                    let retryStatus = glp_get_status(raw)
                    if retry == 0 && retryStatus == GLP_OPT {
                        termination = .optimal
                    } else if retry == 0 && retryStatus == GLP_NOFEAS {
                        termination = .infeasible
                    } else if retry == 0 && retryStatus == GLP_UNBND {
                        termination = .unbounded
                    } else {
                        termination = .failed(Failure(code: retry, status: retryStatus))
                    }
                } else {
                    termination = .failed(Failure(code: code, status: status))
                }
            }
        } else {
            termination = .failed(Failure(code: code, status: status))
        }
        let solution = termination == .optimal ? readSolution() : nil
        return SolveOutcome(termination: termination, solution: solution, iterations: iterations,
                            repeatedWithoutPresolve: repeated)
    }

    /// Solves the problem as a MIP: the LP relaxation by the simplex method,
    /// then GLPK's branch-and-cut (`glp_intopt`) with presolve off, offered
    /// `warmStart` (an integer-feasible value per column, checked here first)
    /// as its first incumbent.
    /// - Parameters:
    ///   - warmStart: a feasible solution, or nil.
    ///   - timeLimitSeconds: a limit on the search, or nil.
    ///   - messages: GLPK's terminal output level (through ``GLPKLog``).
    /// - Returns: the termination, the best solution found, the nodes and the gap.
    /// - Throws: ``GLPKError/invalidArgument(_:)`` for a warm start of the wrong
    ///   length or with non-finite values; ``GLPKError/problemLost`` or ``GLPKError/libraryFault``.
    public func solveInteger(warmStart: [Double]? = nil, timeLimitSeconds: Double? = nil,
                             messages: SolveOptions.Messages = .off) throws(GLPKError) -> MIPOutcome {
        try checkAlive()
        if let warmStart {
            guard warmStart.count == columnCount else { throw .invalidArgument("a warm start needs one value per column") }
            guard warmStart.allSatisfy(\.isFinite) else { throw .invalidArgument("a warm start value is not finite") }
        }
        let milliseconds = timeLimitSeconds.map { Int32(clamping: Int(($0 * 1000).rounded(.up))) } ?? 0
        var simplexCode: Int32 = 0, nodes: Int32 = 0, gap = 0.0
        let warm = warmStart.map { [0] + $0 }
        let code = hw_glp_intopt(raw, warm, max(0, milliseconds), messages.code, &simplexCode, &nodes, &gap)
        if code == HW_GLP_FAULT { throw .libraryFault }
        let status = simplexCode == 0 && code == 0 ? glp_mip_status(raw) : GLP_UNDEF
        let termination: MIPOutcome.Termination
        switch (simplexCode, code, status) {
        case (GLP_ETMLIM, _, _): termination = .timeLimit // the root LP reached the time limit
        case (0, 0, GLP_OPT): termination = .optimal
        case (0, 0, GLP_NOFEAS): termination = .infeasible
        case (0, GLP_ENOPFS, _): termination = .infeasible
        case (0, GLP_ETMLIM, _): termination = .timeLimit
        case (0, GLP_ESTOP, _): termination = .timeLimit
        default:
            termination = simplexCode == 0 && glp_get_status(raw) == GLP_NOFEAS
                ? .infeasible : .failed(Failure(code: simplexCode != 0 ? simplexCode : code, status: status))
        }
        let hasSolution = glp_mip_status(raw) == GLP_OPT || glp_mip_status(raw) == GLP_FEAS
        let values = hasSolution ? (0..<columnCount).map { glp_mip_col_val(raw, Int32($0 + 1)) } : nil
        return MIPOutcome(termination: termination, objective: hasSolution ? glp_mip_obj_val(raw) : nil,
                          columnValues: values, nodes: Int(nodes), gap: termination == .optimal ? 0 : gap)
    }

    private func run(_ options: SolveOptions) throws(GLPKError) -> Int32 {
        if !options.presolve {
            switch options.start {
            case .standardBasis:
                if hw_glp_std_basis(raw) == HW_GLP_FAULT { throw .libraryFault }
            case .advancedBasis:
                if hw_glp_adv_basis(raw) == HW_GLP_FAULT { throw .libraryFault }
            case .current:
                break
            }
        }
        let iterationLimit = options.iterationLimit.map { Int32(clamping: $0) } ?? 0
        let milliseconds = options.timeLimitSeconds.map { Int32(clamping: Int(($0 * 1000).rounded(.up))) } ?? 0
        let code = hw_glp_simplex(raw, options.method.code, options.presolve ? 1 : 0,
                                  max(0, iterationLimit), max(0, milliseconds), options.messages.code)
        if code == HW_GLP_FAULT { throw .libraryFault }
        return code
    }

    private func readSolution() -> Solution {
        var x = [Double](repeating: 0, count: columnCount)
        var reduced = [Double](repeating: 0, count: columnCount)
        for j in 0..<columnCount {
            x[j] = glp_get_col_prim(raw, Int32(j + 1))
            reduced[j] = glp_get_col_dual(raw, Int32(j + 1))
        }
        var activity = [Double](repeating: 0, count: rowCount)
        var duals = [Double](repeating: 0, count: rowCount)
        for i in 0..<rowCount {
            activity[i] = glp_get_row_prim(raw, Int32(i + 1))
            duals[i] = glp_get_row_dual(raw, Int32(i + 1))
        }
        return Solution(objective: glp_get_obj_val(raw), columnValues: x, rowActivities: activity,
                        rowDuals: duals, reducedCosts: reduced)
    }

    // MARK: - Checks

    private func checkAlive() throws(GLPKError) {
        guard pthread_equal(thread, pthread_self()) != 0 else {
            throw .invalidArgument("a GLPK problem was used on a thread other than the one that created it")
        }
        guard UInt(hw_glp_environment_generation()) == generation else { throw .problemLost }
    }

    private static func check(_ bounds: Bounds) throws(GLPKError) {
        if let lower = bounds.lower, !lower.isFinite { throw .invalidArgument("lower bound \(lower) is not finite") }
        if let upper = bounds.upper, !upper.isFinite { throw .invalidArgument("upper bound \(upper) is not finite") }
        if let lower = bounds.lower, let upper = bounds.upper, lower > upper {
            throw .invalidArgument("lower bound \(lower) is above upper bound \(upper)")
        }
    }

    static func kind(_ bounds: Bounds) -> Int32 {
        switch (bounds.lower, bounds.upper) {
        case (nil, nil): return GLP_FR
        case (.some, nil): return GLP_LO
        case (nil, .some): return GLP_UP
        case let (l?, u?): return l == u ? GLP_FX : GLP_DB
        }
    }

    private static func sanitisedName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.filter { $0.value >= 32 && $0.value < 127 }.prefix(255))
        return cleaned.isEmpty ? "homeward" : cleaned
    }

    // MARK: - Testing the backstop

    /// Makes an invalid GLPK call on purpose, to show that the shim catches
    /// GLPK's abort. Afterwards this problem (and every other GLPK object on the
    /// thread) is gone. For tests only.
    /// - Returns: ``GLPKError/libraryFault`` if the backstop worked.
    public func provokeLibraryFaultForTesting() -> GLPKError? {
        guard (try? checkAlive()) != nil else { return .problemLost }
        return hw_glp_provoke_fault(raw) == HW_GLP_FAULT ? .libraryFault : nil
    }
}

/// Solves `program` once from scratch.
/// - Parameters:
///   - program: the model.
///   - options: how to solve it.
/// - Returns: the outcome; infeasible and unbounded are outcomes, not errors.
/// - Throws: ``GLPKError`` if the model is invalid or GLPK faults.
public func solve(_ program: LinearProgram, options: SolveOptions = .cold) throws(GLPKError) -> SolveOutcome {
    let problem = try Problem(program)
    return try problem.solve(options)
}

/// Frees the calling thread's GLPK environment (`glp_free_env`). Call at the
/// end of a worker thread that used GLPK; any problem still alive on the
/// thread becomes unusable (and is not freed twice).
public func releaseThreadEnvironment() {
    hw_glp_free_environment()
}

/// A list of C strings kept alive for the duration of a call.
struct CStringArray {
    private var storage: [CChar]
    private var offsets: [Int]

    init(_ strings: [String]) {
        storage = []
        offsets = []
        offsets.reserveCapacity(strings.count)
        for string in strings {
            offsets.append(storage.count)
            storage.append(contentsOf: string.utf8CString)
        }
    }

    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var pointers: [UnsafePointer<CChar>?] = offsets.map { base + $0 }
            if pointers.isEmpty { pointers = [nil] }
            return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
        }
    }
}
