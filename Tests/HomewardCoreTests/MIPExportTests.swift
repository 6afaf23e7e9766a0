import Foundation
import GLPK
import HomewardCore
import LinearProgramming
import Testing

/// `homeward export --mip`: the whole allocation with its non-associations as
/// one MIP file. Written in both formats, read back by GLPK from the file (as
/// glpsol would), and solved by its branch-and-cut, its optimum must equal the
/// brute-force optimum and the coupled solver's objective.
@Suite("MIP export")
struct MIPExportTests {
    /// A small random week with non-associations (the same family of instances as the week's oracle test).
    static func instance(seed: Int) -> (Estate, [Prisoner], Policy, WeekConstraints) {
        let (plain, people, policy) = Fixture.randomInstance(seed: UInt64(52_000 + seed), maxPeople: 7, maxPlaces: 4)
        var (estate, week) = randomWeek(plain, people, seed: UInt64(900 + seed))
        week = withPairs(week, people, count: 6, seed: UInt64(seed))
        var costed = policy
        if seed % 2 == 0 { costed.nonAssociations.sharingCost = Double(seed % 7) * 30 }
        return (estate, people, costed, week)
    }

    /// Writes `program` in `format` to a file of its own, reads it back with GLPK and solves the MIP.
    static func solveFromFile(_ program: LinearProgram, format: LPWriter.Format, tag: String) throws -> MIPOutcome {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("homeward-mip-\(getpid())-\(tag).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        try LPWriter.write(program, format: format).write(to: url, atomically: true, encoding: .utf8)
        let problem = try Problem(reading: url.path, format: format)
        #expect(problem.columnCount == program.columns.count && problem.rowCount == program.rows.count)
        return try problem.solveInteger(timeLimitSeconds: 60)
    }

    @Test(arguments: 0..<80)
    func theExportedMIPSolvesToTheBruteForceOptimumAndTheCoupledSolversObjective(seed: Int) throws {
        let (estate, people, policy, week) = Self.instance(seed: seed)
        let expected = bruteForceWeekOptimum(estate, people, policy, week)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let formulation = Formulation(estate: estate, geography: Fixture.geography,
                                      population: Population(prisoners: people, week: week), policy: policy, distances: distances)
        let allocation = try Allocation(formulation)
        let solverObjective = allocation.statistics.coupled?.objective ?? allocation.solution.objective
        #expect(solverObjective == expected)
        let integers: Formulation.IntegerColumns = seed % 3 == 0 ? .all : .paired
        let program = formulation.mixedIntegerProgram(integers: integers)
        for format in LPWriter.Format.allCases {
            let outcome = try Self.solveFromFile(program, format: format, tag: "\(seed)")
            #expect(outcome.termination == .optimal, "\(format)")
            let objective = try #require(outcome.objective, "\(format)")
            #expect(abs(objective - Double(expected)) < 1e-6, "\(format), \(integers): GLPK \(objective), brute force \(expected)")
        }
    }

    @Test func theOracleInstancesHavePairRowsSharingColumnsAndBothKindsOfIntegerColumn() throws {
        var apartRows = 0, shareColumns = 0, separated = 0, mixed = 0
        for seed in 0..<80 {
            let (estate, people, policy, week) = Self.instance(seed: seed)
            let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
            let formulation = Formulation(estate: estate, geography: Fixture.geography,
                                          population: Population(prisoners: people, week: week), policy: policy, distances: distances)
            let paired = formulation.mixedIntegerProgram(integers: .paired)
            let all = formulation.mixedIntegerProgram(integers: .all)
            let lp = formulation.linearProgram()
            // The network part is the LP's, column for column.
            let networkNames = paired.columns.prefix(lp.columns.count).map(\.name)
            #expect(networkNames == lp.columns.map(\.name))
            #expect(all.columns.allSatisfy { $0.isInteger })
            if paired.columns.contains(where: { !$0.isInteger }) { mixed += 1 }
            let apart = paired.rows.filter { $0.name.hasPrefix("apart") }.count
            apartRows += apart
            shareColumns += paired.columns.filter { $0.name.hasPrefix("share") }.count
            if apart > 0 {
                var unpaired = week
                unpaired.nonAssociations = []
                let relaxed = try Allocation(Formulation(estate: estate, geography: Fixture.geography,
                                                         population: Population(prisoners: people, week: unpaired),
                                                         policy: policy, distances: distances))
                let coupled = try Allocation(formulation)
                if coupled.solution.objective > relaxed.solution.objective { separated += 1 }
            }
        }
        let census = "\(apartRows) apart rows, \(shareColumns) sharing columns, \(separated) instances where keeping apart "
            + "costs more, \(mixed) with continuous columns beside the integer ones"
        print("MIP export oracle instances: " + census)
        #expect(apartRows >= 10 && shareColumns >= 5 && separated >= 3 && mixed >= 40, "\(census)")
    }

    @Test func theMPSFileMarksIntegerColumnsAndTheLPFileListsThem() throws {
        let (estate, people, policy, week) = Self.instance(seed: 2)
        let distances = DistanceTable(geography: Fixture.geography, estate: estate, circuityFactor: policy.circuityFactor)
        let formulation = Formulation(estate: estate, geography: Fixture.geography,
                                      population: Population(prisoners: people, week: week), policy: policy, distances: distances)
        let program = formulation.mixedIntegerProgram()
        let integer = program.columns.filter(\.isInteger).map(\.name)
        try #require(!integer.isEmpty)
        let mps = try LPWriter.write(program, format: .mps)
        #expect(mps.contains("MARKER 'MARKER' 'INTORG'") && mps.contains("MARKER 'MARKER' 'INTEND'"))
        let lp = try LPWriter.write(program, format: .lp)
        let general = try #require(lp.components(separatedBy: "\nGeneral\n").last?.components(separatedBy: "\nEnd").first)
        #expect(general.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } == integer)
    }
}
