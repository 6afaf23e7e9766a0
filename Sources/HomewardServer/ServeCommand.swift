import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `homeward serve`: the web workspace.
package struct ServeCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web workspace: the estate, a scenario builder, runs with progress, and the run history.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise. Beyond loopback every request needs a token \
            (--token, or HOMEWARD_TOKEN; one is made and printed if neither is given), sent as \
            'Authorization: Bearer TOKEN', or once as /?token=TOKEN in a browser. The history and every run's files \
            are kept in DATA (homeward.sqlite and runs/N/). Scenarios and the estate are read from --root.
            """
    )

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Address to listen on (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: "Folder for the history and the runs' files.")
    var data = "homeward-data"

    @Option(help: "The project folder with Scenarios/ and Estate/.")
    var root = "."

    @Option(help: "The bearer token required beyond loopback (default: HOMEWARD_TOKEN, or a new random one).")
    var token: String?

    @Option(name: .long, help: "Largest request body accepted, in kilobytes.")
    var maxBodyKb = 1024

    @Option(name: .long, help: "Runs at once (default: the number of cores); the rest wait in a queue.")
    var maxRuns: Int?

    package init() {}

    package func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard (1...102_400).contains(maxBodyKb) else { throw ValidationError("--max-body-kb must be between 1 and 102400") }
        if let maxRuns, !(1...64).contains(maxRuns) { throw ValidationError("--max-runs must be between 1 and 64") }
    }

    package func run() throws {
        var token = self.token ?? ProcessInfo.processInfo.environment["HOMEWARD_TOKEN"]
        if !Security.isLoopback(host), token == nil {
            token = Security.randomToken()
            print("Token (send as 'Authorization: Bearer TOKEN', or open /?token=TOKEN once): \(token!)")
        }
        let settings = ServerSettings(root: root, data: data, token: token, maxBodyBytes: maxBodyKb * 1024,
                                      maxConcurrentRuns: maxRuns ?? ProcessInfo.processInfo.activeProcessorCount)
        let workspace = try Workspace(settings: settings)
        var logger = Logger(label: "homeward.serve")
        logger.logLevel = .notice
        let app = try HomewardWeb.application(workspace, host: host, port: port, logger: logger)
        print("Homeward workspace on http://\(host):\(port)/ (data in \(data)); Ctrl-C stops it")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        Task {
            do { try await app.runService() } catch { failure = error }
            done.signal()
        }
        done.wait()
        if let failure { throw failure }
    }
}
