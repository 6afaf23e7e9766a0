import ArgumentParser
import HomewardCore

/// Why a command stopped, and its exit code.
///
/// Exit codes: 0 success; 1 no solution (solver failure); 65 bad input;
/// 70 internal fault; 73 output refused (exists, or cannot be written).
package enum CommandFailure: Error, CustomStringConvertible {
    case input(InputErrors)
    case outputExists(String, String)
    case cannotWrite(String, String)
    case noSolution(String)
    case usage(String)
    case interrupted

    package var description: String {
        switch self {
        case let .input(errors): return errors.description
        case let .outputExists(path, why):
            return "\(path): will not overwrite: \(why) (hint: pass --force to replace it, or choose another --out)"
        case let .cannotWrite(path, why): return "\(path): cannot write: \(why)"
        case let .noSolution(why): return "no solution: \(why)"
        case let .usage(text): return text
        case .interrupted: return "interrupted: no output was written"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .input: return 65
        case .outputExists, .cannotWrite: return 73
        case .noSolution: return 1
        case .usage: return 64
        case .interrupted: return 130
        }
    }
}

/// Runs a command body, printing a failure to stderr and exiting with its code.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        printError(failure.description)
        throw ExitCode(failure.exitCode)
    } catch let errors as InputErrors {
        printError(errors.description)
        throw ExitCode(65)
    } catch let error as AllocationError {
        printError("no solution: \(error.description)")
        throw ExitCode(1)
    } catch is RunStopped {
        throw ExitCode(130)
    }
}

func printError(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

import Foundation
