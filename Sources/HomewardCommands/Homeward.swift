import ArgumentParser
import Foundation
import HomewardCore
import Logging

/// The `homeward` command.
public struct Homeward: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "homeward",
        abstract: "Prisoner allocation and estate-placement optimiser for England and Wales, honest about families.",
        discussion: """
            Exit codes: 0 success; 1 no solution; 64 bad arguments; 65 bad input; 73 output refused; 130 interrupted.
            """,
        subcommands: [
            AllocateCommand.self, AssessCommand.self, CheckCommand.self, ExportCommand.self, EstateCommand.self,
            PopulationCommand.self, ExtractCommand.self, CompareCommand.self, SweepCommand.self, SimulateCommand.self,
        ]
    )

    public init() {}

    /// Sets up the allocator, logging (to stderr) and signal handling, then runs the command line.
    /// - Parameter root: the root command (the executable adds `serve`, which lives above the commands).
    public static func start(root: any ParsableCommand.Type = Homeward.self) {
        MemoryTuning.keepFreedMemory()
        Interruption.install()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["HOMEWARD_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        root.main()
    }
}

/// Options shared by the commands that read a scenario.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "Solver: network (LEMON network simplex) or glpk (GLPK simplex). Default: network, or glpk when side constraints exist.")
    var solver: SolverKind?
}

extension SolverKind: ExpressibleByArgument {}
